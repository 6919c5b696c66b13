import type { Issue } from '../diagnostics/issue';

/**
 * Where each part of an artifact merged from a change came from: artifact path prefix -> the path in the
 * change's answer (`$.models[3]` -> `$.models[0]`). A problem the merged artifact's checks find goes back to
 * the part of the answer that made it; a problem in a part the answer left alone is told at `$`, naming it.
 */
export class DeltaPaths {
  private readonly prefixes = new Map<string, string>();

  set(mergedPrefix: string, answerPrefix: string): void {
    this.prefixes.set(mergedPrefix, answerPrefix);
  }

  /** The issues of the merged artifact, addressed in the answer. */
  toAnswer(issues: readonly Issue[]): Issue[] {
    return issues.map((issue) => {
      if (issue.path === undefined) return issue;
      const prefix = [...this.prefixes.keys()].filter((candidate) => issue.path === candidate || issue.path!.startsWith(`${candidate}.`) || issue.path!.startsWith(`${candidate}[`)).sort((a, b) => b.length - a.length)[0];
      if (prefix !== undefined) return { ...issue, path: this.prefixes.get(prefix)! + issue.path.slice(prefix.length) };
      return { ...issue, path: '$', message: `${issue.message} (in the part your answer did not change, at ${issue.path}: change it there if the change needs it)` };
    });
  }
}

/**
 * Items merged by key: an item of `changes` with the key of an existing one replaces it in place, a new
 * one goes at the end, and `removed` keys go. Records in `paths` where each changed item came from.
 */
export function mergeByKey<T>(existing: readonly T[], changes: readonly T[], removed: readonly string[], key: (item: T) => string, at: { merged: string; answer: string; paths: DeltaPaths }): T[] {
  const gone = new Set(removed);
  const result = existing.filter((item) => !gone.has(key(item)));
  changes.forEach((item, index) => {
    const place = result.findIndex((candidate) => key(candidate) === key(item));
    const to = place >= 0 ? place : result.push(item) - 1;
    result[to] = item;
    at.paths.set(`${at.merged}[${to}]`, `${at.answer}[${index}]`);
  });
  return result;
}
