import * as vscode from 'vscode';
import type { Conflict } from '../core/project/generatedFiles';

/** Files the user wrote or edited are replaced only when the user says so. */
export async function confirmOverwrite(conflicts: Conflict[]): Promise<boolean> {
  const listed = conflicts.slice(0, 12).map((conflict) => `${conflict.path}${conflict.reason === 'edited' ? ' (edited since Strata wrote it)' : ''}`);
  if (conflicts.length > listed.length) listed.push(`… and ${conflicts.length - listed.length} more`);
  const choice = await vscode.window.showWarningMessage(
    `Strata would overwrite ${conflicts.length} file(s) it did not write or that were edited by hand.`,
    { modal: true, detail: listed.join('\n') },
    'Overwrite',
  );
  return choice === 'Overwrite';
}
