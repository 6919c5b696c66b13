import type { StrataSettings } from '../config/settings';
import { hasErrors, type Issue } from '../diagnostics/issue';
import { type AgentTotals, CallLedger, emptyTotals } from '../model/accounting';
import { CallLimiter } from '../model/callLimiter';
import type { ModelProvider } from '../model/chat';
import { isCancelled } from '../model/errors';
import type { ProjectFiles } from '../project/projectFiles';
import { describeFsError } from '../project/fileSystem';
import { type RunLock, RunLockedError } from '../project/runLock';
import { agentOf, answerKey, type Checkpoint, targetOf, CHECKPOINT_DIR, checkpointFiles, checkpointRemoval, ReplayingProvider } from './checkpoint';
import { commitRun, type ConfirmOverwrite, type ReviewChanges, type RunOutput } from './commitRun';
import { formatOutput } from './formatOutput';
import { BackgroundFormatter } from '../project/formatting';
import type { PipelineEvent, RunOutcome } from './events';
import type { EarlierRun, Phase } from './phase';
import type { ChangeSet } from '../project/changeSet';
import type { PhaseId } from '../phaseId';
import { Backtracking } from './backtracking';

export interface RunOptions {
  target: ProjectFiles;
  provider: ModelProvider;
  settings: StrataSettings;
  signal?: AbortSignal;
  onEvent?: (event: PipelineEvent) => void;
  /**
   * Asked before overwriting files Strata did not write, or wrote and the user edited since: true takes
   * the run's version of each, a map decides file by file (keep mine by default). Without it, or when it
   * answers false, the run changes nothing and says which files are in the way.
   */
  confirmOverwrite?: ConfirmOverwrite;
  /**
   * Review before apply: shown every file the run would change once all phases are valid; the run writes
   * what it accepts, nothing when it rejects, and runs a phase again with an instruction when asked.
   * Conflicts are decided there too.
   */
  review?: ReviewChanges;
  /** Who runs, in words, for the folder's run lock ("strata generate", "VS Code: New Backend"). */
  command?: string;
  /** Files written with a successful run that are not generated (the requirements). */
  alongside?: ReadonlyMap<string, string>;
  /**
   * When set, a run that fails keeps a checkpoint in `.strata/resume/` (the requirements and every
   * accepted answer) so it can be resumed; `keepWhenEmpty` keeps it even when no answer was accepted yet.
   */
  checkpoint?: { requirements: string; keepWhenEmpty?: boolean };
  /** A checkpoint of an earlier failed run: its answers are replayed instead of asking the model again. */
  resume?: Checkpoint;
  /** A hand-edited file the run renders as before is kept without asking (a feature step); a whole run asks. */
  keepUnchangedEdits?: boolean;
  /** False: files are committed as rendered, not formatted (a run whose files nobody reads: the doctor's recording). */
  format?: boolean;
  /**
   * A feature step: what each phase is told of the finished run it grows from (its earlier answers and
   * what the change reaches), given the artifacts the phases before it produced in this run.
   */
  earlier?: (phase: PhaseId, artifacts: ReadonlyMap<PhaseId, unknown>) => EarlierRun | undefined;
  /**
   * Checked before each phase starts, with the artifacts of the phases before it: an error stops the run
   * there, before any more is asked (a feature step whose data model change would lose data unasked).
   */
  gate?: (phase: PhaseId, artifacts: ReadonlyMap<PhaseId, unknown>) => Issue[] | Promise<Issue[]>;
  /**
   * Files written with the run that are not generated (a migration, a feature step's record), made once its
   * change set is known (see `CommitHooks.record`) from it, the calls, the artifacts and every rendered file.
   */
  record?: (changeSet: ChangeSet, run: FinishedRun) => Promise<ReadonlyMap<string, string>>;
}

/** A run whose phases all finished, as the files it writes with it see it. */
export interface FinishedRun {
  ledger: CallLedger;
  artifacts: ReadonlyMap<PhaseId, unknown>;
  /** Every rendered file, formatted: path -> content. */
  files: ReadonlyMap<string, string>;
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
  /** Whether anything in the target changed, a checkpoint aside. */
  changed: boolean;
  /** Set when a failed run kept its work for resuming. */
  checkpoint?: string;
  /** Answers replayed from a checkpoint instead of asked again. */
  reused: number;
  /** The cancel came after the last file was in place: the run finished anyway. */
  finishedDespiteCancel?: boolean;
  /** What was done about a crashed earlier run found in the folder. */
  recovered?: string;
  /** How many times the run went back to an earlier phase. */
  backtracks?: number;
  /** The review rejected the run (outcome `cancelled`): nothing was written. */
  rejected?: boolean;
  /** Files the run would have changed that were left as they are (keep mine, or not accepted in the review). */
  kept?: string[];
  /** The restore point of the applied run (`.strata/checkpoints/<id>.json`). */
  restorePoint?: string;
  /** How many times the review sent the run back to a phase with an instruction. */
  reruns?: number;
  /** Files edited by hand that took a clean three-way merge of the user's edits and the run's changes. */
  merged?: string[];
}

