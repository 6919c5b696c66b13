import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../../src/core/config/settings';
import type { Phase, PhaseContext } from '../../../src/core/pipeline/phase';
import type { PhaseId } from '../../../src/core/phaseId';
import { type RunOptions, runPipeline } from '../../../src/core/pipeline/pipeline';
import type { ChangeSet, ReviewDecision } from '../../../src/core/project/changeSet';
import { readCheckpoints } from '../../../src/core/project/checkpointStore';
import { contentHash, readManifest } from '../../../src/core/project/generatedFiles';
import { MemoryProjectFiles } from '../../../src/core/project/projectFiles';
import { ScriptedModel } from '../../fakes/scriptedModel';

/** A phase that renders the given files without asking a model, and keeps the notes each run was told. */
function renders(files: Record<string, string>, id: PhaseId = 'realize', told: (readonly string[] | undefined)[] = []): Phase {
  return {
    id,
    run: async (context: PhaseContext) => {
      told.push(context.notes);
      return { artifact: { files: Object.keys(files) }, files: new Map(Object.entries(files)), issues: [] };
    },
  };
}

// The files are stand-ins ('a1'), not code: committed as rendered, not formatted.
const options = (target: MemoryProjectFiles, extra: Partial<RunOptions> = {}): RunOptions => ({ target, provider: new ScriptedModel(() => ({})), settings: DEFAULT_SETTINGS, format: false, ...extra });
const review = (decide: (changeSet: ChangeSet) => ReviewDecision, seen: ChangeSet[] = []) => ({
  review: async (changeSet: ChangeSet) => {
    seen.push(changeSet);
    return decide(changeSet);
  },
});

/** An existing project: two generated files (one since edited by hand), one of the user's own and one the next run retires. */
async function existingProject(): Promise<MemoryProjectFiles> {
  const target = new MemoryProjectFiles('/memory', { 'notes.md': 'mine\n' });
  const first = await runPipeline([renders({ 'src/a.ts': 'a1\n', 'src/b.ts': 'b1\n', 'src/old.ts': 'old\n', 'src/same.ts': 'same\n' })], options(target));
  assert.equal(first.outcome, 'succeeded');
  await target.write('src/b.ts', 'b1, edited by hand\n');
  return target;
}
const NEXT = { 'src/a.ts': 'a2\n', 'src/b.ts': 'b2\n', 'src/c.ts': 'c2\n', 'src/same.ts': 'same\n' };

