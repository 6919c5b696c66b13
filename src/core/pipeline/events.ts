import type { Issue } from '../diagnostics/issue';
import type { AgentTotals, CallRecord } from '../model/accounting';
import type { PhaseId } from './phaseId';

/** What a run reports as it goes; the sidebar timeline, the CLI and the benchmarks all read these. */
export type PipelineEvent =
  | { type: 'phase-started'; phase: PhaseId }
  | { type: 'progress'; phase: PhaseId; completed: number; total: number }
  | { type: 'call'; phase: PhaseId; record: CallRecord }
  | { type: 'phase-finished'; phase: PhaseId; ok: boolean; issues: Issue[]; files: string[]; totals: AgentTotals }
  /** Every phase is done; the files are being written in one transaction. */
  | { type: 'writing'; files: number }
  /** Something the user should know that is not a phase's issue (a crashed run's files were undone). */
  | { type: 'notice'; message: string }
  | { type: 'run-finished'; outcome: RunOutcome; written: string[] };

export type RunOutcome = 'succeeded' | 'failed' | 'cancelled';
