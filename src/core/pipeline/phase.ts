import type { StrataSettings } from '../config/settings';
import type { Issue } from '../diagnostics/issue';
import type { CallLedger } from '../model/accounting';
import type { CallLimiter } from '../model/callLimiter';
import type { ModelProvider } from '../model/chat';
import type { PhaseId } from '../phaseId';
import type { ArtifactNode } from '../provenance';

/** What a phase gets to do its work: the model, the budget, earlier artifacts, and a way to report progress. */
export interface PhaseContext {
  readonly phase: PhaseId;
  readonly settings: StrataSettings;
  readonly provider: ModelProvider;
  /** Every typed call of the run lands here; a phase uses its PhaseId as the call's agent. */
  readonly ledger: CallLedger;
  /** Shared by all phases of a run: at most `settings.concurrency` calls at once. */
  readonly limiter: CallLimiter;
  readonly signal: AbortSignal;
  /** The artifact an earlier phase produced in this run. */
  artifactOf(phase: PhaseId): unknown;
  progress(completed: number, total: number): void;
  /** Keeps an accepted answer, so a failed run can be resumed without asking for it again. */
  remember?(target: string, value: unknown): void;
  /** The earlier phases of the run it can still go back to (none once `strata.backtracks` is spent). */
  readonly goBackTo?: ReadonlySet<PhaseId>;
  /** Set when a later phase sent the run back to this one: its calls revise their earlier answers. */
  readonly revision?: PhaseRevision;
  /** Told to every call of this phase, e.g. that an earlier phase was asked to change and kept its answer. */
  readonly notes?: readonly string[];
  /** Set when the run grows a finished project by a feature: its earlier answers, and what the change reaches. */
  readonly earlier?: EarlierRun;
}

/**
 * The finished run a feature step grows from. A call the change does not reach keeps its earlier answer
 * (checked again, never sent to the model); a reached call is asked with its earlier answer beside the
 * change, so that it keeps what the change does not touch.
 */
export interface EarlierRun {
  /** The change, in the user's words, with whether it adds, changes or removes a feature. */
  readonly change: string;
  /** This phase's answer for a target in the earlier run. */
  answer(target: string): unknown;
  /** The targets this phase answered in the earlier run (a call cut into parts differently now finds its earlier parts). */
  targets(): readonly string[];
  /** The artifact nodes the change reaches, as far as the phases before this one tell (removed ones included). */
  readonly reached: ReadonlySet<ArtifactNode>;
}

/** Why a phase runs again: a later phase found problems only this phase's answer can fix. */
export interface PhaseRevision {
  /** 1 for the run's first going-back, 2 for the second… */
  readonly round: number;
  /** The phase that could not finish. */
  readonly from: PhaseId;
  /** Its problems, each with `needs` naming this phase. */
  readonly issues: readonly Issue[];
  /** This phase's accepted answer for a target in the earlier pass. */
  previous(target: string): unknown;
}

export interface PhaseResult {
  artifact: unknown;
  /** Project-relative path -> content, rendered from the artifact. */
  files: Map<string, string>;
  /** Path -> the artifact nodes the file was rendered from (provenance.ts), recorded in the manifest. */
  provenance?: ReadonlyMap<string, readonly string[]>;
  /** Problems left after the phase's retries; any `error` stops the run. */
  issues: Issue[];
  /**
   * Compiler problems left in the rendered files after the retries, addressed by file and range. They do
   * not stop the run: the files are written and these are shown on them (editor diagnostics, CLI exit 1).
   */
  residual?: Issue[];
}

export interface Phase {
  readonly id: PhaseId;
  run(context: PhaseContext): Promise<PhaseResult>;
}
