import { lintSchema, validate } from '@prisma/internals';
import { type Issue, lineRange, positionAt } from '../diagnostics/issue';

export interface SchemaFile {
  /** Project-relative path, e.g. `prisma/schema/user.prisma`. */
  path: string;
  content: string;
}

/**
 * Checks a (possibly multi-file) Prisma schema offline with Prisma's own WASM compiler. Positions come
 * from the linter's UTF-16 offsets; anything only the full validator reports is mapped by line number.
 */
export function checkPrismaSchema(files: readonly SchemaFile[]): Issue[] {
  if (files.length === 0) return [];
  const schemas: [string, string][] = files.map((file) => [file.path, file.content]);
  const byPath = new Map(files.map((file) => [file.path, file.content]));

  // Prisma's typings omit `file_name`, but multi-file schemas report it at run time.
  const lints = lintSchema({ schemas }) as (ReturnType<typeof lintSchema>[number] & { file_name?: string })[];
  const issues: Issue[] = lints.map((lint) => {
    const file = lint.file_name ?? files[0]!.path;
    const text = byPath.get(file) ?? '';
    return {
      severity: lint.is_warning ? 'warning' : 'error',
      source: 'prisma',
      message: lint.text,
      file,
      range: { start: positionAt(text, lint.start), end: positionAt(text, lint.end) },
    } satisfies Issue;
  });
  if (issues.some((issue) => issue.severity === 'error')) return issues;

  try {
    validate({ schemas });
  } catch (error) {
    issues.push(...parseValidationText(error instanceof Error ? error.message : String(error), byPath));
  }
  return issues;
}

/** Parses Prisma's preformatted `error: ...\n  -->  file:line` blocks. */
export function parseValidationText(text: string, contents: ReadonlyMap<string, string>): Issue[] {
  const plain = text.replace(/\u001b\[[0-9;]*m/g, '');
  const issues: Issue[] = [];
  const pattern = /^error: (.+)\n\s*-->\s+(.+?):(\d+)/gm;
  for (const match of plain.matchAll(pattern)) {
    const [, message, file, line] = match as unknown as [string, string, string, string];
    const content = contents.get(file) ?? '';
    issues.push({ severity: 'error', source: 'prisma', message, file, range: lineRange(content, Number(line) - 1) });
  }
  if (issues.length === 0) {
    // Not in the expected shape: keep the whole text rather than lose it.
    issues.push({ severity: 'error', source: 'prisma', message: plain.trim() });
  }
  return issues;
}
