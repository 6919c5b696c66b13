import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiskProjectFiles } from '../../../src/core/project/projectFiles';
import { TRANSACTION_DIR } from '../../../src/core/project/transaction';
import { FaultyFileSystem, snapshotTree } from '../../fakes/faultyFileSystem';

/** An existing project, and a change that creates (in new folders), replaces and deletes files. */
function seed(root: string): void {
  mkdirSync(join(root, '.strata'), { recursive: true });
  mkdirSync(join(root, 'src/todos'), { recursive: true });
  writeFileSync(join(root, '.strata/generated.json'), '{"files":{}}\n');
  writeFileSync(join(root, 'package.json'), '{"name":"todo"}\n');
  writeFileSync(join(root, 'src/todos/todos.service.ts'), 'old service\n');
  writeFileSync(join(root, 'src/todos/todos.controller.ts'), 'old controller\n');
  writeFileSync(join(root, 'notes.md'), 'the user\'s own notes\n');
}

const CHANGES = new Map<string, string | null>([
  ['package.json', '{"name":"blog"}\n'],
  ['src/posts/posts.service.ts', 'new service\n'],
  ['src/posts/dto/post.dto.ts', 'new dto\n'],
  ['src/todos/todos.service.ts', null],
  ['src/todos/todos.controller.ts', null],
  ['.strata/generated.json', '{"files":{"package.json":{}}}\n'],
  ['missing.txt', null],
]);

