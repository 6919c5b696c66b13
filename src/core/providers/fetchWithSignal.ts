/** A `fetch` that also honours a caller's AbortSignal and a time limit: clients such as `ollama` take no signal. */
export function fetchWithSignal(signal: AbortSignal | undefined, timeoutMs: number): typeof fetch {
  return (input, init) => {
    const signals = [AbortSignal.timeout(timeoutMs)];
    if (signal) signals.push(signal);
    if (init?.signal) signals.push(init.signal);
    return fetch(input, { ...init, signal: AbortSignal.any(signals) });
  };
}

/** One clear line for a failed request: refused, unreachable, timed out, cancelled, or the server's own words. */
export function describeRequestError(error: unknown, where: string, timeoutMs: number): string {
  const err = error as { name?: string; message?: string; cause?: { code?: string }; status_code?: number; error?: string };
  if (err?.name === 'TimeoutError') return `${where} did not answer within ${Math.round(timeoutMs / 1000)} s`;
  if (err?.name === 'AbortError') return `request to ${where} was cancelled`;
  const code = err?.cause?.code;
  if (code === 'ECONNREFUSED') return `${where} refused the connection: is the server running?`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `${where}: host name not found`;
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return `${where} dropped the connection`;
  if (typeof err?.status_code === 'number') return `${where} answered HTTP ${err.status_code}: ${err.error ?? err.message}`;
  return `${where}: ${err?.message ?? String(error)}`;
}
