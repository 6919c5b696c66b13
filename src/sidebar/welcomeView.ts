import * as vscode from 'vscode';

/**
 * "Getting Started": a native view with no items of its own, so VS Code shows its welcome content (the
 * five phases and the first step, from package.json's `viewsWelcome`) while the folder has no backend.
 */
export function registerWelcomeView(): vscode.Disposable {
  const empty: vscode.TreeDataProvider<never> = { getTreeItem: (item) => item, getChildren: () => [] };
  return vscode.window.registerTreeDataProvider('strata.welcome', empty);
}