describe('transactional writes', () => {
  let root: string;
  let original: Record<string, string>;
  let after: Record<string, string>;

  before(() => {
    // What a complete commit leaves, made once on the real file system.
    const reference = mkdtempSync(join(tmpdir(), 'strata-txn-ref-'));
    seed(reference);
    return new DiskProjectFiles(reference).commit(CHANGES).then((result) => {
      assert.equal(result.outcome, 'committed');
      after = snapshotTree(reference);
      rmSync(reference, { recursive: true, force: true });
    });
  });

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'strata-txn-'));
    seed(root);
    original = snapshotTree(root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('applies creates in new folders, replacements and deletions, and leaves no staging behind', async () => {
    const result = await new DiskProjectFiles(root).commit(CHANGES);
    assert.deepEqual(result, {
      outcome: 'committed',
      written: ['.strata/generated.json', 'package.json', 'src/posts/dto/post.dto.ts', 'src/posts/posts.service.ts'],
      removed: ['src/todos/todos.controller.ts', 'src/todos/todos.service.ts'],
    });
    assert.equal(after['src/posts/dto/post.dto.ts'], 'new dto\n');
    assert.equal(after['notes.md'], 'the user\'s own notes\n');
    assert.equal(after['src/todos/todos.service.ts'], undefined);
    assert.equal(after['src/todos/'], undefined, 'a folder emptied by deletions goes too');
    assert.equal(Object.keys(after).some((path) => path.startsWith(TRANSACTION_DIR)), false);
  });

  it('a write error at any point leaves the folder exactly as it was, and says what failed', async () => {
    let points = 0;
    for (let at = 0; ; at++) {
      const faulty = new FaultyFileSystem({ kind: 'fail-once', at, code: 'EIO' });
      const result = await new DiskProjectFiles(root, faulty.fs).commit(CHANGES);
      if (result.outcome === 'committed') {
        // A fault while cleaning up after the last file leaves a finished journal: the next run removes it.
        assert.equal(await new DiskProjectFiles(root).recover(), undefined);
        assert.deepEqual(snapshotTree(root), after, `a fault at call ${at}: the commit is complete`);
        if (faulty.calls <= at) break;
        rmSync(root, { recursive: true, force: true });
        mkdirSync(root);
        seed(root);
        continue;
      }
      points++;
      assert.equal(result.outcome, 'failed', `call ${at}`);
      assert.equal(result.outcome === 'failed' && result.rolledBack, true, `call ${at}`);
      assert.match(result.outcome === 'failed' ? result.reason : '', /input\/output error \(EIO\)/);
      assert.deepEqual(snapshotTree(root), original, `a fault at call ${at} changed the folder`);
    }
    assert.ok(points >= 20, `only ${points} fault points were tried`);
  });

  it('a disk that fills up at any point leaves the folder exactly as it was', async () => {
    for (let at = 0; ; at++) {
      const faulty = new FaultyFileSystem({ kind: 'disk-full', at });
      const result = await new DiskProjectFiles(root, faulty.fs).commit(CHANGES);
      if (result.outcome === 'committed') {
        await new DiskProjectFiles(root).recover();
        assert.deepEqual(snapshotTree(root), after);
        if (faulty.calls <= at) break;
        rmSync(root, { recursive: true, force: true });
        mkdirSync(root);
        seed(root);
        continue;
      }
      assert.equal(result.outcome === 'failed' && result.rolledBack, true, `call ${at}: ${JSON.stringify(result)}`);
      assert.match(result.outcome === 'failed' ? result.reason : '', /the disk is full \(ENOSPC\)/);
      assert.deepEqual(snapshotTree(root), original, `the disk filling at call ${at} changed the folder`);
    }
  });

  it('a process that dies at any point is undone by the next run, or is found complete', async () => {
    let undone = 0;
    for (let at = 0; ; at++) {
      const faulty = new FaultyFileSystem({ kind: 'hang', at });
      const pending = new DiskProjectFiles(root, faulty.fs).commit(CHANGES);
      const finished = await Promise.race([pending, faulty.hung]);
      if (finished !== 'hung' && finished.outcome === 'committed' && faulty.calls <= at) break;
      assert.equal(finished, 'hung', `call ${at}: the commit should hang there, not ${JSON.stringify(finished)}`);
      // The next run, on the real file system, finds what the dead one left.
      const message = await new DiskProjectFiles(root).recover();
      const now = snapshotTree(root);
      if (JSON.stringify(now) === JSON.stringify(after)) assert.equal(message, undefined, `call ${at}`);
      else {
        assert.deepEqual(now, original, `after a crash at call ${at} and recovery, the folder is neither before nor after`);
        if (message?.includes('undone')) undone++;
      }
      rmSync(root, { recursive: true, force: true });
      mkdirSync(root);
      seed(root);
    }
    assert.ok(undone >= 8, `only ${undone} crashes happened while applying`);
  });

  it('a cancel at any point before the last file is in place undoes everything; after it, the commit completes', async () => {
    let cancelled = 0;
    for (let at = 0; ; at++) {
      const controller = new AbortController();
      const faulty = new FaultyFileSystem({ kind: 'before', at, action: () => controller.abort() });
      const result = await new DiskProjectFiles(root, faulty.fs).commit(CHANGES, controller.signal);
      if (faulty.calls <= at) break;
      if (result.outcome === 'cancelled') {
        cancelled++;
        assert.deepEqual(snapshotTree(root), original, `a cancel at call ${at} changed the folder`);
      } else {
        assert.equal(result.outcome, 'committed', `call ${at}`);
        assert.deepEqual(snapshotTree(root), after);
        rmSync(root, { recursive: true, force: true });
        mkdirSync(root);
        seed(root);
      }
    }
    assert.ok(cancelled >= 15, `only ${cancelled} cancels took effect`);
  });

  it('cleans staged files a crash left before anything was applied', async () => {
    mkdirSync(join(root, TRANSACTION_DIR, 'new'), { recursive: true });
    writeFileSync(join(root, TRANSACTION_DIR, 'new', '0'), 'half');
    const message = await new DiskProjectFiles(root).recover();
    assert.match(message!, /nothing of it had been applied/);
    assert.deepEqual(snapshotTree(root), original);
  });

  it('refuses to replace a folder with a file, changing nothing', async () => {
    const result = await new DiskProjectFiles(root).commit(new Map([['src/todos', 'a file\n'], ['package.json', 'x\n']]));
    assert.equal(result.outcome, 'failed');
    assert.match(result.outcome === 'failed' ? result.reason : '', /src\/todos is a folder/);
    assert.deepEqual(snapshotTree(root), original);
  });
});
