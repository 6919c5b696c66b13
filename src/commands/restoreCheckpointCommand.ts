import * as vscode from 'vscode';
import type { Resolution } from '../core/project/changeSet';
import { applyRestore, type CheckpointSummary, listCheckpoints, planRestore } from '../core/project/checkpointStore';
import { describeFsError } from '../core/project/fileSystem';
import { RunLockedError } from '../core/project/runLock';
import type { Choice } from '../review/reviewSession';
import type { StrataServices } from '../services';
import { type Command, objectArg } from './command';
import { requireWorkspace, UserFacingError } from './requireWorkspace';

interface RestoreArgs {
  /** The checkpoint's id (`.strata/checkpoints/<id>.json`); asked for when absent. */
  checkpoint: string;
  /** false: restore at once with `resolutions` (keep mine for every file edited since, unless named). */
  review: boolean;
  resolutions: Record<string, Exclude<Choice, 'merge'>>;
}

export interface RestoreOutcome {
  checkpoint: string;
  outcome: 'committed' | 'cancelled' | 'failed';
  restored: string[];
  /** Files edited since the run, left as they are. */
  kept: string[];
  /** The restore's own checkpoint: restoring to before it undoes the restore. */
  restorePoint?: string;
}

/**
 * Strata: Restore Checkpoint… — every applied run is a checkpoint; this puts Strata's files back as they
 * were before one (undoing it and the runs after it). Files edited since are shown as conflicts in the
 * review and kept unless the user chooses otherwise. Holds the folder's run lock while it works.
 */
export class RestoreCheckpointCommand implements Command {
  readonly id = 'strata.restoreCheckpoint';

  constructor(private readonly services: StrataServices) {}

  async execute(rawArgs?: unknown): Promise<RestoreOutcome | undefined> {
    const args = objectArg<RestoreArgs>(rawArgs);
    const files = requireWorkspace(this.services);
    const checkpoints = await listCheckpoints(files);
    if (checkpoints.length === 0) {
      void vscode.window.showInformationMessage('Strata: no checkpoint yet. Every run Strata applies from now on is one.');
      return undefined;
    }
    const id = args.checkpoint ?? (await pick(checkpoints));
    if (id === undefined) return undefined;
    let lock;
    try {
      lock = await files.lock('VS Code: Restore Checkpoint');
    } catch (error) {
      throw new UserFacingError(error instanceof RunLockedError ? error.message : `Cannot restore in this folder: ${describeFsError(error)}`);
    }
    try {
      const plan = await planRestore(files, id).catch((error: unknown) => {
        throw new UserFacingError(error instanceof Error ? error.message : String(error));
      });
      const label = `"${plan.checkpoint.label}" of ${new Date(plan.checkpoint.createdAt).toLocaleString()}`;
      if (plan.changeSet.files.length === 0) {
        void vscode.window.showInformationMessage(`Strata: every file is already as it was before ${label}.`);
        return { checkpoint: id, outcome: 'committed', restored: [], kept: [] };
      }
      let resolutions: ReadonlyMap<string, Resolution> | undefined;
      if (args.review === false) {
        resolutions = new Map(Object.entries(args.resolutions ?? {}));
      } else {
        const title = `Strata: restore to before ${plan.checkpoint.label}${plan.later > 0 ? ` (and undo ${plan.later} later run(s))` : ''}`;
        const decision = await this.services.reviews.review('restore', title, plan.changeSet, vscode.Uri.file(files.root), plan.bases);
        if (decision.kind !== 'apply') return { checkpoint: id, outcome: 'cancelled', restored: [], kept: [] };
        resolutions = decision.resolutions;
      }
      const result = await applyRestore(files, plan, resolutions);
      void this.services.sidebar.refresh();
      if (result.outcome === 'failed') throw new UserFacingError(`Restoring failed: ${result.reason}. ${result.rolledBack ? 'Nothing was changed.' : 'The next Strata run undoes what was half written.'}`);
      if (result.outcome === 'committed') {
        const kept = result.kept.length > 0 ? ` Kept as you have them (edited since): ${result.kept.join(', ')}.` : '';
        void vscode.window.showInformationMessage(`Strata: restored ${result.restored.length} file(s) to before ${label}.${kept}`);
      }
      return { checkpoint: id, outcome: result.outcome, restored: result.restored, kept: result.kept, restorePoint: result.checkpoint };
    } finally {
      await lock.release();
    }
  }
}

async function pick(checkpoints: CheckpointSummary[]): Promise<string | undefined> {
  const picked = await vscode.window.showQuickPick(
    [...checkpoints].reverse().map((checkpoint) => ({
      label: `$(history) Before ${checkpoint.label}`,
      description: new Date(checkpoint.createdAt).toLocaleString(),
      detail: `${checkpoint.files} file(s) changed${checkpoint.phases.length ? ` by ${checkpoint.phases.join(', ')}` : ''}`,
      id: checkpoint.id,
    })),
    { title: 'Strata: Restore Checkpoint', placeHolder: 'Put Strata\'s files back as they were before which run?' },
  );
  return picked?.id;
}
