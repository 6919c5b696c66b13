import * as vscode from 'vscode';
import { isPhaseId } from '../core/phaseId';
import { previousArtifactPath } from '../core/project/strataProject';
import type { StrataServices } from '../services';

/**
 * Read-only documents holding a phase's previous artifact (`strata-snapshot:/<phase>.json`), the left
 * side of a phase diff. A phase that never ran before shows as an empty document.
 */
export class PhaseSnapshotProvider implements vscode.TextDocumentContentProvider {
  static readonly scheme = 'strata-snapshot';

  constructor(private readonly services: StrataServices) {}

  static uriFor(phase: string): vscode.Uri {
    return vscode.Uri.from({ scheme: PhaseSnapshotProvider.scheme, path: `/${phase}.json` });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const phase = uri.path.replace(/^\//, '').replace(/\.json$/, '');
    const files = this.services.workspaceFiles();
    if (!isPhaseId(phase) || !files) return '';
    return (await files.read(previousArtifactPath(phase))) ?? '';
  }
}
