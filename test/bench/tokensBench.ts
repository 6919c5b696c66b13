/**
 * bench:tokens — what generating the reference todo app costs in model calls and tokens, per phase,
 * with the scripted model (a model that is always right first time) and with the weak-model
 * simulator at 30% raw success (every retry paid for), next to the published totals for a todo app;
 * then, for every reference app, the total and the largest window one request needs (its prompt plus
 * its answer, retries included: a model with a smaller context cannot finish that request), overall and
 * per phase, each phase's marked when it is over the 8,192 tokens of Ollama's common default context.
 * Tokens are Strata's estimates (the scripted model has no tokenizer): ~4 characters per token.
 *   node out/test/bench/tokensBench.js [--seeds N]
 */
import { DEFAULT_SETTINGS } from '../../src/core/config/settings';
import type { ModelProvider } from '../../src/core/model/chat';
import { SMALL_MODEL_WINDOW } from '../../src/core/model/contextWindow';
import { generateBackend, type GenerateSummary } from '../../src/core/backend/generate';
import { MemoryProjectFiles } from '../../src/core/project/projectFiles';
import { TODO_REQUIREMENTS, TODO_SCRIPTED } from '../fixtures/todo/fixtures';
import { readFileSync } from 'node:fs';
import { measuring } from '../fakes/measuringProvider';
import { ScriptedModel } from '../fakes/scriptedModel';
import { fixtureApp } from '../fixtures/fixtureApp';
import { realizeCodePaths, WeakModel } from '../fakes/weakModel';

const seedsIndex = process.argv.indexOf('--seeds');
const SEEDS = seedsIndex > 0 ? Number(process.argv[seedsIndex + 1]) : 5;
const PUBLISHED = [
  { label: 'published, gpt-4.1 (15 operations)', tokens: 9_500_000 },
  { label: 'published, gpt-5.4 (22 operations)', tokens: 21_000_000 },
];

const APPS = ['todo', 'blog', 'clinic', 'ticketing', 'timesheet'];

/** The largest window a request of the run needed: its prompt and its answer, as the provider counted them. */
interface Window {
  target: string;
  prompt: number;
  answer: number;
}

/** The largest window of the run, and of each phase (agent). */
interface Largest {
  window?: Window;
  byPhase: Map<string, Window>;
}

/** Passes every request on and keeps the largest prompt + answer seen, overall and per phase. */
function measuringLargest(inner: ModelProvider, largest: Largest): ModelProvider {
  const bigger = (window: Window, than: Window | undefined) => !than || window.prompt + window.answer > than.prompt + than.answer;
  return measuring(inner, (request, { inputTokens: prompt, outputTokens: answer }) => {
    const agent = request.purpose?.agent ?? '?';
    const window = { target: `${agent}/${request.purpose?.target}`, prompt, answer };
    if (bigger(window, largest.window)) largest.window = window;
    if (bigger(window, largest.byPhase.get(agent))) largest.byPhase.set(agent, window);
  });
}


async function generate(provider: ModelProvider, requirementsFile = TODO_REQUIREMENTS): Promise<GenerateSummary> {
  const summary = await generateBackend({
    requirements: readFileSync(requirementsFile, 'utf8'),
    target: new MemoryProjectFiles(),
    provider,
    settings: { ...DEFAULT_SETTINGS, model: 'scripted' },
  });
  if (summary.outcome !== 'succeeded') throw new Error(`generation ${summary.outcome} in ${summary.stoppedAt}: ${summary.issues.map((issue) => issue.message).join('; ')}`);
  return summary;
}

const pad = (value: string | number, width: number) => String(value).padStart(width);
const tokens = (value: number) => value.toLocaleString('en-US');

