import * as vscode from 'vscode';
import type { DatabaseArtifact } from '../core/database/types';
import type { Issue } from '../core/diagnostics/issue';
import type { Logger } from '../core/log/logger';
import type { ProjectFiles } from '../core/project/projectFiles';
import { artifactPath } from '../core/project/strataProject';
import type { Engine } from '../engine/loadEngine';
import type { SettingsService } from '../settings/settingsService';
import { toDiagnostic } from './issueDiagnostics';
import { namedFix } from './namedFix';

const SOURCE = 'strata:typescript';

type Checker = InstanceType<Engine['BackendTypeChecker']>;

/**
 * Keeps the compiler errors a run left in its files until they are fixed: an edit leaves them where they
 * are (a blank line and an undo change nothing), and saving a file re-checks the backend's `src/` in memory
 * (the same check the run made, against declared libraries, so an uninstalled project adds no
 * missing-module noise) and replaces them. Offers the fix a message names ("Did you mean 'title'?").
 */
export class GeneratedDiagnostics implements vscode.Disposable, vscode.CodeActionProvider {
  static readonly fixKind = vscode.CodeActionKind.QuickFix;
  private readonly disposables: vscode.Disposable[] = [];
  private checker: { database: string; checker: Checker } | undefined;
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly collection: vscode.DiagnosticCollection,
    private readonly workspaceFiles: () => ProjectFiles | undefined,
    private readonly settings: SettingsService,
    private readonly engine: () => Engine,
    private readonly log: Logger,
  ) {
    this.disposables.push(
      vscode.workspace.onDidSaveTextDocument((document) => {
        if (this.concerns(document)) void this.recheck();
      }),
      vscode.languages.registerCodeActionsProvider({ scheme: 'file', language: 'typescript' }, this, { providedCodeActionKinds: [GeneratedDiagnostics.fixKind] }),
    );
  }

  /** A saved TypeScript file of the backend's `src/`, while Strata has compiler errors to keep true. */
  private concerns(document: vscode.TextDocument): boolean {
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    if (!folder || document.languageId !== 'typescript') return false;
    const relative = vscode.workspace.asRelativePath(document.uri, false);
    if (!relative.startsWith('src/')) return false;
    let any = false;
    this.collection.forEach((_uri, diagnostics) => {
      any ||= diagnostics.some((diagnostic) => diagnostic.source === SOURCE);
    });
    return any;
  }

  /** Checks the backend's `src/` as the editor holds it now and replaces Strata's compiler diagnostics. Serialised. */
  recheck(): Promise<void> {
    this.pending = this.pending.then(() => this.check()).catch((error: unknown) => this.log.error(`Re-checking the generated backend failed: ${error instanceof Error ? error.message : String(error)}`));
    return this.pending;
  }

  private async check(): Promise<void> {
    const files = this.workspaceFiles();
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!files || !folder) return;
    const database = await files.read(artifactPath('database'));
    if (database === undefined) return;
    if (this.checker?.database !== database) {
      const { BackendTypeChecker } = this.engine();
      this.checker = { database, checker: new BackendTypeChecker(JSON.parse(database) as DatabaseArtifact, { provider: this.settings.current.database }) };
    }
    const sources = new Map<string, string>();
    const open = new Map(vscode.workspace.textDocuments.map((document) => [document.uri.toString(), document]));
    for (const uri of await vscode.workspace.findFiles(new vscode.RelativePattern(folder, 'src/**/*.ts'), '**/node_modules/**')) {
      const relative = vscode.workspace.asRelativePath(uri, false);
      sources.set(relative, open.get(uri.toString())?.getText() ?? new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
    }
    const started = performance.now();
    const issues = this.checker.checker.check(sources).filter((issue) => issue.severity === 'error');
    this.log.info(`Re-checked the backend's src/ in memory: ${issues.length} compiler error(s) (${(performance.now() - started).toFixed(0)} ms)`);
    this.publish(folder.uri, issues);
  }

  /** Replaces Strata's compiler diagnostics (others in the collection stay). */
  private publish(root: vscode.Uri, issues: readonly Issue[]): void {
    const next = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
    this.collection.forEach((uri, diagnostics) => {
      next.set(uri.toString(), { uri, diagnostics: diagnostics.filter((diagnostic) => diagnostic.source !== SOURCE) });
    });
    for (const issue of issues) {
      if (!issue.file) continue;
      const uri = vscode.Uri.joinPath(root, issue.file);
      const entry = next.get(uri.toString()) ?? { uri, diagnostics: [] };
      entry.diagnostics.push(toDiagnostic(issue));
      next.set(uri.toString(), entry);
    }
    for (const { uri, diagnostics } of next.values()) this.collection.set(uri, diagnostics.length > 0 ? diagnostics : undefined);
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== SOURCE) continue;
      const suggestion = namedFix(diagnostic.message);
      if (!suggestion || document.getText(diagnostic.range).trim() === '') continue;
      const action = new vscode.CodeAction(`Change to '${suggestion}'`, GeneratedDiagnostics.fixKind);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, diagnostic.range, suggestion);
      actions.push(action);
    }
    return actions;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
