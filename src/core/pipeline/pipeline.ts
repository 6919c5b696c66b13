import type { StrataSettings } from '../config/settings';
import { hasErrors, type Issue } from '../diagnostics/issue';
import { type AgentTotals, CallLedger, emptyTotals } from '../model/accounting';
import { CallLimiter } from '../model/callLimiter';
import type { ModelProvider } from '../model/chat';
import { isCancelled } from '../model/errors';
import type { ProjectFiles } from '../project/projectFiles';
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
}

export interface RunResult {
  outcome: RunOutcome;
  /** The phase that failed or was running when the run was cancelled. */
  stoppedAt?: PhaseId;
  issues: Issue[];
  written: string[];
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

  const finish = (outcome: RunOutcome, issues: Issue[], written: string[]): RunResult => {
    stopListening();
    limiter.abortAll();
    emit({ type: 'run-finished', outcome, written });
    return { outcome, stoppedAt: outcome === 'succeeded' ? undefined : current, issues, written, diagnostics: outcome === 'succeeded' ? diagnostics : [], ledger };
  };

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
    for (const [path, content] of result.files) staged.set(path, content);
    staged.set(artifactPath(phase.id), `${JSON.stringify(result.artifact, null, 2)}\n`);
  }

  // Keep each replaced artifact as the previous one before writing the new.
  for (const phase of phases) {
    const existing = await options.target.read(artifactPath(phase.id));
    if (existing !== undefined) staged.set(previousArtifactPath(phase.id), existing);
  }
  const written: string[] = [];
  for (const [path, content] of [...staged].sort(([a], [b]) => a.localeCompare(b))) {
    if ((await options.target.read(path)) === content) continue;
    await options.target.write(path, content);
    written.push(path);
  }
  return finish('succeeded', [], written);
}

function totalsOf(ledger: CallLedger, phase: PhaseId): AgentTotals {
  return ledger.byAgent().get(phase) ?? emptyTotals();
}