/**
 * Runs phases in order, holding the folder's run lock. Nothing reaches the target until every phase has
 * produced a valid output; then every file is formatted (see `formatOutput`) and written in one transaction
 * (see `commitRun`), so a failed or cancelled run leaves the target as it was. A failed run may add only its checkpoint.
 */
export async function runPipeline(phases: readonly Phase[], options: RunOptions): Promise<RunResult> {
  const ledger = new CallLedger();
  const bare = (outcome: RunOutcome, issues: Issue[]): RunResult => ({ outcome, issues, written: [], removed: [], diagnostics: [], ledger, changed: false, reused: 0 });
  let lock: RunLock;
  try {
    lock = await options.target.lock(options.command ?? 'a Strata run');
  } catch (error) {
    const message = error instanceof RunLockedError ? error.message : `Cannot start a run in this folder: ${describeFsError(error)}. Nothing was changed.`;
    const result = bare('failed', [{ severity: 'error', source: 'pipeline', message }]);
    options.onEvent?.({ type: 'run-finished', outcome: result.outcome, written: [] });
    return result;
  }
  // Started with the run: each phase's files are formatted as soon as the phase is done (see formatOutput).
  const formatter = options.format === false ? undefined : new BackgroundFormatter();
  try {
    return await runLocked(phases, options, ledger, formatter);
  } finally {
    await formatter?.close();
    await lock.release();
  }
}

