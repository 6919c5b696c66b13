import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DEFAULT_SETTINGS, LIMITS, type DatabaseId } from '../core/config/settings';
import { readCheckpoint } from '../core/pipeline/checkpoint';
import { generateBackend, resumeMismatch, type GenerateSummary } from '../core/backend/generate';
import { MODEL_SPEC_HELP, parseModelSpec } from '../core/model/modelSpec';
import type { RetryInfo } from '../core/model/retry';
import { describeFsError } from '../core/project/fileSystem';
import { DiskProjectFiles } from '../core/project/projectFiles';
import type { ParsedArgs } from './args';
import { Interrupts } from './interrupts';
import { NETWORK_USAGE, networkOptions } from './networkOptions';

export const GENERATE_USAGE = `strata generate --requirements FILE --out DIR --model SPEC [--database sqlite|postgresql] [--host URL] [--force] [--resume] [--json]
  Runs the five phases on the requirements and writes the backend into DIR (created when missing), all
  files in one step: a failed or interrupted run leaves DIR as it was.
  --force     overwrite files in DIR that Strata did not write or that were edited by hand
  --resume    continue the failed run whose work is kept in DIR/.strata/resume (--requirements optional)
  --model     ${MODEL_SPEC_HELP}
  --host      Ollama host or OpenAI-compatible base URL (else OLLAMA_HOST / STRATA_OPENAI_BASE_URL)
  --json      print a machine-readable summary (per-phase calls and tokens) on stdout
  --backtracks N  how many times the run may go back to an earlier phase when a later one finds problems
              only that phase can fix (0-${LIMITS.backtracks.max}, default ${DEFAULT_SETTINGS.backtracks})
${NETWORK_USAGE}
  Exit: 0 done, 1 failed or compiler errors left in the written files, 2 bad usage, 130 interrupted
  (Ctrl-C), 143 stopped (SIGTERM); an interrupted run changes nothing.`;

/** `strata generate`: the same pipeline "Strata: New Backend…" runs, on a folder of the disk. */
export async function generateCommand(args: ParsedArgs, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const option = (name: string) => (typeof args.options.get(name) === 'string' ? (args.options.get(name) as string) : undefined);
  const requirementsFile = option('requirements');
  const outDir = option('out');
  const spec = option('model');
  const database = option('database') ?? DEFAULT_SETTINGS.database;
  const resuming = args.options.has('resume');
  const usage = (message: string) => {
    err(`strata generate: ${message}\n${GENERATE_USAGE}`);
    return 2;
  };
  if (!outDir || !spec || (!requirementsFile && !resuming)) return usage('--requirements, --out and --model are required (--requirements is optional with --resume)');
  if (requirementsFile && (!existsSync(requirementsFile) || !statSync(requirementsFile).isFile())) return usage(`no requirements file at ${requirementsFile}`);
  if (existsSync(outDir) && !statSync(outDir).isDirectory()) return usage(`--out ${outDir} is a file, not a folder`);
  if (database !== 'sqlite' && database !== 'postgresql') return usage(`--database must be sqlite or postgresql, got "${database}"`);
  const network = networkOptions(args.options);
  if (network.error) return usage(network.error);
  const backtracks = option('backtracks');
  if (args.options.has('backtracks') && !(backtracks !== undefined && /^\d+$/.test(backtracks) && Number(backtracks) <= LIMITS.backtracks.max)) {
    return usage(`--backtracks needs a whole number from 0 to ${LIMITS.backtracks.max}; got ${backtracks ?? 'nothing'}`);
  }
  let choice;
  try {
    const onRetry = (info: RetryInfo) => err(`strata: ${info.reason}; trying again in ${(info.delayMs / 1000).toFixed(1)} s (attempt ${info.attempt} of ${info.of})`);
    const chosen = { ...DEFAULT_SETTINGS, ...network.settings, database: database as DatabaseId, ...(backtracks !== undefined ? { backtracks: Number(backtracks) } : {}) };
    choice = parseModelSpec(spec, chosen, option('host'), process.env, onRetry);
  } catch (error) {
    return usage(error instanceof Error ? error.message : String(error));
  }

  const target = new DiskProjectFiles(outDir);
  const checkpoint = resuming ? await readCheckpoint(target) : undefined;
  if (resuming && !checkpoint) return usage(`nothing to resume in ${outDir}: no checkpoint at ${outDir}/.strata/resume (a failed run leaves one)`);
  const requirements = requirementsFile ? readFileSync(requirementsFile, 'utf8') : checkpoint!.requirements;
  if (requirements.trim() === '') return usage(`${requirementsFile} is empty: describe the backend first`);
  const mismatch = checkpoint && resumeMismatch(checkpoint, requirements);
  if (mismatch) return usage(mismatch);

  // The handlers go in before the folder is made: until then the default action of a signal would end
  // the process between making the folder and running, leaving an empty one behind.
  const interrupts = new Interrupts(err);
  let created: string | undefined;
  try {
    created = makeFolder(outDir);
  } catch (error) {
    interrupts.dispose();
    err(`strata generate: cannot create ${outDir}: ${describeFsError(error)}`);
    return 1;
  }
  const json = args.options.has('json');
  let summary: GenerateSummary;
  try {
    summary = await generateBackend({
      requirements,
      target,
      provider: choice.provider,
      settings: choice.settings,
      signal: interrupts.signal,
      resume: checkpoint,
      confirmOverwrite: () => args.options.has('force'),
      onEvent: (event) => {
        if (event.type === 'notice') err(`strata: ${event.message}`);
        if (event.type === 'backtrack') {
          err(`strata: ${event.from} needs a change only ${event.to} can make; going back to ${event.to} (${event.round} of ${event.limit}):`);
          for (const issue of event.issues.slice(0, 5)) err(`  ${event.from} ${issue.path ?? '$'}: ${issue.message}`);
          if (event.issues.length > 5) err(`  … and ${event.issues.length - 5} more`);
        }
        if (json) return;
        if (event.type === 'phase-started') err(`${event.phase}…`);
        if (event.type === 'phase-finished') {
          const { calls, attempts, inputTokens, outputTokens, durationMs } = event.totals;
          err(`${event.phase}: ${event.ok ? 'ok' : 'FAILED'}, ${calls} call(s), ${attempts} attempt(s), ${inputTokens + outputTokens} tokens, ${(durationMs / 1000).toFixed(1)} s model time, ${event.files.length} file(s)`);
        }
        if (event.type === 'writing') err(`writing ${event.files} file(s)…`);
      },
    });
  } catch (error) {
    err(`strata generate: ${error instanceof Error ? error.message : String(error)}`);
    removeIfEmpty(created);
    return 1;
  } finally {
    interrupts.finished();
  }
  // A run that changed nothing leaves no empty folder behind.
  const removedFolder = summary.outcome !== 'succeeded' && !summary.changed && removeIfEmpty(created);

  if (json) out(JSON.stringify(summary, null, 2));
  else {
    for (const issue of [...summary.issues, ...summary.diagnostics]) err(`${issue.severity} ${issue.file ?? issue.path ?? summary.stoppedAt ?? ''}${issue.range ? `:${issue.range.start.line + 1}:${issue.range.start.character + 1}` : ''}: ${issue.message}`);
    out(closingLine(summary, outDir, spec, removedFolder));
  }
  if (summary.outcome === 'cancelled') return interrupts.exitCode;
  return summary.outcome === 'succeeded' && summary.diagnostics.length === 0 ? 0 : 1;
}

