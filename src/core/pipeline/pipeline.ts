import type { StrataSettings } from '../config/settings';
import { hasErrors, type Issue } from '../diagnostics/issue';
import { type AgentTotals, CallLedger, emptyTotals } from '../model/accounting';
import { CallLimiter } from '../model/callLimiter';
import type { ModelProvider } from '../model/chat';
import { isCancelled } from '../model/errors';
import type { ProjectFiles } from '../project/projectFiles';
import { type Conflict, contentHash, GENERATED_MANIFEST, type Manifest, planWrites, readManifest, renderManifest } from '../project/generatedFiles';
import { artifactPath, previousArtifactPath } from '../project/strataProject';
import type { PipelineEvent, RunOutcome } from './events';
import type { Phase } from './phase';
import type { PhaseId } from './phaseId';

export interface RunOptions {
  target: ProjectFiles;
  provider: ModelProvider;
  settings: StrataSettings;
  signal?: AbortSignal;
  onEvent?: (event: PipelineEvent) => void;
  /**
   * Asked before overwriting files Strata did not write, or wrote and the user edited since. Without it,
   * or when it answers false, the run writes nothing and says which files are in the way.
   */
  confirmOverwrite?: (conflicts: Conflict[]) => boolean | Promise<boolean>;
}

export interface RunResult {
  outcome: RunOutcome;
  /** The phase that failed or was running when the run was cancelled. */
  stoppedAt?: PhaseId;
  issues: Issue[];
  written: string[];
  /** Files of an earlier run that this run no longer produces (unedited ones only). */
  removed: string[];
  /** Compiler problems left in written files (see `PhaseResult.residual`). */
  diagnostics: Issue[];
  ledger: CallLedger;
}

/**
 * Runs phases in order. Nothing reaches the target until every phase has produced a valid output:
 * files and artifacts are staged in memory and written together at the end, so a failed or cancelled
 * run leaves the target as it was. Each phase's artifact is saved as `.strata/<phase>.json`, the one it
 * replaces as `.strata/previous/<phase>.json` (the left side of the phase diff).
 */
export async function runPipeline(phases: readonly Phase[], options: RunOptions): Promise<RunResult> {
  const emit = options.onEvent ?? (() => undefined);
  const ledger = new CallLedger();
  const limiter = new CallLimiter(options.settings.concurrency);
  const signal = options.signal ?? new AbortController().signal;
  const artifacts = new Map<PhaseId, unknown>();
  const staged = new Map<string, string>();
  const diagnostics: Issue[] = [];
  let current: PhaseId | undefined;
  const stopListening = ledger.onRecord((record) => current && emit({ type: 'call', phase: current, record }));

  const finish = (outcome: RunOutcome, issues: Issue[], written: string[], removed: string[] = []): RunResult => {
    stopListening();
    limiter.abortAll();
    emit({ type: 'run-finished', outcome, written });
    return { outcome, stoppedAt: outcome === 'succeeded' ? undefined : current, issues, written, removed, diagnostics: outcome === 'succeeded' ? diagnostics : [], ledger };
  };
  const rendered = new Map<string, PhaseId>();

  for (const phase of phases) {
    current = phase.id;
    if (signal.aborted) return finish('cancelled', [], []);
    emit({ type: 'phase-started', phase: phase.id });
    let result;
    try {
      result = await phase.run({
        phase: phase.id,
        settings: options.settings,
        provider: options.provider,
        ledger,
        limiter,
        signal,
        artifactOf: (id) => artifacts.get(id),
        progress: (completed, total) => emit({ type: 'progress', phase: phase.id, completed, total }),
      });
    } catch (error) {
      if (signal.aborted || isCancelled(error)) return finish('cancelled', [], []);
      const issue: Issue = { severity: 'error', source: phase.id, message: error instanceof Error ? error.message : String(error) };
      emit({ type: 'phase-finished', phase: phase.id, ok: false, issues: [issue], files: [], totals: totalsOf(ledger, phase.id) });
      return finish('failed', [issue], []);
    }
    const ok = !hasErrors(result.issues);
    const residual = result.residual ?? [];
    emit({ type: 'phase-finished', phase: phase.id, ok, issues: [...result.issues, ...residual], files: [...result.files.keys()], totals: totalsOf(ledger, phase.id) });
    if (!ok) return finish('failed', result.issues, []);
    if (signal.aborted) return finish('cancelled', [], []);
    artifacts.set(phase.id, result.artifact);
    diagnostics.push(...residual);
    for (const [path, content] of result.files) {
      staged.set(path, content);
      rendered.set(path, phase.id);
    }
    staged.set(artifactPath(phase.id), `${JSON.stringify(result.artifact, null, 2)}\n`);
  }

  // Keep each replaced artifact as the previous one before writing the new.
  for (const phase of phases) {
    const existing = await options.target.read(artifactPath(phase.id));
    if (existing !== undefined) staged.set(previousArtifactPath(phase.id), existing);
  }
  // Never overwrite or delete what the user wrote or edited without asking.
  const previous = await readManifest(options.target);
  const output = new Map([...rendered.keys()].map((path) => [path, staged.get(path)!]));
  const phasesRun = new Set<string>(phases.map((phase) => phase.id));
  const plan = await planWrites(options.target, previous, output, phasesRun);
  if (plan.conflicts.length > 0 && !(await options.confirmOverwrite?.(plan.conflicts))) {
    const names = plan.conflicts.slice(0, 8).map((conflict) => `${conflict.path}${conflict.reason === 'edited' ? ' (edited by hand)' : ''}`);
    const more = plan.conflicts.length > names.length ? ` and ${plan.conflicts.length - names.length} more` : '';
    const message = `${plan.conflicts.length} file(s) in the way: ${names.join(', ')}${more}. Strata did not write them as they are now, so nothing was written; move them away or allow overwriting.`;
    return finish('failed', [{ severity: 'error', source: 'pipeline', message }], []);
  }
  const manifest: Manifest = {};
  for (const [path, entry] of Object.entries(previous)) {
    // Kept: files of phases that did not run, and retired files the user edited (they stay on disk).
    if (!phasesRun.has(entry.phase) || plan.staleEdited.includes(path)) manifest[path] = entry;
  }
  for (const [path, content] of output) manifest[path] = { hash: contentHash(content), phase: rendered.get(path)! };
  staged.set(GENERATED_MANIFEST, renderManifest(manifest));

  const written: string[] = [];
  const removed: string[] = [];
  try {
    for (const [path, content] of [...staged].sort(([a], [b]) => a.localeCompare(b))) {
      if ((await options.target.read(path)) === content) continue;
      await options.target.write(path, content);
      written.push(path);
    }
    for (const path of plan.stale) {
      await options.target.remove(path);
      removed.push(path);
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const message = `Writing failed after ${written.length} file(s) (${written.slice(0, 5).join(', ')}${written.length > 5 ? ', …' : ''}): ${reason}`;
    return finish('failed', [{ severity: 'error', source: 'pipeline', message }], written);
  }
  for (const path of plan.staleEdited) {
    diagnostics.push({ severity: 'warning', source: 'pipeline', file: path, message: 'This run no longer generates this file, but it was edited by hand, so it was kept: delete it if it is not needed.' });
  }
  return finish('succeeded', [], written, removed);
}

function totalsOf(ledger: CallLedger, phase: PhaseId): AgentTotals {
  return ledger.byAgent().get(phase) ?? emptyTotals();
}
