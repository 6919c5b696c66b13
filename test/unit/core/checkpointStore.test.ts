import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../../src/core/config/settings';
import type { Phase } from '../../../src/core/pipeline/phase';
import type { PhaseId } from '../../../src/core/phaseId';
import { runPipeline } from '../../../src/core/pipeline/pipeline';
import {
  applyRestore,
  CHECKPOINTS_DIR,
  checkpointPath,
  latestOfPhase,
  listCheckpoints,
  MAX_CHECKPOINTS,
  planRestore,
  readCheckpoints,
  withCheckpoint,
} from '../../../src/core/project/checkpointStore';
import { readManifest } from '../../../src/core/project/generatedFiles';
import { MemoryProjectFiles } from '../../../src/core/project/projectFiles';
import { ScriptedModel } from '../../fakes/scriptedModel';

/** A phase that renders the given files without asking a model. */
function renders(files: Record<string, string>, id: PhaseId = 'realize'): Phase {
  return { id, run: async () => ({ artifact: { files: Object.keys(files) }, files: new Map(Object.entries(files)), issues: [] }) };
}

const run = (target: MemoryProjectFiles, files: Record<string, string>, id: PhaseId = 'realize') =>
  runPipeline([renders(files, id)], { target, provider: new ScriptedModel(() => ({})), settings: DEFAULT_SETTINGS, command: 'unit test', confirmOverwrite: () => true, format: false });

/** The project's files without Strata's restore points (which a restore adds one of). */
function project(target: MemoryProjectFiles): Record<string, string> {
  return Object.fromEntries([...target.files].filter(([path]) => !path.startsWith(`${CHECKPOINTS_DIR}/`)).sort(([a], [b]) => a.localeCompare(b)));
}

