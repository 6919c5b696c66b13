import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { generateBackend } from '../../../src/core/backend/generate';
import { DEFAULT_SETTINGS } from '../../../src/core/config/settings';
import { modulesOf } from '../../../src/core/interface/modules';
import { GENERATED_MANIFEST, type Manifest } from '../../../src/core/project/generatedFiles';
import { MemoryProjectFiles } from '../../../src/core/project/projectFiles';
import { ScriptedModel } from '../../fakes/scriptedModel';
import { fixtureApp } from '../../fixtures/fixtureApp';

const blog = fixtureApp('blog');

/** The blog backend as the five phases write it, and the manifest that records where each file came from. */
async function generatedBlog(): Promise<Manifest> {
  const target = new MemoryProjectFiles();
  const settings = { ...DEFAULT_SETTINGS, model: 'scripted', retryBudget: 2 };
  const summary = await generateBackend({ requirements: readFileSync(blog.requirements, 'utf8'), target, provider: new ScriptedModel(blog.scripted), settings, format: false });
  assert.equal(summary.outcome, 'succeeded', JSON.stringify(summary.issues));
  return (JSON.parse((await target.read(GENERATED_MANIFEST))!) as { files: Manifest }).files;
}

/** The files a change to `node` reaches: those rendered from it, or from the whole artifact it is part of. */
const reachedBy = (manifest: Manifest, node: string): string[] =>
  Object.entries(manifest)
    .filter(([, entry]) => entry.from?.some((from) => from === node || node.startsWith(`${from}/`)))
    .map(([path]) => path)
    .sort();

describe('provenance: every generated file records the artifact nodes it was rendered from', () => {
  let manifest: Manifest;
  before(async function () {
    this.timeout(120_000);
    manifest = await generatedBlog();
  });

  it('records sources for every file, each naming a phase and, below it, a node of that artifact', () => {
    const phases = new Set(['analyze', 'database', 'interface', 'test', 'realize']);
    for (const [path, entry] of Object.entries(manifest)) {
      assert.ok(entry.from && entry.from.length > 0, `${path} has no sources`);
      for (const node of entry.from) assert.ok(phases.has(node.split('/')[0]!), `${path}: ${node}`);
    }
  });

  it("a module's operation reaches that module's code and tests, and the files rendered from the whole API, no other module", () => {
    const api = blog.api();
    const modules = modulesOf(api);
    assert.ok(modules.length >= 2, 'the blog has several modules');
    const [first, second] = modules as [string, string];
    const operation = api.operations.find((candidate) => candidate.module === first)!;
    const reached = reachedBy(manifest, `interface/operation/${operation.id}`);
    assert.ok(reached.includes(`src/${first}/${first}.controller.ts`), reached.join(', '));
    assert.ok(reached.includes(`src/${first}/${first}.service.ts`), reached.join(', '));
    assert.ok(reached.includes(`test/${first}.e2e.test.ts`), reached.join(', '));
    assert.ok(reached.includes('openapi.json'), 'the API document follows from every operation');
    assert.deepEqual(reached.filter((path) => path.startsWith(`src/${second}/`) || path === `test/${second}.e2e.test.ts`), []);
    // Its scenarios reach only its module's tests (and what the whole Test artifact renders).
    const tests = reachedBy(manifest, `test/operation/${operation.id}`);
    assert.ok(tests.includes(`test/${first}.e2e.test.ts`));
    assert.deepEqual(tests.filter((path) => path.startsWith('src/')), []);
  });

  it('a table reaches its schema file and the modules that read or write it; a requirement section its document and the overview', () => {
    const schemaFiles = Object.keys(manifest).filter((path) => path.startsWith('prisma/schema/') && !path.endsWith('/schema.prisma'));
    const model = manifest[schemaFiles[0]!]!.from!.find((node) => node.startsWith('database/model/'))!;
    const reached = reachedBy(manifest, model);
    assert.ok(reached.includes(schemaFiles[0]!));
    assert.ok(reached.some((path) => /^src\/[^/]+\/[^/]+\.service\.ts$/.test(path)), `${model} reaches no service: ${reached.join(', ')}`);
    assert.ok(!reached.some((path) => path.startsWith('prisma/schema/') && path !== schemaFiles[0] && !path.endsWith('/schema.prisma')), reached.join(', '));
    const section = Object.values(manifest).flatMap((entry) => entry.from ?? []).find((node) => node.startsWith('analyze/section/'))!;
    const documents = reachedBy(manifest, section).filter((path) => path.startsWith('docs/'));
    // The overview lists every section's title, so it follows from the whole analysis.
    assert.equal(documents.length, 2, documents.join(', '));
    assert.ok(documents.includes('docs/requirements/00-overview.md'));
  });
});
