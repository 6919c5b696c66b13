import type { StrataSettings } from '../config/settings';
import type { ChatRequest, ChatResult, ModelInfo, ModelProvider } from './chat';
import { ModelError } from './errors';
import { formatSeconds } from './limits';

/**
 * Retries of transient model-server faults, as one layer around any ModelProvider:
 *
 *   const provider = withRetries(inner, retryPolicyFrom(settings), (info) => report(info));
 *
 * What is retried is `ModelError.retryable(operation)`: HTTP 408/429/500/502/503/504, a reset or
 * dropped connection (also mid-answer: a model call has no side effects, so the request is simply sent
 * again and its answer streams again from the start), a first-byte/load or idle time-out, and on chat
 * calls a refused connection (the server may be restarting). Not retried: a refused connection on a
 * probe (so "is the server up" answers at once), other 4xx, a missing model, no tool support, context
 * overflow, cancellation, the whole-call limit.
 *
 * The pause before retry n (1-based) is full jitter: uniformly random in [0, min(maxDelay, base·2^(n-1))],
 * base 1 s and cap 30 s by default; when the server sent Retry-After, exactly that instead. A
 * Retry-After longer than `maxRetryAfterMs` fails the call at once, saying when the server will take
 * requests again. Aborting the caller's signal ends a pause at once (a `cancelled` ModelError).
 * When the retries are used up, the last error is thrown (its message says how many attempts there were).
 *
 * `onRetry(info: RetryInfo) => void` is called before each pause:
 *   info.operation  'listModels' | 'describe' | 'chat'
 *   info.attempt    the attempt about to be made (2 for the first retry)
 *   info.of         attempts in all (retries + 1)
 *   info.delayMs    the pause before it, in ms
 *   info.reason     what went wrong with the attempt before (the error's message)
 *   info.error      that ModelError
 *   info.model      the model (describe, chat)
 *   info.purpose    who asked (chat calls that carry an agent/target)
 * It must not throw (an exception from it is ignored).
 *
 * Wrapping an already wrapped provider does not multiply attempts: the new policy replaces the old
 * one, and both listeners are called.
 */
export type RetryOperation = 'listModels' | 'describe' | 'chat';

export interface RetryInfo {
  operation: RetryOperation;
  attempt: number;
  of: number;
  delayMs: number;
  reason: string;
  error: ModelError;
  model?: string;
  purpose?: { agent: string; target: string };
}

export type RetryListener = (info: RetryInfo) => void;

export interface RetryPolicy {
  /** Retries after the first attempt (strata.network.retries). */
  retries: number;
  /** Longest Retry-After that is waited for (strata.network.maxRetryAfterSeconds). */
  maxRetryAfterMs: number;
  /** Backoff base; 1 s. */
  baseDelayMs?: number;
  /** Backoff cap; 30 s. */
  maxDelayMs?: number;
  /** Source of the jitter, in [0, 1); Math.random. */
  random?: () => number;
}

export function retryPolicyFrom(settings: Pick<StrataSettings, 'networkRetries' | 'maxRetryAfterSeconds'>): RetryPolicy {
  return { retries: settings.networkRetries, maxRetryAfterMs: settings.maxRetryAfterSeconds * 1000 };
}

/** The full-jitter pause before retry `retry` (1-based). */
export function backoffDelay(retry: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs ?? 30_000, (policy.baseDelayMs ?? 1_000) * 2 ** (retry - 1));
  return Math.floor((policy.random ?? Math.random)() * ceiling);
}

export function withRetries(provider: ModelProvider, policy: RetryPolicy, onRetry?: RetryListener): ModelProvider {
  if (provider instanceof RetryingProvider) return new RetryingProvider(provider.inner, policy, [...provider.listeners, ...(onRetry ? [onRetry] : [])]);
  return new RetryingProvider(provider, policy, onRetry ? [onRetry] : []);
}

class RetryingProvider implements ModelProvider {
  constructor(
    readonly inner: ModelProvider,
    readonly policy: RetryPolicy,
    readonly listeners: readonly RetryListener[],
  ) {}

  get id(): ModelProvider['id'] {
    return this.inner.id;
  }

  get label(): string {
    return this.inner.label;
  }

  listModels(signal?: AbortSignal): Promise<string[]> {
    return this.attempt({ operation: 'listModels' }, signal, () => this.inner.listModels(signal));
  }

  describe(model: string, signal?: AbortSignal): Promise<ModelInfo> {
    return this.attempt({ operation: 'describe', model }, signal, () => this.inner.describe(model, signal));
  }

  chat(request: ChatRequest): Promise<ChatResult> {
    return this.attempt({ operation: 'chat', model: request.model, purpose: request.purpose }, request.signal, () => this.inner.chat(request));
  }

  private async attempt<T>(what: Pick<RetryInfo, 'operation' | 'model' | 'purpose'>, signal: AbortSignal | undefined, run: () => Promise<T>): Promise<T> {
    const of = this.policy.retries + 1;
    for (let attempt = 1; ; attempt++) {
      try {
        return await run();
      } catch (error) {
        if (!(error instanceof ModelError) || signal?.aborted || !error.retryable(what.operation === 'chat' ? 'chat' : 'probe')) throw error;
        if (error.retryAfterMs !== undefined && error.retryAfterMs > this.policy.maxRetryAfterMs) {
          throw rephrased(error, `${error.message.replace(/[.\s]+$/, '')}; ${this.tooLong(error.retryAfterMs)}`);
        }
        if (attempt >= of) {
          const again = error.retryAfterMs === undefined ? '' : `; the server will take requests again ${when(error.retryAfterMs)}`;
          throw attempt === 1 ? error : rephrased(error, `${error.message} (gave up after ${attempt} attempts${again})`);
        }
        const delayMs = error.retryAfterMs ?? backoffDelay(attempt, this.policy);
        const info: RetryInfo = { ...what, attempt: attempt + 1, of, delayMs, reason: error.message, error };
        for (const listener of this.listeners) {
          try {
            listener(info);
          } catch {
            // A reporting problem must not change the call.
          }
        }
        await pause(delayMs, signal, this.inner.label);
      }
    }
  }

  private tooLong(retryAfterMs: number): string {
    return (
      `the server will take requests again ${when(retryAfterMs)}, later than Strata waits ` +
      `(${formatSeconds(this.policy.maxRetryAfterMs)}, strata.network.maxRetryAfterSeconds): try again then`
    );
  }
}

/** "in 300 s (at 14:05:10)", local time. */
function when(ms: number): string {
  const at = new Date(Date.now() + ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `in ${formatSeconds(Math.ceil(ms / 1000) * 1000)} (at ${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())})`;
}

function rephrased(error: ModelError, message: string): ModelError {
  return new ModelError(error.kind, message, error.status, { limit: error.limit, retryAfterMs: error.retryAfterMs, connection: error.connection });
}

/** Sleeps `ms`, or rejects with a cancellation as soon as `signal` aborts. */
function pause(ms: number, signal: AbortSignal | undefined, where: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const cancelled = () => new ModelError('cancelled', `The call to ${where} was cancelled while waiting to retry`);
    if (signal?.aborted) return reject(cancelled());
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelled());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
