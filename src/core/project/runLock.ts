import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import * as path from 'node:path';
import { errorCode, type FileSystem } from './fileSystem';
import { STRATA_DIR } from './strataDir';

/** One run per folder: this file holds the running owner's pid and start time. */
export const RUN_LOCK = `${STRATA_DIR}/run.lock`;
const TAKEOVER = `${RUN_LOCK}.takeover`;
/** A lock or takeover file that cannot be read and is older than this was left half-written by a crash. */
const UNREADABLE_GRACE_MS = 10_000;

export interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
  /** The process's start as the kernel counts it, so a reused pid is not taken for the owner. */
  processStart?: string;
  /** What holds the lock, in words: "strata generate", "VS Code: New Backend". */
  command: string;
}

export class RunLockedError extends Error {
  constructor(readonly owner: LockOwner | undefined, message: string) {
    super(message);
    this.name = 'RunLockedError';
  }
}

export interface RunLock {
  release(): Promise<void>;
}

export function describeOwner(owner: LockOwner): string {
  const minutes = Math.max(0, Math.round((Date.now() - Date.parse(owner.startedAt)) / 60_000));
  return `${owner.command}, pid ${owner.pid}${owner.host === hostname() ? '' : ` on ${owner.host}`}, started ${minutes < 1 ? 'less than a minute' : `${minutes} min`} ago`;
}

/**
 * Takes the folder's run lock or throws `RunLockedError` naming the run that holds it. A lock whose
 * process no longer runs (same host, pid gone or reused) is taken over; two runs taking over one stale
 * lock at once are kept apart by a second, short-lived takeover file.
 */
export async function acquireRunLock(root: string, fs: FileSystem, command: string): Promise<RunLock> {
  const strataDir = path.join(root, STRATA_DIR);
  const createdStrataDir = !(await fs.lstat(strataDir));
  if (createdStrataDir) await fs.mkdir(strataDir).catch((error) => (errorCode(error) === 'EEXIST' ? undefined : Promise.reject(error)));
  const lockPath = path.join(root, RUN_LOCK);
  const me: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), processStart: processStart(process.pid), command };
  const mine = JSON.stringify(me);
  const release = async () => {
    const now = await fs.readFile(lockPath).catch(() => undefined);
    if (now === mine) await fs.unlink(lockPath).catch(() => undefined);
    if (createdStrataDir) await fs.rmdir(strataDir).catch(() => undefined);
  };

  try {
    for (let tries = 0; tries < 3; tries++) {
      if (await create(fs, lockPath, mine)) return { release };
      const held = await readOwner(fs, lockPath);
      if (held.kind === 'gone') continue;
      if (held.kind === 'owner' && isRunning(held.owner)) {
        throw new RunLockedError(held.owner, `Another Strata run is writing into this folder (${describeOwner(held.owner)}). Wait for it to finish or stop it; a lock left by a process that no longer runs is taken over by the next run.`);
      }
      if (held.kind === 'unreadable' && Date.now() - held.mtimeMs < UNREADABLE_GRACE_MS) {
        throw new RunLockedError(undefined, 'Another Strata run is starting in this folder right now; try again in a moment.');
      }
      await takeOver(root, fs, lockPath, held.text);
    }
    throw new RunLockedError(undefined, 'Another Strata run keeps taking this folder\'s lock; try again in a moment.');
  } catch (error) {
    if (createdStrataDir) await fs.rmdir(strataDir).catch(() => undefined);
    throw error;
  }
}

async function create(fs: FileSystem, lockPath: string, content: string): Promise<boolean> {
  try {
    await fs.createExclusive(lockPath, content);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
}

type Held = { kind: 'owner'; owner: LockOwner; text: string } | { kind: 'unreadable'; mtimeMs: number; text: string } | { kind: 'gone' };

async function readOwner(fs: FileSystem, lockPath: string): Promise<Held> {
  const stat = await fs.lstat(lockPath);
  if (!stat) return { kind: 'gone' };
  let text: string;
  try {
    text = await fs.readFile(lockPath);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { kind: 'gone' };
    throw error;
  }
  try {
    const owner = JSON.parse(text) as LockOwner;
    if (typeof owner.pid === 'number' && typeof owner.startedAt === 'string') return { kind: 'owner', owner, text };
  } catch {
    // Half-written: judged by its age.
  }
  return { kind: 'unreadable', mtimeMs: stat.mtimeMs, text };
}

/** Removes a stale lock, but only while holding the takeover file and only if it is still the same stale lock. */
async function takeOver(root: string, fs: FileSystem, lockPath: string, staleText: string): Promise<void> {
  const guard = path.join(root, TAKEOVER);
  if (!(await create(fs, guard, String(process.pid)))) {
    const stat = await fs.lstat(guard);
    if (stat && Date.now() - stat.mtimeMs > UNREADABLE_GRACE_MS) await fs.unlink(guard).catch(() => undefined);
    else throw new RunLockedError(undefined, 'Another Strata run is taking over this folder\'s stale lock right now; try again in a moment.');
    if (!(await create(fs, guard, String(process.pid)))) throw new RunLockedError(undefined, 'Another Strata run is taking over this folder\'s stale lock right now; try again in a moment.');
  }
  try {
    const now = await fs.readFile(lockPath).catch(() => undefined);
    if (now === staleText) await fs.unlink(lockPath);
  } finally {
    await fs.unlink(guard).catch(() => undefined);
  }
}

/** Whether the lock's process still runs. On another host it cannot be told, so it counts as running. */
export function isRunning(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
  const now = processStart(owner.pid);
  return owner.processStart === undefined || now === undefined || now === owner.processStart;
}

/** Field 22 of /proc/<pid>/stat (start time in clock ticks since boot), where /proc exists. */
function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}
