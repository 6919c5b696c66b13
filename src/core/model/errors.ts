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

export class ModelError extends Error {
  constructor(
    readonly kind: ModelErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ModelError';
  }

  /** Worth another try later (the server may come back); the others need a change first. */
  get transient(): boolean {
    return this.kind === 'unreachable' || this.kind === 'timeout' || (this.kind === 'http' && (this.status ?? 0) >= 500);
  }
}

export function isCancelled(error: unknown): boolean {
  return error instanceof ModelError ? error.kind === 'cancelled' : (error as { name?: string })?.name === 'AbortError';
}
