import { constants, promises as fs } from 'node:fs';

/**
 * The file-system calls a project makes, as one object, so fault-injection tests can fail any one of
 * them (a full disk, a read-only folder) exactly where they choose. The real one is node's.
 */
export interface FileSystem {
  readFile(path: string): Promise<string>;
  writeFile(path: string, content: string): Promise<void>;
  /** Creates the file only if it does not exist (EEXIST otherwise): locks. */
  createExclusive(path: string, content: string): Promise<void>;
  /** Writes, flushes to the device, then closes: the journal that must survive a crash. */
  writeDurable(path: string, content: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  link(existing: string, newPath: string): Promise<void>;
  copyFile(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  mkdir(path: string): Promise<void>;
  rmdir(path: string): Promise<void>;
  /** Removes a folder and everything in it; nothing happens when it is not there. */
  removeTree(path: string): Promise<void>;
  lstat(path: string): Promise<{ isFile(): boolean; isDirectory(): boolean; mtimeMs: number } | undefined>;
  readdir(path: string): Promise<{ name: string; isFile(): boolean; isDirectory(): boolean }[]>;
  realpath(path: string): Promise<string>;
}

export const nodeFileSystem: FileSystem = {
  readFile: (path) => fs.readFile(path, 'utf8'),
  writeFile: (path, content) => fs.writeFile(path, content, 'utf8'),
  async createExclusive(path, content) {
    // Written whole under another name, then linked into place: the link fails when the file exists,
    // and a reader never sees it empty or half-written (as with an exclusive open and a later write).
    const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await fs.writeFile(temporary, content, 'utf8');
    try {
      await fs.link(temporary, path);
    } catch (error) {
      const code = errorCode(error);
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
      await fs.writeFile(path, content, { encoding: 'utf8', flag: 'wx' });
    } finally {
      await fs.unlink(temporary).catch(() => undefined);
    }
  },
  async writeDurable(path, content) {
    const handle = await fs.open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC, 0o644);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename: (from, to) => fs.rename(from, to),
  link: (existing, newPath) => fs.link(existing, newPath),
  copyFile: (from, to) => fs.copyFile(from, to),
  unlink: (path) => fs.unlink(path),
  mkdir: async (path) => {
    await fs.mkdir(path);
  },
  rmdir: (path) => fs.rmdir(path),
  removeTree: (path) => fs.rm(path, { recursive: true, force: true }),
  async lstat(path) {
    try {
      return await fs.lstat(path);
    } catch (error) {
      if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return undefined;
      throw error;
    }
  },
  readdir: (path) => fs.readdir(path, { withFileTypes: true }),
  realpath: (path) => fs.realpath(path),
};

export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? ((error as { code?: unknown }).code as string | undefined) : undefined;
}

const REASONS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  EROFS: 'the file system is read-only',
  ENAMETOOLONG: 'a file name is too long for the file system',
  EMFILE: 'too many files are open',
  ENFILE: 'too many files are open on the system',
  EIO: 'the disk reported an input/output error',
  EISDIR: 'a folder is in the way',
  ENOTDIR: 'a file is in the way where a folder is needed',
  EBUSY: 'the file is busy',
};

/** A file-system error as a reason a user can act on: "the disk is full (ENOSPC)". */
export function describeFsError(error: unknown): string {
  const code = errorCode(error);
  if (code && REASONS[code]) return `${REASONS[code]} (${code})`;
  const message = error instanceof Error ? error.message : String(error);
  return code ? `${message.replace(/^\w+: /, '').replace(/, \w+ '.*'$/, '')} (${code})` : message;
}
