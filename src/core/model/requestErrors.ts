import { ModelError } from './errors';

/**
 * Maps what `fetch` and the `ollama` client throw onto `ModelError`s: a refused connection, a time
 * limit, a cancellation, or the server's own error body and status.
 */
export function toModelError(error: unknown, where: string, timeoutMs: number, signal?: AbortSignal): ModelError {
  if (error instanceof ModelError) return error;
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string }; status_code?: number; error?: string };
  if (signal?.aborted || err?.name === 'AbortError') return new ModelError('cancelled', `The call to ${where} was cancelled`);
  if (err?.name === 'TimeoutError') return new ModelError('timeout', `${where} did not answer within ${Math.round(timeoutMs / 1000)} s`);
  const code = err?.cause?.code;
  if (code === 'ECONNREFUSED') return new ModelError('unreachable', `${where} refused the connection: is the server running?`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new ModelError('unreachable', `${where}: host name not found`);
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || /terminated|other side closed/i.test(err?.message ?? '')) {
    return new ModelError('unreachable', `${where} dropped the connection`);
  }
  if (typeof err?.status_code === 'number') {
    const text = err.error ?? err.message ?? '';
    if (err.status_code === 404 && /model/i.test(text)) return new ModelError('model-not-found', `${where}: ${text}`, 404);
    if (/context|too long|exceeds/i.test(text) && err.status_code === 400) return new ModelError('context-overflow', `${where}: ${text}`, 400);
    if (/does not support tools/i.test(text)) return new ModelError('no-tool-support', `${where}: ${text}`, err.status_code);
    return new ModelError('http', `${where} answered HTTP ${err.status_code}: ${text}`, err.status_code);
  }
  if (err?.message === 'fetch failed') {
    // undici hides the reason in `cause` (e.g. "bad port", TLS errors).
    return new ModelError('unreachable', `${where} cannot be reached: ${err.cause?.message ?? code ?? 'network error'}`);
  }
  return new ModelError('bad-response', `${where}: ${err?.message ?? String(error)}`);
}
