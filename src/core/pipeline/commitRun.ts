import type { Issue } from '../diagnostics/issue';
import { type ChangeSet, type ProposedFile, type Resolution, type ReviewDecision, resolutionOf, resolvedContent } from '../project/changeSet';
import { CHECKPOINTS_DIR, lastGenerated, withCheckpoint } from '../project/checkpointStore';
import { merge3 } from '../project/merge3';
import { type Conflict, contentHash, GENERATED_MANIFEST, type Manifest, planWrites, readManifest, renderManifest } from '../project/generatedFiles';
import { caseCollisions, pathProblems } from '../project/portablePaths';
import type { ProjectFiles } from '../project/projectFiles';
import type { CommitResult } from '../project/transaction';
import { TRANSACTION_DIR } from '../project/transaction';
import { ANSWERS_FILE, artifactPath, previousArtifactPath } from '../project/strataProject';
import { checkpointRemoval } from './checkpoint';
import type { PhaseId } from '../phaseId';

export interface RunOutput {
  /** Rendered files and the phase that rendered each. */
  files: Map<string, { content: string; phase: PhaseId; from?: readonly string[] }>;
  artifacts: Map<PhaseId, unknown>;
  /** Written with the run but not generated (the requirements): never in the manifest. */
  alongside: ReadonlyMap<string, string>;
  phasesRun: ReadonlySet<string>;
  /** Every accepted answer of the run, by `<agent>/<target>`, kept in `.strata/answers.json` for feature steps. */
  answers?: Readonly<Record<string, unknown>>;
}

/** A file in the way, with both versions, so the one asked can show them and merge them. */
export type ConflictingFile = Conflict & Pick<ProposedFile, 'phase' | 'current' | 'proposed'>;

/**
 * Asked about files the run would overwrite that Strata did not write as they are now: true takes the
 * run's version of every one, a map resolves them one by one (keep mine is the default of a file not in
 * it), false or nothing refuses the whole run.
 */
export type ConfirmOverwrite = (conflicts: ConflictingFile[]) => boolean | ReadonlyMap<string, Resolution> | Promise<boolean | ReadonlyMap<string, Resolution>>;

/** Shown everything the run would change before anything is written; what comes back decides what is. */
export type ReviewChanges = (changeSet: ChangeSet, signal: AbortSignal) => Promise<ReviewDecision>;

export interface CommitHooks {
  confirmOverwrite?: ConfirmOverwrite;
  /** When set, conflicts are decided in the review and `confirmOverwrite` is not asked. */
  review?: ReviewChanges;
  /** The checkpoint's label: who ran. */
  label?: string;
  /** A hand-edited file the run renders as before is kept without asking (see `planWrites`). */
  keepUnchangedEdits?: boolean;
  /** Files that record the run (a feature step's plan), written with it; made once the change set is known, before the review. */
  record?: (changeSet: ChangeSet) => Promise<ReadonlyMap<string, string>>;
}

export type CommitOutcome =
  /** `merged`: files edited by hand that took a clean three-way merge of the user's edits and the run's changes. */
  | { kind: 'committed'; written: string[]; removed: string[]; staleEdited: string[]; kept: string[]; checkpoint?: string; merged: string[] }
  | { kind: 'conflicts'; issue: Issue }
  | { kind: 'unportable'; issue: Issue }
  | { kind: 'cancelled' }
  /** The review rejected the run: nothing was written. */
  | { kind: 'rejected' }
  /** The review asked for a phase to run again with an instruction: nothing was written. */
  | { kind: 'rerun'; phase: string; instruction: string }
  | { kind: 'failed'; issue: Issue; changed: boolean };

/**
 * Everything a finished run writes, as one transaction: the rendered files, the artifacts (the replaced
 * ones kept as previous/), files of an earlier run it no longer renders, the end of an earlier run's
 * checkpoint, the manifest, and a restore point (`.strata/checkpoints/`). Files the user wrote or edited
 * are not touched unless `confirmOverwrite` or the review says so, file by file; a file kept as it is
 * keeps its manifest entry, so the next run asks about it again; a file the user only reformatted, which
 * this run renders as before, is not a hand edit and stays as they formatted it (see `planWrites`).
 */
