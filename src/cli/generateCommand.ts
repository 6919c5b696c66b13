import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { DEFAULT_SETTINGS, type DatabaseId } from '../core/config/settings';
import { generateBackend, type GenerateSummary } from '../core/pipeline/generate';
import { MODEL_SPEC_HELP, parseModelSpec } from '../core/model/modelSpec';
import { DiskProjectFiles } from '../core/project/projectFiles';
import type { ParsedArgs } from './args';

export const GENERATE_USAGE = `strata generate --requirements FILE --out DIR --model SPEC [--database sqlite|postgresql] [--host URL] [--force] [--json]
  Runs the five phases on the requirements and writes the backend into DIR (created when missing).
  --force     overwrite files in DIR that Strata did not write or that were edited by hand
  --model     ${MODEL_SPEC_HELP}
  --host      Ollama host or OpenAI-compatible base URL (else OLLAMA_HOST / STRATA_OPENAI_BASE_URL)
  --json      print a machine-readable summary (per-phase calls and tokens) on stdout
  Exit: 0 done, 1 failed or compiler errors left in the written files, 2 bad usage, 130 interrupted.`;

/** `strata generate`: the same pipeline "Strata: New Backend…" runs, on a folder of the disk. */
export async function generateCommand(args: ParsedArgs, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const option = (name: string) => (typeof args.options.get(name) === 'string' ? (args.options.get(name) as string) : undefined);
  const requirementsFile = option('requirements');
  const outDir = option('out');
  const spec = option('model');
  const database = option('database') ?? DEFAULT_SETTINGS.database;
  const usage = (message: string) => {
    err(`strata generate: ${message}\n${GENERATE_USAGE}`);
    return 2;
  };
  if (!requirementsFile || !outDir || !spec) return usage('--requirements, --out and --model are required');
  if (!existsSync(requirementsFile) || !statSync(requirementsFile).isFile()) return usage(`no requirements file at ${requirementsFile}`);
  if (existsSync(outDir) && !statSync(outDir).isDirectory()) return usage(`--out ${outDir} is a file, not a folder`);
  const requirements = readFileSync(requirementsFile, 'utf8');
  if (requirements.trim() === '') return usage(`${requirementsFile} is empty: describe the backend first`);
  if (database !== 'sqlite' && database !== 'postgresql') return usage(`--database must be sqlite or postgresql, got "${database}"`);
  let choice;
  try {
    choice = parseModelSpec(spec, { ...DEFAULT_SETTINGS, database: database as DatabaseId }, option('host'));
  } catch (error) {
    return usage(error instanceof Error ? error.message : String(error));
  }

  mkdirSync(outDir, { recursive: true });
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  const json = args.options.has('json');
  let summary: GenerateSummary;
  try {
    summary = await generateBackend({
      requirements,
      target: new DiskProjectFiles(outDir),
      provider: choice.provider,
      settings: choice.settings,
      signal: controller.signal,
      confirmOverwrite: () => args.options.has('force'),
      onEvent: (event) => {
        if (json) return;
        if (event.type === 'phase-started') err(`${event.phase}…`);
        if (event.type === 'phase-finished') {
          const { calls, attempts, inputTokens, outputTokens, durationMs } = event.totals;
          err(`${event.phase}: ${event.ok ? 'ok' : 'FAILED'}, ${calls} call(s), ${attempts} attempt(s), ${inputTokens + outputTokens} tokens, ${(durationMs / 1000).toFixed(1)} s model time, ${event.files.length} file(s)`);
        }
      },
    });
  } finally {
    process.removeListener('SIGINT', interrupt);
  }

  if (json) out(JSON.stringify(summary, null, 2));
  else {
    for (const issue of [...summary.issues, ...summary.diagnostics]) err(`${issue.severity} ${issue.file ?? issue.path ?? summary.stoppedAt ?? ''}${issue.range ? `:${issue.range.start.line + 1}:${issue.range.start.character + 1}` : ''}: ${issue.message}`);
    if (summary.outcome === 'succeeded') out(`wrote ${summary.written} file(s) to ${outDir}; ${summary.totals.calls} model call(s), ${summary.totals.tokens} tokens. Next: cd ${outDir} && npm install && npm test`);
    else out(`generation ${summary.outcome}${summary.stoppedAt ? ` in ${summary.stoppedAt}` : ''}: nothing was written to ${outDir}`);
  }
  if (summary.outcome === 'cancelled') return 130;
  return summary.outcome === 'succeeded' && summary.diagnostics.length === 0 ? 0 : 1;
}
