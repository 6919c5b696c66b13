// Runs the integration suite in desktop VS Code through @vscode/test-electron. It downloads VS Code,
// so it needs internet: on offline machines use `npm run test:integration` (code-server) instead.
import { runTests } from '@vscode/test-electron';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const { vscode: version } = JSON.parse(readFileSync(join(root, 'test/runner/versions.json'), 'utf8'));
const workspace = mkdtempSync(join(tmpdir(), 'strata-it-workspace-'));
try {
  await runTests({
    version,
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out/test/integration/index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (error) {
  console.error(`Integration tests failed: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
