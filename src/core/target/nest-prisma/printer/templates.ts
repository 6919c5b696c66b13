import type { DatabaseId } from '../../../config/settings';
import { TEMPLATES } from '../templates.generated';

/**
 * The files of ../templates/: generated files that are the same in every project, or mostly, kept as real files that
 * Strata's own build type-checks (templates/tsconfig.json) and embedded at build time
 * (scripts/embed-templates.mjs writes templates.generated.ts). A file that varies with a setting, or with
 * a yes-or-no fact of the artifacts (TemplateFlags), keeps every variant in one template, chosen line by
 * line, so the template stays one valid file:
 *
 *   // @strata postgresql        (or `# @strata …` where `#` starts a comment)
 *   …lines kept only when the flag is on; `// @strata !signsIn` keeps them when it is off…
 *   // @strata end
 *
 * Blocks may nest. A line holding `@strata template-only` is never rendered: it is for the check alone,
 * e.g. a `// @ts-expect-error` over a declaration that both variants make in the template while a
 * project gets one. Every flag a template names must be given, so a misspelt one fails at once.
 *
 * What comes from an artifact (names, accounts, routes) the printers build; a template that is mostly
 * static takes it through slots, so it stays one valid file all the same. A line ending in
 *
 *   const loginPaths: Record<Actor, string> = { member: '/auth/login' }; // @strata slot loginPaths
 *
 * is a stand-in, there for the type-check: a project gets, in its place, what the printer gives for
 * `loginPaths`, verbatim (with its own indentation): a text, of one line or several, or an array of lines,
 * which may be empty (then the line goes). A template names a slot once; every slot it names must be
 * given, in or out of a kept block, and every slot given must be named there, so a misspelt or forgotten
 * one fails at once too.
 */
export interface TemplateFlags {
  /** The project's database (`strata.database`). */
  sqlite?: boolean;
  postgresql?: boolean;
  /** Some actor has an account: tokens are signed, JWT_SECRET matters. */
  signsIn?: boolean;
  /** test/support/http.ts: some actor's accounts are made by staff (src/auth/accounts.ts exists). */
  createsAccounts?: boolean;
  /** test/support/http.ts: some actor's accounts can be deactivated. */
  deactivates?: boolean;
  /** src/prisma/prisma.service.ts: the data model has columns Prisma would stamp with the system time. */
  stamps?: boolean;
  /** test/support/soak.ts: the soak creates records too (a success scenario gives the body). */
  soakCreates?: boolean;
}

/** Slot name -> what replaces its line (see above): a text, or lines. */
export type TemplateSlots = Readonly<Record<string, string | readonly string[]>>;

const MARKER = /^\s*(?:\/\/|#)\s*@strata\s+(!?)(\w+)\s*$/;
const END = /^\s*(?:\/\/|#)\s*@strata\s+end\s*$/;
const TEMPLATE_ONLY = '@strata template-only';
const SLOT = /(?:\/\/|#)\s*@strata\s+slot\s+(\w+)\s*$/;

/**
 * The text of templates/<path> for a project with `flags` and `slots`; printers name the path literally
 * (a test finds dead templates by it).
 */
export function template(path: string, flags: TemplateFlags = {}, slots: TemplateSlots = {}): string {
  const text = TEMPLATES[path];
  if (text === undefined) throw new Error(`No template ${path} in src/core/target/nest-prisma/templates/`);
  return expandTemplate(text, flags, path, slots);
}

/** The names of the slots a template has, in order of their lines. */
export function templateSlots(text: string): string[] {
  return text.split('\n').flatMap((line) => SLOT.exec(line)?.[1] ?? []);
}

/** Keeps the lines whose blocks' flags hold, fills the slots and drops every marker and template-only line. */
export function expandTemplate(text: string, flags: TemplateFlags, path = 'template', slots: TemplateSlots = {}): string {
  const named = templateSlots(text);
  // One line per slot: a second would print the slot's text twice.
  const twice = named.find((name, index) => named.indexOf(name) !== index);
  if (twice !== undefined) throw new Error(`${path}: the slot "${twice}" is named twice`);
  const missing = named.find((name) => !Object.hasOwn(slots, name));
  if (missing !== undefined) throw new Error(`${path}: the slot "${missing}" was not given`);
  const unknown = Object.keys(slots).find((name) => !named.includes(name));
  if (unknown !== undefined) throw new Error(`${path}: the template has no slot "${unknown}"`);
  const kept: string[] = [];
  const open: boolean[] = [];
  text.split('\n').forEach((line, index) => {
    const where = `${path}:${index + 1}`;
    const marker = MARKER.exec(line);
    if (marker && marker[2] !== 'end') {
      const value = (flags as Record<string, boolean | undefined>)[marker[2]!];
      if (value === undefined) throw new Error(`${where}: the flag "${marker[2]}" was not given`);
      open.push(marker[1] === '!' ? !value : value);
    } else if (END.test(line)) {
      if (open.pop() === undefined) throw new Error(`${where}: @strata end without a block`);
    } else if (!line.includes(TEMPLATE_ONLY) && open.every(Boolean)) {
      const slot = SLOT.exec(line);
      const value = slot ? slots[slot[1]!]! : line;
      kept.push(...(typeof value === 'string' ? [value] : value));
    }
  });
  if (open.length > 0) throw new Error(`${path}: a @strata block is not closed`);
  return kept.join('\n');
}

/** The database flags of a project: `sqlite` or `postgresql`. */
export const databaseFlags = (databaseId: DatabaseId): TemplateFlags => ({ sqlite: databaseId === 'sqlite', postgresql: databaseId === 'postgresql' });