/** One line that says exactly what happened to the folder. */
function closingLine(summary: GenerateSummary, outDir: string, spec: string, removedFolder: boolean): string {
  const reused = [
    summary.reused > 0 ? `${summary.reused} answer(s) reused from the checkpoint` : '',
    summary.backtracks > 0 ? `went back to an earlier phase ${summary.backtracks} time(s)` : '',
  ].filter(Boolean).map((part) => ` (${part})`).join('');
  if (summary.outcome === 'succeeded') {
    const late = summary.finishedDespiteCancel ? 'The interrupt came after the last file was in place, so the run finished: ' : '';
    const what = summary.changed ? `wrote ${summary.written} file(s)${summary.removed.length ? `, removed ${summary.removed.length}` : ''} in ${outDir}` : `nothing to change: ${outDir} already holds this backend`;
    return `${late}${what}; ${summary.totals.calls} model call(s), ${summary.totals.tokens} tokens${reused}. Next: cd ${outDir} && npm install && npm test`;
  }
  const where = summary.stoppedAt ? ` in ${summary.stoppedAt}` : '';
  const folder = removedFolder ? `${outDir} was new and has been removed` : summary.changed ? `${outDir} was changed: see above` : `nothing was changed in ${outDir}`;
  if (summary.outcome === 'cancelled') return `generation cancelled${where}: ${folder}`;
  const kept = summary.checkpoint
    ? `; the finished work is kept in ${outDir}/${summary.checkpoint}: continue with strata generate --resume --out ${outDir} --model ${spec}`
    : '';
  return `generation failed${where}: ${folder}${summary.checkpoint && !summary.changed ? ' (but its checkpoint)' : ''}${kept}`;
}

/** Creates the folder and any missing parents; returns the topmost one created, if any. */
function makeFolder(folder: string): string | undefined {
  let top: string | undefined;
  for (let dir = resolve(folder); !existsSync(dir); dir = dirname(dir)) top = dir;
  mkdirSync(folder, { recursive: true });
  return top;
}

/** Removes folders this command created when they are (still) empty; true when the requested one went. */
function removeIfEmpty(created: string | undefined): boolean {
  if (!created) return false;
  try {
    removeEmptyTree(created);
    return !existsSync(created);
  } catch {
    return false;
  }
}

function removeEmptyTree(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) return;
    removeEmptyTree(resolve(dir, entry.name));
  }
  if (readdirSync(dir).length === 0) rmdirSync(dir);
}
