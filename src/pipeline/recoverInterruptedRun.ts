import * as vscode from 'vscode';
import type { ProjectFiles } from '../core/project/projectFiles';
import { RunLockedError } from '../core/project/runLock';
import { TRANSACTION_DIR } from '../core/project/transaction';
import type { OutputLogger } from '../log/outputLogger';

/**
 * When Strata starts in a workspace where a run died while writing (the window closed, the machine
 * stopped), undoes what it half wrote at once, instead of leaving the mix until the next run. Skipped
 * while another run (another window, a terminal) holds the folder: that run recovers it itself.
 */
export async function recoverInterruptedRun(files: ProjectFiles | undefined, log: OutputLogger): Promise<string | undefined> {
  if (!files || !(await files.exists(TRANSACTION_DIR))) return undefined;
  let lock;
  try {
    lock = await files.lock('VS Code: recovery');
  } catch (error) {
    if (error instanceof RunLockedError) return undefined;
    throw error;
  }
  try {
    const message = await files.recover();
    if (message) {
      log.warn(message);
      void vscode.window.showWarningMessage(`Strata: ${message}`);
    }
    return message;
  } finally {
    await lock.release();
  }
}