export async function commitRun(target: ProjectFiles, output: RunOutput, hooks: CommitHooks, signal: AbortSignal): Promise<CommitOutcome> {
  // The last line of defence behind the phases' name rules: a path some OS cannot write fails the run
  // here, before anything is written, instead of half way through the writes.
  const unportable = [...output.files.keys()].flatMap(pathProblems);
  for (const group of caseCollisions(output.files.keys())) unportable.push(`${group.join(' and ')} are one file on macOS and Windows, whose file systems ignore case`);
  if (unportable.length > 0) {
    const message = `${unportable.slice(0, 5).join('; ')}${unportable.length > 5 ? `; and ${unportable.length - 5} more` : ''}. Nothing was changed.`;
    return { kind: 'unportable', issue: { severity: 'error', source: 'pipeline', message } };
  }

  const previous = await readManifest(target);
  const rendered = new Map([...output.files].map(([path, file]) => [path, file.content]));
  const plan = await planWrites(target, previous, rendered, output.phasesRun, hooks.keepUnchangedEdits);
  const changeSet = await proposedChanges(target, output, previous, plan);
  // Made before the review, from the change set alone, so that a review that writes nothing still saw the plan.
  const record = (await hooks.record?.(changeSet)) ?? new Map<string, string>();

  let resolutions: ReadonlyMap<string, Resolution> | undefined;
  if (hooks.review) {
    const decision = await hooks.review(changeSet, signal);
    if (signal.aborted) return { kind: 'cancelled' };
    if (decision.kind === 'reject') return { kind: 'rejected' };
    if (decision.kind === 'rerun') return decision;
    resolutions = decision.resolutions;
  } else if (changeSet.files.some((file) => file.conflict && file.merged === undefined)) {
    // Only what no clean merge settles is asked about; a cleanly merged file takes its merge (reported).
    const open = changeSet.files.filter((file) => file.conflict && file.merged === undefined);
    const conflicting = open.map((file) => ({ path: file.path, reason: file.conflict!, phase: file.phase, current: file.current, proposed: file.proposed }));
    const answer = await hooks.confirmOverwrite?.(conflicting);
    if (signal.aborted) return { kind: 'cancelled' };
    if (answer === true) resolutions = new Map(open.map((file) => [file.path, 'proposed' as const]));
    else if (answer instanceof Map) resolutions = answer;
    else {
      const names = open.slice(0, 8).map((file) => `${file.path}${file.conflict === 'edited' ? ' (edited by hand)' : ''}`);
      const more = open.length > names.length ? ` and ${open.length - names.length} more` : '';
      const message = `${open.length} file(s) in the way: ${names.join(', ')}${more}. Strata did not write them as they are now, so nothing was changed; move them away or allow overwriting.`;
      return { kind: 'conflicts', issue: { severity: 'error', source: 'pipeline', message } };
    }
  }

  // What each file of the change set ends as; a file left as it is keeps its manifest entry (or has none).
  const decided = new Map<string, string | null>();
  const kept: string[] = [];
  const merged = new Map<string, string>();
  const mergedCleanly: string[] = [];
  for (const file of changeSet.files) {
    const resolution = resolutionOf(file, resolutions);
    if (file.merged !== undefined && typeof resolution === 'object' && resolution.merged === file.merged) mergedCleanly.push(file.path);
    const content = resolvedContent(file, resolution);
    // A file changed on disk while the run waited for its review is the user's newest work: kept, never overwritten.
    if (content === undefined || (await target.read(file.path)) !== file.current) kept.push(file.path);
    else decided.set(file.path, content);
    if (typeof resolution === 'object' && file.proposed !== null) merged.set(file.path, file.proposed);
  }

  // A file the run leaves as it was when proposed, but edited on disk since (while a review was open), is kept too;
  // so is a file only reformatted by the user (plan.keep), which the change set leaves out.
  const proposed = new Set(changeSet.files.map((file) => file.path));
  for (const [path, content] of rendered) if (!proposed.has(path) && (await target.read(path)) !== content) kept.push(path);
  const staged = new Map<string, string | null>();
  for (const [path, content] of rendered) if (!kept.includes(path)) staged.set(path, decided.get(path) ?? content);
  for (const [phase, artifact] of output.artifacts) {
    staged.set(artifactPath(phase), `${JSON.stringify(artifact, null, 2)}\n`);
    // Keep each replaced artifact as the previous one: the left side of the phase diff.
    const existing = await target.read(artifactPath(phase));
    if (existing !== undefined) staged.set(previousArtifactPath(phase), existing);
  }
  if (output.answers) staged.set(ANSWERS_FILE, `${JSON.stringify(sortedKeys(output.answers), null, 2)}\n`);
  for (const [path, content] of output.alongside) staged.set(path, content);
  for (const [path, content] of record) staged.set(path, content);

  const manifest: Manifest = {};
  for (const [path, entry] of Object.entries(previous)) {
    // Kept: files of phases that did not run, retired files the user edited (they stay on disk), and files left as they are.
    if (!output.phasesRun.has(entry.phase) || plan.staleEdited.includes(path) || kept.includes(path)) manifest[path] = entry;
  }
  // A merge is recorded as Strata's rendering, so the file counts as edited by hand and is asked about next time.
  for (const [path, file] of output.files) if (!kept.includes(path)) manifest[path] = { hash: contentHash(file.content), phase: file.phase, ...(file.from ? { from: [...file.from] } : {}) };
  staged.set(GENERATED_MANIFEST, renderManifest(manifest));

  const changes = new Map<string, string | null>();
  for (const [path, content] of staged) {
    if ((await target.read(path)) !== content) changes.set(path, content);
  }
  for (const path of plan.stale) if (!kept.includes(path)) changes.set(path, null);
  for (const [path] of await checkpointRemoval(target)) if (!changes.has(path)) changes.set(path, null);

  const phases = new Map<string, string>([...output.files].map(([path, file]) => [path, file.phase]));
  for (const file of changeSet.files) if (!phases.has(file.path)) phases.set(file.path, file.phase);
  for (const phase of output.artifacts.keys()) phases.set(artifactPath(phase), phase);
  const withRestorePoint = await withCheckpoint(target, changes, { label: hooks.label ?? 'a Strata run', phases, generated: merged });
  const result = await target.commit(withRestorePoint.changes, signal);
  return fromCommit(result, plan.staleEdited, kept, withRestorePoint.id, mergedCleanly);
}

