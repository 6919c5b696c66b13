/**
 * bench:incremental — what growing a backend by feature steps costs, next to generating the grown backend
 * anew: for each step, the files it adds, changes and removes, its migrations, the model calls it asks and
 * keeps, its tokens, and their ratio to a full generation of the requirements the step ends with. The
 * scripted model answers (always right first time); tokens are Strata's estimates (~4 characters each).
 * "same calls in full" is what the full generation spends on the calls the step asked: the step's own
 * overhead (its earlier answers in the prompts, the delta calls) is the ratio to it.
 *   node out/test/bench/incrementalBench.js
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureKind } from '../../src/core/analyze/change';
import { generateBackend } from '../../src/core/backend/generate';
import { DEFAULT_SETTINGS } from '../../src/core/config/settings';
import { runFeatureStep } from '../../src/core/incremental/featureStep';
import { MemoryProjectFiles } from '../../src/core/project/projectFiles';
import { measuring } from '../fakes/measuringProvider';
import { ScriptedModel } from '../fakes/scriptedModel';
import { type FixtureApp, fixtureApp } from '../fixtures/fixtureApp';

const settings = { ...DEFAULT_SETTINGS, model: 'scripted' };

interface Step {
  kind: FeatureKind;
  /** The step's own answers and request (`feature.md`). */
  stepDir: string;
  /** The app the step ends as: its full generation is the comparison, its answers the rest of the step's. */
  result: FixtureApp;
}

/** Chains of steps, each from a reference app; a chain whose fixtures are missing is skipped. */
const CHAINS: { from: string; steps: { kind: FeatureKind; app: string; dir: string; result?: string }[] }[] = [
  {
    from: 'todo',
    steps: [
      { kind: 'add', app: 'todo-tags', dir: 'step' },
      { kind: 'add', app: 'todo-tags-comments', dir: 'step' },
      { kind: 'remove', app: 'todo-tags-comments', dir: 'remove', result: 'todo-tags' },
    ],
  },
  { from: 'clinic', steps: [{ kind: 'add', app: 'clinic-rooms', dir: 'step' }] },
  { from: 'ticketing', steps: [{ kind: 'add', app: 'ticketing-notices', dir: 'step' }] },
];

/** A full generation's tokens, in all and per call (`<agent>/<target>`). */
async function fullTokens(app: FixtureApp): Promise<{ total: number; byCall: Map<string, number> }> {
  const byCall = new Map<string, number>();
  const provider = measuring(new ScriptedModel(app.scripted), (request, usage) => {
    const key = `${request.purpose?.agent}/${request.purpose?.target}`;
    byCall.set(key, (byCall.get(key) ?? 0) + usage.inputTokens + usage.outputTokens);
  });
  const summary = await generateBackend({ requirements: readFileSync(app.requirements, 'utf8'), target: new MemoryProjectFiles(), provider, settings, format: false });
  if (summary.outcome !== 'succeeded') throw new Error(`full generation of ${app.dir} failed: ${summary.issues[0]?.message}`);
  return { total: summary.totals.tokens, byCall };
}

/** What a full generation spends on the calls a step asked (its two delta calls stand for Analyze's and Database's whole calls). */
function sameCalls(asked: readonly { agent: string; target: string }[], full: ReadonlyMap<string, number>): number {
  const whole: Record<string, string> = { 'analyze/change': 'analyze/requirements', 'database/data model change': 'database/data model' };
  return asked.reduce((sum, call) => {
    const key = `${call.agent}/${call.target}`;
    return sum + (full.get(whole[key] ?? key) ?? 0);
  }, 0);
}

async function main(): Promise<void> {
  const rows: string[][] = [['step', 'files +/~/-', 'migrations', 'calls asked/kept', 'step tokens', 'full generation', 'ratio', 'same calls in full', 'step/same']];
  for (const chain of CHAINS) {
    const steps: Step[] = chain.steps
      .filter((step) => existsSync(join(fixtureApp(step.app).dir, step.dir, 'feature.md')))
      .map((step) => ({ kind: step.kind, stepDir: join(fixtureApp(step.app).dir, step.dir), result: fixtureApp(step.result ?? step.app) }));
    if (steps.length === 0) continue;
    const base = fixtureApp(chain.from);
    const target = new MemoryProjectFiles();
    const generated = await generateBackend({ requirements: readFileSync(base.requirements, 'utf8'), target, provider: new ScriptedModel(base.scripted), settings, format: false });
    if (generated.outcome !== 'succeeded') throw new Error(`${chain.from} failed: ${generated.issues[0]?.message}`);
    rows.push([`${chain.from} (generated)`, `${generated.written}`, '1', `${generated.totals.calls}/0`, `${generated.totals.tokens}`, `${generated.totals.tokens}`, '1.00', '', '']);
    for (const step of steps) {
      const request = readFileSync(join(step.stepDir, 'feature.md'), 'utf8');
      const summary = await runFeatureStep({ kind: step.kind, request, target, provider: new ScriptedModel(`${step.stepDir},${step.result.scripted}`), settings, format: false, data: { confirmLoss: true } });
      if (summary.outcome !== 'succeeded' || !summary.plan) throw new Error(`step ${step.stepDir} failed: ${summary.issues[0]?.message}`);
      const plan = summary.plan;
      const full = await fullTokens(step.result);
      rows.push([
        `${step.kind} ${plan.step.replace(/^\d+-\w+-/, '').slice(0, 28)}… -> ${step.result.dir.split(/[\\/]/).pop()}`,
        `${plan.added.length}/${plan.changed.length}/${plan.removed.length}`,
        `${plan.migrations.length}`,
        `${plan.asked.length}/${plan.kept.length}`,
        `${plan.tokens}`,
        `${full.total}`,
        (plan.tokens / full.total).toFixed(2),
        `${sameCalls(plan.asked, full.byCall)}`,
        (plan.tokens / sameCalls(plan.asked, full.byCall)).toFixed(2),
      ]);
    }
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows) console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  '));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
