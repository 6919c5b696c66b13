import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type FileSystem, nodeFileSystem } from '../../src/core/project/fileSystem';

/** The calls that change the disk; each is one point where a fault can be injected. */
export const MUTATING = ['writeFile', 'createExclusive', 'writeDurable', 'rename', 'link', 'copyFile', 'unlink', 'mkdir', 'rmdir', 'removeTree'] as const;
/** The calls that need free space; on a full disk only these fail (renames, unlinks and rmdirs do not). */
export const NEEDS_SPACE = new Set<string>(['writeFile', 'createExclusive', 'writeDurable', 'link', 'copyFile', 'mkdir']);

export type Fault =
  /** This call throws the error; the ones after it work. */
  | { kind: 'fail-once'; at: number; code?: string }
  /** From this call on, every call that needs space fails with ENOSPC (a disk that filled up). */
  | { kind: 'disk-full'; at: number }
  /** This call never returns: the process died here, as far as the disk can tell. */
  | { kind: 'hang'; at: number }
  /** This call first runs `action` (e.g. a cancel), then proceeds. */
  | { kind: 'before'; at: number; action: () => void };

/**
 * The real file system with a fault injected at the n-th mutating call (counting from 0). `calls` tells
 * how many mutating calls a run made, so a test can try every point.
 */
export class FaultyFileSystem {
  calls = 0;
  readonly fs: FileSystem;
  /** Settles when a `hang` fault is reached: from then on the "process" is dead. */
  readonly hung: Promise<'hung'>;
  private reachedHang: () => void = () => undefined;

  constructor(fault?: Fault) {
    this.hung = new Promise((resolve) => (this.reachedHang = () => resolve('hung')));
    const wrapped: Record<string, unknown> = { ...nodeFileSystem };
    for (const name of MUTATING) {
      const real = (nodeFileSystem as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[name]!;
      wrapped[name] = (...args: unknown[]) => {
        const index = this.calls++;
        if (fault && index >= fault.at) {
          if (fault.kind === 'fail-once' && index === fault.at) return Promise.reject(errorWithCode(fault.code ?? 'EIO', `${name} ${String(args[0])}`));
          if (fault.kind === 'disk-full' && NEEDS_SPACE.has(name)) return Promise.reject(errorWithCode('ENOSPC', `${name} ${String(args[0])}`));
          if (fault.kind === 'hang' && index === fault.at) {
            this.reachedHang();
            return new Promise(() => undefined);
          }
          if (fault.kind === 'before' && index === fault.at) fault.action();
        }
        return real(...args);
      };
    }
    this.fs = wrapped as unknown as FileSystem;
  }
}

function errorWithCode(code: string, what: string): Error {
  return Object.assign(new Error(`${code}: injected fault, ${what}`), { code });
}

/** Every file (with its content) and every folder under a root: two equal snapshots mean an unchanged tree. */
export function snapshotTree(root: string, skip: (relative: string) => boolean = () => false): Record<string, string> {
  const tree: Record<string, string> = {};
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const relative = `${prefix}${entry.name}`;
      if (skip(relative)) continue;
      if (entry.isDirectory()) {
        tree[`${relative}/`] = '<dir>';
        walk(join(dir, entry.name), `${relative}/`);
      } else {
        tree[relative] = readFileSync(join(dir, entry.name), 'utf8');
      }
    }
  };
  walk(root, '');
  return tree;
}
