import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DiskProjectFiles } from '../../../src/core/project/projectFiles';
import { RUN_LOCK, RunLockedError } from '../../../src/core/project/runLock';

describe('one run per folder', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'strata-lock-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('refuses a second run while the first holds the folder, naming it, and lets the next one in after', async () => {
    const files = new DiskProjectFiles(root);
    const first = await files.lock('strata generate');
    await assert.rejects(files.lock('VS Code: New Backend'), (error: unknown) => {
      assert.ok(error instanceof RunLockedError);
      assert.match(error.message, new RegExp(`Another Strata run is writing into this folder \\(strata generate, pid ${process.pid}, started less than a minute ago\\)`));
      return true;
    });
    await first.release();
    assert.equal(existsSync(join(root, RUN_LOCK)), false);
    assert.equal(existsSync(join(root, '.strata')), false, 'the .strata folder the lock made is removed with it');
    await (await files.lock('again')).release();
  });

  it('takes over the lock of a process that no longer runs', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    mkdirSync(join(root, '.strata'));
    writeFileSync(join(root, RUN_LOCK), JSON.stringify({ pid: Number(dead.stdout), host: hostname(), startedAt: new Date().toISOString(), command: 'strata generate' }));
    const lock = await new DiskProjectFiles(root).lock('strata generate');
    assert.equal(JSON.parse(readFileSync(join(root, RUN_LOCK), 'utf8')).pid, process.pid);
    await lock.release();
    assert.equal(existsSync(join(root, '.strata')), true, 'a .strata folder that was there stays');
  });

  it('takes over a lock whose pid now belongs to another process (a reused pid)', async () => {
    mkdirSync(join(root, '.strata'));
    writeFileSync(join(root, RUN_LOCK), JSON.stringify({ pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), processStart: '1', command: 'strata generate' }));
    const lock = await new DiskProjectFiles(root).lock('strata generate');
    await lock.release();
  });

  it('waits out a half-written lock while it is fresh, and takes it over once it is old', async () => {
    mkdirSync(join(root, '.strata'));
    writeFileSync(join(root, RUN_LOCK), '{"pid": 12');
    await assert.rejects(new DiskProjectFiles(root).lock('strata generate'), /starting in this folder right now/);
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(root, RUN_LOCK), old, old);
    await (await new DiskProjectFiles(root).lock('strata generate')).release();
  });

  it('lets exactly one of many processes in at once, also when they all find the same stale lock', async () => {
    mkdirSync(join(root, '.strata'));
    for (const stale of [false, true]) {
      if (stale) writeFileSync(join(root, RUN_LOCK), JSON.stringify({ pid: 999_999_999, host: hostname(), startedAt: new Date().toISOString(), command: 'strata generate' }));
      const script = `
        const { DiskProjectFiles } = require(${JSON.stringify(resolve(__dirname, '../../../src/core/project/projectFiles.js'))});
        new DiskProjectFiles(${JSON.stringify(root)}).lock('contender').then(
          (lock) => {
            process.stdout.write('got');
            // Held until every contender has tried: a slow start under load must not find it free again.
            process.stdin.on('end', () => void lock.release()).resume();
          },
          (error) => (process.stdout.write(error.name), process.stdin.destroy()));`;
      const children = Array.from({ length: 6 }, () => spawn(process.execPath, ['-e', script]));
      const tried = children.map((child) => new Promise<string>((done) => child.stdout.once('data', (chunk) => done(String(chunk)))));
      const closed = children.map((child) => new Promise<void>((done) => child.once('close', () => done())));
      const outcomes = await Promise.all(tried);
      for (const child of children) child.stdin.end();
      await Promise.all(closed);
      assert.equal(outcomes.filter((outcome) => outcome === 'got').length, 1, `${stale ? 'stale' : 'free'} lock: ${outcomes.join(', ')}`);
      assert.deepEqual(outcomes.filter((outcome) => outcome !== 'got').map(() => 'RunLockedError'), outcomes.filter((outcome) => outcome !== 'got'));
    }
  });
});
