import { type LimitName, ModelError } from './errors';
import { limitExceeded } from './limits';
import { errorFromResponse, toModelError } from './requestErrors';

/** The limits of one chat request: until the first byte, between chunks, and for the whole of it. */
export interface ChatRequestLimits {
  /** `first-byte`, or `load` while the model has not answered on this provider yet. */
  firstByte: { limit: 'first-byte' | 'load'; ms: number };
  idleMs: number;
  callMs: number;
  /** Called once, when the first byte of the answer body arrives. */
  onFirstByte?: () => void;
}

/**
 * Time limits and cancellation of one HTTP request to a model server, through a `fetch` it hands
 * out (the `ollama` client takes a fetch, not a signal).
 *
 * It holds its own AbortController and setTimeout timers, and listens to the caller's signal only
 * until it is disposed. It does not use `AbortSignal.timeout()` through `AbortSignal.any()`: on
 * Node 20 such a composite signal is held weakly and its timeout is lost after a garbage collection,
 * leaving the request pending forever. A timer here keeps the guard, and so its controller, alive.
 *
 * A probe guard has one limit for the whole request, answer included. A chat guard runs the
 * first-byte (or load) limit from sending until the first byte of the answer body, then the idle
 * limit, restarted by each chunk, and the whole-call limit throughout. When a limit fires, the request
 * is aborted and every read of its body fails with an error that names the limit and its setting.
 *
 * Use: create one per request, pass `guard.fetch`, map any error through `guard.failure(error)`, and
 * `dispose()` in `finally`.
 */
export class RequestGuard {
  private readonly controller = new AbortController();
  private phaseTimer: NodeJS.Timeout | undefined;
  private wholeTimer: NodeJS.Timeout | undefined;
  private stopped: ModelError | undefined;
  private disposed = false;
  private readonly bodies = new Set<ReadableStreamDefaultController<Uint8Array>>();
  private readonly unfollow: (() => void)[] = [];

  private constructor(
    private readonly where: string,
    private readonly caller: AbortSignal | undefined,
    private readonly chat: ChatRequestLimits | undefined,
    private readonly model: string | undefined,
  ) {
    if (caller) this.follow(caller);
  }

  /** A list/show/models request: `ms` for all of it. */
  static probe(where: string, ms: number, signal?: AbortSignal): RequestGuard {
    const guard = new RequestGuard(where, signal, undefined, undefined);
    guard.wholeTimer = guard.timer('probe', ms);
    return guard;
  }

  /** A chat request to `model`: first-byte (or load), idle and whole-call limits. */
  static chat(where: string, model: string, limits: ChatRequestLimits, signal?: AbortSignal): RequestGuard {
    const guard = new RequestGuard(where, signal, limits, model);
    guard.wholeTimer = guard.timer('call', limits.callMs);
    return guard;
  }

  /** A `fetch` under this guard's limits and the caller's signal (and the signal of its own `init`). */
  readonly fetch: typeof fetch = async (input, init) => {
    if (init?.signal) this.follow(init.signal);
    if (this.stopped) throw this.stopped;
    if (this.chat) this.startPhase(this.chat.firstByte.limit, this.chat.firstByte.ms);
    let response: Response;
    try {
      response = await fetch(input, { ...init, signal: this.controller.signal });
    } catch (error) {
      throw this.failure(error);
    }
    if (!response.ok) {
      // The error body is read under the same limits.
      const error = await errorFromResponse(response, this.where);
      throw this.stopped ?? error;
    }
    if (!response.body) return response;
    return new Response(this.watch(response.body), { status: response.status, statusText: response.statusText, headers: response.headers });
  };

  /** What an error thrown while this guard ran means: the limit that fired, a cancellation, or the error itself mapped. */
  failure(error: unknown): ModelError {
    if (this.stopped) return this.stopped;
    return toModelError(error, this.where, this.caller);
  }

  /** Stops the timers and listeners, and aborts whatever of the request is still open. Call it once the answer is read. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.phaseTimer);
    clearTimeout(this.wholeTimer);
    for (const unfollow of this.unfollow.splice(0)) unfollow();
    this.bodies.clear();
    this.controller.abort(new ModelError('cancelled', 'The request is over'));
  }

  private follow(signal: AbortSignal): void {
    const cancel = () => this.stop(new ModelError('cancelled', `The call to ${this.where} was cancelled`));
    if (signal.aborted) return cancel();
    signal.addEventListener('abort', cancel, { once: true });
    this.unfollow.push(() => signal.removeEventListener('abort', cancel));
  }

  private timer(limit: LimitName, ms: number): NodeJS.Timeout {
    return setTimeout(() => this.stop(limitExceeded(this.where, limit, ms, this.model)), ms);
  }

  private startPhase(limit: LimitName, ms: number): void {
    clearTimeout(this.phaseTimer);
    this.phaseTimer = this.timer(limit, ms);
  }

  private stop(error: ModelError): void {
    if (this.disposed || this.stopped) return;
    this.stopped = error;
    clearTimeout(this.phaseTimer);
    clearTimeout(this.wholeTimer);
    this.controller.abort(error);
    for (const body of this.bodies) {
      try {
        body.error(error);
      } catch {
        // Already closed.
      }
    }
  }

  /** The body, passed through chunk by chunk: the first chunk ends the first-byte limit, each one restarts the idle limit. */
  private watch(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
    const reader = body.getReader();
    let first = true;
    let own: ReadableStreamDefaultController<Uint8Array> | undefined;
    return new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          own = controller;
          this.bodies.add(controller);
        },
        pull: async (controller) => {
          let chunk: Awaited<ReturnType<typeof reader.read>>;
          try {
            chunk = await reader.read();
          } catch (error) {
            this.bodies.delete(controller);
            controller.error(this.failure(error));
            return;
          }
          if (this.stopped) return;
          if (chunk.done) {
            this.bodies.delete(controller);
            clearTimeout(this.phaseTimer);
            controller.close();
            return;
          }
          if (this.chat) {
            if (first) {
              first = false;
              this.chat.onFirstByte?.();
              this.startPhase('idle', this.chat.idleMs);
            } else {
              this.phaseTimer?.refresh();
            }
          }
          controller.enqueue(chunk.value);
        },
        cancel: (reason) => {
          if (own) this.bodies.delete(own);
          return reader.cancel(reason);
        },
      },
      { highWaterMark: 0 },
    );
  }
}
