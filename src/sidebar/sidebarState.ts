import * as vscode from 'vscode';
import type { ConnectionReport } from '../core/doctor/connectionReport';
import type { ProjectFiles } from '../core/project/projectFiles';
import { isStrataProject, savedPhases } from '../core/project/strataProject';
import type { SettingsService } from '../settings/settingsService';
import type { SidebarState } from './protocol';

/** What the latest commands learned, shown by the sidebar: the connection report and the last run's figures. */
export class RecentResults {
  connection: ConnectionReport | undefined;
  lastRun: SidebarState['lastRun'];
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
  return {
    provider: current.provider,
    server: current.provider === 'ollama' ? current.ollamaHost : current.openaiBaseUrl || '(base URL not set)',
    model: current.model,
    database: current.database,
    workspace: files && folder ? { name: folder.name, isProject: await isStrataProject(files), phases: await savedPhases(files) } : undefined,
    connection: report && { ok: report.ok, summary: report.checks.map((check) => check.detail).join('; ') },
    lastRun: recent.lastRun,
  };
}
