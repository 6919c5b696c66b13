import * as vscode from 'vscode';
import type { Issue } from '../core/diagnostics/issue';
import type { Conflict } from '../core/project/generatedFiles';
import type { RunOutcome } from '../core/pipeline/events';
import { REQUIREMENTS_FILE, saveRequirements } from '../core/project/strataProject';
import { publishIssues } from '../diagnostics/issueDiagnostics';
import { loadEngine } from '../engine/loadEngine';
import { runWithProgress } from '../pipeline/runWithProgress';
import type { StrataServices } from '../services';
import { type Command, objectArg } from './command';
import { requireWorkspace } from './requireWorkspace';

interface NewBackendArgs {
  /** The requirements text; when absent the user is asked for it. */
  requirements: string;
  /** Replace requirements already saved in the workspace without asking. */
  replace: boolean;
  /** Overwrite files Strata did not write, or that were edited by hand, without asking. */
  overwrite: boolean;
}

/**
 * Strata: New Backend… — takes the requirements (the active editor, a file, or typed text), saves them
 * as `.strata/requirements.md` and runs the five phases into the workspace. Compiler errors the
 * model could not fix within its budget are written with the code and shown in the Problems panel.
 */
export class NewBackendCommand implements Command {
  readonly id = 'strata.newBackend';

  constructor(private readonly services: StrataServices) {}

  async execute(rawArgs?: unknown): Promise<{ requirementsFile: string; outcome: RunOutcome; written: string[]; diagnostics: Issue[] } | undefined> {
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

    const result = await runWithProgress(this.services, loadEngine().backendPhases(requirements), files, (conflicts) => args.overwrite ?? this.confirmOverwrite(conflicts));
    void this.services.sidebar.refresh();
    const root = vscode.workspace.workspaceFolders![0]!.uri;
    if (result.outcome === 'succeeded') {
      // What an earlier run left no longer holds: show only what this run left.
      this.services.generatedDiagnostics.clear();
      publishIssues(this.services.generatedDiagnostics, root, [], result.diagnostics, REQUIREMENTS_FILE);
      const left = result.diagnostics.filter((issue) => issue.severity === 'error').length;
      void vscode.window.showInformationMessage(
        left === 0
          ? `Strata: wrote ${result.written.length} file(s). Next: npm install && npm test in a terminal.`
          : `Strata: wrote ${result.written.length} file(s); ${left} compiler error(s) the model could not fix are in the Problems panel.`,
      );
    } else if (result.outcome === 'failed') {
      const first = result.issues[0];
      void vscode.window
        .showErrorMessage(`Strata: the ${result.stoppedAt} phase did not finish: ${first?.message ?? 'no details'}. No generated file was written; your requirements are kept in ${requirementsFile}.`, 'Show Log')
        .then((choice) => choice && this.services.log.show());
    } else {
      void vscode.window.showInformationMessage(`Strata: cancelled. No generated file was written; your requirements are kept in ${requirementsFile}.`);
    }
    return { requirementsFile, outcome: result.outcome, written: result.written, diagnostics: result.diagnostics };
  }

  /** Files the user wrote or edited are replaced only when the user says so. */
  private async confirmOverwrite(conflicts: Conflict[]): Promise<boolean> {
    const listed = conflicts.slice(0, 12).map((conflict) => `${conflict.path}${conflict.reason === 'edited' ? ' (edited since Strata wrote it)' : ''}`);
    if (conflicts.length > listed.length) listed.push(`… and ${conflicts.length - listed.length} more`);
    const choice = await vscode.window.showWarningMessage(
      `Strata would overwrite ${conflicts.length} file(s) it did not write or that were edited by hand.`,
      { modal: true, detail: listed.join('\n') },
      'Overwrite',
    );
    return choice === 'Overwrite';
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
