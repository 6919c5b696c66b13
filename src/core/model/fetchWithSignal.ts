/** A `fetch` that also honours a caller's AbortSignal and a time limit: clients such as `ollama` take no signal. */
export function fetchWithSignal(signal: AbortSignal | undefined, timeoutMs: number): typeof fetch {
  return (input, init) => {
    const signals = [AbortSignal.timeout(timeoutMs)];
    if (signal) signals.push(signal);
    if (init?.signal) signals.push(init.signal);
    return fetch(input, { ...init, signal: AbortSignal.any(signals) });
  };
}
