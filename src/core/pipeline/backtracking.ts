import type { Issue } from '../diagnostics/issue';
import type { Phase, PhaseRevision } from './phase';
import { PHASE_LABELS, type PhaseId } from './phaseId';

/** Where a run goes back to, and with which problems. */
export interface GoingBack {
  to: PhaseId;
  /** The index of `to` among the run's phases. */
  index: number;
  from: PhaseId;
  /** The problems that need `to`. */
  issues: Issue[];
}

/**
 * The run's goings-back to earlier phases: when a phase fails on problems only an earlier phase can fix
 * (issues whose `needs` names it), the run returns there, at most `limit` times. The earlier phase
 * revises its answer with those problems; if it keeps its answer as it was, the phase that asked is told
 * so, and works with what it has.
 */
export class Backtracking {
  /** Goings-back so far. */
  taken = 0;
  private readonly revisions = new Map<PhaseId, PhaseRevision>();
  private readonly asked = new Map<PhaseId, { from: PhaseId; issues: Issue[]; before: string }>();
  private readonly notes = new Map<PhaseId, string[]>();

  constructor(
    private readonly phases: readonly Phase[],
    private readonly limit: number,
  ) {}

  /** Where the run goes back to for a failed phase's problems; undefined when nowhere (or the limit is reached). */
  back(from: PhaseId, issues: readonly Issue[]): GoingBack | undefined {
    const wanted = this.earliestNeeded(from, issues);
    if (!wanted || this.taken >= this.limit) return undefined;
    this.taken++;
    return { ...wanted, from };
  }

  /** A failed phase's problems, with one more saying why the run did not go back when it could not. */
  explain(from: PhaseId, issues: Issue[]): Issue[] {
    const wanted = this.earliestNeeded(from, issues);
    if (!wanted) return issues;
    const to = PHASE_LABELS[wanted.to];
    const message =
      this.limit === 0
        ? `Only the ${to} phase can fix the problems of the ${PHASE_LABELS[from]} phase, and going back is switched off (strata.backtracks is 0).`
        : `Only the ${to} phase can fix the problems of the ${PHASE_LABELS[from]} phase, and the run already went back ${this.taken} time(s), the limit (strata.backtracks): change the requirements so that they say what is missing, or raise the limit.`;
    // First, so that a one-line report (the editor's message) says why the run stopped.
    return [{ severity: 'error', source: 'pipeline', message }, ...issues];
  }

  /** Sets up the revision of `back.to`: its earlier answers (by target) and the problems it must fix. */
  revise(back: GoingBack, previous: Record<string, unknown>, artifactBefore: unknown): void {
    this.revisions.set(back.to, {
      round: this.taken,
      from: back.from,
      issues: back.issues,
      previous: (target) => previous[target],
    });
    this.asked.set(back.to, { from: back.from, issues: back.issues, before: JSON.stringify(artifactBefore) });
  }

  revisionOf(phase: PhaseId): PhaseRevision | undefined {
    return this.revisions.get(phase);
  }

  notesOf(phase: PhaseId): readonly string[] | undefined {
    return this.notes.get(phase);
  }

  /** A phase finished: a revision is spent, and a revised phase that kept its answer is reported to the asker. */
  finished(phase: PhaseId, artifact: unknown): void {
    this.revisions.delete(phase);
    const asked = this.asked.get(phase);
    if (!asked) return;
    this.asked.delete(phase);
    if (JSON.stringify(artifact) !== asked.before) return;
    const note = [
      `Note: the ${PHASE_LABELS[phase]} phase was asked to change its answer for the problems below and kept it as it was, because the requirements do not call for the change. Work with what it has: do not ask for it again.`,
      ...asked.issues.map((issue) => `- at ${issue.path ?? '$'}: ${issue.message}`),
    ].join('\n');
    this.notes.set(asked.from, [...(this.notes.get(asked.from) ?? []), note]);
  }

  private earliestNeeded(from: PhaseId, issues: readonly Issue[]): Omit<GoingBack, 'from'> | undefined {
    const fromIndex = this.phases.findIndex((phase) => phase.id === from);
    let best: number | undefined;
    for (const issue of issues) {
      if (issue.severity !== 'error' || issue.needs === undefined) continue;
      const index = this.phases.findIndex((phase) => phase.id === issue.needs);
      if (index >= 0 && index < fromIndex && (best === undefined || index < best)) best = index;
    }
    if (best === undefined) return undefined;
    const to = this.phases[best]!.id;
    return { to, index: best, issues: issues.filter((issue) => issue.needs === to) };
  }
}
