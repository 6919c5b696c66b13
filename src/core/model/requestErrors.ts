import { ModelError } from './errors';

/**
 * Maps what `fetch` and the `ollama` client throw onto `ModelError`s: a refused or broken connection,
 * a cancellation, or the server's own error body and status. Time limits are not seen here: the
 * request guard that fired one reports it itself (requestGuard.ts).
 */
export function toModelError(error: unknown, where: string, signal?: AbortSignal): ModelError {
  if (error instanceof ModelError) return error;
  const err = error as {
    name?: string;
    message?: string;
    cause?: { code?: string; message?: string };
    status_code?: number;
    error?: string;
    retryAfterMs?: number;
  };
  if (signal?.aborted || err?.name === 'AbortError') return new ModelError('cancelled', `The call to ${where} was cancelled`);
  const code = err?.cause?.code;
  if (code === 'ECONNREFUSED') return new ModelError('unreachable', `${where} refused the connection: is the server running?`, undefined, { connection: 'refused' });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new ModelError('unreachable', `${where}: host name not found`, undefined, { connection: 'dns' });
  if (
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    code === 'UND_ERR_SOCKET' ||
    code === 'UND_ERR_CLOSED' ||
    /terminated|other side closed|socket hang up/i.test(err?.message ?? '')
  ) {
    return new ModelError('unreachable', `${where} dropped the connection`, undefined, { connection: 'reset' });
  }
  if (/Did not receive done or success response in stream/.test(err?.message ?? '')) {
    // The `ollama` client's word for a stream that ended without its final `done` line.
    return new ModelError('unreachable', `${where} ended the stream before its final line (no "done"): the server stopped or the connection broke mid-answer`, undefined, { connection: 'dropped' });
  }
  if (typeof err?.status_code === 'number') {
    const text = err.error ?? err.message ?? '';
    const status = err.status_code;
    if (status === 404 && /model/i.test(text)) return new ModelError('model-not-found', `${where}: ${text}`, 404);
    if (/context|too long|exceeds/i.test(text) && status === 400) return new ModelError('context-overflow', `${where}: ${text}`, 400);
    if (/does not support tools/i.test(text)) return new ModelError('no-tool-support', `${where}: ${text}`, status);
    return new ModelError('http', `${where} answered HTTP ${status}${text ? `: ${text}` : ''}`, status, { retryAfterMs: err.retryAfterMs });
  }
  if (err?.message === 'fetch failed') {
    // undici hides the reason in `cause` (e.g. "bad port", TLS errors).
    return new ModelError('unreachable', `${where} cannot be reached: ${err.cause?.message ?? code ?? 'network error'}`, undefined, { connection: 'other' });
  }
  return new ModelError('bad-response', `${where}: ${err?.message ?? String(error)}`);
}

/**
 * The error a non-2xx response stands for: its status, the message of its JSON body (`{error: "…"}`
 * as Ollama sends it, `{error: {message}}` as OpenAI-compatible servers do) or its text, and the
 * wait its Retry-After header asks for. Reads the body.
 */
export async function errorFromResponse(response: Response, where: string): Promise<ModelError> {
  const text = await response.text().catch(() => '');
  let message = text.trim();
  try {
    const parsed = JSON.parse(text) as { error?: { message?: string } | string };
    if (typeof parsed.error === 'string') message = parsed.error;
    else if (typeof parsed.error?.message === 'string') message = parsed.error.message;
  } catch {
    // Not JSON: keep the text.
  }
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  return toModelError({ status_code: response.status, error: message.slice(0, 500), retryAfterMs }, where);
}

/** Retry-After as delta-seconds (`120`) or an HTTP-date (`Wed, 21 Oct 2026 07:28:00 GMT`), in ms from now; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
