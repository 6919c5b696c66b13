import type * as vscode from 'vscode';
import type { ProjectFiles } from './core/project/projectFiles';
import type { OutputLogger } from './log/outputLogger';
import type { PendingReviews } from './review/pendingReviews';
import type { ApiKeyStore } from './secrets/apiKeyStore';
import type { SettingsService } from './settings/settingsService';
import type { RecentResults } from './sidebar/sidebarState';
import type { SidebarViewProvider } from './sidebar/sidebarViewProvider';

/** The generations running in this window (a second one is refused by the folder lock, but starts first). */
export class RunningGeneration {
  private readonly controllers = new Set<AbortController>();

  get active(): boolean {
    return this.controllers.size > 0;
  }

  start(): AbortController {
    const controller = new AbortController();
    this.controllers.add(controller);
    return controller;
  }

  finish(controller: AbortController): void {
    this.controllers.delete(controller);
  }

  /** Stops every running generation; true when there was one. */
  cancel(): boolean {
    for (const controller of this.controllers) controller.abort();
    return this.controllers.size > 0;
  }
}

/** What commands are given: built once in `activate()` and passed in, never looked up globally. */
export interface StrataServices {
  readonly extensionUri: vscode.Uri;
  readonly log: OutputLogger;
  readonly settings: SettingsService;
  readonly apiKeys: ApiKeyStore;
  readonly sidebar: SidebarViewProvider;
  readonly recent: RecentResults;
  readonly running: RunningGeneration;
  /** Compiler problems left in files a run wrote (the Prisma watcher keeps its own collection). */
  readonly generatedDiagnostics: vscode.DiagnosticCollection;
  /** Runs, conflicts and restores waiting for the user's decision before anything is written. */
  readonly reviews: PendingReviews;
  /** The files of the first workspace folder, or `undefined` when no folder is open. */
  workspaceFiles(): ProjectFiles | undefined;
}
