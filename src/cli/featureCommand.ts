import { existsSync, readFileSync, statSync } from 'node:fs';
import { DEFAULT_SETTINGS, type DatabaseId } from '../core/config/settings';
import type { FeatureKind } from '../core/analyze/change';
import { type FeatureSummary, runFeatureStep } from '../core/incremental/featureStep';
import { undoLastFeature } from '../core/incremental/undo';
import { SCHEMA_DIR } from '../core/names/generated';
import { MODEL_SPEC_HELP, parseModelSpec } from '../core/model/modelSpec';
import type { RetryInfo } from '../core/model/retry';
import type { Resolution } from '../core/project/changeSet';
import { DiskProjectFiles, type ProjectFiles } from '../core/project/projectFiles';
import { RunLockedError } from '../core/project/runLock';
import type { ParsedArgs } from './args';
import { Interrupts } from './interrupts';
import { NETWORK_USAGE, networkOptions } from './networkOptions';

export const FEATURE_USAGE = `strata feature add|change|remove --project DIR --requirements FILE --model SPEC [--plan-only] [--force|--keep-mine]
    [--confirm-data-loss] [--default Model.field=VALUE]… [--backfill "Model.field=SQL"]… [--json]
strata feature undo --project DIR [--later-too] [--force|--keep-mine] [--json]
  Grows the finished backend in DIR by a feature (FILE says what to add, change or remove, in your words)
  without generating it anew: only the calls the change reaches are asked, only the files that render
  differently are written, with the step's record in DIR/.strata/features/, all in one step.
  --plan-only  print what the step would add, change and remove, and write nothing
  --force      a file edited by hand that the step must change, and cannot merge cleanly, takes the new version
  --keep-mine  such a file is left as you have it (without either, the step refuses and names the files)
  --confirm-data-loss  go ahead with a migration that drops tables or columns that hold data, or adds a unique
  --default    a value for existing rows of a column that becomes required (repeat for several)
  --backfill   an SQL expression that computes it from the row's other columns instead
  --later-too  (undo) also undo the runs made after the last step
  --model      ${MODEL_SPEC_HELP}
  --json       print the plan, the calls and tokens as JSON on stdout
${NETWORK_USAGE}
  Exit: 0 done, 1 failed or refused, 2 bad usage, 130/143 interrupted (nothing changed).`;

const KINDS: readonly string[] = ['add', 'change', 'remove'];

