import type { DtoProperty } from './types';

/**
 * A string property's `pattern`: a regular expression the whole value must match (an ISBN's 13 digits, a
 * postcode). Every check reads it through here, so the server, the OpenAPI document, Strata's scenario
 * checks and the generated 400 tests agree: anchored at both ends, with Unicode semantics.
 */
export const PATTERN_MAX = 200;

/** `^(?:…)$`: the pattern as the server matches it. */
export function anchored(pattern: string): string {
  return `^(?:${pattern})$`;
}

/** The RegExp of a property's pattern, or undefined when it has none (or it does not compile). */
export function patternOf(property: Pick<DtoProperty, 'pattern'>): RegExp | undefined {
  if (property.pattern === undefined) return undefined;
  try {
    return new RegExp(anchored(property.pattern), 'u');
  } catch {
    return undefined;
  }
}

/** Why a pattern cannot be used, or undefined. */
export function patternProblem(pattern: string): string | undefined {
  if (pattern.length > PATTERN_MAX) return `a pattern has at most ${PATTERN_MAX} characters`;
  try {
    new RegExp(anchored(pattern), 'u');
    return undefined;
  } catch (error) {
    return `not a regular expression: ${error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error)}`;
  }
}

/** A value within the property's lengths that only its pattern refuses, or undefined when none is found. */
export function nonMatching(property: DtoProperty): string | undefined {
  const expression = patternOf(property);
  if (!expression) return undefined;
  const min = property.minLength ?? 0;
  const max = property.maxLength ?? Number.POSITIVE_INFINITY;
  const length = Math.max(1, min);
  for (const unit of ['!', '-', 'x', '0', ' ', 'X', 'é']) {
    const value = unit.repeat(length);
    if (value.length <= max && !expression.test(value)) return value;
  }
  return undefined;
}
