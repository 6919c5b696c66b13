/** Typed failures of a model call, each with a message a user can act on. */
export type ModelErrorKind =
  | 'unreachable'
  | 'model-not-found'
  | 'no-tool-support'
  | 'context-overflow'
  | 'timeout'
  | 'cancelled'
  | 'http'
  | 'bad-response';

/** The time limits of a model-server request (see limits.ts for their settings). */
export type LimitName = 'probe' | 'first-byte' | 'load' | 'idle' | 'call';

/** How a connection failed, for `unreachable` errors. */
export type ConnectionFault = 'refused' | 'reset' | 'dropped' | 'dns' | 'other';

export interface ModelErrorDetails {
  /** For `timeout`: which limit fired. */
  limit?: LimitName;
  /** How long the server asked to wait (its Retry-After header), in milliseconds. */
  retryAfterMs?: number;
  /** For `unreachable`: refused (nothing listens), reset/dropped (the connection broke), dns. */
  connection?: ConnectionFault;
}

/** HTTP statuses that say "try again": request timeout, too many requests, and the 5xx a busy or restarting server sends. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

export class ModelError extends Error {
  readonly limit?: LimitName;
  readonly retryAfterMs?: number;
  readonly connection?: ConnectionFault;

  constructor(
    readonly kind: ModelErrorKind,
    message: string,
    readonly status?: number,
    details: ModelErrorDetails = {},
  ) {
    super(message);
    this.name = 'ModelError';
    this.limit = details.limit;
    this.retryAfterMs = details.retryAfterMs;
    this.connection = details.connection;
  }

  /** Worth another try later (the server may come back); the others need a change first. */
  get transient(): boolean {
    return this.retryable('chat');
  }

  /**
   * Whether sending the same request again may succeed. A model call has no side effects, so a
   * broken or busy attempt is simply repeated. Probes (list, show) are not retried on a refused
   * connection (nothing listens: say so at once) nor on their own time limit; chat calls are, since
   * the server may be restarting. The whole-call limit, cancellation and every "change something
   * first" error (model missing, no tools, context too small, other 4xx) are never retried.
   */
  retryable(operation: 'probe' | 'chat'): boolean {
    switch (this.kind) {
      case 'http':
        return RETRYABLE_STATUSES.has(this.status ?? 0);
      case 'unreachable':
        if (this.connection === 'refused') return operation === 'chat';
        return this.connection === 'reset' || this.connection === 'dropped';
      case 'timeout':
        return this.limit === 'first-byte' || this.limit === 'load' || this.limit === 'idle';
      default:
        return false;
    }
  }
}

export function isCancelled(error: unknown): boolean {
  return error instanceof ModelError ? error.kind === 'cancelled' : (error as { name?: string })?.name === 'AbortError';
}
