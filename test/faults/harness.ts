import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHECKPOINTS_DIR } from '../../src/core/project/checkpointStore';
import { snapshotTree } from '../fakes/faultyFileSystem';

/** Runs the built `strata` command line as a user would, as the leader of its own process group. */
export const ROOT = resolve(__dirname, '../../..');
export const CLI = join(ROOT, 'dist/cli.js');
export const FIXTURES = join(ROOT, 'test/fixtures');

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface CliOptions {
  /** Called once the process runs: tests send signals to it from here. */
  onSpawn?: (child: ChildProcess) => void;
  /** Node flags before the script (e.g. a preload that forces garbage collections). */
  nodeFlags?: string[];
  env?: NodeJS.ProcessEnv;
}

export function runCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  const started = Date.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...(options.nodeFlags ?? []), CLI, ...args], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk) => (stdout += chunk));
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr, ms: Date.now() - started }));
    options.onSpawn?.(child);
  });
}

export function generateArgs(app: 'todo' | 'blog', out: string, extra: string[] = []): string[] {
  return ['generate', '--requirements', join(FIXTURES, app, 'requirements.md'), '--out', out, '--model', `scripted:${join(FIXTURES, app, 'scripted')}`, ...extra];
}

/** A scratch folder for one scenario; removed by `cleanup`. */
export function scratch(name: string): string {
  return mkdtempSync(join(tmpdir(), `strata-faults-${name}-`));
}

export function cleanup(folder: string): void {
  rmSync(folder, { recursive: true, force: true });
}

/**
 * What a folder holds, or `null` when it does not exist. Restore points are named and stamped by the
 * clock, so they are compared by what they record: in order, without their id and time.
 */
export function stateOf(folder: string, skip?: (relative: string) => boolean): Record<string, string> | null {
  if (!existsSync(folder)) return null;
  const state: Record<string, string> = {};
  const points: [string, string][] = [];
  for (const [path, content] of Object.entries(snapshotTree(folder, skip))) {
    if (path.startsWith(`${CHECKPOINTS_DIR}/`) && path.endsWith('.json')) points.push([path, content]);
    else state[path] = content;
  }
  points.sort(([a], [b]) => a.localeCompare(b)).forEach(([, content], index) => (state[`${CHECKPOINTS_DIR}/#${index + 1}`] = unstamped(content)));
  return state;
}

function unstamped(checkpoint: string): string {
  try {
    const { id: _id, createdAt: _createdAt, ...recorded } = JSON.parse(checkpoint) as Record<string, unknown>;
    return JSON.stringify(recorded);
  } catch {
    return checkpoint;
  }
}

export function sameState(a: Record<string, string> | null, b: Record<string, string> | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The first path where two states differ, for messages. */
export function firstDifference(a: Record<string, string> | null, b: Record<string, string> | null): string {
  if (a === null || b === null) return a === b ? '' : `${a === null ? 'first' : 'second'} folder does not exist`;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) if (a[key] !== b[key]) return key;
  return '';
}

/** The last two lines of what a run printed, for a one-line violation. */
export function lastLines(text: string): string {
  return text.trim().split('\n').slice(-2).join(' / ');
}

export function copyTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  cpSync(from, to, { recursive: true });
}

/** A deterministic generator from a printed seed, so a failing run can be replayed with STRATA_FAULT_SEED. */
export function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

export function faultSeed(): number {
  return Number(process.env.STRATA_FAULT_SEED ?? Date.now() % 1_000_000);
}

/** Whether this machine lets us mount a small tmpfs (root, with the capability): a real full disk. */
export function canMountTmpfs(): boolean {
  const probe = scratch('mount-probe');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    cleanup(probe);
  }
}

export function withTmpfs<T>(sizeKiB: number, body: (mount: string) => Promise<T>): Promise<T> {
  const mount = scratch('tmpfs');
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKiB}k`, 'tmpfs', mount], { stdio: 'ignore' });
  return body(mount).finally(() => {
    execFileSync('umount', [mount], { stdio: 'ignore' });
    cleanup(mount);
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
