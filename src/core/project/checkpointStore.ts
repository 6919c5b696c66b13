import type { ChangeSet, ProposedFile, Resolution } from './changeSet';
import { resolutionOf, resolvedContent } from './changeSet';
import type { ProjectFiles } from './projectFiles';
import { RUN_LOCK } from './runLock';
import { RESUME_DIR } from './strataProject';
import { STRATA_DIR } from './strataDir';
import type { CommitResult, FileChanges } from './transaction';
import { TRANSACTION_DIR } from './transaction';

/**
 * Restore points: every applied run (and every restore) keeps, in the same transaction as its files, one
 * JSON file under `.strata/checkpoints/` with each file it changed as it was before and as it was written.
 * "Restore Checkpoint" puts Strata's files back as they were before a run, file by file, and leaves a file
 * the user edited since as it is, naming it as a conflict. (Not to be confused with `.strata/resume/`, the
 * answers a failed run keeps for Resume.) Editor-free, so the CLI can use it too.
 */
export const CHECKPOINTS_DIR = `${STRATA_DIR}/checkpoints`;
/** The oldest checkpoints go once there are more: each one holds the contents of the files its run changed. */
export const MAX_CHECKPOINTS = 20;

export interface CheckpointFile {
  path: string;
  /** The phase that rendered the file, for the phase diff; absent for Strata's own state and the user's files. */
  phase?: string;
  /** Before the run; null when the file did not exist. */
  before: string | null;
  /** As the run left it; null when the run removed it. */
  after: string | null;
  /** What Strata rendered, when the run wrote a merge of it and the user's version instead (the base of a later merge). */
  generated?: string;
}

export interface RunCheckpoint {
  version: 1;
  id: string;
  createdAt: string;
  /** Who made it, in words: "VS Code: New Backend", "strata generate", "Restore to before …". */
  label: string;
  files: CheckpointFile[];
}

export type CheckpointSummary = Pick<RunCheckpoint, 'id' | 'createdAt' | 'label'> & { files: number; phases: string[] };

/** Strata's bookkeeping that a checkpoint never records or restores. */
export function isBookkeeping(path: string): boolean {
  return [CHECKPOINTS_DIR, RESUME_DIR, TRANSACTION_DIR].some((dir) => path === dir || path.startsWith(`${dir}/`)) || path === RUN_LOCK;
}

export function checkpointPath(id: string): string {
  return `${CHECKPOINTS_DIR}/${id}.json`;
}

/** Every readable checkpoint, oldest first. A damaged one is skipped: it can only be missing from the list, never restored wrongly. */
export async function readCheckpoints(files: ProjectFiles): Promise<RunCheckpoint[]> {
  const found: RunCheckpoint[] = [];
  for (const path of await files.list(CHECKPOINTS_DIR)) {
    if (!path.endsWith('.json')) continue;
    const parsed = parseCheckpoint(await files.read(path));
    if (parsed && checkpointPath(parsed.id) === path) found.push(parsed);
  }
  return found.sort((a, b) => a.id.localeCompare(b.id));
}

export async function listCheckpoints(files: ProjectFiles): Promise<CheckpointSummary[]> {
  return (await readCheckpoints(files)).map((checkpoint) => ({
    id: checkpoint.id,
    createdAt: checkpoint.createdAt,
    label: checkpoint.label,
    files: checkpoint.files.filter((file) => !file.path.startsWith(`${STRATA_DIR}/`)).length,
    phases: [...new Set(checkpoint.files.flatMap((file) => (file.phase ? [file.phase] : [])))],
  }));
}

function parseCheckpoint(text: string | undefined): RunCheckpoint | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as RunCheckpoint;
    const fileOk = (file: CheckpointFile) =>
      typeof file?.path === 'string' && isProjectRelative(file.path) && (file.before === null || typeof file.before === 'string') && (file.after === null || typeof file.after === 'string');
    if (value.version !== 1 || typeof value.id !== 'string' || !/^[0-9A-Za-z-]+$/.test(value.id) || !Array.isArray(value.files) || !value.files.every(fileOk)) return undefined;
    return value;
  } catch {
    return undefined;
  }
}

/** A checkpoint is read from disk, so its paths are checked before use: relative, `/`-separated, no `..` (ProjectFiles refuses them too). */
function isProjectRelative(path: string): boolean {
  return path !== '' && !path.startsWith('/') && !/^[a-zA-Z]:/.test(path) && !path.includes('\\') && !path.split('/').some((part) => part === '..' || part === '.' || part === '');
}

/** Sortable, unique, portable: 2026-12-07T16-45-00-123Z, with -2, -3… when two land in one millisecond. */
export function newCheckpointId(now: Date, taken: readonly string[]): string {
  const base = now.toISOString().replace(/[:.]/g, '-');
  let id = base;
  for (let n = 2; taken.includes(id); n++) id = `${base}-${n}`;
  return id;
}

export interface CheckpointMeta {
  label: string;
  /** The rendering phase of each generated file the changes hold. */
  phases?: ReadonlyMap<string, string>;
  /** Rendered content of files that get a merge instead. */
  generated?: ReadonlyMap<string, string>;
  now?: Date;
}

/**
 * The changes with their checkpoint added (and the oldest checkpoints beyond MAX_CHECKPOINTS removed), to be
 * committed as one transaction: the checkpoint exists exactly when the run's files do. Changes that leave a
 * file as it is are not recorded. Returns the id too.
 */
