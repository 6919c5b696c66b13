import { promises as fs } from 'node:fs';
import * as path from 'node:path';

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

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  async read(relativePath: string): Promise<string | undefined> {
    try {
      return await fs.readFile(await this.checked(relativePath), 'utf8');
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async write(relativePath: string, content: string): Promise<void> {
    const target = await this.checked(relativePath);
    await fs.mkdir(path.dirname(target), { recursive: true });
    // Write then rename, so an interrupted write never leaves a half file behind.
    const temporary = `${target}.strata-${process.pid}-${Date.now()}.tmp`;
    await fs.writeFile(temporary, content, 'utf8');
    await fs.rename(temporary, target);
  }

  async remove(relativePath: string): Promise<void> {
    await fs.rm(await this.checked(relativePath), { force: true });
  }

  async exists(relativePath: string): Promise<boolean> {
    try {
      await fs.access(await this.checked(relativePath));
      return true;
    } catch (error) {
      if (error instanceof OutsideProjectError) throw error;
      return false;
    }
  }

  async list(relativeFolder: string): Promise<string[]> {
    try {
      const entries = await fs.readdir(await this.checked(relativeFolder), { withFileTypes: true });
      const prefix = relativeFolder === '' || relativeFolder === '.' ? '' : `${relativeFolder.replace(/\/+$/, '')}/`;
      return entries.filter((entry) => entry.isFile()).map((entry) => `${prefix}${entry.name}`).sort();
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
  }

  /** Also follows symlinks of existing parents: a link pointing out of the root is refused too. */
  private async checked(relativePath: string): Promise<string> {
    const target = resolveInside(this.root, relativePath);
    const realRoot = await fs.realpath(this.root);
    let existing = target;
    while (existing !== this.root && !(await pathExists(existing))) existing = path.dirname(existing);
    const realExisting = await fs.realpath(existing);
    const relative = path.relative(realRoot, realExisting);
    if (relative.startsWith('..') || path.isAbsolute(relative)) throw new OutsideProjectError(relativePath, this.root);
    return target;
  }
}

/** `ProjectFiles` in memory, for tests and for dry runs. */
export class MemoryProjectFiles implements ProjectFiles {
  readonly files = new Map<string, string>();

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

  private key(relativePath: string): string {
    const resolved = resolveInside(this.root, relativePath);
    return path.relative(path.resolve(this.root), resolved).split(path.sep).join('/');
  }
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === 'ENOENT';
}

async function pathExists(target: string): Promise<boolean> {
  try {
    await fs.lstat(target);
    return true;
  } catch {
    return false;
  }
}
