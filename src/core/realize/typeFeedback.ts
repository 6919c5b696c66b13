import type { Issue } from '../diagnostics/issue';

/** Where a piece of model-written code sits in a rendered file (0-based, inclusive lines). */
export interface CodeRegion {
  path: string;
  startLine: number;
  endLine: number;
}

/**
 * Compiler issues in a rendered file, re-addressed to the model's own text: the artifact path of the
 * helpers or method body the error sits in, and the line within it, so the retry names the exact spot.
 * Issues outside every region (generated code around the bodies) keep their file position only.
 */
export function mapToRegions(issues: readonly Issue[], file: string, regions: readonly CodeRegion[]): Issue[] {
  return issues.map((issue) => {
    if (issue.file !== file || !issue.range) return issue;
    const line = issue.range.start.line;
    const region = regions.find((candidate) => line >= candidate.startLine && line <= candidate.endLine);
    if (!region) return issue;
    const code = issue.code ? ` (${issue.code})` : '';
    return { ...issue, path: region.path, message: `line ${line - region.startLine + 1}: ${issue.message}${code}` };
  });
}
