import * as assert from 'node:assert/strict';
import { nestPrisma } from '../../../src/core/target/nest-prisma';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { DEFAULT_SETTINGS } from '../../../src/core/config/settings';
import { AnalyzePhase } from '../../../src/core/analyze/agent';
import { DatabasePhase } from '../../../src/core/database/agent';
import type { DatabaseArtifact } from '../../../src/core/database/types';
import type { PipelineEvent } from '../../../src/core/pipeline/events';
import { runPipeline } from '../../../src/core/pipeline/pipeline';
import { DiskProjectFiles } from '../../../src/core/project/projectFiles';
import { ScriptedModel } from '../../fakes/scriptedModel';
import { WeakModel } from '../../fakes/weakModel';
import { todoAnalysis } from '../../fixtures/todo/analyzeArtifact';
import { todoArtifact } from '../../fixtures/todo/databaseArtifact';

const settings = { ...DEFAULT_SETTINGS, retryBudget: 5 };
const requirements = 'A multi-user todo service: people sign up and manage their own todos.';

function listFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

describe('pipeline', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'strata-pipeline-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('runs the Database phase, reports events, and writes the schema and the artifact', async () => {
    const events: PipelineEvent[] = [];
    const provider = new WeakModel(new ScriptedModel(() => todoArtifact()), { rawSuccess: 0.3, seed: 5 });
    const result = await runPipeline([new DatabasePhase(requirements, nestPrisma)], { target: new DiskProjectFiles(root), provider, settings, onEvent: (e) => events.push(e) });
    assert.equal(result.outcome, 'succeeded', JSON.stringify(result.issues));
    const [answers, restorePoint, ...written] = listFiles(root);
    assert.equal(answers, '.strata/answers.json');
    assert.deepEqual(Object.keys(JSON.parse(readFileSync(join(root, answers), 'utf8'))), ['database/data model'], 'the accepted answer, kept for feature steps');
    assert.match(restorePoint!, /^\.strata\/checkpoints\/[0-9T-]+Z\.json$/);
    assert.deepEqual(written, ['.strata/database.json', '.strata/generated.json', 'prisma/schema/schema.prisma', 'prisma/schema/todos.prisma', 'prisma/schema/users.prisma']);
    assert.deepEqual(JSON.parse(readFileSync(join(root, '.strata/database.json'), 'utf8')), todoArtifact());
    assert.deepEqual(events.map((e) => e.type).filter((t, i, all) => t !== all[i - 1]), ['phase-started', 'progress', 'call', 'progress', 'phase-finished', 'writing', 'run-finished']);
    const finished = events.find((e) => e.type === 'phase-finished') as Extract<PipelineEvent, { type: 'phase-finished' }>;
    assert.equal(finished.totals.calls, 1);
    assert.ok(finished.totals.inputTokens > 0);
  });

  it('runs Analyze then Database, the Database agent reading the analyzed sections', async () => {
    const model = new ScriptedModel((agent) => (agent === 'analyze' ? todoAnalysis() : todoArtifact()));
    const prompts: string[] = [];
    const chat = model.chat.bind(model);
    model.chat = async (request) => {
      prompts.push(request.messages.at(-1)!.content);
      return chat(request);
    };
    const result = await runPipeline([new AnalyzePhase(requirements, nestPrisma), new DatabasePhase(requirements, nestPrisma)], { target: new DiskProjectFiles(root), provider: model, settings });
    assert.equal(result.outcome, 'succeeded', JSON.stringify(result.issues));
    assert.deepEqual(model.asked.map((purpose) => purpose.agent), ['analyze', 'database']);
    assert.match(prompts[1]!, /Deleting a todo is a soft delete\./, 'the Database prompt carries the analyzed rules');
    assert.ok(listFiles(root).includes('docs/requirements/02-todos.md'));
    assert.ok(listFiles(root).includes('.strata/analyze.json'));
  });

  it('keeps unchanged files byte-identical and the replaced artifact as the previous one', async () => {
    const target = new DiskProjectFiles(root);
    await runPipeline([new DatabasePhase(requirements, nestPrisma)], { target, provider: new ScriptedModel(() => todoArtifact()), settings });
    const usersBefore = statSync(join(root, 'prisma/schema/users.prisma')).mtimeMs;
    const changed: DatabaseArtifact = todoArtifact();
    changed.models[1]!.fields.push({ name: 'priority', type: 'Int', default: { kind: 'value', value: 0 } });
    const second = await runPipeline([new DatabasePhase(requirements, nestPrisma)], { target, provider: new ScriptedModel(() => changed), settings });
    // The manifest records the new hash of the changed schema file.
    assert.deepEqual(second.written, ['.strata/answers.json', '.strata/database.json', '.strata/generated.json', '.strata/previous/database.json', 'prisma/schema/todos.prisma']);
    assert.equal(statSync(join(root, 'prisma/schema/users.prisma')).mtimeMs, usersBefore);
    assert.deepEqual(JSON.parse(readFileSync(join(root, '.strata/previous/database.json'), 'utf8')), todoArtifact());
  });

  it('writes nothing when a phase fails', async () => {
    const broken = todoArtifact();
    broken.models[1]!.fields[9]!.type = 'Person';
    const result = await runPipeline([new DatabasePhase(requirements, nestPrisma)], { target: new DiskProjectFiles(root), provider: new ScriptedModel(() => broken), settings: { ...settings, retryBudget: 1 } });
    assert.equal(result.outcome, 'failed');
    assert.equal(result.stoppedAt, 'database');
    assert.match(result.issues[0]!.message, /unknown type "Person"/);
    assert.deepEqual(listFiles(root), []);
  });

  it('writes nothing when cancelled mid-phase', async () => {
    const controller = new AbortController();
    const slow = new ScriptedModel(() => todoArtifact());
    const original = slow.chat.bind(slow);
    slow.chat = async (request) => {
      controller.abort();
      return original(request);
    };
    const result = await runPipeline([new DatabasePhase(requirements, nestPrisma)], { target: new DiskProjectFiles(root), provider: slow, settings, signal: controller.signal });
    assert.equal(result.outcome, 'cancelled');
    assert.deepEqual(listFiles(root), []);
  });
});
