import * as path from 'node:path';
import { errorCode, type FileSystem, nodeFileSystem } from './fileSystem';
import { acquireRunLock, type RunLock, RunLockedError } from './runLock';
import { type CommitResult, commitTransaction, type FileChanges, recoverTransaction, type TransactionContext } from './transaction';

/**
 * The files of one project folder, addressed by relative `/`-separated paths. Every path is checked to
 * stay inside the root, so nothing Strata does can write outside the workspace folder.
 */
export interface ProjectFiles {
  readonly root: string;
  read(relativePath: string): Promise<string | undefined>;
  write(relativePath: string, content: string): Promise<void>;
  /** Deletes a file; nothing happens when it is not there. */
  remove(relativePath: string): Promise<void>;
  exists(relativePath: string): Promise<boolean>;
  /** Relative paths of the files directly inside a folder (not recursive); empty if it does not exist. */
  list(relativeFolder: string): Promise<string[]>;
  /**
   * Writes and deletes files as one step: either every change is in place, or (failed, cancelled, or
   * crashed and recovered) the folder is exactly as it was. `null` deletes a file.
   */
  commit(changes: FileChanges, signal?: AbortSignal): Promise<CommitResult>;
  /** Finishes what a crashed commit left (undoing it); a sentence saying what was done, if anything. */
  recover(): Promise<string | undefined>;
  /** One run per folder: throws `RunLockedError` while another run holds the folder. */
  lock(command: string): Promise<RunLock>;
}

export class OutsideProjectError extends Error {
  constructor(readonly requested: string, readonly root: string) {
    super(`Refusing to touch "${requested}": it is outside the project folder ${root}`);
    this.name = 'OutsideProjectError';
  }
}

/** Resolves a project-relative path, refusing absolute paths, `..` escapes and symlinked parents. */
export function resolveInside(root: string, relativePath: string): string {
  const normalizedRoot = path.resolve(root);
  if (path.isAbsolute(relativePath) || /^[a-zA-Z]:/.test(relativePath)) {
    throw new OutsideProjectError(relativePath, normalizedRoot);
  }
  const resolved = path.resolve(normalizedRoot, relativePath);
  const relative = path.relative(normalizedRoot, resolved);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new OutsideProjectError(relativePath, normalizedRoot);
  }
  return resolved;
}

/** `ProjectFiles` on the real disk. */
export class DiskProjectFiles implements ProjectFiles {
  readonly root: string;
  private readonly transaction: TransactionContext;

  /** `fs` is replaced only by fault-injection tests. */
  constructor(root: string, private readonly fs: FileSystem = nodeFileSystem) {
    this.root = path.resolve(root);
    this.transaction = { root: this.root, fs, resolve: (relativePath) => this.checked(relativePath) };
  }

