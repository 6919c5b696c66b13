import * as vscode from 'vscode';

/**
 * Where the merge editor writes a merge of a hand edit and Strata's version (`strata-merge:` URIs): in
 * memory, so nothing reaches the workspace until the run is applied, and a rejected run leaves no trace.
 */
export class MergeResults implements vscode.FileSystemProvider, vscode.Disposable {
  static readonly scheme = 'strata-merge';
  private readonly contents = new Map<string, { data: Uint8Array; mtime: number }>();
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;

  static uriFor(session: number, path: string): vscode.Uri {
    return vscode.Uri.from({ scheme: MergeResults.scheme, path: `/${session}/${path}` });
  }

  /** Starts a merge result with `content` (the user's version). */
  seed(uri: vscode.Uri, content: string): void {
    this.contents.set(uri.path, { data: new TextEncoder().encode(content), mtime: Date.now() });
    this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  text(uri: vscode.Uri): string | undefined {
    const entry = this.contents.get(uri.path);
    return entry && new TextDecoder().decode(entry.data);
  }

  /** Forgets a session's results. */
  drop(session: number): void {
    for (const key of [...this.contents.keys()]) if (key.startsWith(`/${session}/`)) this.contents.delete(key);
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const entry = this.contents.get(uri.path);
    if (entry) return { type: vscode.FileType.File, ctime: entry.mtime, mtime: entry.mtime, size: entry.data.byteLength };
    if ([...this.contents.keys()].some((key) => key.startsWith(`${uri.path.replace(/\/$/, '')}/`))) return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    throw vscode.FileSystemError.FileNotFound(uri);
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(): void {
    // Folders exist implicitly.
  }

  readFile(uri: vscode.Uri): Uint8Array {
    const entry = this.contents.get(uri.path);
    if (!entry) throw vscode.FileSystemError.FileNotFound(uri);
    return entry.data;
  }

  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    this.contents.set(uri.path, { data: content, mtime: Date.now() });
    this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  delete(uri: vscode.Uri): void {
    this.contents.delete(uri.path);
    this.changed.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
  }

  rename(): void {
    throw vscode.FileSystemError.NoPermissions('Merge results cannot be renamed');
  }

  dispose(): void {
    this.changed.dispose();
    this.contents.clear();
  }
}
