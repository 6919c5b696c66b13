import type { Resolution } from '../project/changeSet';
import { applyRestore, planRestore, readCheckpoints, RESTORE_LABEL, type RestoreResult } from '../project/checkpointStore';
import type { ProjectFiles } from '../project/projectFiles';
import { FEATURES_DIR } from './featureRecord';

export type UndoOutcome =
  | { kind: 'nothing'; message: string }
  /** Runs after the step would be undone with it: only with `laterToo`. */
  | { kind: 'later-runs'; step: string; later: number; message: string }
  | { kind: 'conflicts'; step: string; files: string[]; message: string }
  | { kind: 'undone'; step: string; result: RestoreResult };

export interface UndoOptions {
  /** Undo the runs made after the step too (they are undone with it). */
  laterToo?: boolean;
  /** Files edited since the step: true puts them back as before the step too, false keeps them (default: refuse and name them). */
  edited?: boolean;
  signal?: AbortSignal;
  command?: string;
}

/**
 * Undoes the last feature step still recorded: its restore point puts every file it changed, its artifacts
 * and its record back as they were before it (the record going is what marks it undone). Holds the run lock.
 */
export async function undoLastFeature(files: ProjectFiles, options: UndoOptions = {}): Promise<UndoOutcome> {
  const lock = await files.lock(options.command ?? 'strata feature undo');
  try {
    const records = (await files.list(FEATURES_DIR)).filter((path) => /\/\d{3}-[^/]*\.json$/.test(path)).sort();
    const last = records.at(-1);
    if (!last) return { kind: 'nothing', message: 'No feature step to undo: none is recorded in .strata/features/.' };
    const step = last.slice(FEATURES_DIR.length + 1, -'.json'.length);
    const checkpoints = await readCheckpoints(files);
    const checkpoint = checkpoints.find((candidate) => candidate.files.some((file) => file.path === last && file.before === null));
    if (!checkpoint) return { kind: 'nothing', message: `The restore point of step ${step} is gone (only the last 20 runs keep one), so it cannot be undone here; Restore Checkpoint can still go back to an earlier run.` };
    const plan = await planRestore(files, checkpoint.id);
    // Steps already undone, and the undos themselves, left nothing behind to lose.
    const later = [];
    for (const candidate of checkpoints.filter((other) => other.id > checkpoint.id)) {
      if (candidate.label.startsWith(RESTORE_LABEL)) continue;
      const record = candidate.files.find((file) => file.path.startsWith(`${FEATURES_DIR}/`) && file.before === null);
      if (record && !(await files.exists(record.path))) continue;
      later.push(candidate);
    }
    if (later.length > 0 && !options.laterToo) {
      return { kind: 'later-runs', step, later: later.length, message: `${later.length} run(s) came after step ${step}; undoing it undoes them too. Say so to go ahead.` };
    }
    const edited = plan.changeSet.files.filter((file) => file.conflict).map((file) => file.path);
    if (edited.length > 0 && options.edited === undefined) {
      return { kind: 'conflicts', step, files: edited, message: `${edited.length} file(s) changed since step ${step}: ${edited.slice(0, 8).join(', ')}${edited.length > 8 ? ' …' : ''}. Keep them as they are, or put them back as before the step too.` };
    }
    const resolutions = new Map<string, Resolution>(edited.map((path) => [path, options.edited ? 'proposed' : 'current']));
    return { kind: 'undone', step, result: await applyRestore(files, plan, resolutions, options.signal) };
  } finally {
    await lock.release();
  }
}
