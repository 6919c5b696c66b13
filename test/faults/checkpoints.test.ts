import * as assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../src/core/config/settings';
import type { Phase } from '../../src/core/pipeline/phase';
import { runPipeline } from '../../src/core/pipeline/pipeline';
import type { Resolution, ReviewDecision } from '../../src/core/project/changeSet';
import { applyRestore, CHECKPOINTS_DIR, checkpointPath, planRestore, readCheckpoints } from '../../src/core/project/checkpointStore';
import { DiskProjectFiles } from '../../src/core/project/projectFiles';
import { RUN_LOCK } from '../../src/core/project/runLock';
import { FaultyFileSystem } from '../fakes/faultyFileSystem';
import { ScriptedModel } from '../fakes/scriptedModel';
import { cleanup, copyTree, firstDifference, sameState, scratch, stateOf } from './harness';

/** A phase that renders the given files without asking a model. */
function renders(files: Record<string, string>): Phase {
  return { id: 'realize', run: async () => ({ artifact: { files: Object.keys(files) }, files: new Map(Object.entries(files)), issues: [] }) };
}

const FIRST = { 'src/a.ts': 'a1\n', 'src/b.ts': 'b1\n', 'src/old/old.ts': 'old\n', 'package.json': '{"name":"one"}\n' };
const SECOND = { 'src/a.ts': 'a2\n', 'src/b.ts': 'b2\n', 'src/new/new.ts': 'new\n', 'package.json': '{"name":"two"}\n' };
const REVIEW: ReviewDecision = { kind: 'apply', resolutions: new Map<string, Resolution>([['src/a.ts', 'current'], ['src/b.ts', { merged: 'b2 merged with mine\n' }]]) };
const withoutRestorePoints = (relative: string) => relative === CHECKPOINTS_DIR || relative.startsWith(`${CHECKPOINTS_DIR}/`);

/** A state's files, without its folders. */
function filesOnly(state: Record<string, string> | null): Record<string, string> | null {
  return state && Object.fromEntries(Object.entries(state).filter(([path]) => !path.endsWith('/')));
}

// The files are stand-ins ('a1'), not code: committed as rendered, not formatted.
async function run(folder: DiskProjectFiles, files: Record<string, string>, review?: () => Promise<ReviewDecision>) {
  return runPipeline([renders(files)], { target: folder, provider: new ScriptedModel(() => ({})), settings: DEFAULT_SETTINGS, command: 'faults', review, confirmOverwrite: () => true, format: false });
}

/**
 * Restore points and reviewed runs under injected faults: every file-system call of a restore and of a
 * reviewed, partly accepted run fails in turn (once, or as a disk that fills up from there). The folder is
 * either exactly as before or exactly as a complete run leaves it, and a rejected review never touches it.
 */