async function runLocked(phases: readonly Phase[], options: RunOptions, ledger: CallLedger, formatter: BackgroundFormatter | undefined): Promise<RunResult> {
  const emit = options.onEvent ?? (() => undefined);
  const limiter = new CallLimiter(options.settings.concurrency);
  const signal = options.signal ?? new AbortController().signal;
  const artifacts = new Map<PhaseId, unknown>();
  const files: RunOutput['files'] = new Map();
  const residuals = new Map<PhaseId, Issue[]>();
  const accepted: Record<string, unknown> = {};
  const replaying = options.resume ? new ReplayingProvider(options.provider, options.resume.answers) : undefined;
  // Answers of phases a going-back redoes: replayed through the new checks, asked again only if they no longer fit.
  const redoing = new ReplayingProvider(replaying ?? options.provider, {});
  const provider = redoing;
  const going = new Backtracking(phases, options.settings.backtracks);
  let current: PhaseId | undefined;
  let recovered: string | undefined;
  /** Instructions from the review, per phase, told to every call of the phase when it runs again. */
  const instructions = new Map<PhaseId, string[]>();
  let reruns = 0;
  const stopListening = ledger.onRecord((record) => current && emit({ type: 'call', phase: current, record }));

  const finish = (outcome: RunOutcome, issues: Issue[], extra: Partial<RunResult> = {}): RunResult => {
    stopListening();
    limiter.abortAll();
    const result: RunResult = {
      outcome,
      stoppedAt: outcome === 'succeeded' ? undefined : current,
      issues,
      written: [],
      removed: [],
      diagnostics: outcome === 'succeeded' ? [...residuals.values()].flat() : [],
      ledger,
      changed: false,
      reused: replaying?.replayed ?? 0,
      recovered,
      backtracks: going.taken,
      reruns,
      ...extra,
    };
    emit({ type: 'run-finished', outcome, written: result.written });
    return result;
  };
  /** A failed run keeps what the model got right, so that a resumed run need not ask for it again. */
  const fail = async (issues: Issue[], extra: Partial<RunResult> = {}): Promise<RunResult> => {
    // Answers set aside by a going-back and not reached again are kept too: a resumed run checks them anew.
    const kept = await saveCheckpoint(options, { ...going.keptAnswers(), ...redoing.pending(), ...accepted }, artifacts, current, issues);
    return finish('failed', kept.issue ? [...issues, kept.issue] : issues, { ...extra, checkpoint: kept.path });
  };

  try {
    recovered = await options.target.recover();
  } catch (error) {
    return finish('failed', [{ severity: 'error', source: 'pipeline', message: error instanceof Error ? error.message : describeFsError(error) }]);
  }
  if (recovered) emit({ type: 'notice', message: recovered });

  let start = 0;
  for (;;) {
    for (let index = start; index < phases.length; index++) {
      const phase = phases[index]!;
      current = phase.id;
      if (signal.aborted) return finish('cancelled', []);
      const stopped = (await options.gate?.(phase.id, artifacts)) ?? [];
      if (signal.aborted) return finish('cancelled', []);
      if (hasErrors(stopped)) return fail(stopped);
      emit({ type: 'phase-started', phase: phase.id });
      let result;
      try {
        result = await phase.run({
          phase: phase.id,
          settings: options.settings,
          provider,
          ledger,
          limiter,
          signal,
          artifactOf: (id) => artifacts.get(id),
          progress: (completed, total) => emit({ type: 'progress', phase: phase.id, completed, total }),
          remember: (target, value) => void (accepted[answerKey(phase.id, target)] = value),
          goBackTo: going.targetsFrom(phase.id),
          revision: going.revisionOf(phase.id),
          notes: notesFor(going.notesOf(phase.id), instructions.get(phase.id)),
          earlier: options.earlier?.(phase.id, artifacts),
        });
      } catch (error) {
        if (signal.aborted || isCancelled(error)) return finish('cancelled', []);
        const issue: Issue = { severity: 'error', source: phase.id, message: error instanceof Error ? error.message : String(error) };
        emit({ type: 'phase-finished', phase: phase.id, ok: false, issues: [issue], files: [], totals: totalsOf(ledger, phase.id) });
        return fail([issue]);
      }
      const ok = !hasErrors(result.issues);
      const residual = result.residual ?? [];
      emit({ type: 'phase-finished', phase: phase.id, ok, issues: [...result.issues, ...residual], files: [...result.files.keys()], totals: totalsOf(ledger, phase.id) });
      if (signal.aborted) return finish('cancelled', []);
      if (!ok) {
        const back = going.back(phase.id, result.issues);
        if (!back) return fail(going.explain(phase.id, result.issues));
        // Everything from the phase gone back to onwards is redone: its artifacts, files and answers leave the run.
        const redone = new Set(phases.slice(back.index, index + 1).map((redo) => redo.id));
        const previous: Record<string, unknown> = {};
        const later: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(accepted)) {
          const agent = agentOf(key) as PhaseId;
          if (!redone.has(agent)) continue;
          if (agent === back.to) previous[targetOf(key)] = value;
          else later[key] = value;
          delete accepted[key];
        }
        going.revise(back, previous, artifacts.get(back.to), redone);
        redoing.offer(later);
        for (const id of redone) {
          artifacts.delete(id);
          residuals.delete(id);
        }
        for (const [path, file] of files) if (redone.has(file.phase as PhaseId)) files.delete(path);
        emit({ type: 'backtrack', from: phase.id, to: back.to, round: going.taken, limit: options.settings.backtracks, issues: back.issues });
        index = back.index - 1;
        continue;
      }
      going.finished(phase.id, result.artifact);
      artifacts.set(phase.id, result.artifact);
      residuals.set(phase.id, residual);
      for (const [path, content] of result.files) {
        files.set(path, { content, phase: phase.id, from: result.provenance?.get(path) });
        void formatter?.format(path, content);
      }
    }

    emit({ type: 'writing', files: files.size });
    const formatted = formatter ? await formatOutput(files, [...residuals.values()].flat(), formatter, signal) : { files, residual: [...residuals.values()].flat() };
    if (!formatted) return finish('cancelled', []);
    const output: RunOutput = { files: formatted.files, artifacts, alongside: options.alongside ?? new Map(), phasesRun: new Set(phases.map((phase) => phase.id)), answers: accepted };
    let committed;
    try {
      // The live view says the run waits for the person reviewing it, not that it is writing.
      const review: ReviewChanges | undefined =
        options.review &&
        ((changes, reviewSignal) => {
          emit({ type: 'notice', message: `Waiting for your review of ${changes.files.length} file(s)…` });
          return options.review!(changes, reviewSignal);
        });
      const rendered = new Map([...formatted.files].map(([path, file]) => [path, file.content]));
      const record = options.record && ((changes: ChangeSet) => options.record!(changes, { ledger, artifacts, files: rendered }));
      committed = await commitRun(options.target, output, { confirmOverwrite: options.confirmOverwrite, review, label: options.command, record, keepUnchangedEdits: options.keepUnchangedEdits }, signal);
    } catch (error) {
      // Reading the folder failed before anything was written.
      return fail([{ severity: 'error', source: 'pipeline', message: `Preparing the files failed: ${describeFsError(error)}. Nothing was changed.` }]);
    }
    if (committed.kind === 'rerun') {
      // The review asked for a phase again: it and the phases after it leave the run; the later ones' answers are replayed if they still fit.
      const from = phases.findIndex((phase) => phase.id === committed.phase);
      if (from < 0) return fail([{ severity: 'error', source: 'pipeline', message: `The review asked to run the ${committed.phase} phase again, but this run has no such phase. Nothing was changed.` }]);
      const redone = new Set(phases.slice(from).map((phase) => phase.id));
      const later: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(accepted)) {
        const agent = agentOf(key) as PhaseId;
        if (!redone.has(agent)) continue;
        if (agent !== phases[from]!.id) later[key] = value;
        delete accepted[key];
      }
      redoing.offer(later);
      for (const id of redone) {
        artifacts.delete(id);
        residuals.delete(id);
      }
      for (const [path, file] of files) if (redone.has(file.phase as PhaseId)) files.delete(path);
      instructions.set(phases[from]!.id, [...(instructions.get(phases[from]!.id) ?? []), committed.instruction]);
      reruns++;
      emit({ type: 'notice', message: `Running the ${phases[from]!.id} phase again with the review's instruction: ${committed.instruction}` });
      start = from;
      continue;
    }
    switch (committed.kind) {
      case 'rejected':
        return finish('cancelled', [], { rejected: true });
      case 'cancelled':
        return finish('cancelled', []);
      case 'conflicts':
      case 'unportable':
        return fail([committed.issue]);
      case 'failed':
        return fail([committed.issue], { changed: committed.changed });
      case 'committed': {
        const stale: Issue[] = [];
        for (const path of committed.staleEdited) {
          stale.push({ severity: 'warning', source: 'pipeline', file: path, message: 'This run no longer generates this file, but it was edited by hand, so it was kept: delete it if it is not needed.' });
        }
        return finish('succeeded', [], {
          diagnostics: [...formatted.residual, ...stale],
          written: committed.written,
          // The checkpoint a finished run no longer needs is Strata's state, not one of the project's files.
          removed: committed.removed.filter((path) => !path.startsWith(`${CHECKPOINT_DIR}/`)),
          changed: committed.written.length + committed.removed.length > 0,
          finishedDespiteCancel: signal.aborted,
          kept: committed.kept,
          merged: committed.merged,
          restorePoint: committed.checkpoint,
        });
      }
    }
  }
}

