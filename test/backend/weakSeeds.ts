import { readFileSync } from 'node:fs';
import { DEFAULT_SETTINGS } from '../../src/core/config/settings';
import { generateBackend, type GenerateSummary } from '../../src/core/backend/generate';
import { MemoryProjectFiles } from '../../src/core/project/projectFiles';
import { ScriptedModel } from '../fakes/scriptedModel';
import { realizeCodePaths, WeakModel } from '../fakes/weakModel';
import type { FixtureApp } from '../fixtures/fixtureApp';

/** How many seeds the backend stage runs the realistic simulator on per app. */
export const WEAK_SEEDS = 5;

/** Seeds drawn afresh for each run (never chosen ones), or those of STRATA_WEAK_SEEDS (`1,2,3`) to replay a run. */
export function weakSeeds(count = WEAK_SEEDS): number[] {
  const given = process.env.STRATA_WEAK_SEEDS ?? process.env.STRATA_WEAK_SEED;
  if (given) return given.split(',').map((seed) => Number(seed.trim()));
  return Array.from({ length: count }, () => Math.floor(Math.random() * 1_000_000));
}

export interface WeakRun {
  seed: number;
  summary: GenerateSummary;
  /** The files the run wrote (in memory). */
  files: Map<string, string>;
  stats: WeakModel['stats'];
  converged: boolean;
}

/**
 * The app generated with the realistic weak-model simulator (30% of first answers intact, partial repairs,
 * regressions, cut-offs, prose, wrapped calls, whole answers to partial retries, misnamed parts) on one
 * seed, in memory: generation without npm install or build is cheap.
 */
export async function weakRun(fixture: FixtureApp, seed: number): Promise<WeakRun> {
  const weak = new WeakModel(new ScriptedModel(fixture.scripted), { rawSuccess: 0.3, seed, codePaths: realizeCodePaths, realistic: true });
  const target = new MemoryProjectFiles();
  const summary = await generateBackend({ requirements: readFileSync(fixture.requirements, 'utf8'), target, provider: weak, settings: { ...DEFAULT_SETTINGS, model: 'scripted' } });
  return { seed, summary, files: target.files, stats: weak.stats, converged: summary.outcome === 'succeeded' && summary.diagnostics.length === 0 };
}

/** The spread over the seeds: converged or not, attempts min/median/max (converged runs), one line per seed. */
export function spread(app: string, runs: readonly WeakRun[]): string[] {
  const attempts = runs.filter((run) => run.converged).map((run) => run.summary.totals.attempts).sort((a, b) => a - b);
  const median = attempts.length ? (attempts.length % 2 ? attempts[(attempts.length - 1) / 2]! : (attempts[attempts.length / 2 - 1]! + attempts[attempts.length / 2]!) / 2) : NaN;
  return [
    `${app} weak-model spread: ${attempts.length}/${runs.length} seeds converged; attempts min ${attempts[0] ?? '-'} / median ${median} / max ${attempts.at(-1) ?? '-'} for ${runs[0]?.summary.totals.calls ?? 0} calls`,
    ...runs.map((run) => {
      const { stats, summary } = run;
      const how = run.converged ? 'converged' : `did not converge (${summary.outcome}${summary.stoppedAt ? ` in ${summary.stoppedAt}` : ''}: ${summary.issues.slice(0, 1).map((issue) => `${issue.path ?? ''} ${issue.message}`).join('')}${summary.diagnostics.length ? `${summary.diagnostics.length} diagnostics` : ''})`;
      return `  seed ${run.seed}: ${how}, ${summary.totals.attempts} attempts for ${summary.totals.calls} calls, ${stats.corruptedFirstAnswers}/${stats.firstAnswers} first answers damaged, ${stats.truncated} cut off, ${stats.prose} prose, ${stats.wholeReplies} whole answers and ${stats.misaddressed} misnamed parts to partial retries`;
    }),
  ];
}
