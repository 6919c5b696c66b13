import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Logger } from '../core/log/logger';
import type { Engine } from '../engine/loadEngine';
import { publishIssues } from './issueDiagnostics';

const DEBOUNCE_MS = 300;

/**
 * Checks Prisma schemas with Prisma's own compiler whenever a `.prisma` file in the workspace is opened,
 * edited or saved, and shows the problems in the Problems panel. All `.prisma` files of one folder form
 * one schema (Prisma's multi-file layout, `prisma/schema/*.prisma`); unsaved editor text wins over disk.
 */
export class PrismaSchemaWatcher implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly collection: vscode.DiagnosticCollection,
    private readonly engine: () => Engine,
    private readonly log: Logger,
  ) {
    const schedule = (document: vscode.TextDocument) => this.schedule(document.uri);
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument(schedule),
      vscode.workspace.onDidSaveTextDocument(schedule),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document.uri)),
    );
    for (const document of vscode.workspace.textDocuments) schedule(document);
  }

  /** Checks the schema folder holding `uri` now; resolves once its diagnostics are published. */
  async check(uri: vscode.Uri): Promise<void> {
    const workspaceFolder = vscode.workspace.getWorkspaceFolder(uri);
    if (!workspaceFolder || !uri.path.endsWith('.prisma')) return;
    const folder = vscode.Uri.joinPath(uri, '..');
    const relative = (file: vscode.Uri) => path.posix.relative(workspaceFolder.uri.path, file.path);
    const schemaUris = (await vscode.workspace.fs.readDirectory(folder))
      .filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.prisma'))
      .map(([name]) => vscode.Uri.joinPath(folder, name));
    const files = await Promise.all(schemaUris.map(async (file) => ({ path: relative(file), content: await this.read(file) })));
    const started = Date.now();
    const issues = this.engine().checkPrismaSchema(files);
    this.log.trace(`Checked Prisma schema in ${relative(folder) || '.'} (${files.length} file(s), ${issues.length} issue(s), ${Date.now() - started} ms)`);
    publishIssues(this.collection, workspaceFolder.uri, files.map((file) => file.path), issues, relative(uri));
  }

  private schedule(uri: vscode.Uri): void {
    if (!uri.path.endsWith('.prisma') || !vscode.workspace.getWorkspaceFolder(uri)) return;
    const key = path.posix.dirname(uri.toString());
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        this.check(uri).catch((error: unknown) => this.log.error(`Prisma schema check failed: ${String(error)}`));
      }, DEBOUNCE_MS),
    );
  }

  private async read(uri: vscode.Uri): Promise<string> {
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
    if (open) return open.getText();
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
