/** String literals, keys and one-line texts as generated TypeScript writes them (prettier settles the rest). */

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

/** A literal for a JSON scalar (query defaults, enum values). */
export function literal(value: string | number | boolean): string {
  return typeof value === 'string' ? quote(value) : String(value);
}

/** A text on one line: runs of white space (new lines too) as one space, trimmed. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A text for inside a block comment: on one line, and unable to close the comment early. */
export function commentText(text: string): string {
  return oneLine(text).replace(/\*\//g, '* /');
}
