import * as vscode from 'vscode';

/** The task's name in the terminal panel and in Tasks: Run Task. */
export const INSTALL_TASK_NAME = 'Install backend dependencies';

/**
 * `npm install` in the workspace folder as a VS Code task, in the terminal panel where the user sees it;
 * resolves with npm's exit code once it ends (undefined when the task could not report one).
 */
export async function installDependencies(folder: vscode.WorkspaceFolder): Promise<number | undefined> {
  const task = new vscode.Task({ type: 'shell', strata: 'install' }, folder, INSTALL_TASK_NAME, 'strata', new vscode.ShellExecution('npm install', { cwd: folder.uri.fsPath }));
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, panel: vscode.TaskPanelKind.Dedicated, clear: true };
  const execution = await vscode.tasks.executeTask(task);
  return new Promise((resolve) => {
    const ended = vscode.tasks.onDidEndTaskProcess((event) => {
      if (event.execution !== execution) return;
      ended.dispose();
      resolve(event.exitCode);
    });
  });
}