export async function withCheckpoint(files: ProjectFiles, changes: FileChanges, meta: CheckpointMeta): Promise<{ changes: Map<string, string | null>; id: string | undefined }> {
  const recorded: CheckpointFile[] = [];
  for (const [path, after] of [...changes].sort(([a], [b]) => a.localeCompare(b))) {
    if (isBookkeeping(path)) continue;
    const before = (await files.read(path)) ?? null;
    if (before === after) continue;
    const entry: CheckpointFile = { path, before, after };
    const phase = meta.phases?.get(path);
    if (phase !== undefined) entry.phase = phase;
    const generated = meta.generated?.get(path);
    if (generated !== undefined) entry.generated = generated;
    recorded.push(entry);
  }
  const all = new Map(changes);
  if (recorded.length === 0) return { changes: all, id: undefined };
  const existing = (await files.list(CHECKPOINTS_DIR)).filter((path) => path.endsWith('.json')).sort();
  const ids = existing.map((path) => path.slice(CHECKPOINTS_DIR.length + 1, -'.json'.length));
  const now = meta.now ?? new Date();
  const id = newCheckpointId(now, ids);
  const checkpoint: RunCheckpoint = { version: 1, id, createdAt: now.toISOString(), label: meta.label, files: recorded };
  all.set(checkpointPath(id), `${JSON.stringify(checkpoint)}\n`);
  for (const old of existing.slice(0, Math.max(0, existing.length + 1 - MAX_CHECKPOINTS))) all.set(old, null);
  return { changes: all, id };
}

/** What Strata last wrote to each of these files, from the restore points (the base of a three-way merge); absent when unknown. */
export async function lastGenerated(files: ProjectFiles, paths: Iterable<string>): Promise<Map<string, string | null>> {
  const wanted = new Set(paths);
  const bases = new Map<string, string | null>();
  if (wanted.size === 0) return bases;
  for (const checkpoint of await readCheckpoints(files).catch(() => [])) {
    for (const file of checkpoint.files) if (wanted.has(file.path)) bases.set(file.path, file.generated ?? file.after);
  }
  return bases;
}

/** The newest checkpoint in which a phase rendered files (the phase diff's "what the phase last changed"). */
export function latestOfPhase(checkpoints: readonly RunCheckpoint[], phase: string): RunCheckpoint | undefined {
  return [...checkpoints].reverse().find((checkpoint) => checkpoint.files.some((file) => file.phase === phase));
}

/**
 * Putting the files back as they were before a checkpoint's run, undoing it and every later one. Each file
 * goes back to its content before the earliest of those runs that changed it. A file still as the latest of
 * them left it is restored; one the user changed since is a conflict (kept unless resolved otherwise); one
 * already as it was is left alone.
 */
export interface RestorePlan {
  checkpoint: RunCheckpoint;
  /** How many later checkpoints are undone with it. */
  later: number;
  /** `proposed` is the content before the run (null: the file did not exist); `conflict` marks an edited file. */
  changeSet: ChangeSet;
  /** What Strata last wrote to each conflicting file (the merge base); null when it removed the file. */
  bases: ReadonlyMap<string, string | null>;
}

export async function planRestore(files: ProjectFiles, id: string): Promise<RestorePlan> {
  const checkpoints = await readCheckpoints(files);
  const index = checkpoints.findIndex((checkpoint) => checkpoint.id === id);
  if (index < 0) throw new Error(`There is no checkpoint ${id} in ${CHECKPOINTS_DIR}/ (it may have been pruned: only the last ${MAX_CHECKPOINTS} are kept).`);
  const undone = checkpoints.slice(index);
  const wanted = new Map<string, CheckpointFile>();
  const lastWritten = new Map<string, CheckpointFile>();
  for (const checkpoint of undone) {
    for (const file of checkpoint.files) {
      if (!wanted.has(file.path)) wanted.set(file.path, file);
      lastWritten.set(file.path, file);
    }
  }
  const changeSet: ChangeSet = { files: [] };
  const bases = new Map<string, string | null>();
  for (const [path, first] of [...wanted].sort(([a], [b]) => a.localeCompare(b))) {
    const current = await files.read(path);
    const now = current ?? null;
    if (now === first.before) continue;
    const last = lastWritten.get(path)!;
    const file: ProposedFile = { path, phase: last.phase ?? first.phase ?? '', current, proposed: first.before };
    if (now !== last.after) {
      file.conflict = 'edited';
      bases.set(path, last.after);
    }
    changeSet.files.push(file);
  }
  return { checkpoint: checkpoints[index]!, later: undone.length - 1, changeSet, bases };
}

/** How a restore's own checkpoint is labelled, so that it can be told from a run's. */
export const RESTORE_LABEL = 'Restore to before';

export type RestoreResult = CommitResult & { restored: string[]; kept: string[]; checkpoint?: string };

/**
 * Applies a restore plan as one transaction (itself a checkpoint, so a restore can be undone the same way).
 * Files are checked again first: one that changed since the plan was made is kept and named, never overwritten.
 */
export async function applyRestore(files: ProjectFiles, plan: RestorePlan, resolutions?: ReadonlyMap<string, Resolution>, signal?: AbortSignal, now?: Date): Promise<RestoreResult> {
  const changes = new Map<string, string | null>();
  const kept: string[] = [];
  for (const file of plan.changeSet.files) {
    const content = resolvedContent(file, resolutionOf(file, resolutions));
    if (content === undefined) {
      kept.push(file.path);
      continue;
    }
    if ((await files.read(file.path)) !== file.current) {
      kept.push(file.path);
      continue;
    }
    changes.set(file.path, content);
  }
  const label = `${RESTORE_LABEL} "${plan.checkpoint.label}" of ${plan.checkpoint.createdAt}`;
  const { changes: all, id } = await withCheckpoint(files, changes, { label, now });
  const result = await files.commit(all, signal);
  if (result.outcome !== 'committed') return { ...result, restored: [], kept };
  return { ...result, restored: [...changes.keys()].filter((path) => !isBookkeeping(path)), kept, checkpoint: id };
}
