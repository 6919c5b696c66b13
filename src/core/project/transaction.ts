import * as path from 'node:path';
import { describeFsError, errorCode, type FileSystem } from './fileSystem';
import { STRATA_DIR } from './strataDir';

/**
 * A run's files applied as one step. Everything is first staged under `.strata/txn/` (the new contents,
 * and a hard link to every file about to be replaced or deleted); a journal written to disk marks the
 * start of applying; then each file is moved into place by rename, which needs no free space and is
 * atomic per file. Any failure or cancellation while applying undoes the renames from the backups, and
 * a journal left by a crashed process is undone by the next run (`recoverTransaction`). So the folder
 * is always either as it was before the run or as the run left it complete.
 */
export const TRANSACTION_DIR = `${STRATA_DIR}/txn`;
const JOURNAL = 'journal.json';

/** Path -> new content, or `null` to delete the file. */
export type FileChanges = ReadonlyMap<string, string | null>;

export type CommitResult =
  | { outcome: 'committed'; written: string[]; removed: string[] }
  /** Cancelled before the last file was in place; everything is as it was. */
  | { outcome: 'cancelled' }
  /** `rolledBack`: everything is as it was. Otherwise the journal stays and the next run undoes the rest. */
  | { outcome: 'failed'; reason: string; rolledBack: boolean; undoError?: string };

type OpKind = 'create' | 'replace' | 'delete';

interface JournalOp {
  path: string;
  kind: OpKind;
  id: number;
}

interface Journal {
  version: 1;
  state: 'applying' | 'applied';
  pid: number;
  startedAt: string;
  ops: JournalOp[];
  /** Folders of the project created for new files, parents first: removed again on undo when empty. */
  createdDirs: string[];
}

export interface TransactionContext {
  root: string;
  fs: FileSystem;
  /** Absolute path of a project-relative one, refusing anything outside the root. */
  resolve(relativePath: string): Promise<string>;
}

class Cancelled extends Error {}

export async function commitTransaction(context: TransactionContext, changes: FileChanges, signal?: AbortSignal): Promise<CommitResult> {
  const { fs, root } = context;
  const txn = path.join(root, TRANSACTION_DIR);
  const stagingCreated: string[] = [];
  const discardStaging = async () => {
    await fs.removeTree(txn).catch(() => undefined);
    for (const dir of [...stagingCreated].reverse()) await fs.rmdir(dir).catch(() => undefined);
  };

  // Stage: nothing in the project changes yet.
  const ops: JournalOp[] = [];
  const createdDirs: string[] = [];
  let currentPath = '';
  try {
    if (signal?.aborted) throw new Cancelled();
    for (const dir of [path.join(root, STRATA_DIR), txn, path.join(txn, 'new'), path.join(txn, 'old')]) {
      if (await fs.lstat(dir)) continue;
      await fs.mkdir(dir);
      stagingCreated.push(dir);
    }
    for (const [relativePath, content] of [...changes].sort(([a], [b]) => a.localeCompare(b))) {
      currentPath = relativePath;
      const target = await context.resolve(relativePath);
      const existing = await fs.lstat(target);
      if (existing && !existing.isFile()) throw new Error(`${relativePath} is a folder or a link, not a file`);
      if (content === null && !existing) continue;
      const id = ops.length;
      const kind: OpKind = content === null ? 'delete' : existing ? 'replace' : 'create';
      if (content !== null) await fs.writeFile(path.join(txn, 'new', String(id)), content);
      if (existing) await backUp(fs, target, path.join(txn, 'old', String(id)));
      if (kind === 'create') await collectMissingDirs(context, relativePath, createdDirs);
      ops.push({ path: relativePath, kind, id });
      if (signal?.aborted) throw new Cancelled();
    }
    currentPath = TRANSACTION_DIR;
    if (signal?.aborted) throw new Cancelled();
    await writeJournal(fs, txn, { version: 1, state: 'applying', pid: process.pid, startedAt: new Date().toISOString(), ops, createdDirs });
  } catch (error) {
    await discardStaging();
    if (error instanceof Cancelled) return { outcome: 'cancelled' };
    return { outcome: 'failed', reason: failure(currentPath, 'staging', error), rolledBack: true };
  }

  // Apply: from here a crash leaves a journal that the next run undoes.
  const written: string[] = [];
  const removed: string[] = [];
  try {
    for (const dir of createdDirs) {
      currentPath = dir;
      await fs.mkdir(await context.resolve(dir)).catch((error) => {
        if (errorCode(error) !== 'EEXIST') throw error;
      });
    }
    for (const op of ops) {
      if (signal?.aborted) throw new Cancelled();
      currentPath = op.path;
      const target = await context.resolve(op.path);
      if (op.kind === 'delete') {
        await fs.unlink(target);
        removed.push(op.path);
      } else {
        await fs.rename(path.join(txn, 'new', String(op.id)), target);
        written.push(op.path);
      }
    }
    currentPath = TRANSACTION_DIR;
    await writeJournal(fs, txn, { version: 1, state: 'applied', pid: process.pid, startedAt: new Date().toISOString(), ops, createdDirs });
  } catch (error) {
    const reason = error instanceof Cancelled ? undefined : failure(currentPath, 'writing', error);
    try {
      await undo(context, ops, createdDirs);
      await discardStaging();
    } catch (undoError) {
      return { outcome: 'failed', reason: reason ?? 'cancelled while writing', rolledBack: false, undoError: describeFsError(undoError) };
    }
    return reason === undefined ? { outcome: 'cancelled' } : { outcome: 'failed', reason, rolledBack: true };
  }
  // Done; the backups are no longer needed (a leftover 'applied' journal is only cleaned up). Folders
  // left empty by deletions (a retired module) go too, after the fact, so an undo never has to make them.
  for (const op of ops) if (op.kind === 'delete') await pruneEmptyParents(context, op.path).catch(() => undefined);
  await discardStaging();
  return { outcome: 'committed', written, removed };
}

