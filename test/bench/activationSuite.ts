import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { StrataApi } from '../../src/api';

/**
 * Runs inside a real extension host (same contract as the integration suite) and measures, from the
 * outside, how long Strata takes to load and activate, to show its sidebar, and to run its first
 * schema check (which loads the engine bundle). Results go to `.strata-bench.json` in the workspace.
 */
export async function run(): Promise<void> {
  const workspace = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!workspace) throw new Error('the activation benchmark needs a workspace folder');
  const extension = vscode.extensions.getExtension<StrataApi>('strata-dev.strata');
  if (!extension) throw new Error('strata-dev.strata is not installed');
  if (extension.isActive) throw new Error('Strata was already active: nothing to measure');

  let started = performance.now();
  const api = await extension.activate();
  const activateMs = performance.now() - started;

  started = performance.now();
  await vscode.commands.executeCommand('workbench.view.extension.strata');
  await api.sidebar.whenReady();
  const sidebarMs = performance.now() - started;

  const schema = vscode.Uri.joinPath(workspace, 'prisma/schema/schema.prisma');
  await vscode.workspace.fs.writeFile(schema, new TextEncoder().encode('datasource db {\n  provider = "sqlite"\n}\nmodel A {\n  id Int @id\n}\n'));
  started = performance.now();
  await api.checkPrismaSchema(schema.toString());
  const firstSchemaCheckMs = performance.now() - started;

  const result = { activateMs, insideActivateMs: api.activationMs, sidebarMs, firstSchemaCheckMs };
  writeFileSync(join(workspace.fsPath, '.strata-bench.json'), JSON.stringify(result));
  console.log(`bench: ${JSON.stringify(result)}`);
}
