import * as vscode from 'vscode';
import { REQUIREMENTS_FILE, saveRequirements } from '../core/project/strataProject';
import type { StrataServices } from '../services';
import { type Command, objectArg } from './command';
import { requireWorkspace } from './requireWorkspace';

interface NewBackendArgs {
  /** The requirements text; when absent the user is asked for it. */
  requirements: string;
  /** Replace requirements already saved in the workspace without asking. */
  replace: boolean;
}

/**
 * Strata: New Backend… — takes the requirements (the active editor, a file, or typed text) and saves
 * them as the project's input in `.strata/requirements.md`. The generation phases run on this input.
 */
export class NewBackendCommand implements Command {
  readonly id = 'strata.newBackend';

  constructor(private readonly services: StrataServices) {}

  async execute(rawArgs?: unknown): Promise<{ requirementsFile: string } | undefined> {
    const args = objectArg<NewBackendArgs>(rawArgs);
    const files = requireWorkspace(this.services);
    const requirements = args.requirements ?? (await this.askForRequirements());
    if (requirements === undefined) return undefined;

    const existing = await files.read(REQUIREMENTS_FILE);
    if (existing !== undefined && existing.trim() !== requirements.trim() && !args.replace) {
      const choice = await vscode.window.showWarningMessage(
        'This workspace already has Strata requirements. Replace them?',
        { modal: true, detail: `${REQUIREMENTS_FILE} will be overwritten.` },
        'Replace',
      );
      if (choice !== 'Replace') return undefined;
    }

    const requirementsFile = await saveRequirements(files, requirements);
    this.services.log.info(`Saved requirements to ${requirementsFile} (${requirements.length} characters)`);
    void this.services.sidebar.refresh();
    void vscode.window.showInformationMessage(
      `Strata saved your requirements to ${requirementsFile}. The generation phases are not part of this build yet; they will start from this file.`,
    );
    return { requirementsFile };
  }

  private async askForRequirements(): Promise<string | undefined> {
    const editor = vscode.window.activeTextEditor;
    type Source = vscode.QuickPickItem & { source: 'editor' | 'file' | 'type' };
    const items: Source[] = [];
    if (editor && editor.document.getText().trim() !== '') {
      items.push({ label: '$(file-text) Use the active editor', description: vscode.workspace.asRelativePath(editor.document.uri), source: 'editor' });
    }
    items.push({ label: '$(folder-opened) Choose a file…', source: 'file' }, { label: '$(edit) Type a short description…', source: 'type' });

    const picked = await vscode.window.showQuickPick(items, { title: 'Strata: New Backend', placeHolder: 'Where are the requirements?' });
    switch (picked?.source) {
      case 'editor':
        return editor?.document.getText();
      case 'file': {
        const [uri] = (await vscode.window.showOpenDialog({ canSelectMany: false, filters: { Requirements: ['md', 'txt'] } })) ?? [];
        return uri ? new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) : undefined;
      }
      case 'type':
        return vscode.window.showInputBox({
          title: 'Strata: New Backend',
          prompt: 'Describe the backend: who uses it and what they can do',
          placeHolder: 'A multi-user todo service: people sign up, log in and manage their own todos…',
          validateInput: (value) => (value.trim() === '' ? 'Describe the backend first' : undefined),
        });
      default:
        return undefined;
    }
  }
}
