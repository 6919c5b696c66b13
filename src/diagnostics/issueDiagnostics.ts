import * as vscode from 'vscode';
import type { Issue } from '../core/diagnostics/issue';

/** The one place where core issues become editor diagnostics. */
export function toDiagnostic(issue: Issue): vscode.Diagnostic {
  const range = issue.range
    ? new vscode.Range(issue.range.start.line, issue.range.start.character, issue.range.end.line, issue.range.end.character)
    : new vscode.Range(0, 0, 0, 0);
  const severity =
    issue.severity === 'error'
      ? vscode.DiagnosticSeverity.Error
      : issue.severity === 'warning'
        ? vscode.DiagnosticSeverity.Warning
        : vscode.DiagnosticSeverity.Information;
  const diagnostic = new vscode.Diagnostic(range, issue.path ? `${issue.message} (at ${issue.path})` : issue.message, severity);
  diagnostic.source = `strata:${issue.source}`;
  if (issue.code) diagnostic.code = issue.code;
  return diagnostic;
}

/**
 * Replaces the diagnostics of `checkedFiles` (workspace-relative) with `issues`. Files that were
 * checked and now have no issue are cleared; issues without a file land on `fallbackFile`.
 */
export function publishIssues(
  collection: vscode.DiagnosticCollection,
  root: vscode.Uri,
  checkedFiles: readonly string[],
  issues: readonly Issue[],
  fallbackFile: string,
): void {
  const byFile = new Map<string, vscode.Diagnostic[]>(checkedFiles.map((file) => [file, []]));
  for (const issue of issues) {
    const file = issue.file ?? fallbackFile;
    const list = byFile.get(file) ?? [];
    list.push(toDiagnostic(issue));
    byFile.set(file, list);
  }
  for (const [file, diagnostics] of byFile) collection.set(vscode.Uri.joinPath(root, file), diagnostics);
}
