import * as vscode from 'vscode';
import { describeFsError } from '../core/project/fileSystem';
import { RunLockedError } from '../core/project/runLock';
import { loadEngine } from '../engine/loadEngine';
import type { StrataServices } from '../services';
import { type Command, objectArg } from './command';
import { requireIdle } from './requireIdle';
import { requireWorkspace, UserFacingError } from './requireWorkspace';

interface UndoArgs {
  /** Undo without asking (tests); files edited since the step are kept. */
  confirm: boolean;
}

/**
 * Strata: Undo Last Feature — puts every file the last feature step changed (its code, its migration,
 * Strata's artifacts and its record) back as it was before the step. Files edited since are kept unless
 * the user says otherwise; runs made after the step are undone with it only when the user agrees.
 */
export class UndoLastFeatureCommand implements Command {
  readonly id = 'strata.undoLastFeature';

  constructor(private readonly services: StrataServices) {}

  async execute(rawArgs?: unknown): Promise<{ outcome: string; step?: string; restored: string[]; kept: string[] } | undefined> {
    const args = objectArg<UndoArgs>(rawArgs);
    const files = requireWorkspace(this.services);
    requireIdle(this.services);
    const undo = loadEngine().undoLastFeature;
    const run = async (laterToo: boolean, edited?: boolean) => {
      try {
        return await undo(files, { laterToo, edited, command: 'VS Code: Undo Last Feature' });
      } catch (error) {
        throw new UserFacingError(error instanceof RunLockedError ? error.message : `Cannot undo in this folder: ${describeFsError(error)}`);
      }
    };
    let outcome = await run(false, args.confirm ? false : undefined);
    if (outcome.kind === 'later-runs') {
      const choice = args.confirm ? 'Undo Them Too' : await vscode.window.showWarningMessage(`Strata: ${outcome.message}`, { modal: true }, 'Undo Them Too');
      if (choice !== 'Undo Them Too') return { outcome: 'cancelled', step: outcome.step, restored: [], kept: [] };
      outcome = await run(true, args.confirm ? false : undefined);
    }
    if (outcome.kind === 'conflicts') {
      const choice = await vscode.window.showWarningMessage(`Strata: ${outcome.message}`, { modal: true }, 'Keep Mine', 'Put Back');
      if (choice === undefined) return { outcome: 'cancelled', step: outcome.step, restored: [], kept: [] };
      outcome = await run(true, choice === 'Put Back');
    }
    if (outcome.kind === 'nothing') {
      void vscode.window.showInformationMessage(`Strata: ${outcome.message}`);
      return { outcome: 'nothing', restored: [], kept: [] };
    }
    if (outcome.kind !== 'undone') return undefined;
    void this.services.sidebar.refresh();
    const { result, step } = outcome;
    if (result.outcome !== 'committed') throw new UserFacingError(`Undoing step ${step} failed${result.outcome === 'failed' ? `: ${result.reason}` : ''}. Nothing was changed.`);
    const kept = result.kept.length ? ` Kept as you have them: ${result.kept.join(', ')}.` : '';
    void vscode.window.showInformationMessage(`Strata: undid step ${step}: ${result.restored.length} file(s) are back as before it.${kept}`);
    return { outcome: 'undone', step, restored: result.restored, kept: result.kept };
  }
}
