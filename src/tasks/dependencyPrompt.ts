import * as vscode from 'vscode';
import type { ProjectFiles } from '../core/project/projectFiles';
import { GENERATED_MANIFEST } from '../core/project/generatedFiles';

/**
 * A generated backend opened before `npm install` makes the editor's own TypeScript report every import as
 * missing. The first time a TypeScript file of such a backend is opened in a session, offer the install.
 */
export function offerInstallOnOpen(workspaceFiles: () => ProjectFiles | undefined): vscode.Disposable {
  let offered = false;
  return vscode.window.onDidChangeActiveTextEditor(async (editor) => {
    const document = editor?.document;
    if (offered || !document || document.languageId !== 'typescript' || !vscode.workspace.getWorkspaceFolder(document.uri)) return;
    const files = workspaceFiles();
    if (!files || !(await files.exists(GENERATED_MANIFEST)) || !(await files.exists('package.json'))) return;
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    try {
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, 'node_modules'));
      return;
    } catch {
      // Not installed: offer it.
    }
    offered = true;
    const choice = await vscode.window.showInformationMessage(
      "Strata: this backend's dependencies are not installed, so TypeScript reports its imports as missing. Install them now (npm install)?",
      'Install Dependencies',
      'Not Now',
    );
    if (choice === 'Install Dependencies') void vscode.commands.executeCommand('strata.installDependencies');
  });
}
