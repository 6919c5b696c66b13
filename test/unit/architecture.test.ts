import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|mts|cts|js|mjs)$/.test(name) ? [path] : [];
  });
}

const importsOf = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)].map((m) => m[1]!);

describe('architecture', () => {
  it('src/core never imports vscode', () => {
    const offenders = sourceFiles(join(root, 'src/core')).filter((file) => importsOf(file).includes('vscode'));
    assert.deepEqual(offenders.map((file) => relative(root, file)), []);
  });

  it('src/core never imports from the VS Code layer above it', () => {
    const offenders = sourceFiles(join(root, 'src/core')).filter((file) =>
      importsOf(file).some((spec) => spec.startsWith('.') && !join(file, '..', spec).startsWith(join(root, 'src/core'))),
    );
    assert.deepEqual(offenders.map((file) => relative(root, file)), []);
  });

  it('only webview/components imports the UI toolkit', () => {
    const offenders = sourceFiles(join(root, 'webview')).filter(
      (file) => !file.startsWith(join(root, 'webview/components')) && importsOf(file).some((spec) => spec.startsWith('@vscode/webview-ui-toolkit')),
    );
    assert.deepEqual(offenders.map((file) => relative(root, file)), []);
  });

  it('activates only on its own commands and views', () => {
    const events: string[] = manifest.activationEvents;
    assert.ok(!events.includes('*'));
    assert.ok(events.every((event) => /^(onCommand|onView):strata\./.test(event)), events.join(', '));
  });

  it('implements every contributed command, and contributes every implemented one', () => {
    const contributed = (manifest.contributes.commands as { command: string }[]).map((entry) => entry.command).sort();
    const implemented = sourceFiles(join(root, 'src/commands'))
      .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/readonly id = '([^']+)'/g)].map((m) => m[1]!))
      .sort();
    assert.deepEqual(implemented, contributed);
    assert.deepEqual(contributed, [
      'strata.addFeature',
      'strata.applyChanges',
      'strata.cancelGeneration',
      'strata.chooseForFile',
      'strata.diagnoseModel',
      'strata.newBackend',
      'strata.rejectChanges',
      'strata.rerunPhase',
      'strata.restoreCheckpoint',
      'strata.resumeBackend',
      'strata.reviewChanges',
      'strata.selectModel',
      'strata.setApiKey',
      'strata.showPhaseDiff',
    ]);
  });

  it('targets the VS Code that the integration tests run in', () => {
    const versions = JSON.parse(readFileSync(join(root, 'test/runner/versions.json'), 'utf8'));
    const [major, minor] = String(versions.vscode).split('.');
    assert.equal(manifest.engines.vscode, `^${major}.${minor}.0`);
    assert.equal(manifest.devDependencies['@types/vscode'], `${major}.${minor}.0`);
  });

  it('pins a TypeScript that still has the in-process compiler API', () => {
    assert.match(manifest.dependencies.typescript, /^(5|6)\./);
  });
});
