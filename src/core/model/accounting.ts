/** What one typed call cost and how it went; summed per phase for the sidebar and the benchmarks. */
export interface CallRecord {
  /** Which agent asked, e.g. `database`; phase agents use their PhaseId. */
  agent: string;
  /** What it asked for, e.g. `schema` or `operation POST /todos`. */
  target: string;
  model: string;
  ok: boolean;
  attempts: number;
  parseFailures: number;
  validationFailures: number;
  inputTokens: number;
  outputTokens: number;
  /** Whether the token counts came from the server, from Strata's estimate, or both. */
  tokens: 'provider' | 'estimate' | 'mixed';
  durationMs: number;
  error?: string;
  /** The end of the model's reasoning on its last attempt (thinking models), for the log; never part of the answer. */
  reasoning?: string;
}

export interface AgentTotals {
  calls: number;
  succeeded: number;
  /** Calls that were right on the first attempt: the raw function-calling success. */
  firstTry: number;
  attempts: number;
  parseFailures: number;
  validationFailures: number;
  inputTokens: number;
  outputTokens: number;
  durationMs: number;
}

export class CallLedger {
  private readonly records: CallRecord[] = [];
  private readonly listeners = new Set<(record: CallRecord) => void>();
  /** Calls a feature step answered with their earlier answer, never sent to a model: `<agent>/<target>`. */
  readonly kept: string[] = [];

  keep(agent: string, target: string): void {
    this.kept.push(`${agent}/${target}`);
  }

  add(record: CallRecord): void {
    this.records.push(record);
    for (const listener of this.listeners) listener(record);
  }

  onRecord(listener: (record: CallRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  all(): readonly CallRecord[] {
    return this.records;
  }

  /** Totals per agent, in the order agents first appeared. */
  byAgent(): Map<string, AgentTotals> {
    const totals = new Map<string, AgentTotals>();
    for (const record of this.records) {
      const sum = totals.get(record.agent) ?? emptyTotals();
      addTo(sum, record);
      totals.set(record.agent, sum);
    }
    return totals;
  }

  total(): AgentTotals {
    const sum = emptyTotals();
    for (const record of this.records) addTo(sum, record);
    return sum;
  }
}

export function emptyTotals(): AgentTotals {
  return { calls: 0, succeeded: 0, firstTry: 0, attempts: 0, parseFailures: 0, validationFailures: 0, inputTokens: 0, outputTokens: 0, durationMs: 0 };
}

function addTo(sum: AgentTotals, record: CallRecord): void {
  sum.calls++;
  if (record.ok) sum.succeeded++;
  if (record.ok && record.attempts === 1) sum.firstTry++;
  sum.attempts += record.attempts;
  sum.parseFailures += record.parseFailures;
  sum.validationFailures += record.validationFailures;
  sum.inputTokens += record.inputTokens;
  sum.outputTokens += record.outputTokens;
  sum.durationMs += record.durationMs;
}
