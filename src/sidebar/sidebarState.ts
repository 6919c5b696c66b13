import * as vscode from 'vscode';
import type { ConnectionReport } from '../core/doctor/connectionReport';
import type { ProjectFiles } from '../core/project/projectFiles';
import type { AnalyzeArtifact } from '../core/analyze/types';
import { describeGrants } from '../core/interface/access';
import type { InterfaceArtifact } from '../core/interface/types';
import { artifactPath, isStrataProject, savedPhases } from '../core/project/strataProject';
import type { SettingsService } from '../settings/settingsService';
import type { RouteAccess, SidebarState } from './protocol';

/** What the latest commands learned, shown by the sidebar: the connection report and the last run's figures. */
export class RecentResults {
  connection: ConnectionReport | undefined;
  lastRun: SidebarState['lastRun'];
}

/**
 * Who may call each route, from the saved Interface (and Analyze) artifacts: the same sentence the
 * OpenAPI document and the README carry. Undefined while there is no readable Interface artifact.
 */
async function routesOf(files: ProjectFiles): Promise<RouteAccess[] | undefined> {
  const parse = async <T>(phase: 'interface' | 'analyze'): Promise<T | undefined> => {
    try {
      const text = await files.read(artifactPath(phase));
      return text === undefined ? undefined : (JSON.parse(text) as T);
    } catch {
      return undefined;
    }
  };
  const api = await parse<InterfaceArtifact>('interface');
  if (!Array.isArray(api?.operations) || !Array.isArray(api.authentication)) return undefined;
  const analysis = await parse<AnalyzeArtifact>('analyze');
  const actors = Array.isArray(analysis?.actors) ? analysis.actors : undefined;
  return api.operations.map((operation) => ({ method: operation.method, path: operation.path, who: describeGrants(api, operation, actors) }));
}

/** Gathers what the sidebar shows from settings, the workspace and the last connection check. */
export async function sidebarState(
  settings: SettingsService,
  workspaceFiles: () => ProjectFiles | undefined,
  recent: RecentResults,
): Promise<SidebarState> {
  const current = settings.current;
  const files = workspaceFiles();
  const folder = vscode.workspace.workspaceFolders?.[0];
  const report = recent.connection;
  const isProject = files && folder ? await isStrataProject(files) : false;
  // The Getting Started view shows while the folder has no backend.
  void vscode.commands.executeCommand('setContext', 'strata.isProject', isProject);
  return {
    provider: current.provider,
    server: current.provider === 'ollama' ? current.ollamaHost : current.openaiBaseUrl || '(base URL not set)',
    model: current.model,
    database: current.database,
    workspace: files && folder ? { name: folder.name, isProject, phases: await savedPhases(files), routes: await routesOf(files) } : undefined,
    connection: report && { ok: report.ok, summary: report.checks.map((check) => check.detail).join('; ') },
    lastRun: recent.lastRun,
  };
}
