import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { INSTALL_TASK_NAME } from '../../src/tasks/installDependencies';
import { activateStrata, readWorkspaceFile, snapshot, waitFor, workspaceRoot, writeWorkspaceFile } from './helpers';

/** The next task VS Code starts, and the exit code of its process. */
function nextTask(): { started: Promise<vscode.Task>; exitCode: Promise<number | undefined> } {
  let execution: vscode.TaskExecution | undefined;
  const started = new Promise<vscode.Task>((resolve) => {
    const listener = vscode.tasks.onDidStartTask((event) => {
      listener.dispose();
      execution = event.execution;
      resolve(event.execution.task);
    });
  });
  const exitCode = new Promise<number | undefined>((resolve) => {
    const listener = vscode.tasks.onDidEndTaskProcess((event) => {
      if (event.execution.task.name !== INSTALL_TASK_NAME || (execution && event.execution !== execution)) return;
      listener.dispose();
      resolve(event.exitCode);
    });
  });
  return { started, exitCode };
}

/** The task runs `npm install` in the workspace folder: its name, source, command line and working folder. */
function assertInstallTask(task: vscode.Task): void {
  assert.equal(task.name, INSTALL_TASK_NAME);
  assert.equal(task.source, 'strata');
  // VS Code hands a started shell task back with its definition reduced to the shell type's own properties.
  assert.equal(task.definition.type, 'shell');
  assert.equal((task.scope as vscode.WorkspaceFolder).uri.toString(), workspaceRoot().toString());
  const execution = task.execution as vscode.ShellExecution;
  assert.equal(execution.commandLine, 'npm install');
  assert.equal(execution.options?.cwd, workspaceRoot().fsPath);
}

/**
 * Install Backend Dependencies and its offer, in a generated backend in miniature: the manifest that marks
 * Strata's output, a package.json with nothing to download and an .npmrc that keeps npm offline, so the real
 * task runs the real npm without the network. Runs first (the offer is made once per session) and leaves the
 * workspace as it found it.
 */
describe('installing the backend dependencies as a VS Code task', function () {
  this.timeout(60_000);
  let untouched: Record<string, string>;

  before(async () => {
    await activateStrata();
    untouched = snapshot(workspaceRoot().fsPath);
    await writeWorkspaceFile('.strata/generated.json', '{ "files": {} }\n');
    await writeWorkspaceFile('package.json', '{ "name": "todo-backend", "version": "1.0.0", "private": true }\n');
    await writeWorkspaceFile('.npmrc', 'offline=true\naudit=false\nfund=false\nupdate-notifier=false\n');
    await writeWorkspaceFile('src/app.module.ts', 'export class AppModule {}\n');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const terminal of vscode.window.terminals) terminal.dispose();
    for (const path of ['.strata', 'src', 'node_modules', 'package.json', 'package-lock.json', '.npmrc']) {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), path), { recursive: true }).then(undefined, () => undefined);
    }
    assert.deepEqual(snapshot(workspaceRoot().fsPath), untouched, 'the suite leaves the workspace as it found it');
  });

  it('opening a file of a backend that was never installed offers the install, and its button runs npm install there as a task', async () => {
    const task = nextTask();
    await vscode.window.showTextDocument(vscode.Uri.joinPath(workspaceRoot(), 'src/app.module.ts'));
    // The offer is a notification whose first button, Install Dependencies, is its primary action. It comes once
    // the checks for the manifest, package.json and node_modules are done; pressing it before would press nothing.
    const started = await waitFor('the install task, started from the offer', async () => {
      await vscode.commands.executeCommand('notification.acceptPrimaryAction');
      return Promise.race([task.started, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 1_000))]);
    }, 15_000);
    assertInstallTask(started);
    assert.equal(await task.exitCode, 0);
    // npm ran in the workspace folder: the lock file is there.
    assert.match((await readWorkspaceFile('package-lock.json'))!, /"name": "todo-backend"/);
  });

  it('Install Backend Dependencies runs the same task and answers npm\'s exit code', async () => {
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), 'package-lock.json')).then(undefined, () => undefined);
    const task = nextTask();
    const result = await vscode.commands.executeCommand<{ exitCode: number | undefined }>('strata.installDependencies');
    assertInstallTask(await task.started);
    assert.deepEqual(result, { exitCode: 0 });
    assert.match((await readWorkspaceFile('package-lock.json'))!, /"name": "todo-backend"/);
  });
});
