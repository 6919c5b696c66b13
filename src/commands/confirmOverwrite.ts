import type { ConflictingFile } from '../core/pipeline/commitRun';
import type { Resolution } from '../core/project/changeSet';
import { resolveConflicts } from '../review/reviewBeforeApply';
import type { StrataServices } from '../services';
import { requireWorkspace } from './requireWorkspace';

/**
 * Files the user wrote or edited are replaced only when the user says so, file by file: keep mine (the
 * default), take the new one, or merge in the merge editor. Keeping a file never throws the rest of the run away.
 */
export function confirmOverwrite(services: StrataServices, conflicts: ConflictingFile[]): Promise<ReadonlyMap<string, Resolution>> {
  return resolveConflicts(services.reviews, requireWorkspace(services), conflicts);
}
