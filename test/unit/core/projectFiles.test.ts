import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiskProjectFiles, MemoryProjectFiles, OutsideProjectError } from '../../../src/core/project/projectFiles';

describe('project files', () => {
  let root: string;
  let outside: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'strata-files-'));
    outside = mkdtempSync(join(tmpdir(), 'strata-outside-'));
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('writes, reads and lists files inside the root, creating folders', async () => {
    const files = new DiskProjectFiles(root);
    await files.write('.strata/requirements.md', 'todo app\n');
    await files.write('.strata/analyze.json', '{}');
    assert.equal(readFileSync(join(root, '.strata/requirements.md'), 'utf8'), 'todo app\n');
    assert.equal(await files.read('.strata/requirements.md'), 'todo app\n');
    assert.equal(await files.read('missing.md'), undefined);
    assert.deepEqual(await files.list('.strata'), ['.strata/analyze.json', '.strata/requirements.md']);
    assert.deepEqual(await files.list('nowhere'), []);
    assert.equal(await files.exists('.strata'), true);
  });

  it('refuses paths that leave the root', async () => {
    const files = new DiskProjectFiles(root);
    await assert.rejects(files.write('../escape.txt', 'x'), OutsideProjectError);
    await assert.rejects(files.write('a/../../escape.txt', 'x'), OutsideProjectError);
    await assert.rejects(files.write(join(outside, 'abs.txt'), 'x'), OutsideProjectError);
    await assert.rejects(files.read('../../etc/passwd'), OutsideProjectError);
    assert.equal(existsSync(join(root, '..', 'escape.txt')), false);
  });

  it('refuses to write through a symlink that points out of the root', async () => {
    symlinkSync(outside, join(root, 'link'));
    const files = new DiskProjectFiles(root);
    await assert.rejects(files.write('link/inside.txt', 'x'), OutsideProjectError);
    assert.equal(existsSync(join(outside, 'inside.txt')), false);
  });

  it('replaces a file whole (no partial writes left behind)', async () => {
    writeFileSync(join(root, 'a.txt'), 'old');
    const files = new DiskProjectFiles(root);
    await files.write('a.txt', 'new');
    assert.equal(readFileSync(join(root, 'a.txt'), 'utf8'), 'new');
    assert.deepEqual(await files.list(''), ['a.txt']);
  });

  it('has an in-memory twin with the same rules', async () => {
    const files = new MemoryProjectFiles('/p', { 'docs/a.md': 'a' });
    await files.write('docs/b.md', 'b');
    assert.deepEqual(await files.list('docs'), ['docs/a.md', 'docs/b.md']);
    assert.equal(await files.exists('docs'), true);
    await assert.rejects(files.write('../x', 'x'), OutsideProjectError);
  });
});
