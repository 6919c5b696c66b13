import type { Conflict } from './generatedFiles';

/**
 * A run's files before they are written: for each file the run would change, what is on disk now and
 * what the run would put there. The editor shows it for review (accepted or rejected per file) and for
 * hand-edit conflicts (keep mine, take the new one, or a merge); nothing is written until a decision
 * comes back, and a file decided "current" is left exactly as it is.
 */
export interface ProposedFile {
  path: string;
  /** The phase that rendered the new content, or that rendered the file being retired. */
  phase: string;
  /** On disk now; undefined when the file does not exist. */
  current: string | undefined;
  /** What the run would write; null when the run retires the file. */
  proposed: string | null;
  /** Set when the file on disk is not Strata's unedited output: the user's, or edited by hand. */
  conflict?: Conflict['reason'];
  /**
   * A file edited by hand whose edits and the run's changes touch different lines: the three-way merge of
   * what Strata last wrote, the user's version and the new one. It is what the conflict resolves to unless decided otherwise.
   */
  merged?: string;
}

export interface ChangeSet {
  files: ProposedFile[];
}

/**
 * What to do with one file: write the run's version, keep the current one (the default for a conflict),
 * or write a merge of both.
 */
export type Resolution = 'proposed' | 'current' | { merged: string };

export type ReviewDecision =
  /** Writes the run, each file as resolved; a file not named takes its default. */
  | { kind: 'apply'; resolutions?: ReadonlyMap<string, Resolution> }
  /** Writes nothing. */
  | { kind: 'reject' }
  /** Writes nothing and runs the phase (and the ones after it) again, telling its calls the instruction. */
  | { kind: 'rerun'; phase: string; instruction: string };

/** The clean merge for a conflict that has one, keep mine for any other conflict, the run's version for everything else. */
export function defaultResolution(file: ProposedFile): Resolution {
  if (!file.conflict) return 'proposed';
  return file.merged !== undefined ? { merged: file.merged } : 'current';
}

export function resolutionOf(file: ProposedFile, resolutions: ReadonlyMap<string, Resolution> | undefined): Resolution {
  return resolutions?.get(file.path) ?? defaultResolution(file);
}

/** The content a file ends with under a resolution: undefined = left as it is, null = removed. */
export function resolvedContent(file: ProposedFile, resolution: Resolution): string | null | undefined {
  if (resolution === 'current') return undefined;
  if (resolution === 'proposed') return file.proposed;
  return resolution.merged;
}

/** A change set's files in words, for a summary line: "3 new, 2 changed, 1 removed". */
export function describeChangeSet(changeSet: ChangeSet): string {
  const count = (predicate: (file: ProposedFile) => boolean) => changeSet.files.filter(predicate).length;
  const parts = [
    [count((file) => file.current === undefined), 'new'],
    [count((file) => file.current !== undefined && file.proposed !== null), 'changed'],
    [count((file) => file.proposed === null), 'removed'],
  ] as const;
  return parts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`).join(', ') || 'no file changes';
}
