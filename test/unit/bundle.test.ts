import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BuildOptions, Metafile } from 'esbuild';
import type { Doctor } from '../../src/engine/loadDoctor';
import type { Engine } from '../../src/engine/loadEngine';

const root = join(__dirname, '../../..');
const dist = join(root, 'dist');
/** What issue 12 allows the extension bundle users install, loaded at every activation. */
const EXTENSION_BUDGET = 250 * 1024;

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

  it('keeps the production extension.js under 250 KiB, naming its largest parts when it is not', async function () {
    this.timeout(60_000);
    // Built in memory with esbuild.mjs's own production options: the file `vsce package` would ship.
    const { bundles } = (await import(pathToFileURL(join(root, 'esbuild.mjs')).href)) as { bundles: (options: { production: boolean; outdir: string }) => Record<string, BuildOptions> };
    const esbuild = await import('esbuild');
    const result = await esbuild.build({ ...bundles({ production: true, outdir: dist }).extension!, absWorkingDir: root, write: false, metafile: true });
    const [bundle] = result.outputFiles!;
    assert.ok(bundle!.path.endsWith('extension.js'), bundle!.path);
    const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
    // A library counts as one part (ajv, not its 60 files), a source file as itself.
    const largest = (metafile: Metafile) => {
      const parts = new Map<string, number>();
      for (const [input, { bytesInOutput }] of Object.entries(Object.values(metafile.outputs)[0]!.inputs)) {
        const part = /^(node_modules\/(?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? input;
        parts.set(part, (parts.get(part) ?? 0) + bytesInOutput);
      }
      return [...parts].sort(([, a], [, b]) => b - a).slice(0, 8).map(([part, bytes]) => `${part} ${kib(bytes)}`);
    };
    assert.ok(
      bundle!.contents.byteLength <= EXTENSION_BUDGET,
      `extension.js is ${kib(bundle!.contents.byteLength)} in production, over ${kib(EXTENSION_BUDGET)}; largest parts: ${largest(result.metafile!).join(', ')}`,
    );
  });

  it("loads Diagnose's checks from dist/doctor.js, a small bundle without the compilers or prettier", async () => {
    const doctor = readFileSync(join(dist, 'doctor.js'), 'utf8');
    for (const heavy of ['createLanguageService(', 'prisma_schema_build_bg', 'prettier']) assert.ok(!doctor.includes(heavy), `${heavy} was bundled into doctor.js`);
    const { diagnoseConnection, formatReport } = require(join(dist, 'doctor.js')) as Doctor;
    assert.equal(typeof diagnoseConnection, 'function');
    assert.equal(formatReport({ server: 'http://127.0.0.1:9', model: 'm', ok: true, checks: [] } as unknown as Parameters<Doctor['formatReport']>[0]), 'Model connection is ready (http://127.0.0.1:9, model m)');
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
