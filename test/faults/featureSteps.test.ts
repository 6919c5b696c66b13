import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateBackend } from '../../src/core/backend/generate';
import { DEFAULT_SETTINGS } from '../../src/core/config/settings';
import { runFeatureStep } from '../../src/core/incremental/featureStep';
import { DiskProjectFiles } from '../../src/core/project/projectFiles';
import { RUN_LOCK } from '../../src/core/project/runLock';
import { FaultyFileSystem } from '../fakes/faultyFileSystem';
import { ScriptedModel } from '../fakes/scriptedModel';
import { fixtureApp } from '../fixtures/fixtureApp';
import { cleanup, copyTree, firstDifference, sameState, scratch, stateOf } from './harness';

const settings = { ...DEFAULT_SETTINGS, model: 'scripted' };
const todo = fixtureApp('todo');
const tags = fixtureApp('todo-tags');
const stepDir = join(tags.dir, 'step');
const request = readFileSync(join(stepDir, 'feature.md'), 'utf8');

/** The folder, with what a step stamps by the clock made comparable: its migration's folder and its record's time. */
function comparable(folder: string): Record<string, string> | null {
  const state = stateOf(folder, (relative) => relative === RUN_LOCK);
  if (!state) return state;
  return Object.fromEntries(
    Object.entries(state).map(([path, content]) => [
      path.replace(/^prisma\/migrations\/\d{14}_/, 'prisma/migrations/#_'),
      // The record's time, also inside the restore point that holds the record.
      content.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g, '#time').replace(/prisma\/migrations\/\d{14}_/g, 'prisma/migrations/#_'),
    ]),
  );
}

const step = (folder: string, fs?: FaultyFileSystem, signal?: AbortSignal) =>
  runFeatureStep({ kind: 'add', request, target: new DiskProjectFiles(folder, fs?.fs), provider: new ScriptedModel(`${stepDir},${tags.scripted}`), settings, format: false, signal });

/**
 * A feature step under injected faults: its commit fails at file-system calls spread over all of them
 * (once, or as a disk that fills up from there), it is cancelled in each phase, and a second step runs
 * while one is going on. The folder is always exactly as before the step or exactly as the whole step
 * leaves it; a migration is never written without the schema it belongs to.
 */
describe('faults: a feature step leaves the project as it was or grown completely', function () {
  this.timeout(900_000);
  let work: string;
  let project: string;
  let original: Record<string, string> | null;
  let complete: Record<string, string> | null;

  before(async () => {
    work = scratch('feature-steps');
    project = join(work, 'project');
    mkdirSync(project);
    const generated = await generateBackend({ requirements: readFileSync(todo.requirements, 'utf8'), target: new DiskProjectFiles(project), provider: new ScriptedModel(todo.scripted), settings, format: false });
    assert.equal(generated.outcome, 'succeeded');
    original = comparable(project);
    const reference = join(work, 'reference');
    copyTree(project, reference);
    assert.equal((await step(reference)).outcome, 'succeeded');
    complete = comparable(reference);
    assert.ok(Object.keys(complete!).some((path) => path.startsWith('prisma/migrations/#_')), 'the complete step wrote its migration');
  });
  after(() => cleanup(work));

  it('failed at file-system calls across its whole commit', async () => {
    const probe = join(work, 'probe');
    copyTree(project, probe);
    const counting = new FaultyFileSystem();
    assert.equal((await step(probe, counting)).outcome, 'succeeded');
    cleanup(probe);
    // About 15 points per kind of fault, spread over every call the step makes.
    const stride = Math.max(1, Math.floor(counting.calls / 15));
    const figures = { points: 0, unchanged: 0, grown: 0 };
    const violations: string[] = [];
    for (const kind of ['fail-once', 'disk-full'] as const) {
      for (let at = 0; at < counting.calls; at += stride) {
        const folder = join(work, `${kind}-${at}`);
        copyTree(project, folder);
        const faulty = new FaultyFileSystem(kind === 'fail-once' ? { kind, at, code: 'EIO' } : { kind, at });
        const result = await step(folder, faulty);
        await new DiskProjectFiles(folder).recover();
        const after = comparable(folder);
        cleanup(folder);
        figures.points++;
        const grown = result.outcome === 'succeeded';
        const expected = grown ? complete : original;
        if (sameState(after, expected)) figures[grown ? 'grown' : 'unchanged']++;
        else violations.push(`${kind} at call ${at}: ${result.outcome} (${result.issues[0]?.message ?? ''}), folder differs at ${firstDifference(expected, after)}`);
      }
    }
    console.log(`      feature step: ${counting.calls} file-system calls, ${figures.points} fault points, ${figures.unchanged} left the project as it was, ${figures.grown} grew it completely`);
    assert.deepEqual(violations, []);
    assert.ok(figures.unchanged >= 10, JSON.stringify(figures));
  });

  it('cancelled in each phase, and refused while another step runs, it changes nothing', async () => {
    for (const phase of ['analyze', 'database', 'interface', 'test', 'realize']) {
      const folder = join(work, `cancel-${phase}`);
      copyTree(project, folder);
      const controller = new AbortController();
      const model = new ScriptedModel(`${stepDir},${tags.scripted}`);
      const chat = model.chat.bind(model);
      model.chat = async (call) => {
        if (call.purpose?.agent === phase) controller.abort();
        return chat(call);
      };
      const result = await runFeatureStep({ kind: 'add', request, target: new DiskProjectFiles(folder), provider: model, settings, format: false, signal: controller.signal });
      assert.equal(result.outcome, 'cancelled', phase);
      assert.ok(sameState(comparable(folder), original), `cancelled in ${phase}: ${firstDifference(original, comparable(folder))}`);
      cleanup(folder);
    }
    const folder = join(work, 'concurrent');
    copyTree(project, folder);
    const [first, second] = await Promise.all([step(folder), step(folder)]);
    const outcomes = [first.outcome, second.outcome].sort();
    assert.deepEqual(outcomes, ['failed', 'succeeded']);
    assert.match([first, second].find((result) => result.outcome === 'failed')!.issues[0]!.message, /run|lock/i);
    assert.ok(sameState(comparable(folder), complete), firstDifference(complete, comparable(folder)));
  });
});