describe('checkpoint store: every applied run is a restore point', () => {
  it('records each file a run changed as it was before and as written, with its phase; unchanged files and bookkeeping are left out', async () => {
    const target = new MemoryProjectFiles('/memory', { 'notes.md': 'mine\n' });
    const first = await run(target, { 'src/a.ts': 'a1\n', 'src/b.ts': 'b1\n' });
    await target.write('src/a.ts', 'a1, edited by hand\n');
    const second = await run(target, { 'src/a.ts': 'a2\n', 'src/b.ts': 'b1\n' });
    assert.equal(first.outcome, 'succeeded');
    assert.equal(second.outcome, 'succeeded');
    const checkpoints = await readCheckpoints(target);
    assert.deepEqual(checkpoints.map((checkpoint) => checkpoint.id), [first.restorePoint, second.restorePoint]);
    const [, latest] = checkpoints;
    const source = latest!.files.filter((file) => !file.path.startsWith('.strata/'));
    // The hand edit the run overwrote is what the file was before: a diff of the run shows it.
    assert.deepEqual(source, [{ path: 'src/a.ts', phase: 'realize', before: 'a1, edited by hand\n', after: 'a2\n' }]);
    assert.ok(latest!.files.some((file) => file.path === '.strata/generated.json'));
    // The artifact is tagged with its phase: the phase diff shows it beside the files.
    assert.ok(checkpoints[0]!.files.some((file) => file.path === '.strata/realize.json' && file.phase === 'realize' && file.before === null));
    assert.equal(latest!.label, 'unit test');
    assert.equal(latestOfPhase(checkpoints, 'realize')?.id, second.restorePoint);
    assert.equal(latestOfPhase(checkpoints, 'database'), undefined);
    assert.deepEqual((await listCheckpoints(target)).map((summary) => [summary.files, summary.phases]), [[2, ['realize']], [1, ['realize']]]);
  });

  it('restore returns every file to before a run, undoing the later runs too: created files go, replaced and removed ones come back', async () => {
    const target = new MemoryProjectFiles('/memory', { 'notes.md': 'mine\n' });
    await run(target, { 'src/a.ts': 'a1\n', 'src/old.ts': 'old\n' });
    const before = project(target);
    const second = await run(target, { 'src/a.ts': 'a2\n', 'src/new.ts': 'new\n' });
    assert.deepEqual(second.removed, ['src/old.ts']);
    await run(target, { 'src/a.ts': 'a3\n', 'src/new.ts': 'new\n', 'src/third.ts': 'third\n' });

    const plan = await planRestore(target, second.restorePoint!);
    assert.equal(plan.later, 1);
    assert.deepEqual(plan.changeSet.files.filter((file) => file.conflict).map((file) => file.path), []);
    const result = await applyRestore(target, plan);
    assert.equal(result.outcome, 'committed');
    assert.deepEqual(result.kept, []);
    assert.deepEqual(project(target), before, 'the files, the artifacts and the manifest are as before the second run');
    assert.deepEqual(Object.keys(await readManifest(target)).sort(), ['src/a.ts', 'src/old.ts']);

    // The restore is a checkpoint of its own: restoring to before it brings the third run's files back.
    const undo = await applyRestore(target, await planRestore(target, result.checkpoint!));
    assert.equal(undo.outcome, 'committed');
    assert.equal(target.files.get('src/a.ts'), 'a3\n');
    assert.equal(target.files.get('src/third.ts'), 'third\n');
    assert.equal(target.files.has('src/old.ts'), false);
  });

  it('restore keeps a file the user edited since and names it as a conflict; taking the restored one or a merge is the user\'s choice', async () => {
    const target = new MemoryProjectFiles();
    await run(target, { 'src/a.ts': 'a1\n', 'src/b.ts': 'b1\n', 'src/c.ts': 'c1\n' });
    const second = await run(target, { 'src/a.ts': 'a2\n', 'src/b.ts': 'b2\n', 'src/c.ts': 'c2\n' });
    await target.write('src/a.ts', 'a2 with my fix\n');
    await target.write('src/c.ts', 'c2 with my fix\n');

    const plan = await planRestore(target, second.restorePoint!);
    const conflicts = plan.changeSet.files.filter((file) => file.conflict);
    assert.deepEqual(conflicts.map((file) => [file.path, file.current, file.proposed]), [
      ['src/a.ts', 'a2 with my fix\n', 'a1\n'],
      ['src/c.ts', 'c2 with my fix\n', 'c1\n'],
    ]);
    assert.equal(plan.bases.get('src/a.ts'), 'a2\n', 'the merge base is what Strata wrote');

    // Keep mine is the default for a.ts; c.ts is merged by hand.
    const result = await applyRestore(target, plan, new Map([['src/c.ts', { merged: 'c1 with my fix\n' }]]));
    assert.equal(result.outcome, 'committed');
    assert.deepEqual(result.kept, ['src/a.ts']);
    assert.equal(target.files.get('src/a.ts'), 'a2 with my fix\n');
    assert.equal(target.files.get('src/b.ts'), 'b1\n');
    assert.equal(target.files.get('src/c.ts'), 'c1 with my fix\n');
    // The restored manifest knows the kept file only as Strata's first version: the next run asks before touching it.
    const next = await runPipeline([renders({ 'src/a.ts': 'a3\n', 'src/b.ts': 'b1\n', 'src/c.ts': 'c1\n' })], { target, provider: new ScriptedModel(() => ({})), settings: DEFAULT_SETTINGS, format: false });
    assert.equal(next.outcome, 'failed');
    assert.match(next.issues[0]!.message, /src\/a\.ts \(edited by hand\)/);
  });

  it('a file that changes between planning and applying a restore is kept, never overwritten', async () => {
    const target = new MemoryProjectFiles();
    await run(target, { 'src/a.ts': 'a1\n' });
    const second = await run(target, { 'src/a.ts': 'a2\n' });
    const plan = await planRestore(target, second.restorePoint!);
    await target.write('src/a.ts', 'typed while the restore was open\n');
    const result = await applyRestore(target, plan, new Map([['src/a.ts', 'proposed']]));
    assert.deepEqual(result.kept, ['src/a.ts']);
    assert.equal(target.files.get('src/a.ts'), 'typed while the restore was open\n');
  });

  it(`keeps the last ${MAX_CHECKPOINTS} checkpoints, pruning the oldest in the same transaction`, async () => {
    const target = new MemoryProjectFiles();
    const ids: string[] = [];
    for (let n = 0; n < MAX_CHECKPOINTS + 3; n++) {
      const { changes, id } = await withCheckpoint(target, new Map([['src/a.ts', `version ${n}\n`]]), { label: `edit ${n}`, now: new Date(Date.UTC(2026, 0, 1, 0, 0, n)) });
      assert.equal((await target.commit(changes)).outcome, 'committed');
      ids.push(id!);
    }
    assert.deepEqual((await readCheckpoints(target)).map((checkpoint) => checkpoint.id), ids.slice(3));
    await assert.rejects(planRestore(target, ids[0]!), /no checkpoint .* pruned/);
  });

  it('a change that leaves every file as it is makes no checkpoint', async () => {
    const target = new MemoryProjectFiles('/memory', { 'src/a.ts': 'same\n' });
    const { changes, id } = await withCheckpoint(target, new Map([['src/a.ts', 'same\n']]), { label: 'nothing' });
    assert.equal(id, undefined);
    assert.deepEqual([...changes.keys()], ['src/a.ts']);
  });

  it('skips a damaged checkpoint, or one naming a path outside the project, instead of restoring from it', async () => {
    const target = new MemoryProjectFiles();
    const first = await run(target, { 'src/a.ts': 'a1\n' });
    await target.write(checkpointPath('2026-01-01T00-00-00-000Z'), '{ not json');
    const planted = { version: 1, id: '2026-01-02T00-00-00-000Z', createdAt: '2026-01-02T00:00:00.000Z', label: 'planted', files: [{ path: '../outside.txt', before: 'x', after: null }] };
    await target.write(checkpointPath(planted.id), JSON.stringify(planted));
    assert.deepEqual((await readCheckpoints(target)).map((checkpoint) => checkpoint.id), [first.restorePoint]);
    await assert.rejects(planRestore(target, planted.id), /no checkpoint/);
  });
});
