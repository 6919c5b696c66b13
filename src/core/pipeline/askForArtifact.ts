import { modelForPhase } from '../config/settings';
import type { Issue } from '../diagnostics/issue';
import { TypedCallError, typedCall, type TypedCallSpec } from '../model/typedCall';
import type { PhaseContext } from './phase';

/** What a phase asks; the rest of the typed call (agent, model, budget, signal) comes from the context. */
export type ArtifactRequest<T> = Pick<TypedCallSpec<T>, 'target' | 'system' | 'prompt' | 'tool' | 'schema' | 'validate'>;

export type ArtifactAnswer<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

/**
 * One typed call on behalf of the running phase: its model, retry budget, ledger, concurrency limit and
 * cancellation. A model that never answers validly becomes the phase's issues; other failures propagate.
 */
export async function askForArtifact<T>(context: PhaseContext, request: ArtifactRequest<T>): Promise<ArtifactAnswer<T>> {
  try {
    const { value } = await context.limiter.run(
      (signal) =>
        typedCall<T>(
          context.provider,
          {
            ...request,
            agent: context.phase,
            model: modelForPhase(context.settings, context.phase),
            retryBudget: context.settings.retryBudget,
            signal,
          },
          context.ledger,
        ),
      context.signal,
    );
    context.remember?.(request.target, value);
    return { ok: true, value };
  } catch (error) {
    if (!(error instanceof TypedCallError)) throw error;
    return { ok: false, issues: error.problems.map((message) => ({ severity: 'error', source: context.phase, message })) };
  }
}
