import { modelForPhase } from '../config/settings';
import { hasErrors, type Issue } from '../diagnostics/issue';
import { revisedTarget } from '../model/revisedTarget';
import { TypedCallError, typedCall, type TypedCallSpec } from '../model/typedCall';
import type { PhaseContext } from './phase';
import { PHASE_LABELS } from '../phaseId';

/** What a phase asks; the rest of the typed call (agent, model, budget, signal) comes from the context. */
export type ArtifactRequest<T> = Pick<TypedCallSpec<T>, 'target' | 'system' | 'prompt' | 'tool' | 'schema' | 'validate'> & {
  /**
   * In a feature step: the change does not reach what this call is told, so its earlier answer is kept
   * when it still passes the checks (see `PhaseContext.earlier`).
   */
  unchanged?: boolean;
  /** The earlier answer when it is not under this call's target: put together from parts cut differently before. */
  earlier?: T;
};

export type ArtifactAnswer<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

/**
 * One typed call on behalf of the running phase: its model, retry budget, ledger, concurrency limit and
 * cancellation. A model that never answers validly becomes the phase's issues; other failures propagate.
 */
export async function askForArtifact<T>(context: PhaseContext, request: ArtifactRequest<T>): Promise<ArtifactAnswer<T>> {
  const earlier = context.earlier ? ((context.earlier.answer(request.target) as T | undefined) ?? request.earlier) : undefined;
  if (earlier !== undefined && request.unchanged && !hasErrors(request.validate?.(earlier) ?? [])) {
    context.remember?.(request.target, earlier);
    context.ledger.keep(context.phase, request.target);
    return { ok: true, value: earlier };
  }
  const asked = grown(context, earlier, revised(context, notesAdded(context, request)));
  try {
    const { value } = await context.limiter.run(
      (signal) =>
        typedCall<T>(
          context.provider,
          {
            ...asked,
            agent: context.phase,
            model: modelForPhase(context.settings, context.phase),
            retryBudget: context.settings.retryBudget,
            goBackTo: context.goBackTo,
            signal,
          },
          context.ledger,
        ),
      context.signal,
    );
    // Kept under the call's own target, so a resumed run replays the revised answer where it asks for this one.
    context.remember?.(request.target, value);
    return { ok: true, value };
  } catch (error) {
    if (!(error instanceof TypedCallError)) throw error;
    // Only a call that stopped for an earlier phase sends the run back there: elsewhere `needs` is not why it failed.
    const stoppedForEarlier = error.needsEarlierPhase;
    if (error.issues.length > 0) return { ok: false, issues: error.issues.map(({ needs, ...issue }) => ({ ...issue, source: issue.source || context.phase, ...(stoppedForEarlier && needs ? { needs } : {}) })) };
    return { ok: false, issues: error.problems.map((message) => ({ severity: 'error', source: context.phase, message })) };
  }
}

function notesAdded<T>(context: PhaseContext, request: ArtifactRequest<T>): ArtifactRequest<T> {
  if (!context.notes?.length) return request;
  return { ...request, prompt: `${request.prompt}\n\n${context.notes.join('\n\n')}` };
}

/**
 * A call a feature step reaches: its earlier answer goes with the change, so that the model keeps what
 * the change does not touch (and the files rendered from it stay as they are).
 */
function grown<T>(context: PhaseContext, earlier: T | undefined, request: ArtifactRequest<T>): ArtifactRequest<T> {
  if (earlier === undefined || !context.earlier) return request;
  return {
    ...request,
    prompt: [
      request.prompt,
      `Your answer before the requirements changed:\n${JSON.stringify(earlier)}`,
      `The change: ${context.earlier.change}`,
      'Answer with the whole value for the requirements as they are now: keep every part the change does not touch exactly as it was (same names, same order, same wording), and change or add only what the change needs.',
    ].join('\n\n'),
  };
}

/**
 * A call of a phase the run went back to: the earlier answer and the later phase's problems go with the
 * task, and the call gets its own target (`…, revised`), so neither a checkpoint nor a script answers it
 * with the answer it revises.
 */
function revised<T>(context: PhaseContext, request: ArtifactRequest<T>): ArtifactRequest<T> {
  const revision = context.revision;
  const previous = revision?.previous(request.target);
  if (!revision || previous === undefined) return request;
  const later = PHASE_LABELS[revision.from];
  return {
    ...request,
    target: revisedTarget(request.target, revision.round),
    prompt: [
      request.prompt,
      `Your earlier answer:\n${JSON.stringify(previous)}`,
      [
        `The ${later} phase builds on that answer and could not finish: it found these problems, which only a change to your answer can fix (paths are in its own answer):`,
        ...revision.issues.map((issue) => `- ${later}, at ${issue.path ?? '$'}: ${issue.message}`),
      ].join('\n'),
      'Answer again with the whole value: change what these problems need and keep everything else as it was. Only where a change would go against the requirements (they rule out what the problem asks for), leave that part as it was; the later phase is then told to work with your answer as it is.',
    ].join('\n\n'),
  };
}
