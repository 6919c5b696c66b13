import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { StrataApi } from '../../src/api';

export const EXTENSION_ID = 'strata-dev.strata';

export async function activateStrata(): Promise<StrataApi> {
  const extension = vscode.extensions.getExtension<StrataApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this VS Code`);
  return extension.activate();
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('The integration suite needs a workspace folder');
  return folder.uri;
}

export async function writeWorkspaceFile(relativePath: string, content: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), relativePath);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
  return uri;
}

export async function readWorkspaceFile(relativePath: string): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(workspaceRoot(), relativePath)));
  } catch {
    return undefined;
  }
}

/** Polls until `probe` returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every file under a folder with its content, and every folder: equal snapshots mean nothing changed. */
export function snapshot(root: string, prefix = ''): Record<string, string> {
  const tree: Record<string, string> = {};
  for (const entry of readdirSync(join(root, prefix), { withFileTypes: true })) {
    const relative = `${prefix}${entry.name}`;
    if (entry.isDirectory()) Object.assign(tree, { [`${relative}/`]: '<dir>' }, snapshot(root, `${relative}/`));
    else tree[relative] = readFileSync(join(root, relative), 'utf8');
  }
  return tree;
}

/**
 * Asks the runner for a screenshot of the workbench as it is now, kept as a test artifact in
 * test-artifacts/screenshots/<name>.png of the extension (outside git; the runner writes only there, and renames
 * the file into place once whole). Under code-server (a web UI) a screenshot that does not come fails the test;
 * desktop VS Code's runner takes none, so there it is only asked for. Returns the path when one was taken.
 */
export async function screenshot(name: string): Promise<string | undefined> {
  const root = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
  const path = join(root, 'test-artifacts', 'screenshots', `${name}.png`);
  rmSync(path, { force: true });
  // The workbench lays out and paints an editor a moment after its tab is active.
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  console.log(`strata-screenshot ${path}`);
  const deadline = Date.now() + 10_000;
  while (!existsSync(path)) {
    if (Date.now() > deadline) {
      if (vscode.env.uiKind === vscode.UIKind.Web) throw new Error(`the runner saved no screenshot at ${path}`);
      return undefined;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  console.log(`      screenshot: ${path}`);
  return path;
}
