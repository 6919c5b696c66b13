import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../../src/engine/loadEngine';

const dist = join(__dirname, '../../../dist');

describe('bundle (dist/)', () => {
  before(function () {
    if (!existsSync(join(dist, 'extension.js'))) throw new Error('dist/ is missing: run `node esbuild.mjs` (npm test does)');
  });

  it('keeps vscode external and TypeScript/Prisma out of the extension bundle', () => {
    const extension = readFileSync(join(dist, 'extension.js'), 'utf8');
    assert.match(extension, /require\("vscode"\)/);
    assert.ok(!extension.includes('createLanguageService('), 'TypeScript was bundled into extension.js');
    assert.ok(!extension.includes('prisma_schema_build_bg'), 'Prisma was bundled into extension.js');
  });

  it('runs both compilers from dist/, finding Prisma WASM and TypeScript libs beside the bundle', () => {
    // Loaded from dist/ on purpose: this is the code the packaged extension runs.
    const compilers = require(join(dist, 'engine.js')) as Engine;
    const prisma = compilers.checkPrismaSchema([{ path: 'schema.prisma', content: 'model A {\n  id Int @id\n  b Strin\n}\n' }]);
    assert.equal(prisma.length, 1);
    assert.equal(prisma[0]!.range!.start.line, 2);
    const project = new compilers.TypeScriptProject('/virtual');
    project.setFile('a.ts', 'export const ok: boolean = [1].includes(1);\nexport const bad: number = "x";\n');
    const issues = project.check();
    assert.deepEqual(issues.map((issue) => issue.code), ['TS2322']);
    assert.ok(readdirSync(dist).includes('lib.es2022.d.ts'));
  });

  it('keeps prettier out of the extension bundle; the engine formats with it, on the worker beside it', async () => {
    const extension = readFileSync(join(dist, 'extension.js'), 'utf8');
    assert.ok(!extension.includes('prettier'), 'prettier was bundled into extension.js');
    assert.ok(existsSync(join(dist, 'formatWorker.js')));
    const engine = require(join(dist, 'engine.js')) as Engine;
    const formatter = new engine.BackgroundFormatter();
    try {
      assert.equal(formatter.threaded, true);
      assert.equal(await formatter.format('src/a.ts', 'export const a = {\n  b: "c" }\n'), "export const a = { b: 'c' };\n");
    } finally {
      await formatter.close();
    }
  });

  it('ships a webview script and no TypeScript sources', () => {
    assert.ok(existsSync(join(dist, 'webview/sidebar.js')));
    const walk = (folder: string): string[] =>
      readdirSync(folder, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(folder, entry.name)) : [entry.name]));
    assert.deepEqual(walk(dist).filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts')), []);
  });
});
