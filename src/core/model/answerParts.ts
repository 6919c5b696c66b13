import type { JsonSchema } from './chat';
import { SMALL_MODEL_WINDOW } from './contextWindow';
import { appendPath, checkAgainstSchema } from './schemaCheck';
import { estimateTokens } from './tokens';

/**
 * A retry asks only for the parts of an answer its problems are in. A part is the array item that holds
 * a problem's path (an operation, a DTO, a model, a scenario: enough to be understood on its own), or,
 * outside arrays, the top-level property; the model answers an object keyed by the parts' paths, and
 * each replacement is merged back into the earlier answer, which is then checked whole again.
 */

/** Marks the schema of a retry that asks for parts, so fakes and the simulator can tell it from a whole answer's. */
const PARTS_TITLE = 'replacements for parts of an earlier answer, keyed by their JSON paths';

/** `$.a.b[2]["c d"]` as its keys. */
export function pathKeys(path: string): (string | number)[] {
  const keys: (string | number)[] = [];
  for (const match of path.slice(1).matchAll(/\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g)) {
    keys.push(match[1] ?? (match[2] !== undefined ? Number(match[2]) : (JSON.parse(match[3]!) as string)));
  }
  return keys;
}

function pathOf(keys: readonly (string | number)[]): string {
  return keys.reduce<string>((path, key) => (typeof key === 'number' ? `${path}[${key}]` : appendPath(path, key)), '$');
}

export function valueAt(value: unknown, path: string): unknown {
  return pathKeys(path).reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined), value);
}

/** Sets the value at `path` of `value` (in place); false when what should hold it is not there. */
export function setValueAt(value: unknown, path: string, replacement: unknown): boolean {
  const keys = pathKeys(path);
  const last = keys.pop();
  const holder = valueAt(value, pathOf(keys));
  if (last === undefined || holder === null || typeof holder !== 'object') return false;
  (holder as Record<string | number, unknown>)[last] = replacement;
  return true;
}

/** The part a problem at `path` is fixed in; `$` when it is about the answer as a whole. */
export function partOf(path: string | undefined): string {
  const keys = pathKeys(path ?? '$');
  if (keys.length === 0) return '$';
  const item = keys.findIndex((key) => typeof key === 'number');
  return pathOf(keys.slice(0, item >= 0 ? item + 1 : 1));
}

/** The schema of the value at `path` of a value of `schema`; undefined where the schema says nothing. */
export function schemaAt(schema: JsonSchema, path: string): JsonSchema | undefined {
  let node: JsonSchema | undefined = schema;
  for (const key of pathKeys(path)) {
    if (!node) return undefined;
    node = typeof key === 'number' ? (node.items as JsonSchema | undefined) : ((node.properties as Record<string, JsonSchema> | undefined)?.[key]);
  }
  return node;
}

/** What a retry's feedback (problems, settled ones, the instruction) takes besides the parts, in tokens. */
export const FEEDBACK_TOKENS = 600;

/**
 * The parts a retry asks for, in the order of the problems; undefined when only the whole answer will do:
 * a problem about the whole, a part the schema does not describe (a property to remove), or parts that
 * are all the answer has. A retry holds the parts twice (shown, and answered): they are asked for while
 * they fit SMALL_MODEL_WINDOW beside the task (`promptTokens`), or up to half the answer (the first answer's
 * own window then holds the retry); always the first part. The other parts come next.
 */
export function partsToAsk(paths: readonly (string | undefined)[], previous: unknown, schema: JsonSchema, promptTokens = 0): string[] | undefined {
  if (previous === null || typeof previous !== 'object' || Array.isArray(previous)) return undefined;
  const parts = [...new Set(paths.map(partOf))];
  if (parts.includes('$') || parts.some((part) => schemaAt(schema, part) === undefined)) return undefined;
  const topLevel = new Set(parts.filter((part) => pathKeys(part).length === 1));
  if (Object.keys(previous).every((key) => topLevel.has(appendPath('$', key)))) return undefined;
  const size = (part: string) => estimateTokens(JSON.stringify(valueAt(previous, part) ?? null));
  const room = Math.max(estimateTokens(JSON.stringify(previous)) / 2, (SMALL_MODEL_WINDOW - promptTokens - FEEDBACK_TOKENS) / 2);
  let used = 0;
  return parts.filter((part, index) => (used += size(part)) <= room || index === 0);
}

