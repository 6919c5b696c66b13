import * as vscode from 'vscode';
import { isPhaseId } from '../core/phaseId';
import { latestOfPhase, readCheckpoints } from '../core/project/checkpointStore';
import type { ProjectFiles } from '../core/project/projectFiles';
import { artifactPath, previousArtifactPath } from '../core/project/strataProject';
import { STRATA_DIR } from '../core/project/strataDir';

/**
 * Read-only documents of what a phase changed in its last run (`strata-phase:/<path>?phase=<id>&side=<before|after>`),
 * read from the run's checkpoint each time they are asked for. Whenever Strata's state changes on disk (a
 * run, a restore) every open one is told to reload, so a diff left open never goes stale.
 */
export class PhaseDiffDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  static readonly scheme = 'strata-phase';
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly watcher: vscode.FileSystemWatcher;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly files: () => ProjectFiles | undefined) {
    this.watcher = vscode.workspace.createFileSystemWatcher(`**/${STRATA_DIR}/**/*.json`);
    for (const event of [this.watcher.onDidCreate, this.watcher.onDidChange, this.watcher.onDidDelete]) this.subscriptions.push(event(() => this.refresh()));
  }

  /** The file's own path (so the diff names it, not as a rename), the phase and side in the query. */
  static uriFor(phase: string, side: 'before' | 'after', path: string): vscode.Uri {
    return vscode.Uri.from({ scheme: PhaseDiffDocuments.scheme, path: `/${path}`, query: `phase=${phase}&side=${side}` });
  }

  /** Tells every open phase-diff document to reload. */
  refresh(): void {
    for (const document of vscode.workspace.textDocuments) if (document.uri.scheme === PhaseDiffDocuments.scheme) this.changed.fire(document.uri);
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const query = new URLSearchParams(uri.query);
    const phase = query.get('phase');
    const side = query.get('side');
    const path = uri.path.replace(/^\//, '');
    const files = this.files();
    if (!files || !isPhaseId(phase) || (side !== 'before' && side !== 'after')) return '';
    const entry = latestOfPhase(await readCheckpoints(files), phase)?.files.find((file) => file.path === path);
    if (entry) return (side === 'before' ? entry.before : entry.after) ?? '';
    // A project from before checkpoints: its artifact and the previous one are all there is.
    if (path === artifactPath(phase)) return (await files.read(side === 'before' ? previousArtifactPath(phase) : artifactPath(phase))) ?? '';
    return '';
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.watcher.dispose();
    this.changed.dispose();
  }
}
