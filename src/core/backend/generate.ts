import type { StrataSettings } from '../config/settings';
import type { Issue } from '../diagnostics/issue';
import type { ModelProvider } from '../model/chat';
import type { ProjectFiles } from '../project/projectFiles';
import { readArtifact, REQUIREMENTS_FILE, requirementsFileText } from '../project/strataProject';
import { type DataRisk, dataRisks } from '../database/dataLoss';
import type { DatabaseArtifact } from '../database/types';
import { backendPhases } from './backendPhases';
import { nestPrisma } from '../target/nest-prisma';
import type { Checkpoint } from '../pipeline/checkpoint';
import type { PipelineEvent, RunOutcome } from '../pipeline/events';
import type { PhaseId } from '../phaseId';
import { type RunOptions, type RunResult, runPipeline } from '../pipeline/pipeline';

export interface GenerateOptions {
  requirements: string;
  target: ProjectFiles;
  provider: ModelProvider;
  settings: StrataSettings;
  signal?: AbortSignal;
  onEvent?: (event: PipelineEvent) => void;
  confirmOverwrite?: RunOptions['confirmOverwrite'];
  /** Review before apply (see `RunOptions.review`). */
  review?: RunOptions['review'];
  /** Who runs, for the folder's lock; default "strata generate". */
  command?: string;
  /** Continue a failed run from its checkpoint (its requirements must be these). */
  resume?: Checkpoint;
  /** Keep a checkpoint of a failed run even before any answer was accepted (typed requirements). */
  keepRequirementsOnFailure?: boolean;
  format?: RunOptions['format'];
}

export interface PhaseFigures {
  phase: string;
  calls: number;
  attempts: number;
  inputTokens: number;
  outputTokens: number;
  tokens: number;
  modelMs: number;
}

/** What a generation did, for `--json`, the benchmarks and the editor. */
export interface GenerateSummary {
  outcome: RunOutcome;
  stoppedAt?: PhaseId;
  written: number;
  files: string[];
  removed: string[];
  /** Whether anything in the target changed, a checkpoint aside. */
  changed: boolean;
  /** `.strata/resume` when a failed run kept its work for `--resume`. */
  checkpoint?: string;
  /** Answers taken from the checkpoint instead of asked again. */
  reused: number;
  finishedDespiteCancel?: boolean;
  recovered?: string;
  /** How many times the run went back to an earlier phase (see `strata.backtracks`). */
  backtracks: number;
  /** The review rejected the run (outcome `cancelled`): nothing was written. */
  rejected?: boolean;
  /** Files the run would have changed that were left as they are (kept as the user has them). */
  kept: string[];
  /** Files edited by hand that took a clean three-way merge of the user's edits and the run's changes. */
  merged: string[];
  /** The applied run's restore point (`.strata/checkpoints/<id>.json`), for Restore Checkpoint. */
  restorePoint?: string;
  /** How many times the review sent the run back to a phase with an instruction. */
  reruns: number;
  phases: PhaseFigures[];
  totals: Omit<PhaseFigures, 'phase'>;
  issues: Issue[];
  diagnostics: Issue[];
}

/**
 * Requirements to backend: runs the five phases and, when they succeed, writes the backend and keeps the
 * requirements in `.strata/` with the artifacts, all in one transaction. A cancelled run leaves the
 * target as it was; a failed one adds only its checkpoint. Shared by `strata generate`, the benchmarks
 * and the editor's New Backend.
 */
export async function generateBackend(options: GenerateOptions): Promise<GenerateSummary> {
  let unmigrated: DataRisk[] | undefined;
  const result = await runPipeline(backendPhases(options.requirements), {
    ...options,
    command: options.command ?? 'strata generate',
    alongside: new Map([[REQUIREMENTS_FILE, requirementsFileText(options.requirements)]]),
    checkpoint: { requirements: options.requirements, keepWhenEmpty: options.keepRequirementsOnFailure },
    // A first generation writes the baseline migration; a later one over the project, the step from its schema
    // when that loses no data. One that would is left to the user (npm run db:migrate), with the risks named.
    record: async (_changes, run) => {
      const earlier = await readArtifact<DatabaseArtifact>(options.target, 'database');
      const risks = earlier ? dataRisks(earlier, run.artifacts.get('database') as DatabaseArtifact) : [];
      if (risks.length > 0) {
        unmigrated = risks;
        return new Map();
      }
      return nestPrisma.migrationFiles(options.target, run.files, options.settings.database, { label: 'regenerate', now: new Date(), earlier });
    },
  });
  const summary = summarize(result);
  if (unmigrated && summary.outcome === 'succeeded') {
    const message = `The new data model loses data of the old one (${unmigrated.map((risk) => risk.message).join('; ')}), so no migration was written: review the change, then write it with npm run db:migrate -- <name> (or start from a new database).`;
    summary.issues.push({ severity: 'warning', source: 'database', message });
  }
  return summary;
}

export function summarize(result: RunResult): GenerateSummary {
  const phases: PhaseFigures[] = [...result.ledger.byAgent()].map(([phase, totals]) => ({
    phase,
    calls: totals.calls,
    attempts: totals.attempts,
    inputTokens: totals.inputTokens,
    outputTokens: totals.outputTokens,
    tokens: totals.inputTokens + totals.outputTokens,
    modelMs: totals.durationMs,
  }));
  const total = result.ledger.total();
  return {
    outcome: result.outcome,
    stoppedAt: result.stoppedAt,
    written: result.written.length,
    files: result.written,
    removed: result.removed,
    changed: result.changed,
    checkpoint: result.checkpoint,
    reused: result.reused,
    finishedDespiteCancel: result.finishedDespiteCancel,
    recovered: result.recovered,
    backtracks: result.backtracks ?? 0,
    rejected: result.rejected,
    kept: result.kept ?? [],
    merged: result.merged ?? [],
    restorePoint: result.restorePoint,
    reruns: result.reruns ?? 0,
    phases,
    totals: {
      calls: total.calls,
      attempts: total.attempts,
      inputTokens: total.inputTokens,
      outputTokens: total.outputTokens,
      tokens: total.inputTokens + total.outputTokens,
      modelMs: total.durationMs,
    },
    issues: result.issues,
    diagnostics: result.diagnostics,
  };
}

/** Why a checkpoint cannot be resumed with these requirements, or undefined when it can. */
export function resumeMismatch(checkpoint: Checkpoint, requirements: string): string | undefined {
  return requirementsFileText(checkpoint.requirements) === requirementsFileText(requirements)
    ? undefined
    : 'the checkpoint was made for other requirements; run without --resume to start over with these';
}
