import { createHash } from 'node:crypto';
import { formatText, parsersFor } from './formatting';
import type { ProjectFiles } from './projectFiles';
import { STRATA_DIR } from './strataDir';

/**
 * What Strata wrote: path -> SHA-256 of the content and the phase that rendered it. A file whose hash
 * differs, even once formatted with Strata's options, was edited by hand; the phase says which runs may
 * retire a file no longer produced.
 */
export const GENERATED_MANIFEST = `${STRATA_DIR}/generated.json`;

export interface ManifestEntry {
  hash: string;
  phase: string;
  /** The artifact nodes the file was rendered from (see provenance.ts): what a change to the artifacts reaches. */
  from?: string[];
}

export type Manifest = Record<string, ManifestEntry>;

export function contentHash(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

export async function readManifest(files: ProjectFiles): Promise<Manifest> {
  const text = await files.read(GENERATED_MANIFEST);
  if (text === undefined) return {};
  try {
    const parsed = JSON.parse(text) as { files?: Record<string, Partial<ManifestEntry>> };
    const entries = Object.entries(parsed.files ?? {}).filter(([, entry]) => typeof entry?.hash === 'string' && typeof entry.phase === 'string');
    return Object.fromEntries(entries) as Manifest;
  } catch {
    // A damaged manifest only makes every existing file count as the user's: safe, never destructive.
    return {};
  }
}

export function renderManifest(manifest: Manifest): string {
  const sorted = Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => a.localeCompare(b)));
  return `${JSON.stringify({ files: sorted }, null, 2)}\n`;
}

/** A file a run would change that Strata did not write as it is now: the user's, or edited by hand. */
export interface Conflict {
  path: string;
  reason: 'not-generated' | 'edited';
}

export interface WritePlan {
  /** Files that exist with other content and are not Strata's unedited output. */
  conflicts: Conflict[];
  /** Files Strata wrote last time, unedited, that this run no longer produces. */
  stale: string[];
  /** Same, but edited by hand since: left in place. */
  staleEdited: string[];
  /**
   * Files only reformatted since Strata wrote them (with `keepEdits`, edited too), which this run renders as
   * it did then: left as the user has them. (A reformatted file whose content this run changes is simply
   * written anew.)
   */
  keep: string[];
}

/**
 * Compares what a run is about to write with what is on disk and what Strata wrote before, so that a
 * file the user wrote or changed is never overwritten or deleted without being asked. A file that was
 * only reformatted (format-on-save, with the project's `.prettierrc` or other options) is not a hand edit.
 */
/**
 * `keepEdits`: a file edited by hand that the run renders as before is left as it is instead of asked about
 * (a feature step has nothing new for it; a whole run asks, since the user may want Strata's version back).
 */
export async function planWrites(files: ProjectFiles, manifest: Manifest, output: ReadonlyMap<string, string>, phasesRun: ReadonlySet<string>, keepEdits = false): Promise<WritePlan> {
  const plan: WritePlan = { conflicts: [], stale: [], staleEdited: [], keep: [] };
  for (const [path, content] of output) {
    const existing = await files.read(path);
    if (existing === undefined || existing === content) continue;
    const recorded = manifest[path];
    if (recorded === undefined) plan.conflicts.push({ path, reason: 'not-generated' });
    else if (keepEdits && recorded.hash === contentHash(content)) plan.keep.push(path);
    else if ((await stateOf(path, existing, recorded)) === 'edited') plan.conflicts.push({ path, reason: 'edited' });
    else if (recorded.hash === contentHash(content)) plan.keep.push(path);
  }
  for (const [path, recorded] of Object.entries(manifest)) {
    if (output.has(path) || !phasesRun.has(recorded.phase)) continue;
    const existing = await files.read(path);
    if (existing === undefined) continue;
    ((await stateOf(path, existing, recorded)) === 'edited' ? plan.staleEdited : plan.stale).push(path);
  }
  return plan;
}

/**
 * A generated file on disk: as Strata wrote it, reformatted (formatting it with Strata's options gives back
 * what Strata wrote, whatever options formatted it since; for a file prettier does not format, such as a
 * Prisma schema, only its line ends changed, as a Windows checkout does), or edited.
 */
export async function stateOf(path: string, existing: string, recorded: ManifestEntry): Promise<'unchanged' | 'reformatted' | 'edited'> {
  if (recorded.hash === contentHash(existing)) return 'unchanged';
  const normalized = parsersFor(path) ? await formatText(path, existing).catch(() => undefined) : existing.replace(/\r\n/g, '\n');
  return normalized !== undefined && recorded.hash === contentHash(normalized) ? 'reformatted' : 'edited';
}
