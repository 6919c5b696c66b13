import { parseRelativeDate, type RelativeDate } from '../dates';
import type { Ref } from '../refs';
import { parseRef } from '../refs';
import { REPETITION, type ScenarioValue } from '../types';

/**
 * Printing TypeScript for the generated tests: literals in the house style (single quotes, spaces inside
 * braces), objects kept on one line while they fit, and scenario references turned into the variables
 * that hold them.
 */
export const WIDTH = 120;

/** A printable value: code as is, an array, or an object whose entries print as `key: value`. */
export type Printable = { code: string } | { items: Printable[] } | { entries: [string, Printable][] };

export const raw = (code: string): Printable => ({ code });

/** A string literal: single quotes, or double quotes when that spares escaping an apostrophe. */
export function quote(text: string): string {
  if (text.includes("'") && !/["\\\n\r]/.test(text)) return `"${text}"`;
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

/** A run of one character too long to read (a string past a maxLength) prints as `'x'.repeat(201)`. */
const RUN = /^(.)\1{39,}$/su;

/** A string as code: a literal, or a repeat for a long run of one character. */
export function stringLiteral(text: string): string {
  if (!RUN.test(text)) return quote(text);
  const chars = [...text];
  return `${quote(chars[0]!)}.repeat(${chars.length})`;
}

export const propertyKey = (name: string): string => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : quote(name));

/** `.field` or `['field']` or `[0]`. */
export const accessor = (field: string): string => (/^\d+$/.test(field) ? `[${field}]` : /^[A-Za-z_$][\w$]*$/.test(field) ? `.${field}` : `[${quote(field)}]`);

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

/** Prints on one line when it fits in `WIDTH` after `indent` plus `room` characters, else one entry per line. */
export function print(value: Printable, indent: string, room = 0): string {
  const flat = printFlat(value);
  if ('code' in value || indent.length + room + flat.length <= WIDTH) return flat;
  const inner = `${indent}  `;
  if ('items' in value) return `[\n${value.items.map((item) => `${inner}${print(item, inner, 1)},`).join('\n')}\n${indent}]`;
  return `{\n${value.entries.map(([name, item]) => `${inner}${propertyKey(name)}: ${print(item, inner, propertyKey(name).length + 3)},`).join('\n')}\n${indent}}`;
}

function printFlat(value: Printable): string {
  if ('code' in value) return value.code;
  if ('items' in value) return `[${value.items.map(printFlat).join(', ')}]`;
  if (value.entries.length === 0) return '{}';
  return `{ ${value.entries.map(([name, item]) => `${propertyKey(name)}: ${printFlat(item)}`).join(', ')} }`;
}