describe('pipeline: review before apply', () => {
  it('says, while the review is open, that the run waits for it (the live view shows it), not that it is writing', async () => {
    const target = await existingProject();
    const events: string[] = [];
    const said: string[] = [];
    await runPipeline(
      [renders(NEXT)],
      options(target, {
        onEvent: (event) => events.push(event.type === 'notice' ? `notice: ${event.message}` : event.type),
        ...review(() => {
          said.push(events.at(-1)!);
          return { kind: 'reject' };
        }),
      }),
    );
    assert.deepEqual(said, ['notice: Waiting for your review of 4 file(s)…']);
  });

  it('shows every file the run would change with both versions, hand edits marked, and a rejection changes nothing', async () => {
    const target = await existingProject();
    const before = new Map(target.files);
    const seen: ChangeSet[] = [];
    const result = await runPipeline([renders(NEXT)], options(target, review(() => ({ kind: 'reject' }), seen)));
    assert.equal(result.outcome, 'cancelled');
    assert.equal(result.rejected, true);
    assert.equal(result.changed, false);
    assert.deepEqual(
      seen[0]!.files.map((file) => [file.path, file.current, file.proposed, file.conflict]),
      [
        ['src/a.ts', 'a1\n', 'a2\n', undefined],
        ['src/b.ts', 'b1, edited by hand\n', 'b2\n', 'edited'],
        ['src/c.ts', undefined, 'c2\n', undefined],
        ['src/old.ts', 'old\n', null, undefined],
      ],
    );
    assert.deepEqual(target.files, before, 'not one file changed, not even a restore point');
  });

  it('applies the accepted files and leaves a refused one exactly as it is, keeping its manifest entry', async () => {
    const target = await existingProject();
    const manifestBefore = await readManifest(target);
    const result = await runPipeline([renders(NEXT)], options(target, review(() => ({ kind: 'apply', resolutions: new Map([['src/a.ts', 'current'], ['src/old.ts', 'current']]) }))));
    assert.equal(result.outcome, 'succeeded');
    // b.ts is a hand edit: kept unless taken, the default.
    assert.deepEqual(result.kept, ['src/a.ts', 'src/b.ts', 'src/old.ts']);
    assert.equal(target.files.get('src/a.ts'), 'a1\n');
    assert.equal(target.files.get('src/b.ts'), 'b1, edited by hand\n');
    assert.equal(target.files.get('src/old.ts'), 'old\n');
    assert.equal(target.files.get('src/c.ts'), 'c2\n');
    const manifest = await readManifest(target);
    assert.deepEqual(manifest['src/a.ts'], manifestBefore['src/a.ts']);
    assert.deepEqual(manifest['src/old.ts'], manifestBefore['src/old.ts']);
    assert.equal(manifest['src/c.ts']!.hash, contentHash('c2\n'));
    // The restore point holds only what changed.
    const [, latest] = await readCheckpoints(target);
    assert.deepEqual(latest!.files.filter((file) => file.path.startsWith('src/')).map((file) => file.path), ['src/c.ts']);
  });

  it('writes a merge of a hand edit, recorded so the next run asks about the file again', async () => {
    const target = await existingProject();
    const result = await runPipeline([renders(NEXT)], options(target, review(() => ({ kind: 'apply', resolutions: new Map([['src/b.ts', { merged: 'b2 with my edit\n' }]]) }))));
    assert.equal(result.outcome, 'succeeded');
    assert.equal(target.files.get('src/b.ts'), 'b2 with my edit\n');
    assert.equal((await readManifest(target))['src/b.ts']!.hash, contentHash('b2\n'));
    const [, latest] = await readCheckpoints(target);
    assert.deepEqual(latest!.files.find((file) => file.path === 'src/b.ts'), { path: 'src/b.ts', phase: 'realize', before: 'b1, edited by hand\n', after: 'b2 with my edit\n', generated: 'b2\n' });
    const seen: ChangeSet[] = [];
    await runPipeline([renders(NEXT)], options(target, review(() => ({ kind: 'reject' }), seen)));
    assert.deepEqual(seen[0]!.files.map((file) => [file.path, file.conflict]), [['src/b.ts', 'edited']]);
  });

  it('never overwrites a file changed on disk while its review was open', async () => {
    const target = await existingProject();
    const result = await runPipeline([renders(NEXT)], options(target, {
      review: async () => {
        await target.write('src/a.ts', 'typed during the review\n');
        // A file the run leaves as it is, edited meanwhile: not the run's to undo.
        await target.write('src/same.ts', 'same, typed during the review\n');
        return { kind: 'apply' };
      },
    }));
    assert.equal(result.outcome, 'succeeded');
    assert.deepEqual(result.kept!.filter((path) => path !== 'src/b.ts'), ['src/a.ts', 'src/same.ts']);
    assert.equal(target.files.get('src/a.ts'), 'typed during the review\n');
    assert.equal(target.files.get('src/same.ts'), 'same, typed during the review\n');
    assert.equal(target.files.get('src/c.ts'), 'c2\n');
  });

  it('runs a phase again with the review\'s instruction, keeping the earlier phases, and reviews the new result', async () => {
    const target = await existingProject();
    const toldDatabase: (readonly string[] | undefined)[] = [];
    const toldRealize: (readonly string[] | undefined)[] = [];
    const seen: ChangeSet[] = [];
    const phases = [renders({ 'prisma/schema.prisma': 'model\n' }, 'database', toldDatabase), renders(NEXT, 'realize', toldRealize)];
    const result = await runPipeline(phases, options(target, review(() => (seen.length === 1 ? { kind: 'rerun', phase: 'realize', instruction: 'Name the service methods in English.' } : { kind: 'reject' }), seen)));
    assert.equal(result.outcome, 'cancelled');
    assert.equal(result.reruns, 1);
    assert.equal(seen.length, 2, 'the rerun ends in a review of its own');
    assert.equal(toldDatabase.length, 1, 'the earlier phase did not run again');
    assert.equal(toldRealize.length, 2);
    assert.equal(toldRealize[0], undefined);
    assert.match(toldRealize[1]!.join('\n'), /asked for this change: Name the service methods in English\./);
    assert.equal(target.files.get('src/a.ts'), 'a1\n');
  });
});

describe('pipeline: hand-edit conflicts file by file', () => {
  it('keeps mine for one, takes the new one for another, and still writes the rest of the run', async () => {
    const target = await existingProject();
    await target.write('src/a.ts', 'a1, edited too\n');
    let asked: string[] = [];
    const result = await runPipeline([renders(NEXT)], options(target, {
      confirmOverwrite: (conflicts) => {
        asked = conflicts.map((conflict) => `${conflict.path}:${conflict.reason}:${conflict.current}->${conflict.proposed}`);
        return new Map([['src/a.ts', 'proposed']]);
      },
    }));
    assert.deepEqual(asked, ['src/a.ts:edited:a1, edited too\n->a2\n', 'src/b.ts:edited:b1, edited by hand\n->b2\n']);
    assert.equal(result.outcome, 'succeeded');
    assert.deepEqual(result.kept, ['src/b.ts']);
    assert.equal(target.files.get('src/a.ts'), 'a2\n');
    assert.equal(target.files.get('src/b.ts'), 'b1, edited by hand\n');
    assert.equal(target.files.get('src/c.ts'), 'c2\n');
    assert.equal(target.files.has('src/old.ts'), false);
  });

  it('still refuses the whole run when the answer is no (the CLI without --force)', async () => {
    const target = await existingProject();
    const before = new Map(target.files);
    const result = await runPipeline([renders(NEXT)], options(target, { confirmOverwrite: () => false }));
    assert.equal(result.outcome, 'failed');
    assert.deepEqual(target.files, before);
  });
});
