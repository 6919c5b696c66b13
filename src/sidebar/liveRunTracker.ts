/**
 * The live run view's model: folds a run's pipeline events and what its model requests do (sent, text
 * streamed, answered) into one row per phase. Free of `vscode` and the DOM, so it is tested in plain Node.
 * Every status comes from an event: a phase is done only when the pipeline said it finished valid, failed
 * when it said otherwise, and a cancelled run never shows a phase as done that was still going on.
 */
import type { RunOutcome } from '../core/pipeline/events';
import type { PipelineEvent } from '../core/pipeline/events';
import { PHASE_IDS, PHASE_LABELS, type PhaseId } from '../core/phaseId';
import type { LiveCall, LivePhase, LiveRun } from './protocol';

/** The end of a streamed answer the view keeps per call; the rest is in the log. */
export const ANSWER_TAIL = 1200;
/** How much of a retry's feedback the view shows. */
export const FEEDBACK_HEAD = 600;
/** Problems listed per phase. */
const PROBLEMS_SHOWN = 5;

interface PhaseClock {
  since?: number;
  spentMs: number;
}

export class LiveRunTracker {
  private readonly phases = new Map<PhaseId, LivePhase>();
  private readonly clocks = new Map<PhaseId, PhaseClock>();
  /** Attempt number of the latest request per phase and target. */
  private readonly attempts = new Map<string, number>();
  private outcome: LiveRun['outcome'] = 'running';
  private message: string | undefined;
  private finishedAt: number | undefined;

  constructor(
    readonly id: number,
    private readonly command: string,
    private readonly model: string,
    private readonly now: () => number = Date.now,
    private readonly startedAt = now(),
  ) {
    for (const phase of PHASE_IDS) {
      this.phases.set(phase, { phase, status: 'waiting', calls: 0, attempts: 0, inputTokens: 0, outputTokens: 0, elapsedMs: 0, active: [], problems: [] });
      this.clocks.set(phase, { spentMs: 0 });
    }
  }

  get running(): boolean {
    return this.outcome === 'running';
  }

  /** A pipeline event of the run. */
  event(event: PipelineEvent): void {
    switch (event.type) {
      case 'phase-started': {
        const row = this.row(event.phase);
        row.status = 'running';
        row.problems = [];
        this.startClock(event.phase);
        break;
      }
      case 'call': {
        const row = this.row(event.phase);
        row.calls++;
        // The finished call's answer stays to be read until the next one ends.
        const finished = row.active.find((call) => call.target === event.record.target);
        if (finished) row.last = finished;
        row.active = row.active.filter((call) => call.target !== event.record.target);
        if (!event.record.ok && event.record.error && event.record.error !== 'cancelled') this.addProblem(row, `${event.record.target}: ${event.record.error}`);
        this.settleRetrying(row);
        break;
      }
      case 'phase-finished': {
        const row = this.row(event.phase);
        this.stopClock(event.phase);
        // The ledger's totals are the phase's own accounting, every pass included.
        row.calls = event.totals.calls;
        row.attempts = event.totals.attempts;
        row.inputTokens = event.totals.inputTokens;
        row.outputTokens = event.totals.outputTokens;
        row.active = [];
        row.status = event.ok ? 'done' : 'failed';
        for (const issue of event.issues.filter((entry) => entry.severity === 'error')) this.addProblem(row, `${issue.path ? `${issue.path}: ` : ''}${issue.message}`);
        break;
      }
      case 'backtrack': {
        const from = this.row(event.from);
        this.stopClock(event.from);
        from.active = [];
        from.status = 'waiting';
        from.problems = event.issues.slice(0, PROBLEMS_SHOWN).map((issue) => `${issue.path ? `${issue.path}: ` : ''}${issue.message}`);
        // The phases from `to` on run again.
        for (const phase of PHASE_IDS.slice(PHASE_IDS.indexOf(event.to) + 1)) {
          if (phase !== event.from) this.row(phase).status = 'waiting';
        }
        this.message = `${PHASE_LABELS[event.from]} needs a change only ${PHASE_LABELS[event.to]} can make: going back (${event.round} of ${event.limit})`;
        break;
      }
      case 'writing':
        this.message = `Preparing ${event.files} file(s) to write in one step…`;
        break;
      case 'notice':
        this.message = event.message;
        break;
      case 'run-finished':
        this.finish(event.outcome);
        break;
      case 'progress':
        break;
    }
  }

