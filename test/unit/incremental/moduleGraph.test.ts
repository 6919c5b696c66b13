import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { AnalyzeArtifact } from '../../../src/core/analyze/types';
import { generateBackend } from '../../../src/core/backend/generate';
import { DEFAULT_SETTINGS } from '../../../src/core/config/settings';
import type { DatabaseArtifact } from '../../../src/core/database/types';
import { affectedFiles, affectedNodes, changedNodes, dependents, type ProjectArtifacts } from '../../../src/core/incremental/moduleGraph';
import { modulesOf } from '../../../src/core/interface/modules';
import { GENERATED_MANIFEST, type Manifest } from '../../../src/core/project/generatedFiles';
import { MemoryProjectFiles } from '../../../src/core/project/projectFiles';
import type { RealizeArtifact } from '../../../src/core/realize/types';
import type { TestArtifact } from '../../../src/core/scenarios/types';
import { ScriptedModel } from '../../fakes/scriptedModel';
import { fixtureApp } from '../../fixtures/fixtureApp';

const blog = fixtureApp('blog');

/** The blog's artifacts as the phases accept them, with the manifest of the files they rendered. */
async function generated(): Promise<{ artifacts: ProjectArtifacts; manifest: Manifest }> {
  const target = new MemoryProjectFiles();
  const settings = { ...DEFAULT_SETTINGS, model: 'scripted', retryBudget: 2 };
  const summary = await generateBackend({ requirements: readFileSync(blog.requirements, 'utf8'), target, provider: new ScriptedModel(blog.scripted), settings, format: false });
  assert.equal(summary.outcome, 'succeeded', JSON.stringify(summary.issues));
  const read = async <T>(path: string) => JSON.parse((await target.read(path))!) as T;
  const artifacts: ProjectArtifacts = {
    analyze: await read<AnalyzeArtifact>('.strata/analyze.json'),
    database: await read<DatabaseArtifact>('.strata/database.json'),
    interface: blog.api(),
    test: await read<TestArtifact>('.strata/test.json'),
    realize: await read<RealizeArtifact>('.strata/realize.json'),
  };
  return { artifacts, manifest: (await read<{ files: Manifest }>(GENERATED_MANIFEST)).files };
}

const copy = <T>(value: T): T => structuredClone(value);

describe('module graph: which nodes and files a change to the artifacts reaches', () => {
  let artifacts: ProjectArtifacts;
  let manifest: Manifest;
  before(async function () {
    this.timeout(120_000);
    ({ artifacts, manifest } = await generated());
  });

  it('an unchanged project has no changed node and reaches no file', () => {
    const changes = changedNodes(artifacts, copy(artifacts));
    assert.deepEqual(changes, { added: [], changed: [], removed: [] });
    assert.deepEqual(affectedFiles(manifest, affectedNodes(changes, dependents(artifacts))), []);
  });

  it("an operation's new summary reaches its scenarios, its module's logic and files, never another module's", () => {
    const api = artifacts.interface!;
    const [first, second] = modulesOf(api) as [string, string];
    const after = copy(artifacts);
    const operation = after.interface!.operations.find((candidate) => candidate.module === first)!;
    operation.summary = `${operation.summary} (reworded)`;
    const changes = changedNodes(artifacts, after);
    assert.deepEqual(changes.changed, [`interface/operation/${operation.id}`]);
    const nodes = affectedNodes(changes, dependents(after));
    assert.ok(nodes.has(`test/operation/${operation.id}`) && nodes.has(`realize/module/${first}`) && nodes.has(`interface/module/${first}`));
    assert.ok(![...nodes].some((node) => node.endsWith(`/module/${second}`)), [...nodes].join(', '));
    const files = affectedFiles(manifest, nodes);
    assert.ok(files.includes(`src/${first}/${first}.controller.ts`) && files.includes('openapi.json'), files.join(', '));
    assert.deepEqual(files.filter((path) => path.startsWith(`src/${second}/`)), []);
  });

  it("a table's new column reaches the DTOs linked to it, their operations and the tables that point at it", () => {
    const after = copy(artifacts);
    const pointedAt = after.database!.models.find((model) => after.database!.models.some((other) => other.fields.some((field) => field.relation && field.type === model.name)))!;
    pointedAt.fields.push({ name: 'nickname', type: 'String', optional: true });
    const changes = changedNodes(artifacts, after);
    assert.deepEqual(changes.changed, [`database/model/${pointedAt.name}`]);
    const nodes = affectedNodes(changes, dependents(after));
    const linked = after.interface!.dtos.filter((dto) => dto.model === pointedAt.name).map((dto) => `interface/dto/${dto.name}`);
    assert.ok(linked.length > 0 && linked.every((node) => nodes.has(node)), linked.join(', '));
    const pointing = after.database!.models.filter((model) => model.fields.some((field) => field.relation && field.type === pointedAt.name));
    for (const model of pointing) assert.ok(nodes.has(`database/model/${model.name}`), model.name);
    const files = affectedFiles(manifest, nodes);
    assert.ok(files.some((path) => path.startsWith('prisma/schema/')), files.join(', '));
  });

  it('a new section and operation are added nodes; a removed module takes its operations, scenarios and logic away', () => {
    const after = copy(artifacts);
    after.analyze!.sections.push({ id: 'tags', title: 'Tags', body: 'Posts carry tags.', actors: [], rules: [] });
    const changes = changedNodes(artifacts, after);
    assert.deepEqual(changes.added, ['analyze/section/tags']);
    const [, second] = modulesOf(artifacts.interface!) as [string, string];
    const without = copy(artifacts);
    without.interface!.operations = without.interface!.operations.filter((operation) => operation.module !== second);
    without.test!.scenarios = without.test!.scenarios.filter((scenario) => artifacts.interface!.operations.find((operation) => operation.id === scenario.operation)?.module !== second);
    without.realize!.modules = without.realize!.modules.filter((module) => module.name !== second);
    const removed = changedNodes(artifacts, without).removed;
    assert.ok(removed.includes(`interface/module/${second}`) && removed.includes(`realize/module/${second}`), removed.join(', '));
    const gone = artifacts.interface!.operations.filter((operation) => operation.module === second).map((operation) => `interface/operation/${operation.id}`);
    assert.ok(gone.length > 0 && gone.every((node) => removed.includes(node)));
    const files = affectedFiles(manifest, affectedNodes(changedNodes(artifacts, without), dependents(artifacts)));
    assert.ok(files.includes(`src/${second}/${second}.service.ts`) && files.includes(`test/${second}.e2e.test.ts`), files.join(', '));
  });
});
