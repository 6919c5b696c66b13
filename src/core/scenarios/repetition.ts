import { REPETITION, type ScenarioRequest, type ScenarioValue } from './types';

/** A value with every `{n}` in its strings replaced by the repetition's number. */
function countedValue(value: ScenarioValue, n: number): ScenarioValue {
  if (typeof value === 'string') return value.split(REPETITION).join(String(n));
  if (Array.isArray(value)) return value.map((item) => countedValue(item, n));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, countedValue(item, n)]));
  return value;
}

/** The request as repetition `n` of a repeated step sends it. */
export function counted<T extends ScenarioRequest>(request: T, n: number): T {
  const out = { ...request };
  for (const part of ['params', 'query', 'body'] as const) {
    const value = request[part];
    if (value !== undefined) out[part] = countedValue(value, n) as Record<string, ScenarioValue>;
  }
  return out;
}