  /** A request is on its way to the model; `feedback` is what a retry tells it (the last user message). */
  request(phase: PhaseId, target: string, feedback: string | undefined): void {
    const row = this.row(phase);
    const key = `${phase}/${target}`;
    const attempt = feedback === undefined ? 1 : (this.attempts.get(key) ?? 1) + 1;
    this.attempts.set(key, attempt);
    row.attempts++;
    const call: LiveCall = { target, attempt, answer: '', ...(feedback === undefined ? {} : { feedback: shorten(feedback, FEEDBACK_HEAD) }) };
    row.active = [...row.active.filter((entry) => entry.target !== target), call];
    if (row.status === 'waiting') {
      row.status = 'running';
      this.startClock(phase);
    }
    this.settleRetrying(row);
  }

  /** Text of the answer as it streams in. */
  text(phase: PhaseId, target: string, delta: string): void {
    const call = this.row(phase).active.find((entry) => entry.target === target);
    if (call) call.answer = tail(call.answer + delta, ANSWER_TAIL);
  }

  /** The request was answered: its token counts. */
  answered(phase: PhaseId, usage: { inputTokens: number; outputTokens: number }): void {
    const row = this.row(phase);
    row.inputTokens += usage.inputTokens;
    row.outputTokens += usage.outputTokens;
  }

  /** The server is asked again after a transient fault: what came so far of the current answers is void. */
  networkRetry(message: string): void {
    this.message = message;
    for (const row of this.phases.values()) for (const call of row.active) call.answer = '';
  }

  /** The run ended (also when it ended by an error before its own `run-finished`). */
  finish(outcome: RunOutcome, message?: string): void {
    if (this.outcome !== 'running') return;
    this.outcome = outcome;
    this.finishedAt = this.now();
    if (message !== undefined) this.message = message;
    for (const row of this.phases.values()) {
      this.stopClock(row.phase);
      row.active = [];
      if (row.status === 'running' || row.status === 'retrying') row.status = outcome === 'cancelled' ? 'cancelled' : 'failed';
    }
    if (outcome === 'succeeded') this.message = undefined;
  }

  snapshot(): LiveRun {
    const now = this.finishedAt ?? this.now();
    return {
      id: this.id,
      outcome: this.outcome,
      command: this.command,
      model: this.model,
      elapsedMs: now - this.startedAt,
      ...(this.message === undefined ? {} : { message: this.message }),
      phases: PHASE_IDS.map((phase) => {
        const row = this.row(phase);
        const clock = this.clocks.get(phase)!;
        return { ...row, active: row.active.map((call) => ({ ...call })), ...(row.last ? { last: { ...row.last } } : {}), problems: [...row.problems], elapsedMs: clock.spentMs + (clock.since === undefined ? 0 : now - clock.since) };
      }),
    };
  }

  private row(phase: PhaseId): LivePhase {
    return this.phases.get(phase)!;
  }

  private settleRetrying(row: LivePhase): void {
    if (row.status !== 'running' && row.status !== 'retrying') return;
    row.status = row.active.some((call) => call.attempt > 1) ? 'retrying' : 'running';
  }

  private addProblem(row: LivePhase, problem: string): void {
    if (row.problems.length < PROBLEMS_SHOWN && !row.problems.includes(problem)) row.problems.push(problem);
  }

  private startClock(phase: PhaseId): void {
    const clock = this.clocks.get(phase)!;
    clock.since ??= this.now();
  }

  private stopClock(phase: PhaseId): void {
    const clock = this.clocks.get(phase)!;
    if (clock.since !== undefined) clock.spentMs += this.now() - clock.since;
    clock.since = undefined;
  }
}

function tail(text: string, length: number): string {
  return text.length <= length ? text : `…${text.slice(text.length - length + 1)}`;
}

function shorten(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
