/**
 * How a module's Realize work is cut into calls that fit a small model's context. A model served by
 * Ollama often runs with an 8K window (its common default), which must hold the prompt, the answer and,
 * on a retry, the parts of the answer sent back with the feedback and their replacements. A module
 * whose call would not fit is written in parts, each a run of its operations; the first part also
 * writes the module's helpers (and derived values), which the later parts are given as written.
 */
import { evenRuns, fitsSmallWindow, partTarget } from '../model/callPlan';

/** An answer's size before it is seen, in tokens: the helpers, and each method's body (the reference apps' bodies average 75-360). */
export const HELPERS_TOKENS = 500;
export const OPERATION_TOKENS = 300;

/**
 * The operations cut into the fewest runs (in order, of even length) whose calls fit: `promptTokens`
 * sizes the prompt of a call for some operations when the module is cut into `count` parts. One run
 * when the module fits; one operation per part at worst.
 */
export function planParts(ids: readonly string[], promptTokens: (operations: readonly string[], count: number) => number): string[][] {
  for (let count = 1; count < ids.length; count++) {
    const parts = evenRuns(ids, count);
    if (parts.every((part) => fitsSmallWindow(promptTokens(part, count), expectedAnswer(part.length)))) return parts;
  }
  return ids.map((id) => [id]);
}

/** What a call's answer is expected to take: every part carries the helpers once (written, or given as written). */
export function expectedAnswer(operations: number): number {
  return HELPERS_TOKENS + operations * OPERATION_TOKENS;
}

/** The target of one part: the module's own target when it is written in one call. */
export const modulePartTarget = (module: string, index: number, count: number): string => partTarget(`module ${module}`, index, count);
