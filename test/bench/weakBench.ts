/**
 * bench:weak — the weak-model simulator (30% of first answers intact) over several random seeds per
 * reference app: each run must converge, and its backend must pass its own suite. A backend whose files
 * equal those of a seed already built and tested counts as passing by identity (the simulator repairs to
 * the scripted answers, so most seeds give the same files); any other is installed, built and tested.
 * Prints per app and seed: converged or not, attempts for calls, damaged first answers, the test result.
 *   node out/test/bench/weakBench.js [--app NAME] [--seeds N] [--seed FIRST] [--keep]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../src/core/config/settings';
import { generateBackend } from '../../src/core/backend/generate';
import { DiskProjectFiles } from '../../src/core/project/projectFiles';
import { installBuildTest, tail, testCounts, treeDigest } from '../backend/generatedProject';
import { ScriptedModel } from '../fakes/scriptedModel';
import { realizeCodePaths, WeakModel } from '../fakes/weakModel';
import { fixtureApp } from '../fixtures/fixtureApp';
import { REFERENCE_APPS } from './referenceApps';

interface Options {
  apps: string[];
  seeds: number;
  first: number;
  keep: boolean;
}

function parseOptions(argv: string[]): Options {
  // Seeds start anywhere: no run of this bench depends on one chosen seed.
  const options: Options = { apps: [...REFERENCE_APPS], seeds: 5, first: Math.floor(Math.random() * 1_000_000), keep: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--app') options.apps = [argv[++i] ?? ''];
    else if (arg === '--seeds') options.seeds = Number(argv[++i]);
    else if (arg === '--seed') options.first = Number(argv[++i]);
    else if (arg === '--keep') options.keep = true;
    else throw new Error(`unknown option ${arg}`);
  }
  for (const app of options.apps) if (!REFERENCE_APPS.includes(app)) throw new Error(`--app needs one of ${REFERENCE_APPS.join(', ')}, got ${app}`);
  if (!Number.isInteger(options.seeds) || options.seeds < 1) throw new Error('--seeds needs a whole number of at least 1');
  return options;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  console.log(`bench:weak: ${options.seeds} seeds per app from ${options.first}, 30% raw success`);
  const lines: string[] = [];
  let failures = 0;
  for (const app of options.apps) {
    const fixture = fixtureApp(app);
    const tested = new Map<string, string>();
    let passed = 0;
    for (let n = 0; n < options.seeds; n++) {
      const seed = options.first + n;
      const out = mkdtempSync(join(tmpdir(), `strata-weak-${app}-`));
      try {
        const weak = new WeakModel(new ScriptedModel(fixture.scripted), { rawSuccess: 0.3, seed, codePaths: realizeCodePaths });
        const summary = await generateBackend({
          requirements: readFileSync(fixture.requirements, 'utf8'),
          target: new DiskProjectFiles(out),
          provider: weak,
          settings: { ...DEFAULT_SETTINGS, model: 'scripted' },
        });
        const head = `${app} seed ${seed}: ${summary.outcome}, ${summary.totals.attempts} attempts for ${summary.totals.calls} calls, ${weak.stats.corruptedFirstAnswers}/${weak.stats.firstAnswers} first answers damaged`;
        if (summary.outcome !== 'succeeded' || summary.diagnostics.length > 0) {
          failures += 1;
          lines.push(`${head}; did not converge: ${summary.issues.map((issue) => issue.message).slice(0, 3).join('; ')}`);
          console.log(lines.at(-1));
          continue;
        }
        const digest = treeDigest(out);
        const same = tested.get(digest);
        if (same) {
          passed += 1;
          lines.push(`${head}; the same files as ${same}, which passed`);
          console.log(lines.at(-1));
          continue;
        }
        const result = await installBuildTest(out);
        const counts = testCounts(result.test.output);
        if (result.test.code !== 0) {
          failures += 1;
          lines.push(`${head}; its suite failed (${counts.pass} passed, ${counts.fail} failed):\n${tail(result.install.code ? result.install.output : result.build.code ? result.build.output : result.test.output, 30)}`);
        } else {
          passed += 1;
          tested.set(digest, `seed ${seed}`);
          lines.push(`${head}; built and tested: ${counts.pass} passed, 0 failed`);
        }
        console.log(lines.at(-1));
      } finally {
        if (options.keep) console.log(`  kept ${out}`);
        else rmSync(out, { recursive: true, force: true });
      }
    }
    lines.push(`weak ${app}: ${passed}/${options.seeds} seeds converged and passed their tests`);
    console.log(lines.at(-1));
  }
  process.exitCode = failures > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
});

