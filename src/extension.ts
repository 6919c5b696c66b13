import * as vscode from 'vscode';
import type { StrataApi } from './api';
import { AddFeatureCommand } from './commands/addFeatureCommand';
import { UndoLastFeatureCommand } from './commands/undoLastFeatureCommand';
import { type Command, CommandManager } from './commands/command';
import { DiagnoseModelCommand } from './commands/diagnoseModelCommand';
import { NewBackendCommand } from './commands/newBackendCommand';
import { ResumeBackendCommand } from './commands/resumeBackendCommand';
import { CancelGenerationCommand } from './commands/cancelGenerationCommand';
import { UserFacingError } from './commands/requireWorkspace';
import { SelectModelCommand } from './commands/selectModelCommand';
import { SetApiKeyCommand } from './commands/setApiKeyCommand';
import { ShowPhaseDiffCommand } from './commands/showPhaseDiffCommand';
import { InstallDependenciesCommand } from './commands/installDependenciesCommand';
import { ShowLogCommand } from './commands/showLogCommand';
import { GeneratedDiagnostics } from './diagnostics/generatedDiagnostics';
import { offerInstallOnOpen } from './tasks/dependencyPrompt';
import { loadEngine } from './engine/loadEngine';
import { recoverInterruptedRun } from './pipeline/recoverInterruptedRun';
import { DiskProjectFiles } from './core/project/projectFiles';
import { PrismaSchemaWatcher } from './diagnostics/prismaSchemaWatcher';
import { PhaseDiffDocuments } from './diff/phaseDiffDocuments';
import { registerReviews, reviewCommands } from './review/registerReviews';
import { PendingReviews } from './review/pendingReviews';
import { OutputLogger } from './log/outputLogger';
import { ApiKeyStore } from './secrets/apiKeyStore';
import { RunningGeneration, type StrataServices } from './services';
import { SettingsService } from './settings/settingsService';
import type { SidebarAction } from './sidebar/protocol';
import { RecentResults, sidebarState } from './sidebar/sidebarState';
import { SidebarViewProvider } from './sidebar/sidebarViewProvider';

const ACTION_COMMANDS: Record<SidebarAction, string> = {
  newBackend: 'strata.newBackend',
  addFeature: 'strata.addFeature',
  showPhaseDiff: 'strata.showPhaseDiff',
  selectModel: 'strata.selectModel',
  diagnoseModel: 'strata.diagnoseModel',
  setApiKey: 'strata.setApiKey',
  cancelGeneration: 'strata.cancelGeneration',
  showLog: 'strata.showLog',
};

/** Composition root: builds the services in order, wires them, and registers everything for disposal. */
export function activate(context: vscode.ExtensionContext): StrataApi {
  const started = performance.now();
  const log = new OutputLogger();
  const settings = new SettingsService(log);
  const apiKeys = new ApiKeyStore(context.secrets);
  const diagnostics = vscode.languages.createDiagnosticCollection('strata');
  const generatedDiagnostics = vscode.languages.createDiagnosticCollection('strata-generated');
  context.subscriptions.push(log, settings, diagnostics, generatedDiagnostics);

  const workspaceFiles = () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder && folder.uri.scheme === 'file' ? new DiskProjectFiles(folder.uri.fsPath) : undefined;
  };

  const recent = new RecentResults();
  const sidebar = new SidebarViewProvider(
    context.extensionUri,
    () => sidebarState(settings, workspaceFiles, recent),
    (action) => void vscode.commands.executeCommand(ACTION_COMMANDS[action]),
    log,
  );
  context.subscriptions.push(
    sidebar,
    vscode.window.registerWebviewViewProvider(SidebarViewProvider.viewType, sidebar, { webviewOptions: { retainContextWhenHidden: false } }),
    settings.onDidChange(() => {
      // A connection report speaks of the server and model it checked: after a change it is no longer true.
      recent.connection = undefined;
      void sidebar.refresh();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void sidebar.refresh()),
    // A generated file's compiler errors stay until a save's re-check finds them fixed.
    new GeneratedDiagnostics(generatedDiagnostics, workspaceFiles, settings, loadEngine, log),
    offerInstallOnOpen(workspaceFiles),
  );

  const running = new RunningGeneration();
  // A window that closes mid-run stops it; what it had half written is undone by the next run.
  context.subscriptions.push({ dispose: () => void running.cancel() });
  const reviews = new PendingReviews();
  const services: StrataServices = { extensionUri: context.extensionUri, log, settings, apiKeys, sidebar, recent, running, generatedDiagnostics, workspaceFiles, reviews };
  const phaseDiffs = new PhaseDiffDocuments(workspaceFiles);
  context.subscriptions.push(phaseDiffs, vscode.workspace.registerTextDocumentContentProvider(PhaseDiffDocuments.scheme, phaseDiffs), registerReviews(reviews));

  const commands = new CommandManager((command, error) => reportCommandError(log, command, error));
  for (const command of [
    new NewBackendCommand(services),
    new ResumeBackendCommand(services),
    new CancelGenerationCommand(services),
    new AddFeatureCommand(services),
    new UndoLastFeatureCommand(services),
    new ShowPhaseDiffCommand(services),
    new SelectModelCommand(services),
    new DiagnoseModelCommand(services),
    new SetApiKeyCommand(services),
    new ShowLogCommand(services),
    new InstallDependenciesCommand(services),
    ...reviewCommands(services),
  ]) {
    commands.register(command);
  }
  context.subscriptions.push(commands);

  const prismaWatcher = new PrismaSchemaWatcher(diagnostics, loadEngine, log);
  context.subscriptions.push(prismaWatcher);

  // Off the activation path: a run that died while writing is undone as soon as Strata starts.
  void recoverInterruptedRun(workspaceFiles(), log).catch((error: unknown) => log.error(`Recovering an interrupted run failed: ${error instanceof Error ? error.message : String(error)}`));

  const activationMs = performance.now() - started;
  log.info(`Strata ${context.extension.packageJSON.version as string} activated in ${activationMs.toFixed(1)} ms`);
  return {
    activationMs,
    sidebar: { whenReady: () => sidebar.whenReady(), ping: () => sidebar.ping(), query: (selector) => sidebar.query(selector) },
    checkPrismaSchema: (fileUri) => prismaWatcher.check(vscode.Uri.parse(fileUri)),
  };
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}

/** Core errors become UI here and nowhere else: one clear message, details in the log. */
function reportCommandError(log: OutputLogger, command: Command, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  log.error(`${command.id} failed: ${error instanceof Error && !(error instanceof UserFacingError) ? (error.stack ?? message) : message}`);
  const show = vscode.window.showErrorMessage(`Strata: ${message}`, 'Show Log');
  void show.then((choice) => choice && log.show());
}