function table(title: string, runs: GenerateSummary[]): void {
  const mean = (pick: (summary: GenerateSummary) => number) => runs.reduce((sum, run) => sum + pick(run), 0) / runs.length;
  console.log(`\n${title}${runs.length > 1 ? ` (mean of ${runs.length} seeds)` : ''}`);
  console.log(`  ${'phase'.padEnd(10)}${pad('calls', 7)}${pad('attempts', 10)}${pad('input', 10)}${pad('output', 10)}${pad('tokens', 10)}`);
  for (const phase of runs[0]!.phases.map((figures) => figures.phase)) {
    const of = (run: GenerateSummary) => run.phases.find((figures) => figures.phase === phase)!;
    console.log(
      `  ${phase.padEnd(10)}${pad(mean((run) => of(run).calls).toFixed(1), 7)}${pad(mean((run) => of(run).attempts).toFixed(1), 10)}` +
        `${pad(tokens(Math.round(mean((run) => of(run).inputTokens))), 10)}${pad(tokens(Math.round(mean((run) => of(run).outputTokens))), 10)}${pad(tokens(Math.round(mean((run) => of(run).tokens))), 10)}`,
    );
  }
  console.log(`  ${'total'.padEnd(10)}${pad(mean((run) => run.totals.calls).toFixed(1), 7)}${pad(mean((run) => run.totals.attempts).toFixed(1), 10)}${pad('', 20)}${pad(tokens(Math.round(mean((run) => run.totals.tokens))), 10)}`);
}

async function main(): Promise<void> {
  const operations = fixtureApp('todo').api().operations.length;
  console.log(`bench:tokens: the todo app (${operations} operations + sign-up/login), tokens estimated at ~4 characters per token`);
  const scripted = await generate(new ScriptedModel(TODO_SCRIPTED));
  table('scripted model (right first time)', [scripted]);
  const weak: GenerateSummary[] = [];
  for (let seed = 1; seed <= SEEDS; seed++) {
    weak.push(await generate(new WeakModel(new ScriptedModel(TODO_SCRIPTED), { rawSuccess: 0.3, seed, codePaths: realizeCodePaths })));
  }
  table('weak-model simulator, 30% raw success', weak);
  const weakMean = weak.reduce((sum, run) => sum + run.totals.tokens, 0) / weak.length;
  console.log('\ncompared with the published totals for a todo app');
  for (const { label, tokens: published } of PUBLISHED) {
    console.log(`  ${label.padEnd(38)}${pad(tokens(published), 12)}   scripted ${(published / scripted.totals.tokens).toFixed(0)}x more, weak-30% ${(published / weakMean).toFixed(0)}x more`);
  }

  console.log('\nevery reference app: scripted model, and the weak-model simulator at 30% (seed 1), retries included');
  for (const app of APPS) {
    const fixture = fixtureApp(app);
    for (const [kind, provider] of [
      ['scripted', new ScriptedModel(fixture.scripted)],
      ['weak-30%', new WeakModel(new ScriptedModel(fixture.scripted), { rawSuccess: 0.3, seed: 1, codePaths: realizeCodePaths })],
    ] as const) {
      const largest: Largest = { byPhase: new Map() };
      const summary = await generate(measuringLargest(provider, largest), fixture.requirements);
      const window = largest.window!;
      const size = (of: Window) => `${tokens(of.prompt + of.answer)} tokens (prompt ${tokens(of.prompt)} + answer ${tokens(of.answer)})`;
      console.log(`  ${app.padEnd(10)} ${kind.padEnd(9)} ${pad(summary.totals.calls, 4)} calls ${pad(summary.totals.attempts, 4)} attempts ${pad(tokens(summary.totals.tokens), 10)} tokens`);
      console.log(`  largest window ${app} (${kind}): ${size(window)}, ${window.target}`);
      for (const [phase, of] of largest.byPhase) {
        const over = of.prompt + of.answer > SMALL_MODEL_WINDOW ? `  over ${tokens(SMALL_MODEL_WINDOW)}` : '';
        console.log(`    ${phase.padEnd(10)} largest window ${size(of)}, ${of.target}${over}`);
      }
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
