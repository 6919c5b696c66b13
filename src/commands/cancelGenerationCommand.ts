import * as vscode from 'vscode';
import type { StrataServices } from '../services';
import type { Command } from './command';

/**
 * Strata: Cancel Generation — the same as the progress notification's Cancel: the model calls stop,
 * and files being written are undone, so the workspace stays as it was.
 */
export class CancelGenerationCommand implements Command {
  readonly id = 'strata.cancelGeneration';

  constructor(private readonly services: StrataServices) {}

  execute(): { cancelled: boolean } {
    const cancelled = this.services.running.cancel();
    if (!cancelled) void vscode.window.showInformationMessage('Strata: no generation is running.');
    return { cancelled };
  }
}
