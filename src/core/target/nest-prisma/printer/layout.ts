import { propertyKey } from './literals';

/**
 * Values printed as TypeScript: objects and arrays kept on one line while they fit the line width the
 * generated project's prettier uses, else one entry per line.
 */
export const WIDTH = 120;

/** A printable value: code as is, an array, or an object whose entries print as `key: value`. */
export type Printable = { code: string } | { items: Printable[] } | { entries: [string, Printable][] };

export const raw = (code: string): Printable => ({ code });

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
