/**
 * How one operation's scenarios are cut into calls that fit a small model's window. Most operations are
 * asked in one call. One whose answer would not fit with its prompt (many refusals, or successes that
 * take long set-ups) is asked for its successes in one call and its refusals in as few further calls as
 * fit, each part checked for exactly what it asks and the parts merged back in order.
 */
import { evenRuns, fitsSmallWindow, partTarget } from '../model/callPlan';
import type { Operation } from '../interface/types';

/** What one call asks for: the operation's successes (and documented 404s), and the refusals listed by code. */
export interface ScenarioPart {
  successes: boolean;
  refusals: string[];
  index: number;
  count: number;
}

/**
 * An answer's size before it is seen, in tokens. On the reference apps an operation's successes take 361
 * at the median and 1,312 at the 90th percentile (up to 2,000: long set-ups, many filters), a refusal
 * scenario 146 at the median and 252 at the 90th.
 */
export const SUCCESSES_TOKENS = 1000;
export const REFUSAL_TOKENS = 250;

export const expectedScenarioAnswer = (part: Pick<ScenarioPart, 'successes' | 'refusals'>): number =>
  (part.successes ? SUCCESSES_TOKENS : 0) + part.refusals.length * REFUSAL_TOKENS;

/**
 * The calls for `operation`'s scenarios: all in one when it fits (`promptTokens` sizes a part's prompt),
 * else the successes alone and the refusals in the fewest even runs that fit; one refusal per call at worst.
 */
export function planScenarioParts(operation: Operation, promptTokens: (part: Pick<ScenarioPart, 'successes' | 'refusals'>) => number): ScenarioPart[] {
  const codes = (operation.refusals ?? []).map((refusal) => refusal.code);
  const fits = (part: Pick<ScenarioPart, 'successes' | 'refusals'>) => fitsSmallWindow(promptTokens(part), expectedScenarioAnswer(part));
  const numbered = (parts: Pick<ScenarioPart, 'successes' | 'refusals'>[]): ScenarioPart[] => parts.map((part, index) => ({ ...part, index, count: parts.length }));
  const whole = { successes: true, refusals: codes };
  if (codes.length === 0 || fits(whole)) return numbered([whole]);
  const successes = { successes: true, refusals: [] };
  for (let runs = 1; runs < codes.length; runs++) {
    const parts = [successes, ...evenRuns(codes, runs).map((refusals) => ({ successes: false, refusals }))];
    if (parts.every(fits)) return numbered(parts);
  }
  return numbered([successes, ...codes.map((code) => ({ successes: false, refusals: [code] }))]);
}

/** `scenarios bookAppointment`, or `scenarios bookAppointment, part 2 of 3`. */
export const scenarioTarget = (operation: string, part: Pick<ScenarioPart, 'index' | 'count'>): string => partTarget(`scenarios ${operation}`, part.index, part.count);
