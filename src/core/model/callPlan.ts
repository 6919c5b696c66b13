/**
 * Cutting a phase's work into calls that fit a small model's window (SMALL_MODEL_WINDOW): the window
 * must hold the prompt, the answer and, on a retry, the failing parts of the answer sent back with the
 * feedback and their replacements. The phases plan with their own estimates of an answer; what they
 * share is the room kept for a retry, the even cut and the name of a part.
 */
import { SMALL_MODEL_WINDOW } from './contextWindow';

/** Kept free for a retry: the failing parts of the answer sent back, the feedback, and their replacements. */
export const RETRY_ROOM = 1500;

/** Whether a call of `promptTokens` expecting `answerTokens` fits the small window with a retry's room. */
export const fitsSmallWindow = (promptTokens: number, answerTokens: number): boolean => promptTokens + answerTokens <= SMALL_MODEL_WINDOW - RETRY_ROOM;

/** `items` in `count` runs of lengths differing by one at most, longer runs first. */
export function evenRuns<T>(items: readonly T[], count: number): T[][] {
  const runs: T[][] = [];
  let start = 0;
  for (let index = 0; index < count; index++) {
    const length = Math.ceil((items.length - start) / (count - index));
    runs.push(items.slice(start, start + length));
    start += length;
  }
  return runs;
}

/** The target of one part of a call's work (`module events, part 2 of 3`): the whole's own target when there is one part. */
export function partTarget(target: string, index: number, count: number): string {
  return count === 1 ? target : `${target}, part ${index + 1} of ${count}`;
}

/** The targets among `targets` that are `target` or one of its parts, in part order. */
export function partsOfTarget(targets: readonly string[], target: string): string[] {
  const part = (candidate: string) => Number(/, part (\d+) of \d+$/.exec(candidate)?.[1] ?? 0);
  return targets.filter((candidate) => candidate === target || (candidate.startsWith(`${target}, part `) && part(candidate) > 0)).sort((a, b) => part(a) - part(b));
}
