/**
 * A problem found by a validator or a compiler. Core code reports issues; only the VS Code layer turns
 * them into editor diagnostics, and only the model layer turns them into retry feedback.
 */
export type IssueSeverity = 'error' | 'warning' | 'info';

/** Zero-based, like editor positions; `character` counts UTF-16 code units. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface Issue {
  severity: IssueSeverity;
  message: string;
  /** Which checker found it, e.g. `prisma` or `typescript`. */
  source: string;
  /** Workspace-relative file, with `/` separators, when the issue points into a file. */
  file?: string;
  range?: Range;
  /** JSON path into the artifact (e.g. `$.models[2].fields[0].type`) when the issue points into one. */
  path?: string;
  code?: string;
  /**
   * The id of an earlier phase whose artifact must change before this problem can be fixed (a column the
   * data model lacks, a refusal no valid request can reach). The typed-call loop stops asking when only
   * such problems remain, and the pipeline goes back to that phase with them.
   */
  needs?: string;
}

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((issue) => issue.severity === 'error');
}

/** Turns a UTF-16 offset into a zero-based line/character position. */
export function positionAt(text: string, offset: number): Position {
  const clamped = Math.max(0, Math.min(offset, text.length));
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < clamped; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: clamped - lineStart };
}

/** The UTF-16 offset of a zero-based line/character position in `text`: the inverse of `positionAt`. */
export function offsetAt(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(offset + position.character, text.length);
}

/** The range covering a whole (zero-based) line of `text`. */
export function lineRange(text: string, line: number): Range {
  const lines = text.split('\n');
  const index = Math.max(0, Math.min(line, lines.length - 1));
  const length = (lines[index] ?? '').replace(/\r$/, '').length;
  return { start: { line: index, character: 0 }, end: { line: index, character: length } };
}
