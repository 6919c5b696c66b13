import type { Issue } from '../diagnostics/issue';
import { type Conflict, contentHash, GENERATED_MANIFEST, type Manifest, planWrites, readManifest, renderManifest } from '../project/generatedFiles';
import { caseCollisions, pathProblems } from '../project/portablePaths';
import type { ProjectFiles } from '../project/projectFiles';
import type { CommitResult } from '../project/transaction';
import { TRANSACTION_DIR } from '../project/transaction';
import { artifactPath, previousArtifactPath } from '../project/strataProject';
import { checkpointRemoval } from './checkpoint';
import type { PhaseId } from '../phaseId';

export interface RunOutput {
  /** Rendered files and the phase that rendered each. */
  files: Map<string, { content: string; phase: PhaseId }>;
  artifacts: Map<PhaseId, unknown>;
  /** Written with the run but not generated (the requirements): never in the manifest. */
  alongside: ReadonlyMap<string, string>;
  phasesRun: ReadonlySet<string>;
}

export type CommitOutcome =
  | { kind: 'committed'; written: string[]; removed: string[]; staleEdited: string[] }
  | { kind: 'conflicts'; issue: Issue }
  | { kind: 'unportable'; issue: Issue }
  | { kind: 'cancelled' }
  | { kind: 'failed'; issue: Issue; changed: boolean };

/**
 * Everything a finished run writes, as one transaction: the rendered files, the artifacts (the replaced
 * ones kept as previous/), files of an earlier run it no longer renders, the end of an earlier run's
 * checkpoint, and the manifest. Files the user wrote or edited are not touched without `confirmOverwrite`;
 * files they only reformatted are not hand edits (see `planWrites`).
 */
export async function commitRun(
  target: ProjectFiles,
  output: RunOutput,
  confirmOverwrite: ((conflicts: Conflict[]) => boolean | Promise<boolean>) | undefined,
  signal: AbortSignal,
): Promise<CommitOutcome> {
  // The last line of defence behind the phases' name rules: a path some OS cannot write fails the run
  // here, before anything is written, instead of half way through the writes.
  const unportable = [...output.files.keys()].flatMap(pathProblems);
  for (const group of caseCollisions(output.files.keys())) unportable.push(`${group.join(' and ')} are one file on macOS and Windows, whose file systems ignore case`);
  if (unportable.length > 0) {
    const message = `${unportable.slice(0, 5).join('; ')}${unportable.length > 5 ? `; and ${unportable.length - 5} more` : ''}. Nothing was changed.`;
    return { kind: 'unportable', issue: { severity: 'error', source: 'pipeline', message } };
  }
  const staged = new Map<string, string>();
  for (const [path, file] of output.files) staged.set(path, file.content);
  for (const [phase, artifact] of output.artifacts) {
    staged.set(artifactPath(phase), `${JSON.stringify(artifact, null, 2)}\n`);
    // Keep each replaced artifact as the previous one: the left side of the phase diff.
    const existing = await target.read(artifactPath(phase));
    if (existing !== undefined) staged.set(previousArtifactPath(phase), existing);
  }
  for (const [path, content] of output.alongside) staged.set(path, content);

  const previous = await readManifest(target);
  const rendered = new Map([...output.files].map(([path, file]) => [path, file.content]));
  const plan = await planWrites(target, previous, rendered, output.phasesRun);
  if (plan.conflicts.length > 0 && !(await confirmOverwrite?.(plan.conflicts))) {
    const names = plan.conflicts.slice(0, 8).map((conflict) => `${conflict.path}${conflict.reason === 'edited' ? ' (edited by hand)' : ''}`);
    const more = plan.conflicts.length > names.length ? ` and ${plan.conflicts.length - names.length} more` : '';
    const message = `${plan.conflicts.length} file(s) in the way: ${names.join(', ')}${more}. Strata did not write them as they are now, so nothing was changed; move them away or allow overwriting.`;
    return { kind: 'conflicts', issue: { severity: 'error', source: 'pipeline', message } };
  }
  // A file the user only reformatted, which this run renders as before, stays as they formatted it.
  for (const path of plan.keep) staged.delete(path);
  const manifest: Manifest = {};
  for (const [path, entry] of Object.entries(previous)) {
    // Kept: files of phases that did not run, and retired files the user edited (they stay on disk).
    if (!output.phasesRun.has(entry.phase) || plan.staleEdited.includes(path)) manifest[path] = entry;
  }
  for (const [path, file] of output.files) manifest[path] = { hash: contentHash(file.content), phase: file.phase };
  staged.set(GENERATED_MANIFEST, renderManifest(manifest));

  const changes = new Map<string, string | null>();
  for (const [path, content] of staged) {
    if ((await target.read(path)) !== content) changes.set(path, content);
  }
  for (const path of plan.stale) changes.set(path, null);
  for (const [path] of await checkpointRemoval(target)) if (!changes.has(path)) changes.set(path, null);

  const result = await target.commit(changes, signal);
  return fromCommit(result, plan.staleEdited);
}

function fromCommit(result: CommitResult, staleEdited: string[]): CommitOutcome {
  switch (result.outcome) {
    case 'committed':
      return { kind: 'committed', written: result.written, removed: result.removed, staleEdited };
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