/** A phase's notes: the going-back's, then what the review asked of it (each instruction once, latest last). */
function notesFor(notes: readonly string[] | undefined, instructions: readonly string[] | undefined): readonly string[] | undefined {
  if (!instructions?.length) return notes;
  const asked = instructions.map((instruction) => `The person reviewing the generated backend asked for this change: ${instruction}\nMake it, and keep everything else the requirements ask for.`);
  return [...(notes ?? []), ...asked];
}

/** Writes `.strata/resume/` in its own transaction; a failure to do so is reported, never thrown. */
async function saveCheckpoint(
  options: RunOptions,
  accepted: Record<string, unknown>,
  artifacts: ReadonlyMap<PhaseId, unknown>,
  stoppedAt: PhaseId | undefined,
  issues: Issue[],
): Promise<{ path?: string; issue?: Issue }> {
  if (!options.checkpoint) return {};
  if (Object.keys(accepted).length === 0 && !options.checkpoint.keepWhenEmpty) return {};
  const checkpoint: Checkpoint = {
    version: 1,
    createdAt: new Date().toISOString(),
    requirements: options.checkpoint.requirements,
    database: options.settings.database,
    stoppedAt,
    reason: issues[0]?.message ?? 'the run failed',
    phases: [...artifacts.keys()],
    answers: accepted,
  };
  // An earlier checkpoint's files go, this one's come in: one transaction.
  const changes = new Map<string, string | null>(await checkpointRemoval(options.target).catch(() => new Map<string, null>()));
  for (const [path, content] of checkpointFiles(checkpoint, artifacts)) changes.set(path, content);
  const result = await options.target.commit(changes).catch((error: unknown) => ({ outcome: 'failed' as const, reason: String(error), rolledBack: true }));
  if (result.outcome === 'committed') return { path: CHECKPOINT_DIR };
  const reason = result.outcome === 'failed' ? result.reason : 'cancelled';
  return { issue: { severity: 'warning', source: 'pipeline', message: `The finished work could not be kept for resuming (${reason}); the next run starts over.` } };
}

function totalsOf(ledger: CallLedger, phase: PhaseId): AgentTotals {
  return ledger.byAgent().get(phase) ?? emptyTotals();
}
