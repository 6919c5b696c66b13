import { parseRelativeDate, type RelativeDate } from '../../../scenarios/dates';
import type { Ref } from '../../../scenarios/refs';
import { parseRef } from '../../../scenarios/refs';
import { REPETITION, type ScenarioValue } from '../../../scenarios/types';

import { type Printable, raw } from '../printer/layout';
import { quote, stringLiteral } from '../printer/literals';

/* Scenario values as code in the generated tests: references turned into the variables that hold them, relative dates into the test clock's. */

/** Turns a reference into the expression holding its value. */
export type Resolve = (ref: Ref) => string;

/** A relative date as the test computes it from the test clock at that step: `now()`, `now('+21d')`, `today('+21d')`. */
export const relativeDateCode = (date: RelativeDate): string => {
  const helper = date.day ? 'today' : 'now';
  return date.offset ? `${helper}(${quote(date.offset)})` : `${helper}()`;
};

/** A string of a repeated step with its `{n}`s as the `counter` variable: `\`Guest ${n}\``. */
function countedLiteral(text: string, counter: string): string {
  const escape = (part: string) => part.replace(/[`\\]|\$\{/g, (c) => `\\${c}`);
  return `\`${text.split(REPETITION).map(escape).join(`\${${counter}}`)}\``;
}

/**
 * A scenario value as printable code, references and relative dates resolved; inside a repeated step
 * (`counter` names its repetition's number) a string's `{n}` counts.
 */
export function fromValue(value: ScenarioValue, resolve: Resolve, counter?: string): Printable {
  const date = parseRelativeDate(value);
  if (date) return raw(relativeDateCode(date));
  const ref = parseRef(value);
  if (ref) return raw(resolve(ref));
  if (typeof value === 'string') return raw(counter !== undefined && value.includes(REPETITION) ? countedLiteral(value, counter) : stringLiteral(value));
  if (value === null || typeof value !== 'object') return raw(String(value));
  if (Array.isArray(value)) return { items: value.map((item) => fromValue(item, resolve, counter)) };
  return { entries: Object.entries(value).map(([name, item]) => [name, fromValue(item, resolve, counter)]) };
}

