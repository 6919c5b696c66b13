import * as vscode from 'vscode';
import type { ConnectionReport } from '../core/doctor/connectionReport';
import type { ProjectFiles } from '../core/project/projectFiles';
import { isStrataProject, savedPhases } from '../core/project/strataProject';
import type { SettingsService } from '../settings/settingsService';
import type { SidebarState } from './protocol';

/** The latest model connection report, written by Diagnose Model Connection and shown by the sidebar. */
export class ConnectionStatus {
  report: ConnectionReport | undefined;
}

/** Gathers what the sidebar shows from settings, the workspace and the last connection check. */
export async function sidebarState(
  settings: SettingsService,
  workspaceFiles: () => ProjectFiles | undefined,
  connection: ConnectionStatus,
): Promise<SidebarState> {
  const current = settings.current;
  const files = workspaceFiles();
  const folder = vscode.workspace.workspaceFolders?.[0];
  const report = connection.report;
  return {
    provider: current.provider,
    server: current.provider === 'ollama' ? current.ollamaHost : current.openaiBaseUrl || '(base URL not set)',
    model: current.model,
    database: current.database,
    workspace: files && folder ? { name: folder.name, isProject: await isStrataProject(files), phases: await savedPhases(files) } : undefined,
    connection: report && { ok: report.ok, summary: report.checks.map((check) => check.detail).join('; ') },
  };
}
