/**
 * Business-rule mutations of the reference apps' generated backends, kept as data beside each app
 * (test/fixtures/<app>/mutations.json). bench:mutation applies them one at a time and runs the
 * generated suite; test/unit/mutations.test.ts checks that none has gone stale.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureApp } from '../fixtures/fixtureApp';

/** The reference apps that have a mutation list. */
export const MUTATION_APPS = ['todo', 'blog', 'clinic', 'ticketing', 'timesheet'] as const;
export type MutationApp = (typeof MUTATION_APPS)[number];

/** One change that breaks one business rule of a generated backend. */
export interface Mutation {
  /** Unique within its app, kebab-case. */
  id: string;
  /** The rule it breaks, in words (what a user would notice). */
  description: string;
  /** Path in the generated project, e.g. `src/todos/todos.service.ts`. */
  file: string;
  /** Text that occurs exactly once in the freshly generated file. */
  find: string;
  /** What `find` becomes. */
  replace: string;
}

/** test/fixtures/<app>/mutations.json. */
export function mutationsFile(app: string): string {
  return join(fixtureApp(app).dir, 'mutations.json');
}

/** The app's mutations, with their shape checked; throws naming the first malformed one. */
export function loadMutations(app: string): Mutation[] {
  const file = mutationsFile(app);
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(parsed)) throw new Error(`${file}: expected a list of mutations`);
  const seen = new Set<string>();
  return parsed.map((entry: unknown, index) => {
    const record = (entry ?? {}) as Record<string, unknown>;
    const name = typeof record.id === 'string' ? record.id : `#${index}`;
    for (const key of ['id', 'description', 'file', 'find', 'replace'] as const) {
      if (typeof record[key] !== 'string') throw new Error(`${file}: mutation ${name}: "${key}" must be a string`);
    }
    for (const key of ['id', 'description', 'file', 'find'] as const) {
      if ((record[key] as string).trim() === '') throw new Error(`${file}: mutation ${name}: "${key}" is empty`);
    }
    const extra = Object.keys(record).filter((key) => !['id', 'description', 'file', 'find', 'replace'].includes(key));
    if (extra.length) throw new Error(`${file}: mutation ${name}: unknown key(s) ${extra.join(', ')}`);
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) throw new Error(`${file}: mutation id "${name}" must be kebab-case`);
    if (seen.has(name)) throw new Error(`${file}: mutation id "${name}" appears twice`);
    seen.add(name);
    return record as unknown as Mutation;
  });
}

/** How often `find` occurs in `text`, overlapping occurrences counted. */
export function occurrences(text: string, find: string): number {
  let count = 0;
  for (let at = text.indexOf(find); at !== -1; at = text.indexOf(find, at + 1)) count++;
  return count;
}

/**
 * Why `mutation` cannot be applied to `source` (the freshly generated content of its file, undefined
 * when the project has no such file), or undefined when it can.
 */
export function staleReason(app: string, mutation: Mutation, source: string | undefined): string | undefined {
  const where = `mutation ${app}/${mutation.id} (${mutation.file})`;
  if (mutation.replace === mutation.find) return `${where}: "replace" is the same as "find"`;
  if (source === undefined) return `${where} is stale: the generated project has no ${mutation.file}`;
  const count = occurrences(source, mutation.find);
  if (count === 0) return `${where} is stale: its "find" text no longer occurs in the generated file`;
  if (count > 1) return `${where} is ambiguous: its "find" text occurs ${count} times in the generated file (it must occur once)`;
  return undefined;
}

/** `source` with the mutation applied (call staleReason first). */
export function applyMutation(source: string, mutation: Mutation): string {
  const at = source.indexOf(mutation.find);
  return source.slice(0, at) + mutation.replace + source.slice(at + mutation.find.length);
}
