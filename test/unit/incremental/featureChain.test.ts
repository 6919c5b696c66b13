import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureKind } from '../../../src/core/analyze/change';
import { generateBackend } from '../../../src/core/backend/generate';
import { DEFAULT_SETTINGS } from '../../../src/core/config/settings';
import type { DataChoices } from '../../../src/core/incremental/dataChoices';
import { type FeatureSummary, runFeatureStep } from '../../../src/core/incremental/featureStep';
import { undoLastFeature } from '../../../src/core/incremental/undo';
import { MemoryProjectFiles } from '../../../src/core/project/projectFiles';
import { ScriptedModel } from '../../fakes/scriptedModel';
import { fixtureApp } from '../../fixtures/fixtureApp';

const settings = { ...DEFAULT_SETTINGS, model: 'scripted', retryBudget: 2 };
const todo = fixtureApp('todo');
const tags = fixtureApp('todo-tags');
const comments = fixtureApp('todo-tags-comments');

async function generate(app: ReturnType<typeof fixtureApp>, target = new MemoryProjectFiles()): Promise<{ target: MemoryProjectFiles; tokens: number }> {
  const summary = await generateBackend({ requirements: readFileSync(app.requirements, 'utf8'), target, provider: new ScriptedModel(app.scripted), settings, format: false });
  assert.equal(summary.outcome, 'succeeded', JSON.stringify(summary.issues));
  return { target, tokens: summary.totals.tokens };
}

async function step(target: MemoryProjectFiles, kind: FeatureKind, stepDir: string, app: ReturnType<typeof fixtureApp>, data?: DataChoices, outcome = 'succeeded'): Promise<{ summary: FeatureSummary; asked: string[] }> {
  const model = new ScriptedModel(`${stepDir},${app.scripted}`);
  const summary = await runFeatureStep({ kind, request: readFileSync(join(stepDir, 'feature.md'), 'utf8'), target, provider: model, settings, format: false, data });
  assert.equal(summary.outcome, outcome, JSON.stringify(summary.issues));
  return { summary, asked: model.asked.map((call) => `${call.agent}/${call.target}`) };
}

/** The project's files a generation renders: Strata's state and the migrations (history, not rendering) aside. */
const rendered = (target: MemoryProjectFiles) => new Map([...target.files].filter(([path]) => !path.startsWith('.strata/') && !path.startsWith('prisma/migrations/')));

function assertSameFiles(actual: Map<string, string>, expected: Map<string, string>): void {
  assert.deepEqual([...actual.keys()].sort(), [...expected.keys()].sort());
  for (const [path, content] of expected) assert.equal(actual.get(path), content, `${path} differs from a full generation`);
}

