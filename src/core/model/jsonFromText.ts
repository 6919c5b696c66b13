import { splitReasoning } from './reasoning';

// jsonrepair ships CommonJS under its `require` condition, but its only type declarations sit in its
// ESM folder, which TypeScript will not let a CommonJS file import: the one function, typed here.
const { jsonrepair } = require('jsonrepair') as { jsonrepair: (text: string) => string };

/**
 * Recovers a JSON value from what a model wrote: a bare value, one inside a ``` fence, or one that
 * starts at any `{` or `[` in prose (a bracket in the prose before it does not hide it). Reasoning
 * blocks (`<think>…</think>`, braces and all) are cut out first. When no candidate is strict JSON, the
 * closed ones are repaired (trailing commas, comments, single quotes, Python's True/None …) with
 * jsonrepair. A value that is never closed is reported as such, never completed: a cut-off answer
 * must not pass for a whole one.
 */
export type Recovered = { ok: true; value: unknown; repaired: boolean } | { ok: false; error: string; unclosed?: boolean };

/** Starts tried at most: enough for any answer, bounded for garbage full of brackets. */
const MAX_STARTS = 400;
/** Candidates repaired at most (the longest first). */
const MAX_REPAIRS = 12;

interface Candidate {
  text: string;
  start: number;
}

export function jsonFromText(text: string): Recovered {
  const body = splitReasoning(text).answer;
  if (body === '') return { ok: false, error: 'the answer was empty' };
  const direct = strict(body);
  if (direct.ok) return direct;

  const candidates: Candidate[] = [];
  for (const fence of body.matchAll(/```[\w-]*[ \t]*\r?\n?([\s\S]*?)(?:```|$)/g)) {
    candidates.push({ text: fence[1]!.trim(), start: fence.index! });
  }
  let unclosedAt: number | undefined;
  let best: { value: unknown; start: number; length: number } | undefined;
  let skipUntil = -1;
  let tried = 0;
  for (let i = 0; i < body.length && tried < MAX_STARTS; i++) {
    const char = body[i];
    if ((char !== '{' && char !== '[') || i <= skipUntil) continue;
    tried++;
    const end = balancedEnd(body, i);
    if (end < 0) {
      unclosedAt ??= i;
      continue;
    }
    const slice = body.slice(i, end + 1);
    const parsed = strict(slice);
    if (parsed.ok) {
      if (!best || slice.length > best.length) best = { value: parsed.value, start: i, length: slice.length };
      // What lies inside a value that parsed is part of it.
      skipUntil = end;
    } else candidates.push({ text: slice, start: i });
  }
  for (const candidate of candidates) {
    const parsed = strict(candidate.text);
    if (parsed.ok && (!best || candidate.text.length > best.length)) best = { value: parsed.value, start: candidate.start, length: candidate.text.length };
  }
  // A strict value inside a longer span that only needs repair (`"fields": []` inside an object with a
  // comment) is a piece of it: longer spans are repaired, and the longest value wins.
  const repairable = candidates
    .filter((candidate) => candidate.text.length > (best?.length ?? 0))
    .filter((candidate) => /^[[{]/.test(candidate.text) && balancedEnd(candidate.text, 0) === candidate.text.length - 1)
    .sort((a, b) => b.text.length - a.text.length)
    .slice(0, MAX_REPAIRS);
  let repaired: { value: unknown; start: number; length: number } | undefined;
  for (const candidate of repairable) {
    const value = repair(candidate.text);
    if (value !== undefined) {
      repaired = { value, start: candidate.start, length: candidate.text.length };
      break;
    }
  }
  const found = [best, repaired].filter((one) => one !== undefined).sort((a, b) => b.length - a.length)[0];
  if (found && !cutOffAround(found, unclosedAt, body)) return { ok: true, value: found.value, repaired: found === repaired };
  if (unclosedAt !== undefined) {
    return { ok: false, unclosed: true, error: 'the JSON is not closed: the answer stops before its last brace or bracket' };
  }
  const first = candidates.find((candidate) => /^[[{]/.test(candidate.text));
  const reason = first && strict(first.text);
  return { ok: false, error: reason && !reason.ok ? `${reason.error}, and it could not be repaired` : 'no JSON object or array was found in the answer' };
}

/**
 * Whether the value found is only a piece of a larger one that never closes: a bracket that never
 * closes opens before it (so it holds it). A cut-off answer's complete inner parts (a `fields` array,
 * one item) must not pass for the answer. A stray opening bracket right before a value that ends the
 * answer (`{\n\n{"a": 1}`, which Ollama has sent for `format` with `think`) holds nothing else: not cut off.
 */
function cutOffAround(found: { start: number; length: number }, unclosedAt: number | undefined, body: string): boolean {
  if (unclosedAt === undefined || unclosedAt >= found.start) return false;
  const stray = /^[\s{[]*$/.test(body.slice(unclosedAt, found.start)) && body.slice(found.start + found.length).trim() === '';
  return !stray;
}

function strict(text: string): { ok: true; value: unknown; repaired: false } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text), repaired: false };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/** The repaired value of a closed object or array, or undefined when it cannot be repaired into one. */
function repair(text: string): unknown {
  try {
    const value: unknown = JSON.parse(jsonrepair(text));
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Index of the bracket closing the one at `start`, honouring strings; -1 when it never closes. */
function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}