/** Every generated file the run would change, with what is on disk now; conflicts marked. */
async function proposedChanges(target: ProjectFiles, output: RunOutput, previous: Manifest, plan: Awaited<ReturnType<typeof planWrites>>): Promise<ChangeSet> {
  const conflicts = new Map(plan.conflicts.map((conflict) => [conflict.path, conflict.reason]));
  const bases = await lastGenerated(target, plan.conflicts.filter((conflict) => conflict.reason === 'edited').map((conflict) => conflict.path));
  const files: ProposedFile[] = [];
  for (const [path, file] of output.files) {
    const current = await target.read(path);
    // A file the user only reformatted, which this run renders as before, is left as they formatted it.
    if (current === file.content || plan.keep.includes(path)) continue;
    const proposed: ProposedFile = { path, phase: file.phase, current, proposed: file.content };
    const conflict = conflicts.get(path);
    if (conflict) proposed.conflict = conflict;
    const base = bases.get(path);
    // Only where Strata has something new (its rendering moved on from what it wrote): otherwise the merge is just the user's file.
    if (conflict === 'edited' && typeof base === 'string' && current !== undefined && base !== file.content) {
      const merge = merge3(base, current, file.content);
      if (merge.clean) proposed.merged = merge.text;
    }
    files.push(proposed);
  }
  for (const path of plan.stale) files.push({ path, phase: previous[path]!.phase, current: await target.read(path), proposed: null });
  return { files: files.sort((a, b) => a.path.localeCompare(b.path)) };
}

const isBookkeeping = (path: string) => path.startsWith(`${CHECKPOINTS_DIR}/`);

function fromCommit(result: CommitResult, staleEdited: string[], kept: string[], checkpoint: string | undefined, merged: string[]): CommitOutcome {
  switch (result.outcome) {
    case 'committed':
      return { kind: 'committed', written: result.written.filter((path) => !isBookkeeping(path)), removed: result.removed.filter((path) => !isBookkeeping(path)), staleEdited, kept, checkpoint, merged };
    case 'cancelled':
      return { kind: 'cancelled' };
    case 'failed': {
      const message = result.rolledBack
        ? `${capitalize(result.reason)}. Nothing was changed: every file is as it was before the run.`
        : `${capitalize(result.reason)}, and undoing the files already written failed too (${result.undoError}). The folder holds a mix of old and new files; the next Strata run in this folder undoes the rest (its journal is in ${TRANSACTION_DIR}/).`;
      return { kind: 'failed', issue: { severity: 'error', source: 'pipeline', message }, changed: !result.rolledBack };
    }
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The answers in key order, so the same answers always make the same file (parallel calls finish in any order). */
function sortedKeys(answers: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(answers).sort(([a], [b]) => a.localeCompare(b)));
}
