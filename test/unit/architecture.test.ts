import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import * as ts from 'typescript';

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

/** A folder of src/core (or a file at its root) and the file of it that imports across. */
type FolderEdges = Map<string, Map<string, string>>;

/** Which folder of src/core imports which, by real imports only (TypeScript's scanner: code in template strings is not an import). */
function coreFolderEdges(): FolderEdges {
  const core = join(root, 'src/core');
  const folderOf = (file: string) => relative(core, file).split(sep)[0]!.replace(/\.ts$/, '');
  const edges: FolderEdges = new Map();
  for (const file of sourceFiles(core)) {
    for (const imported of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      if (!imported.fileName.startsWith('.')) continue;
      const target = join(dirname(file), imported.fileName);
      if (!target.startsWith(`${core}${sep}`)) continue;
      const [from, to] = [folderOf(file), folderOf(target)];
      if (from === to) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      edges.get(from)!.set(to, relative(root, file));
    }
  }
  return edges;
}

/** One cycle of the graph as `a -> b (via file) -> … -> a`, or undefined when there is none. */
function findCycle(edges: FolderEdges): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'open');
    path.push(node);
    for (const next of edges.get(node)?.keys() ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of edges.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle.map((name, i) => (i + 1 < cycle.length ? `${name} (${edges.get(name)!.get(cycle[i + 1]!)})` : name));
  }
  return undefined;
}

describe('architecture', () => {
  it('the folders of src/core form no cycle: each leans only on those below it', () => {
    // The finder finds one where there is one.
    const looped: FolderEdges = new Map([
      ['interface', new Map([['database', 'src/core/interface/a.ts']])],
      ['database', new Map([['interface', 'src/core/database/b.ts']])],
    ]);
    assert.deepEqual(findCycle(looped), ['interface (src/core/interface/a.ts)', 'database (src/core/database/b.ts)', 'interface']);
    const edges = coreFolderEdges();
    assert.ok(edges.get('realize')?.has('interface'), 'the imports are read');
    assert.equal(findCycle(edges)?.join(' -> '), undefined);
  });

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
      'strata.installDependencies',
      'strata.newBackend',
      'strata.rejectChanges',
      'strata.rerunPhase',
      'strata.restoreCheckpoint',
      'strata.resumeBackend',
      'strata.reviewChanges',
      'strata.selectModel',
      'strata.setApiKey',
      'strata.showLog',
      'strata.showPhaseDiff',
      'strata.undoLastFeature',
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
