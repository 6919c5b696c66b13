import * as vscode from 'vscode';
import type { StrataSettings } from '../core/config/settings';
import type { ConflictingFile, ReviewChanges } from '../core/pipeline/commitRun';
import type { ChangeSet, Resolution } from '../core/project/changeSet';
import type { ProjectFiles } from '../core/project/projectFiles';
import { isStrataProject } from '../core/project/strataProject';
import { lastGenerated } from '../core/project/checkpointStore';
import type { PendingReviews } from './pendingReviews';

/**
 * The review a run gets, or undefined when it is applied at once: by default Add Feature and every run
 * into a folder that already holds a Strata project are reviewed; a new backend into a fresh folder is not.
 * Decided before the run starts, since the run itself makes the folder a project.
 */
export async function reviewFor(reviews: PendingReviews, settings: StrataSettings, target: ProjectFiles, command: string | undefined): Promise<ReviewChanges | undefined> {
  const setting = settings.reviewBeforeApply;
  if (setting === 'never') return undefined;
  if (setting === 'existingProjects' && !/Add Feature/.test(command ?? '') && !(await isStrataProject(target))) return undefined;
  const root = vscode.Uri.file(target.root);
  return async (changeSet, signal) => reviews.review('review', `Strata: review ${command?.replace(/^VS Code: /, '') ?? 'the run'}`, changeSet, root, await lastGenerated(target, conflicting(changeSet)), signal);
}

/**
 * Hand-edit conflicts of a run that is not reviewed, decided file by file in the same diff: keep mine (the
 * default), take the new one, or merge. The rest of the run is written whatever is chosen.
 */
export async function resolveConflicts(reviews: PendingReviews, target: ProjectFiles, conflicts: ConflictingFile[]): Promise<ReadonlyMap<string, Resolution>> {
  const changeSet: ChangeSet = { files: conflicts.map(({ path, phase, current, proposed, reason }) => ({ path, phase, current, proposed, conflict: reason })) };
  const decision = await reviews.review('conflicts', `Strata: ${conflicts.length} file(s) edited by hand`, changeSet, vscode.Uri.file(target.root), await lastGenerated(target, conflicting(changeSet)));
  // Only "apply" is offered here; a review replaced by another keeps every file as it is.
  return decision.kind === 'apply' ? (decision.resolutions ?? new Map()) : new Map(conflicts.map((conflict) => [conflict.path, 'current']));
}

const conflicting = (changeSet: ChangeSet) => changeSet.files.filter((file) => file.conflict).map((file) => file.path);
