import { checkPrismaSchema } from '../compilers/prismaSchema';
import type { DatabaseId } from '../config/settings';
import type { Issue } from '../diagnostics/issue';
import type { DatabaseArtifact } from './types';
import { validateDatabase } from './validate';

/** The data model as schema files, and which artifact path produced each line (Prisma's errors are handed back there). */
export interface RenderedSchema {
  /** Project-relative path -> content, in a stable order. */
  files: Map<string, string>;
  /** Path -> the artifact nodes the file was rendered from. */
  from: Map<string, string[]>;
  /** Which artifact path produced a (1-based) line of a file, so compiler errors can be handed back. */
  pathAt(file: string, line: number): string | undefined;
}

/** What the Database phase needs of the target that renders the project: the data model as schema files. */
export interface DatabaseTarget {
  renderSchema(artifact: DatabaseArtifact, database: DatabaseId): RenderedSchema;
}

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
export function compileDatabase(target: DatabaseTarget, artifact: DatabaseArtifact, database: DatabaseId, actors?: readonly string[]): DatabaseCompilation {
  const ruleIssues = validateDatabase(artifact, database, actors);
  if (ruleIssues.some((issue) => issue.severity === 'error')) return { issues: ruleIssues };
  const schema = target.renderSchema(artifact, database);
  const prismaIssues = checkPrismaSchema([...schema.files].map(([path, content]) => ({ path, content })));
  const mapped = prismaIssues.map((issue) => ({
    ...issue,
    path: issue.file && issue.range ? (schema.pathAt(issue.file, issue.range.start.line + 1) ?? '$') : '$',
  }));
  return { issues: [...ruleIssues, ...mapped], schema };
}