/**
 * Finishes what a crashed run left in `.strata/txn/`: undoes a half-applied change, or cleans up staged
 * files that were never applied. Returns a sentence saying what was done, or undefined when nothing was
 * there. Throws when the undo itself fails (the folder is then left for the user to see, journal intact).
 */
export async function recoverTransaction(context: TransactionContext): Promise<string | undefined> {
  const txn = path.join(context.root, TRANSACTION_DIR);
  if (!(await context.fs.lstat(txn))) return undefined;
  let journal: Journal | undefined;
  try {
    journal = JSON.parse(await context.fs.readFile(path.join(txn, JOURNAL))) as Journal;
  } catch {
    journal = undefined;
  }
  if (!journal || !Array.isArray(journal.ops)) {
    await context.fs.removeTree(txn);
    return 'An earlier run stopped while preparing its files; nothing of it had been applied, and its staged copies were removed.';
  }
  if (journal.state === 'applied') {
    for (const op of journal.ops) if (op.kind === 'delete') await pruneEmptyParents(context, op.path).catch(() => undefined);
    await context.fs.removeTree(txn);
    return undefined;
  }
  try {
    await undo(context, journal.ops, journal.createdDirs ?? []);
  } catch (error) {
    throw new Error(`An earlier run (pid ${journal.pid}, started ${journal.startedAt}) stopped while writing files, and undoing it failed: ${describeFsError(error)}. Fix that and run again; its journal is kept in ${TRANSACTION_DIR}/.`);
  }
  await context.fs.removeTree(txn);
  return `An earlier run (pid ${journal.pid}, started ${journal.startedAt}) stopped while writing ${journal.ops.length} file(s); what it had written was undone, so the folder is as it was before that run.`;
}

/**
 * Puts back every file an op touched. Idempotent, so a crash during an undo is finished by the next one:
 * whether an op was applied is read off the disk (its staged file gone, or its deleted file missing).
 */
async function undo(context: TransactionContext, ops: readonly JournalOp[], createdDirs: readonly string[]): Promise<void> {
  const { fs } = context;
  const txn = path.join(context.root, TRANSACTION_DIR);
  for (const op of [...ops].reverse()) {
    const target = await context.resolve(op.path);
    const staged = path.join(txn, 'new', String(op.id));
    const backup = path.join(txn, 'old', String(op.id));
    if (op.kind === 'create') {
      if (!(await fs.lstat(staged))) await fs.unlink(target).catch(ignore('ENOENT'));
    } else if (op.kind === 'replace') {
      if (!(await fs.lstat(staged)) && (await fs.lstat(backup))) await fs.rename(backup, target);
    } else if (!(await fs.lstat(target)) && (await fs.lstat(backup))) {
      await fs.rename(backup, target);
    }
  }
  for (const dir of [...createdDirs].reverse()) await fs.rmdir(await context.resolve(dir)).catch(ignore('ENOENT', 'ENOTEMPTY', 'EEXIST'));
}

/** A hard link costs no space and keeps the old content alive under the staging folder; copy where links are not allowed. */
async function backUp(fs: FileSystem, target: string, backup: string): Promise<void> {
  try {
    await fs.link(target, backup);
  } catch (error) {
    const code = errorCode(error);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'EMLINK' && code !== 'EOPNOTSUPP') throw error;
    await fs.copyFile(target, backup);
  }
}

async function pruneEmptyParents(context: TransactionContext, relativePath: string): Promise<void> {
  for (let dir = path.posix.dirname(relativePath); dir !== '.' && dir !== '' && dir !== STRATA_DIR; dir = path.posix.dirname(dir)) {
    const absolute = await context.resolve(dir);
    const entries = await context.fs.readdir(absolute).catch(() => undefined);
    if (!entries || entries.length > 0) return;
    await context.fs.rmdir(absolute);
  }
}

async function collectMissingDirs(context: TransactionContext, relativePath: string, into: string[]): Promise<void> {
  const missing: string[] = [];
  for (let dir = path.posix.dirname(relativePath); dir !== '.' && dir !== ''; dir = path.posix.dirname(dir)) {
    if (into.includes(dir) || (await context.fs.lstat(await context.resolve(dir)))) break;
    missing.unshift(dir);
  }
  into.push(...missing);
}

async function writeJournal(fs: FileSystem, txn: string, journal: Journal): Promise<void> {
  const temporary = path.join(txn, `${JOURNAL}.tmp`);
  await fs.writeDurable(temporary, JSON.stringify(journal));
  await fs.rename(temporary, path.join(txn, JOURNAL));
}

function failure(where: string, stage: 'staging' | 'writing', error: unknown): string {
  return `${stage === 'staging' ? 'preparing' : 'writing'} ${where} failed: ${describeFsError(error)}`;
}

function ignore(...codes: string[]): (error: unknown) => void {
  return (error) => {
    if (!codes.includes(errorCode(error) ?? '')) throw error;
  };
}
