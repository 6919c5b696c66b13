import type { DatabaseId } from '../../../config/settings';
import { TEMPLATES } from '../templates.generated';

/**
 * The files of ../templates/: generated files that are the same in every project, kept as real files that
 * Strata's own build type-checks (templates/tsconfig.json) and embedded at build time
 * (scripts/embed-templates.mjs writes templates.generated.ts). A file that varies only with a setting
 * keeps every variant in one template, chosen line by line, so the template stays one valid file:
 *
 *   // @strata postgresql        (or `# @strata …` where `#` starts a comment)
 *   …lines kept only when the flag is on; `// @strata !signsIn` keeps them when it is off…
 *   // @strata end
 *
 * Blocks may nest. A line holding `@strata template-only` is never rendered: it is for the check alone,
 * e.g. a `// @ts-expect-error` over a declaration that both variants make in the template while a
 * project gets one. Every flag a template names must be given, so a misspelt one fails at once. Anything
 * that comes from an artifact (names, accounts, routes) stays with the printers.
 */
export interface TemplateFlags {
  /** The project's database (`strata.database`). */
  sqlite?: boolean;
  postgresql?: boolean;
  /** Some actor has an account: tokens are signed, JWT_SECRET matters. */
  signsIn?: boolean;
}

const MARKER = /^\s*(?:\/\/|#)\s*@strata\s+(!?)(\w+)\s*$/;
const END = /^\s*(?:\/\/|#)\s*@strata\s+end\s*$/;
const TEMPLATE_ONLY = '@strata template-only';

/** The text of templates/<path> for a project with `flags`; printers name the path literally (a test finds dead templates by it). */
export function template(path: string, flags: TemplateFlags = {}): string {
  const text = TEMPLATES[path];
  if (text === undefined) throw new Error(`No template ${path} in src/core/target/nest-prisma/templates/`);
  return expandTemplate(text, flags, path);
}

/** Keeps the lines whose blocks' flags hold and drops every marker and template-only line. */
export function expandTemplate(text: string, flags: TemplateFlags, path = 'template'): string {
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
      kept.push(line);
    }
  });
  if (open.length > 0) throw new Error(`${path}: a @strata block is not closed`);
  return kept.join('\n');
}

/** The database flags of a project: `sqlite` or `postgresql`. */
export const databaseFlags = (databaseId: DatabaseId): TemplateFlags => ({ sqlite: databaseId === 'sqlite', postgresql: databaseId === 'postgresql' });
