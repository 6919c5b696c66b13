import type { Issue } from '../diagnostics/issue';
import type { AgentTotals, CallRecord } from '../model/accounting';
import type { PhaseId } from '../phaseId';

/** What a run reports as it goes; the sidebar timeline, the CLI and the benchmarks all read these. */
export type PipelineEvent =
  | { type: 'phase-started'; phase: PhaseId }
  | { type: 'progress'; phase: PhaseId; completed: number; total: number }
  | { type: 'call'; phase: PhaseId; record: CallRecord }
  | { type: 'phase-finished'; phase: PhaseId; ok: boolean; issues: Issue[]; files: string[]; totals: AgentTotals }
  /**
   * `from` could not finish: problems only `to` can fix (each issue's `needs`). The run goes back to `to`,
   * which revises its answer with them; the phases after it run again (their answers that still fit are reused).
   */
  | { type: 'backtrack'; from: PhaseId; to: PhaseId; round: number; limit: number; issues: Issue[] }
  /** Every phase is done; the files are being written in one transaction. */
  | { type: 'writing'; files: number }
  /** Something the user should know that is not a phase's issue (a crashed run's files were undone). */
  | { type: 'notice'; message: string }
  | { type: 'run-finished'; outcome: RunOutcome; written: string[] };

export type RunOutcome = 'succeeded' | 'failed' | 'cancelled';