describe('feature steps on the todo backend: tags, then comments, then comments removed', function () {
  this.timeout(300_000);

  it('each step asks only what it reaches and ends exactly where a full generation of the grown requirements ends; removing comments ends where todo-tags does', async () => {
    const { target } = await generate(todo);
    const base = new Map(target.files);

    const added = await step(target, 'add', join(tags.dir, 'step'), tags);
    // The tags module is new; listTodos (the plan says the change alters it) and its module's logic are asked again; the other todo calls keep their answers.
    assert.deepEqual(added.asked.filter((call) => !call.startsWith('test/')), ['analyze/change', 'database/data model change', 'interface/api plan', 'interface/module todos part 1', 'interface/module tags part 1', 'interface/module tags part 2', 'realize/module todos', 'realize/module tags']);
    assert.deepEqual(added.asked.filter((call) => call.startsWith('test/')).sort(), ['test/scenarios createTag', 'test/scenarios deleteTag', 'test/scenarios listTags', 'test/scenarios listTodos', 'test/scenarios tagTodo', 'test/scenarios untagTodo']);
    assert.deepEqual(added.summary.plan!.kept.sort(), ['interface/module todos part 2', 'test/scenarios createTodo', 'test/scenarios deleteTodo', 'test/scenarios getTodo', 'test/scenarios updateTodo']);
    assertSameFiles(rendered(target), rendered((await generate(tags)).target));
    // Only the files of the plan changed, and a migration creates the new tables.
    const plan = added.summary.plan!;
    const differing = [...rendered(target).keys()].filter((path) => base.get(path) !== target.files.get(path)).sort();
    assert.deepEqual(differing, [...plan.added, ...plan.changed].sort());
    assert.equal(plan.migrations.length, 1);
    assert.match(target.files.get(plan.migrations[0]!)!, /CREATE TABLE "Tag"[\s\S]*CREATE TABLE "TodoTag"/);
    assert.doesNotMatch(target.files.get(plan.migrations[0]!)!, /DROP TABLE "Todo"/, 'the todos keep their rows');

    const grown = await step(target, 'add', join(comments.dir, 'step'), comments);
    assert.ok(!grown.asked.some((call) => / todos| tags|Todo\b|Tag\b/.test(call) && !call.startsWith('interface/api plan')), grown.asked.join(', '));
    assertSameFiles(rendered(target), rendered((await generate(comments)).target));

    // Dropping the comments table loses its rows: refused after the data model change, before anything else is asked or written.
    const unchanged = new Map(target.files);
    const refused = await step(target, 'remove', join(comments.dir, 'remove'), tags, undefined, 'failed');
    assert.deepEqual(refused.asked, ['analyze/change', 'database/data model change']);
    assert.match(refused.summary.issues[0]!.message, /^Comment is removed: its table and every row in it are dropped\. Settle it with a confirmation/);
    assert.deepEqual(target.files, unchanged);
    const removed = await step(target, 'remove', join(comments.dir, 'remove'), tags, { confirmLoss: true });
    assert.deepEqual(removed.asked, ['analyze/change', 'database/data model change', 'interface/api plan']);
    assert.ok(removed.summary.plan!.removed.includes('src/comments/comments.service.ts'), removed.summary.plan!.removed.join(', '));
    assertSameFiles(rendered(target), rendered((await generate(tags)).target));
    assert.match(target.files.get(removed.summary.plan!.migrations[0]!)!, /DROP TABLE "Comment"/);
  });

  it('a hand-edited method survives an unrelated step; an edit to a file the step changes is merged; undo puts everything back', async () => {
    const { target } = await generate(todo);
    const service = 'src/todos/todos.service.ts';
    const original = target.files.get(service)!;
    // An edit inside getTodo, which the tags step does not touch (it changes listTodos in the same file).
    const edited = original.replace(/(async getTodo\([^)]*\)[^{]*\{\n)/, '$1    // Checked by hand: the owner filter below is what keeps todos private.\n');
    assert.notEqual(edited, original, 'the edit applies');
    await target.write(service, edited);
    const before = new Map(target.files);

    const added = await step(target, 'add', join(tags.dir, 'step'), tags);
    assert.deepEqual(added.summary.merged, [service]);
    const merged = target.files.get(service)!;
    assert.match(merged, /Checked by hand: the owner filter/);
    assert.match(merged, /todoTags/, 'and the tag filter the step added');

    // The comments step does not touch the todos module: the file stays exactly as the user has it.
    const again = merged.replace('Checked by hand', 'Checked twice by hand');
    await target.write(service, again);
    await step(target, 'add', join(comments.dir, 'step'), comments);
    assert.equal(target.files.get(service), again);

    // Undo the comments step (the service was edited after the tags step, not after this one), then the tags step, keeping the edit.
    const undone = await undoLastFeature(target);
    assert.equal(undone.kind, 'undone');
    assert.equal(target.files.has('src/comments/comments.service.ts'), false);
    const second = await undoLastFeature(target, { edited: false });
    assert.equal(second.kind, 'undone', JSON.stringify(second));
    for (const [path, content] of before) if (path !== service && !path.startsWith('.strata/checkpoints/')) assert.equal(target.files.get(path), content, `${path} is back as before the steps`);
    assert.equal(target.files.get(service), again, 'the file edited since the step is kept as the user has it');
    assert.equal((await undoLastFeature(target)).kind, 'nothing');
  });

  it('on the clinic (staff roles): a feature the staff manage ends where a full generation ends, keeping what it does not reach', async () => {
    const clinic = fixtureApp('clinic');
    const rooms = fixtureApp('clinic-rooms');
    const { target } = await generate(clinic);
    const added = await step(target, 'add', join(rooms.dir, 'step'), rooms);
    assertSameFiles(rendered(target), rendered((await generate(rooms)).target));
    // Modules the rooms do not touch keep their answers, and so do the scenarios of every operation they do not reach.
    assert.ok(['interface/module profile', 'interface/module patients', 'realize/module profile', 'realize/module patients'].every((call) => added.summary.plan!.kept.includes(call)), added.summary.plan!.kept.join(', '));
    assert.ok(!added.asked.some((call) => call.startsWith('interface/module staff')), added.asked.join(', '));
    // The new tests, and getDoctorDay's (the change alters it); deactivateStaffAccount's, cut in two by its bigger prompt now, keep their earlier answer.
    assert.deepEqual(added.asked.filter((call) => call.startsWith('test/')).sort(), ['getDoctorDay', 'createRoom', 'listRooms', 'assignRoom', 'listRoomAssignments', 'unassignRoom'].map((id) => `test/scenarios ${id}`).sort());
    // The appointments logic is cut in three now, in two before: only the part holding getDoctorDay is asked, the others are put together from the earlier parts.
    assert.deepEqual(added.asked.filter((call) => call.startsWith('realize/')).sort(), ['realize/module appointments, part 2 of 3', 'realize/module rooms']);
    assert.match(target.files.get(added.summary.plan!.migrations[0]!)!, /CREATE TABLE "Room"[\s\S]*CREATE TABLE "RoomAssignment"/);
  });
});

