import * as vscode from 'vscode';
import type { GenerateSummary } from '../core/backend/generate';
import { REQUIREMENTS_FILE } from '../core/project/strataProject';
import { publishIssues } from '../diagnostics/issueDiagnostics';
import type { StrataServices } from '../services';

/** Tells the user exactly what a New Backend or Resume run did to the workspace, and offers Resume after a failure that kept its work. */
export function reportBackendRun(services: StrataServices, summary: GenerateSummary): void {
  void services.sidebar.refresh();
  const root = vscode.workspace.workspaceFolders![0]!.uri;
  if (summary.recovered) void vscode.window.showWarningMessage(`Strata: ${summary.recovered}`);
  if (summary.outcome === 'succeeded') {
    // What an earlier run left no longer holds: show only what this run left.
    services.generatedDiagnostics.clear();
    publishIssues(services.generatedDiagnostics, root, [], summary.diagnostics, REQUIREMENTS_FILE);
    const left = summary.diagnostics.filter((issue) => issue.severity === 'error').length;
    const late = summary.finishedDespiteCancel ? 'The cancel came after the last file was in place, so the run finished. ' : '';
    const kept = summary.kept.length > 0 ? ` and kept ${summary.kept.length} as you have them` : '';
    const wrote = summary.changed ? `wrote ${summary.written} file(s)${kept}` : summary.kept.length > 0 ? `kept every file as you have it` : 'nothing to change: the workspace already holds this backend';
    // Until npm install, the editor's own TypeScript reports every import of the backend as missing.
    void vscode.window
      .showInformationMessage(
        left === 0
          ? `Strata: ${late}${wrote}. Next: install its dependencies, then npm test.`
          : `Strata: ${late}${wrote}; ${left} compiler error(s) the model could not fix are in the Problems panel.`,
        'Install Dependencies',
      )
      .then((choice) => choice && vscode.commands.executeCommand('strata.installDependencies'));
    return;
  }
  if (summary.outcome === 'cancelled') {
    void vscode.window.showInformationMessage(summary.rejected ? 'Strata: rejected in review. Nothing in the workspace was changed.' : 'Strata: cancelled. Nothing in the workspace was changed.');
    return;
  }
  const first = summary.issues[0];
  // The pipeline's own messages (writing, locks, files in the way) already say what happened to the files.
  const unchanged = summary.checkpoint ? '' : ' Nothing in the workspace was changed.';
  const what = first?.source === 'pipeline' ? first.message : `the ${summary.stoppedAt} phase did not finish: ${first ? `${first.path ? `at ${first.path}: ` : ''}${first.message}` : 'no details'}.${unchanged}`;
  // The checkpoint is the one thing a failed run adds: say so rather than "nothing was changed".
  const kept = summary.checkpoint ? ` Its finished work is kept in ${summary.checkpoint}, and nothing else was changed: Resume continues from there.` : '';
  const actions = summary.checkpoint ? ['Resume', 'Show Log'] : ['Show Log'];
  void vscode.window.showErrorMessage(`Strata: ${what}${kept}`, ...actions).then((choice) => {
    if (choice === 'Resume') void vscode.commands.executeCommand('strata.resumeBackend');
    if (choice === 'Show Log') services.log.show();
  });
}