describe('faults: restore points, reviews and restores leave the folder as it was or complete', function () {
  this.timeout(600_000);
  let work: string;
  /** Two runs applied, the second edited by hand in b.ts. */
  let project: string;

  before(async () => {
    work = scratch('checkpoints');
    project = join(work, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'notes.md'), 'the user\'s own notes\n');
    const files = new DiskProjectFiles(project);
    assert.equal((await run(files, FIRST)).outcome, 'succeeded');
    assert.equal((await run(files, SECOND)).outcome, 'succeeded');
    writeFileSync(join(project, 'src/b.ts'), 'b2 with my fix\n');
  });
  after(() => cleanup(work));

  it('a restore failed at every file-system call leaves the folder as it was, or restored with the edit kept', async () => {
    const ids = (await readCheckpoints(new DiskProjectFiles(project))).map((checkpoint) => checkpoint.id);
    const now = new Date(Date.UTC(2030, 0, 1));
    // The complete restore, made once without faults.
    const reference = join(work, 'reference');
    copyTree(project, reference);
    const referenceFiles = new DiskProjectFiles(reference);
    const done = await applyRestore(referenceFiles, await planRestore(referenceFiles, ids[1]!), undefined, undefined, now);
    assert.equal(done.outcome, 'committed');
    assert.deepEqual(done.kept, ['src/b.ts']);
    const complete = stateOf(reference);
    assert.equal(complete!['src/a.ts'], 'a1\n');
    assert.equal(complete!['src/old/old.ts'], 'old\n');
    assert.equal(complete!['src/new/new.ts'], undefined);
    assert.equal(complete!['src/b.ts'], 'b2 with my fix\n');

    const before = stateOf(project);
    const figures = { points: 0, unchanged: 0, restored: 0 };
    const violations: string[] = [];
    for (const kind of ['fail-once', 'disk-full'] as const) {
      for (let at = 0; ; at++) {
        const folder = join(work, `restore-${kind}-${at}`);
        copyTree(project, folder);
        const faulty = new FaultyFileSystem(kind === 'fail-once' ? { kind, at, code: 'EIO' } : { kind, at });
        const target = new DiskProjectFiles(folder, faulty.fs);
        const result = await applyRestore(target, await planRestore(target, ids[1]!), undefined, undefined, now);
        if (result.outcome === 'committed') await new DiskProjectFiles(folder).recover();
        const after = stateOf(folder);
        cleanup(folder);
        if (faulty.calls <= at) break;
        figures.points++;
        const expected = result.outcome === 'committed' ? complete : before;
        // After a complete commit, emptied folders are pruned best-effort: a failed rmdir may leave one, empty.
        if (result.outcome === 'committed' ? sameState(filesOnly(after), filesOnly(expected)) : sameState(after, expected)) figures[result.outcome === 'committed' ? 'restored' : 'unchanged']++;
        else violations.push(`${kind} at call ${at}: ${result.outcome}, folder differs at ${firstDifference(expected, after)}`);
      }
    }
    console.log(`      restore: ${figures.points} fault points, ${figures.unchanged} left the folder as it was, ${figures.restored} restored completely`);
    assert.deepEqual(violations, []);
    assert.ok(figures.points >= 20 && figures.unchanged >= 10, JSON.stringify(figures));
  });

  it('a reviewed run applied in part, failed at every file-system call, leaves the folder as it was or as accepted', async () => {
    // The complete partly accepted run, made once without faults.
    const reference = join(work, 'review-reference');
    copyTree(project, reference);
    const done = await run(new DiskProjectFiles(reference), { ...SECOND, 'src/a.ts': 'a3\n', 'src/b.ts': 'b3\n', 'src/c.ts': 'c3\n' }, async () => REVIEW);
    assert.equal(done.outcome, 'succeeded');
    const complete = stateOf(reference, withoutRestorePoints);
    assert.equal(complete!['src/a.ts'], 'a2\n', 'refused: kept as it was');
    assert.equal(complete!['src/b.ts'], 'b2 merged with mine\n');
    assert.equal(complete!['src/c.ts'], 'c3\n');

    const before = stateOf(project);
    const restorePoints = Object.keys(before!).filter((path) => path.startsWith(`${CHECKPOINTS_DIR}/`)).length;
    const figures = { points: 0, unchanged: 0, applied: 0 };
    const violations: string[] = [];
    for (const kind of ['fail-once', 'disk-full'] as const) {
      for (let at = 0; ; at++) {
        const folder = join(work, `review-${kind}-${at}`);
        copyTree(project, folder);
        const faulty = new FaultyFileSystem(kind === 'fail-once' ? { kind, at, code: 'EIO' } : { kind, at });
        const result = await run(new DiskProjectFiles(folder, faulty.fs), { ...SECOND, 'src/a.ts': 'a3\n', 'src/b.ts': 'b3\n', 'src/c.ts': 'c3\n' }, async () => REVIEW);
        await new DiskProjectFiles(folder).recover();
        const after = stateOf(folder, (relative) => relative === RUN_LOCK);
        cleanup(folder);
        if (faulty.calls <= at) break;
        figures.points++;
        const applied = result.outcome === 'succeeded';
        const points = Object.keys(after ?? {}).filter((path) => path.startsWith(`${CHECKPOINTS_DIR}/`)).length;
        const ok = applied
          ? sameState(filesOnly(Object.fromEntries(Object.entries(after!).filter(([path]) => !withoutRestorePoints(path.replace(/\/$/, ''))))), filesOnly(complete)) && points === restorePoints + 1
          : sameState(after, before);
        if (ok) figures[applied ? 'applied' : 'unchanged']++;
        else violations.push(`${kind} at call ${at}: ${result.outcome} (${result.issues[0]?.message ?? ''}), folder differs at ${firstDifference(applied ? complete : before, after)}`);
      }
    }
    console.log(`      reviewed run: ${figures.points} fault points, ${figures.unchanged} left the folder as it was, ${figures.applied} applied as accepted`);
    assert.deepEqual(violations, []);
    assert.ok(figures.points >= 20 && figures.unchanged >= 10, JSON.stringify(figures));
  });

  it('a rejected review touches nothing: the folder is as it was, with no restore point', async () => {
    const before = stateOf(project);
    const folder = join(work, 'reject');
    copyTree(project, folder);
    let reviewed = 0;
    const result = await run(new DiskProjectFiles(folder), { 'src/a.ts': 'a3\n' }, async () => {
      reviewed++;
      return { kind: 'reject' };
    });
    assert.equal(reviewed, 1);
    assert.equal(result.outcome, 'cancelled');
    assert.equal(result.rejected, true);
    assert.equal(result.changed, false);
    assert.ok(sameState(stateOf(folder), before), `changed at ${firstDifference(before, stateOf(folder))}`);
    cleanup(folder);
  });

  it('never restores outside the workspace folder: a path through a link out of it is refused, the outside untouched', async () => {
    const folder = join(work, 'linked');
    const outside = join(work, 'outside');
    copyTree(project, folder);
    mkdirSync(outside);
    writeFileSync(join(outside, 'a.ts'), 'outside, not Strata\'s\n');
    symlinkSync(outside, join(folder, 'linked'));
    const planted = { version: 1, id: '2031-01-01T00-00-00-000Z', createdAt: '2031-01-01T00:00:00.000Z', label: 'planted', files: [{ path: 'linked/a.ts', before: 'overwritten\n', after: 'outside, not Strata\'s\n' }] };
    writeFileSync(join(folder, checkpointPath(planted.id)), JSON.stringify(planted));
    const outsideBefore = stateOf(outside);
    await assert.rejects(planRestore(new DiskProjectFiles(folder), planted.id), /outside the project folder/);
    assert.deepEqual(stateOf(outside), outsideBefore);
  });
});
