import type * as vscode from 'vscode';
import type { ProjectFiles } from './core/project/projectFiles';
import type { OutputLogger } from './log/outputLogger';
import type { ApiKeyStore } from './secrets/apiKeyStore';
import type { SettingsService } from './settings/settingsService';
import type { RecentResults } from './sidebar/sidebarState';
import type { SidebarViewProvider } from './sidebar/sidebarViewProvider';

/** What commands are given: built once in `activate()` and passed in, never looked up globally. */
export interface StrataServices {
  readonly extensionUri: vscode.Uri;
  readonly log: OutputLogger;
  readonly settings: SettingsService;
  readonly apiKeys: ApiKeyStore;
  readonly sidebar: SidebarViewProvider;
  readonly recent: RecentResults;
  /** Compiler problems left in files a run wrote (the Prisma watcher keeps its own collection). */
  readonly generatedDiagnostics: vscode.DiagnosticCollection;
  /** The files of the first workspace folder, or `undefined` when no folder is open. */
  workspaceFiles(): ProjectFiles | undefined;
}
