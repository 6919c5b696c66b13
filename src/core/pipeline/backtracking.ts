import type { Issue } from '../diagnostics/issue';
import { agentOf, answerKey } from './checkpoint';
import type { Phase, PhaseRevision } from './phase';
import { PHASE_LABELS, type PhaseId } from '../phaseId';

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
  /** Per asking phase: notes that an earlier phase (`about`) kept its answer. */
  private readonly notes = new Map<PhaseId, { about: PhaseId; text: string }[]>();
  /** The answers phases being revised gave before (by checkpoint key), kept until their revision is accepted. */
  private readonly kept: Record<string, unknown> = {};

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
    const first = wanted.issues[0]!;
    const what = `${wanted.issues.length > 1 ? `${wanted.issues.length} problems of the ${PHASE_LABELS[from]} phase, e.g.` : `a problem of the ${PHASE_LABELS[from]} phase:`} at ${first.path ?? '$'}: ${first.message.replace(/\.$/, '')}`;
    const message =
      this.limit === 0
        ? `Only the ${to} phase can fix ${what}; going back is switched off (strata.backtracks is 0).`
        : `Only the ${to} phase can fix ${what}; the run already went back ${this.taken} time(s), the limit (strata.backtracks): change the requirements so that they say what is missing, or raise the limit.`;
    // First, so that a one-line report (the editor's message) says why the run stopped.
    return [{ severity: 'error', source: 'pipeline', message }, ...issues];
  }

  /**
   * Sets up the revision of `back.to`: its earlier answers (by target) and the problems it must fix. A
   * revision of a redone phase that has not finished stays (its problems are still open: a revising phase
   * that itself needed an earlier one revises again once that one changed); a note about a phase redone now
   * goes, since that phase may answer differently this time.
   */
  revise(back: GoingBack, previous: Record<string, unknown>, artifactBefore: unknown, redone: ReadonlySet<PhaseId>): void {
    for (const [asker, notes] of this.notes) this.notes.set(asker, notes.filter((note) => !redone.has(note.about)));
    for (const [target, value] of Object.entries(previous)) this.kept[answerKey(back.to, target)] = value;
    this.revisions.set(back.to, {
      round: this.taken,
      from: back.from,
      issues: back.issues,
      previous: (target) => previous[target],
    });
    this.asked.set(back.to, { from: back.from, issues: back.issues, before: JSON.stringify(artifactBefore) });
  }

  /** The phases before `from` the run can still go back to: none once the limit is reached. */
  targetsFrom(from: PhaseId): ReadonlySet<PhaseId> {
    if (this.taken >= this.limit) return new Set();
    const index = this.phases.findIndex((phase) => phase.id === from);
    return new Set(this.phases.slice(0, Math.max(0, index)).map((phase) => phase.id));
  }

  revisionOf(phase: PhaseId): PhaseRevision | undefined {
    return this.revisions.get(phase);
  }

  notesOf(phase: PhaseId): readonly string[] | undefined {
    const notes = this.notes.get(phase)?.map((note) => note.text);
    return notes?.length ? notes : undefined;
  }

  /** What a failed run's checkpoint keeps of phases whose revision did not finish: their earlier answers. */
  keptAnswers(): Record<string, unknown> {
    return this.kept;
  }

  /** A phase finished: a revision is spent, and a revised phase that kept its answer is reported to the asker. */
  finished(phase: PhaseId, artifact: unknown): void {
    if (this.revisions.delete(phase)) {
      for (const key of Object.keys(this.kept)) if (agentOf(key) === phase) delete this.kept[key];
    }
    const asked = this.asked.get(phase);
    if (!asked) return;
    this.asked.delete(phase);
    if (JSON.stringify(artifact) !== asked.before) return;
    const note = [
      `Note: the ${PHASE_LABELS[phase]} phase was asked to change its answer for the problems below and kept it as it was, because the requirements do not call for the change. Work with what it has: do not ask for it again.`,
      ...asked.issues.map((issue) => `- at ${issue.path ?? '$'}: ${issue.message}`),
    ].join('\n');
    this.notes.set(asked.from, [...(this.notes.get(asked.from) ?? []), { about: phase, text: note }]);
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