/**
 * The schema of an answer to a retry asking for `parts`: one property per part, its own schema. Parts of
 * one kind (items of one array) share theirs through `definitions`, so asking for five scenarios costs
 * one scenario's schema, not five.
 */
export function partsSchema(schema: JsonSchema, parts: readonly string[]): JsonSchema {
  const schemas = parts.map((part) => schemaAt(schema, part)!);
  const shared = [...new Set(schemas.filter((one, index) => schemas.indexOf(one) !== index))];
  const refer = (one: JsonSchema): JsonSchema => (shared.includes(one) ? { $ref: `#/definitions/part${shared.indexOf(one) + 1}` } : one);
  return {
    title: PARTS_TITLE,
    type: 'object',
    required: [...parts],
    additionalProperties: false,
    properties: Object.fromEntries(parts.map((part, index) => [part, refer(schemas[index]!)])),
    ...(shared.length ? { definitions: Object.fromEntries(shared.map((one, index) => [`part${index + 1}`, one])) } : {}),
  };
}

/** The parts a schema asks for, when it is the schema of a retry asking for parts. */
export function partsAskedBy(schema: JsonSchema | undefined): string[] | undefined {
  return schema?.title === PARTS_TITLE ? Object.keys(schema.properties as Record<string, unknown>) : undefined;
}

/**
 * The parts of a value, keyed by their paths: what a retry shows of the earlier answer, and how the model
 * answers it. A part the value lacks is left out, as JSON would leave it out.
 */
export function partsOf(value: unknown, parts: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(parts.map((part) => [part, valueAt(value, part)] as const).filter(([, part]) => part !== undefined));
}

/**
 * A reply to a retry that asked for parts: the earlier answer with the replacements merged in; the whole
 * answer when the model gave the whole answer again; or unusable (no part asked for under its path).
 * Parts not asked for are ignored (`ignored`): a model that misnames a path must not overwrite what was right.
 */
export type PartsReply =
  | { kind: 'merged'; value: unknown; replaced: string[]; ignored: string[] }
  | { kind: 'whole'; value: unknown }
  | { kind: 'unusable'; ignored: string[] };

export function mergeReply(previous: unknown, reply: unknown, parts: readonly string[], schema: JsonSchema): PartsReply {
  if (reply === null || typeof reply !== 'object' || Array.isArray(reply)) return { kind: 'unusable', ignored: [] };
  const keys = Object.keys(reply);
  // The whole answer again (its keys are the schema's, not paths): taken whole, as a first answer would be.
  if (!keys.some((key) => parts.includes(key)) && looksWhole(reply, schema)) return { kind: 'whole', value: reply };
  const entries = keys.map((key) => [normalisePath(key), (reply as Record<string, unknown>)[key]] as const);
  const replaced = entries.filter(([key]) => parts.includes(key));
  const ignored = entries.filter(([key]) => !parts.includes(key)).map(([key]) => key);
  if (replaced.length === 0) return { kind: 'unusable', ignored };
  const value = structuredClone(previous);
  for (const [key, part] of replaced) setValueAt(value, key, part);
  return { kind: 'merged', value, replaced: replaced.map(([key]) => key), ignored };
}

/** `operations[3]` or `.helpers` as `$.operations[3]` and `$.helpers`: a slip in writing the key, not in choosing it. */
function normalisePath(key: string): string {
  if (key.startsWith('$')) return key;
  return key.startsWith('.') || key.startsWith('[') ? `$${key}` : `$.${key}`;
}

/** A reply that is the whole answer again: it fits the schema, or has every property the schema requires at the top. */
function looksWhole(reply: object, schema: JsonSchema): boolean {
  const required = (schema.required as string[] | undefined) ?? [];
  return checkAgainstSchema(schema, reply).length === 0 || (required.length > 0 && required.every((key) => key in reply));
}
