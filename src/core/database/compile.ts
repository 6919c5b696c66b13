import { checkPrismaSchema } from '../compilers/prismaSchema';
import type { DatabaseId } from '../config/settings';
import type { Issue } from '../diagnostics/issue';
import { renderSchema, type RenderedSchema } from './render';
import type { DatabaseArtifact } from './types';
import { validateDatabase } from './validate';

export interface DatabaseCompilation {
  issues: Issue[];
  /** Present when the artifact passed the project's rules and could be rendered. */
  schema?: RenderedSchema;
}

/**
 * The Database phase's compiler loop step: the project's rules first, then the rendered schema through
 * Prisma's own compiler, with each Prisma error mapped back to the artifact path that produced its line.
 */
/** `actors`: the Analyze actors, when known, that an archive's `visibleTo` may name. */
export function compileDatabase(artifact: DatabaseArtifact, database: DatabaseId, actors?: readonly string[]): DatabaseCompilation {
  const ruleIssues = validateDatabase(artifact, database, actors);
  if (ruleIssues.some((issue) => issue.severity === 'error')) return { issues: ruleIssues };
  const schema = renderSchema(artifact, database);
  const prismaIssues = checkPrismaSchema([...schema.files].map(([path, content]) => ({ path, content })));
  const mapped = prismaIssues.map((issue) => ({
    ...issue,
    path: issue.file && issue.range ? (schema.pathAt(issue.file, issue.range.start.line + 1) ?? '$') : '$',
  }));
  return { issues: [...ruleIssues, ...mapped], schema };
}
