import * as vscode from 'vscode';
import type { Issue } from '../core/diagnostics/issue';
import type { RunOutcome } from '../core/pipeline/events';
import { REQUIREMENTS_FILE } from '../core/project/strataProject';
import { generateWithProgress } from '../pipeline/runWithProgress';
import type { StrataServices } from '../services';
import { type Command, objectArg } from './command';
import { confirmOverwrite } from './confirmOverwrite';
import { reportBackendRun } from './reportBackendRun';
import { requireWorkspace, UserFacingError } from './requireWorkspace';

interface NewBackendArgs {
  /** The requirements text; when absent the user is asked for it. */
  requirements: string;
  /** Replace requirements already saved in the workspace without asking. */
  replace: boolean;
  /** Overwrite files Strata did not write, or that were edited by hand, without asking. */
  overwrite: boolean;
}

/**
 * Strata: New Backend… — takes the requirements (the active editor, a file, or typed text) and runs the
 * five phases into the workspace; the requirements are kept as `.strata/requirements.md` with the
 * backend. Compiler errors the model could not fix within its budget are written with the code and
 * shown in the Problems panel. A failed run changes nothing but may keep its work for Resume.
 */
export class NewBackendCommand implements Command {
  readonly id = 'strata.newBackend';

  constructor(private readonly services: StrataServices) {}

  async execute(rawArgs?: unknown): Promise<{ requirementsFile: string; outcome: RunOutcome; written: string[]; diagnostics: Issue[]; issues: Issue[]; checkpoint?: string } | undefined> {
    const args = objectArg<NewBackendArgs>(rawArgs);
    const files = requireWorkspace(this.services);
    const asked = args.requirements === undefined ? await this.askForRequirements() : { text: args.requirements, typed: false };
    if (asked === undefined) return undefined;
    const requirements = asked.text;
    if (requirements.trim() === '') throw new UserFacingError('The requirements are empty: describe the backend you want first.');

    const existing = await files.read(REQUIREMENTS_FILE);
    if (existing !== undefined && existing.trim() !== requirements.trim() && !args.replace) {
      const choice = await vscode.window.showWarningMessage(
        'This workspace already has Strata requirements. Replace them?',
        { modal: true, detail: `${REQUIREMENTS_FILE} will be overwritten when the new backend is written.` },
        'Replace',
      );
      if (choice !== 'Replace') return undefined;
    }

    this.services.log.info(`New backend from ${requirements.length} characters of requirements`);
    const summary = await generateWithProgress(this.services, {
      requirements,
      target: files,
      // Typed text exists nowhere else: a failed run keeps it for Resume.
      keepRequirementsOnFailure: asked.typed,
      command: 'VS Code: New Backend',
      confirmOverwrite: (conflicts) => args.overwrite ?? confirmOverwrite(this.services, conflicts),
    });
    reportBackendRun(this.services, summary);
    return { requirementsFile: REQUIREMENTS_FILE, outcome: summary.outcome, written: summary.files, diagnostics: summary.diagnostics, issues: summary.issues, checkpoint: summary.checkpoint };
  }

  private async askForRequirements(): Promise<{ text: string; typed: boolean } | undefined> {
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
        return editor ? { text: editor.document.getText(), typed: false } : undefined;
      case 'file': {
        const [uri] = (await vscode.window.showOpenDialog({ canSelectMany: false, filters: { Requirements: ['md', 'txt'] } })) ?? [];
        return uri ? { text: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), typed: false } : undefined;
      }
      case 'type': {
        const text = await vscode.window.showInputBox({
          title: 'Strata: New Backend',
          prompt: 'Describe the backend: who uses it and what they can do',
          placeHolder: 'A multi-user todo service: people sign up, log in and manage their own todos…',
          validateInput: (value) => (value.trim() === '' ? 'Describe the backend first' : undefined),
        });
        return text === undefined ? undefined : { text, typed: true };
      }
      default:
        return undefined;
    }
  }
}