  async read(relativePath: string): Promise<string | undefined> {
    try {
      return await this.fs.readFile(await this.checked(relativePath));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async write(relativePath: string, content: string): Promise<void> {
    const target = await this.checked(relativePath);
    await this.makeParents(target);
    // Write then rename, so an interrupted write never leaves a half file behind.
    const temporary = `${target}.strata-${process.pid}-${Date.now()}.tmp`;
    try {
      await this.fs.writeFile(temporary, content);
      await this.fs.rename(temporary, target);
    } catch (error) {
      await this.fs.unlink(temporary).catch(() => undefined);
      throw error;
    }
  }

  async remove(relativePath: string): Promise<void> {
    await this.fs.unlink(await this.checked(relativePath)).catch((error) => {
      if (!isNotFound(error)) throw error;
    });
  }

  async exists(relativePath: string): Promise<boolean> {
    return (await this.fs.lstat(await this.checked(relativePath))) !== undefined;
  }

  commit(changes: FileChanges, signal?: AbortSignal): Promise<CommitResult> {
    return commitTransaction(this.transaction, changes, signal);
  }

  recover(): Promise<string | undefined> {
    return recoverTransaction(this.transaction);
  }

  lock(command: string): Promise<RunLock> {
    return acquireRunLock(this.root, this.fs, command);
  }

  async list(relativeFolder: string): Promise<string[]> {
    try {
      const entries = await this.fs.readdir(await this.checked(relativeFolder));
      const prefix = relativeFolder === '' || relativeFolder === '.' ? '' : `${relativeFolder.replace(/\/+$/, '')}/`;
      return entries.filter((entry) => entry.isFile()).map((entry) => `${prefix}${entry.name}`).sort();
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
  }

  private async makeParents(target: string): Promise<void> {
    const missing: string[] = [];
    for (let dir = path.dirname(target); dir !== this.root && !(await this.fs.lstat(dir)); dir = path.dirname(dir)) missing.unshift(dir);
    for (const dir of missing) {
      await this.fs.mkdir(dir).catch((error) => {
        if (errorCode(error) !== 'EEXIST') throw error;
      });
    }
  }

  /** Also follows symlinks of existing parents: a link pointing out of the root is refused too. */
  private async checked(relativePath: string): Promise<string> {
    const target = resolveInside(this.root, relativePath);
    const realRoot = await this.fs.realpath(this.root);
    let existing = target;
    while (existing !== this.root && !(await this.fs.lstat(existing))) existing = path.dirname(existing);
    const realExisting = await this.fs.realpath(existing);
    const relative = path.relative(realRoot, realExisting);
    if (relative.startsWith('..') || path.isAbsolute(relative)) throw new OutsideProjectError(relativePath, this.root);
    return target;
  }
}

/** `ProjectFiles` in memory, for tests and for dry runs. */
export class MemoryProjectFiles implements ProjectFiles {
  readonly files = new Map<string, string>();
  private locked: string | undefined;

  constructor(readonly root = '/memory', initial: Record<string, string> = {}) {
    for (const [file, content] of Object.entries(initial)) this.files.set(this.key(file), content);
  }

  async read(relativePath: string): Promise<string | undefined> {
    return this.files.get(this.key(relativePath));
  }

  async write(relativePath: string, content: string): Promise<void> {
    this.files.set(this.key(relativePath), content);
  }

  async remove(relativePath: string): Promise<void> {
    this.files.delete(this.key(relativePath));
  }

  async exists(relativePath: string): Promise<boolean> {
    const key = this.key(relativePath);
    return this.files.has(key) || [...this.files.keys()].some((file) => file.startsWith(`${key}/`));
  }

  async list(relativeFolder: string): Promise<string[]> {
    const folder = relativeFolder === '' || relativeFolder === '.' ? '' : `${this.key(relativeFolder)}/`;
    return [...this.files.keys()]
      .filter((file) => file.startsWith(folder) && !file.slice(folder.length).includes('/'))
      .sort();
  }

  async commit(changes: FileChanges, signal?: AbortSignal): Promise<CommitResult> {
    if (signal?.aborted) return { outcome: 'cancelled' };
    const keys = [...changes].map(([file, content]) => [this.key(file), content] as const);
    const written: string[] = [];
    const removed: string[] = [];
    for (const [key, content] of keys.sort(([a], [b]) => a.localeCompare(b))) {
      if (content === null) {
        if (this.files.delete(key)) removed.push(key);
      } else {
        this.files.set(key, content);
        written.push(key);
      }
    }
    return { outcome: 'committed', written, removed };
  }

  async recover(): Promise<string | undefined> {
    return undefined;
  }

  async lock(command: string): Promise<RunLock> {
    if (this.locked !== undefined) throw new RunLockedError(undefined, `Another Strata run is writing into this folder (${this.locked}).`);
    this.locked = command;
    return { release: async () => void (this.locked = undefined) };
  }

  private key(relativePath: string): string {
    const resolved = resolveInside(this.root, relativePath);
    return path.relative(path.resolve(this.root), resolved).split(path.sep).join('/');
  }
}

function isNotFound(error: unknown): boolean {
  return errorCode(error) === 'ENOENT';
}
