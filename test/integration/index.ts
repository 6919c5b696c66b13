import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

/**
 * Entry of the suite that runs inside a real VS Code extension host. The contract is the one
 * `@vscode/test-electron` and the code-server runner share: a `run()` that settles when the tests end.
 */
export async function run(): Promise<void> {
  // The suites' runs are written at once; review.test.ts turns review before apply back on where it is the subject.
  await vscode.workspace.getConfiguration('strata').update('reviewBeforeApply', 'never', vscode.ConfigurationTarget.Global);
  // STRATA_IT_GREP runs only the tests whose titles match it (while working on one suite).
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec', ...(process.env.STRATA_IT_GREP ? { grep: process.env.STRATA_IT_GREP } : {}) });
  for (const file of readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort()) {
    mocha.addFile(join(__dirname, file));
  }
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}
