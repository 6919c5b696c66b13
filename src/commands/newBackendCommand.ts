import * as vscode from 'vscode';
import type { Issue } from '../core/diagnostics/issue';
import type { RunOutcome } from '../core/pipeline/events';
import { REQUIREMENTS_FILE } from '../core/project/strataProject';
import { generateWithProgress } from '../pipeline/runWithProgress';
import type { StrataServices } from '../services';
import { type Command, objectArg } from './command';
import { confirmOverwrite } from './confirmOverwrite';
import { reportBackendRun } from './reportBackendRun';
import { requireIdle } from './requireIdle';
import { REQUIREMENTS_DOCUMENT, REQUIREMENTS_TEMPLATE, requirementsFromDocument } from './requirementsDocument';
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
 * Strata: New Backend… — takes the requirements from the workspace's `requirements.md` (opened, from a
 * template when there is none) or from its `requirements` argument, and runs the five phases into the workspace; the requirements are kept as `.strata/requirements.md` with the
 * backend. Compiler errors the model could not fix within its budget are written with the code and
 * shown in the Problems panel. A failed run changes nothing but may keep its work for Resume.
 */
export class NewBackendCommand implements Command {
  readonly id = 'strata.newBackend';

  constructor(private readonly services: StrataServices) {}

  async execute(rawArgs?: unknown): Promise<{ requirementsFile: string; outcome: RunOutcome; written: string[]; diagnostics: Issue[]; issues: Issue[]; checkpoint?: string } | undefined> {
    const args = objectArg<NewBackendArgs>(rawArgs);
    const files = requireWorkspace(this.services);
    requireIdle(this.services);
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

  /**
   * The requirements are a document: `requirements.md` at the workspace root, made from a short template
   * when missing and opened for the user. A document still holding only the template is not run; one with
   * content is saved and run.
   */
  private async askForRequirements(): Promise<{ text: string; typed: boolean } | undefined> {
    const root = vscode.workspace.workspaceFolders![0]!.uri;
    const uri = vscode.Uri.joinPath(root, REQUIREMENTS_DOCUMENT);
    let created = false;
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(REQUIREMENTS_TEMPLATE));
      created = true;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    const text = requirementsFromDocument(document.getText());
    if (created || text === undefined) {
      void vscode.window.showInformationMessage(
        `Strata: describe your backend in ${REQUIREMENTS_DOCUMENT} (who uses it, what each can do), then run New Backend again: ▶ in the editor's title bar.`,
      );
      return undefined;
    }
    if (document.isDirty) await document.save();
    return { text, typed: false };
  }
}