/** `strata feature`: the step "Strata: Add Feature…" runs, on a folder of the disk. */
export async function featureCommand(args: ParsedArgs, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const option = (name: string) => (typeof args.options.get(name) === 'string' ? (args.options.get(name) as string) : undefined);
  const [kind] = args.positional;
  const project = option('project');
  const usage = (message: string) => {
    err(`strata feature: ${message}\n${FEATURE_USAGE}`);
    return 2;
  };
  if (!project) return usage('--project DIR is required');
  if (!existsSync(project) || !statSync(project).isDirectory()) return usage(`--project ${project} is not a folder`);
  if (args.options.has('force') && args.options.has('keep-mine')) return usage('--force and --keep-mine exclude each other');
  const target = new DiskProjectFiles(project);
  const json = args.options.has('json');
  if (kind === 'undo') return undo(target, args, json, out, err);
  if (!kind || !KINDS.includes(kind)) return usage(`say what the step does: add, change, remove or undo (got ${kind ?? 'nothing'})`);

  const requirementsFile = option('requirements');
  const spec = option('model');
  if (!requirementsFile || !spec) return usage('--requirements and --model are required');
  if (!existsSync(requirementsFile) || !statSync(requirementsFile).isFile()) return usage(`no requirements file at ${requirementsFile}`);
  const request = readFileSync(requirementsFile, 'utf8');
  if (request.trim() === '') return usage(`${requirementsFile} is empty: say what the feature is`);
  const network = networkOptions(args.options);
  if (network.error) return usage(network.error);
  let choice;
  try {
    const onRetry = (info: RetryInfo) => err(`strata: ${info.reason}; trying again in ${(info.delayMs / 1000).toFixed(1)} s (attempt ${info.attempt} of ${info.of})`);
    const settings = { ...DEFAULT_SETTINGS, ...network.settings, database: await databaseOf(target) };
    choice = parseModelSpec(spec, settings, option('host'), process.env, onRetry);
  } catch (error) {
    return usage(error instanceof Error ? error.message : String(error));
  }

  const interrupts = new Interrupts(err);
  let summary: FeatureSummary;
  try {
    summary = await runFeatureStep({
      kind: kind as FeatureKind,
      request,
      target,
      provider: choice.provider,
      settings: choice.settings,
      signal: interrupts.signal,
      planOnly: args.options.has('plan-only'),
      data: { confirmLoss: args.options.has('confirm-data-loss'), defaults: pairs(args.all('default')), backfills: pairs(args.all('backfill')) },
      confirmOverwrite: args.options.has('force') ? () => true : args.options.has('keep-mine') ? (conflicts) => new Map<string, Resolution>(conflicts.map((file) => [file.path, 'current'])) : undefined,
      onEvent: (event) => {
        if (event.type === 'notice' && !event.message.startsWith('Waiting for your review')) err(`strata: ${event.message}`);
        if (json) return;
        if (event.type === 'phase-finished') {
          const { calls, inputTokens, outputTokens } = event.totals;
          err(`${event.phase}: ${event.ok ? 'ok' : 'FAILED'}, ${calls} call(s), ${inputTokens + outputTokens} tokens`);
        }
      },
    });
  } catch (error) {
    err(`strata feature: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    interrupts.finished();
  }
  if (json) out(JSON.stringify(summary, null, 2));
  else {
    for (const issue of [...summary.issues, ...summary.diagnostics]) err(`${issue.severity} ${issue.file ?? issue.path ?? summary.stoppedAt ?? ''}: ${issue.message}`);
    if (summary.plan) for (const line of describePlan(summary)) out(line);
    out(closingLine(summary, project));
  }
  if (summary.outcome === 'cancelled' && !summary.planned) return interrupts.exitCode;
  return (summary.outcome === 'succeeded' || summary.planned) && summary.diagnostics.length === 0 ? 0 : 1;
}

async function undo(target: ProjectFiles, args: ParsedArgs, json: boolean, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  let outcome;
  try {
    outcome = await undoLastFeature(target, { laterToo: args.options.has('later-too'), edited: args.options.has('force') ? true : args.options.has('keep-mine') ? false : undefined });
  } catch (error) {
    err(`strata feature undo: ${error instanceof RunLockedError || error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  if (json) out(JSON.stringify(outcome, null, 2));
  if (outcome.kind !== 'undone') {
    const hint = outcome.kind === 'later-runs' ? ' (--later-too)' : outcome.kind === 'conflicts' ? ' (--keep-mine or --force)' : '';
    err(`strata feature undo: ${outcome.message}${hint}`);
    return 1;
  }
  const result = outcome.result;
  if (result.outcome !== 'committed') {
    err(`strata feature undo: ${result.outcome === 'failed' ? `${result.reason}; nothing was changed` : 'cancelled; nothing was changed'}`);
    return 1;
  }
  if (!json) out(`undid step ${outcome.step}: ${result.restored.length} file(s) put back as before it${result.kept.length ? `; kept as you have them: ${result.kept.join(', ')}` : ''}`);
  return 0;
}

/** `Model.field=value` options as a map. */
function pairs(values: readonly string[]): Record<string, string> {
  return Object.fromEntries(values.flatMap((value) => {
    const at = value.indexOf('=');
    return at > 0 ? [[value.slice(0, at), value.slice(at + 1)]] : [];
  }));
}

/** The plan in lines: the files with + (new), ~ (changed), - (removed), then the calls. */
function describePlan(summary: FeatureSummary): string[] {
  const plan = summary.plan!;
  const merged = new Set(summary.merged);
  return [
    `step ${plan.step}: ${plan.added.length} new, ${plan.changed.length} changed, ${plan.removed.length} removed file(s)`,
    ...plan.added.map((path) => `  + ${path}`),
    ...plan.changed.map((path) => `  ~ ${path}${merged.has(path) ? ' (merged with your edits)' : ''}`),
    ...plan.removed.map((path) => `  - ${path}`),
    ...plan.migrations.map((path) => `  migration ${path} (applied by npm run db:deploy, which npm start runs)`),
    `model calls: ${plan.asked.length} asked (${plan.tokens} tokens), ${plan.kept.length} answered with their earlier answer`,
  ];
}

function closingLine(summary: FeatureSummary, project: string): string {
  const step = summary.plan?.step ?? 'the step';
  if (summary.planned) return `plan only: nothing was changed in ${project}`;
  if (summary.outcome === 'succeeded') {
    const kept = summary.kept.length ? `; kept as you have them: ${summary.kept.join(', ')}` : '';
    return `${step} applied in ${project}${kept}. Next: cd ${project} && npm install && npm test (undo: strata feature undo --project ${project})`;
  }
  const where = summary.stoppedAt ? ` in ${summary.stoppedAt}` : '';
  return `${step} ${summary.outcome === 'cancelled' ? 'cancelled' : 'failed'}${where}: nothing was changed in ${project}`;
}

/** The database the project was generated for, read off its schema (a step keeps it). */
async function databaseOf(files: ProjectFiles): Promise<DatabaseId> {
  for (const path of await files.list(SCHEMA_DIR)) {
    if (/provider\s*=\s*"postgresql"/.test((await files.read(path)) ?? '')) return 'postgresql';
  }
  return 'sqlite';
}
