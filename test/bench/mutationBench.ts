/**
 * bench:mutation — how strong the generated E2E suites are: each reference app is generated once
 * (scripted model), installed once, built and tested unmutated (it must pass), then each of its
 * business-rule mutations (test/fixtures/<app>/mutations.json) is applied alone, the project built
 * and its suite run (file by file, the mutated module's first, up to the first failing file). A mutation
 * is killed when the suite fails, survived when it passes, and counted
 * apart when the mutated project does not compile. Prints killed/total per app and the survivors.
 *   node out/test/bench/mutationBench.js [--app todo|blog|clinic|ticketing|timesheet] [--keep] [--timeout SECONDS]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OPENAPI_DRIFT } from '../../src/core/target/nest-prisma/project/openapiCheck';
import { generateWithCli, REPO_ROOT, tail, testCounts } from '../backend/generatedProject';
import { fixtureApp } from '../fixtures/fixtureApp';
import { applyMutation, loadMutations, MUTATION_APPS, type Mutation, type MutationApp, staleReason } from './mutations';

interface Options {
  apps: MutationApp[];
  /** Only these mutation ids (re-measuring survivors after the suite grew). */
  only?: Set<string>;
  keep: boolean;
  /** Seconds one `npm run build` or `npm test` may take before its process group is killed. */
  timeout: number;
}

type Outcome = 'killed' | 'survived' | 'did not compile';

interface Result {
  mutation: Mutation;
  outcome: Outcome;
  seconds: number;
  /** Killed: the first failing test, or "timed out". Did not compile: the first compiler error. */
  detail: string;
}

interface AppReport {
  app: MutationApp;
  tests: number;
  results: Result[];
  seconds: number;
}

interface Run {
  code: number;
  output: string;
  timedOut: boolean;
  seconds: number;
}

class BenchStop extends Error {}

function parseOptions(argv: string[]): Options {
  const options: Options = { apps: [...MUTATION_APPS], keep: false, timeout: 120 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--keep') options.keep = true;
    else if (arg === '--app') {
      const app = argv[++i];
      if (!MUTATION_APPS.includes(app as MutationApp)) throw new BenchStop(`--app needs one of ${MUTATION_APPS.join(', ')}, got ${app ?? 'nothing'}`);
      options.apps = [app as MutationApp];
    } else if (arg === '--only') {
      options.only = new Set((argv[++i] ?? '').split(',').filter(Boolean));
    } else if (arg === '--timeout') {
      const seconds = Number(argv[++i]);
      if (!(seconds > 0)) throw new BenchStop(`--timeout needs a number of seconds, got ${argv[i] ?? 'nothing'}`);
      options.timeout = seconds;
    } else throw new BenchStop(`unknown argument ${arg}; usage: mutationBench [--app ${MUTATION_APPS.join('|')}] [--only ID,ID] [--keep] [--timeout SECONDS]`);
  }
  return options;
}

/** The npm command running now, so an interrupt can end its whole process group. */
let running: ChildProcess | undefined;

function killGroup(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // The group is gone already.
  }
}

/**
 * `npm ARGS` in `dir` as its own process group; after `timeout` seconds the group is killed. Once npm
 * exits the group is killed too, so no server a test left behind outlives its run.
 */
function npm(dir: string, args: string[], timeout: number): Promise<Run> {
  return run('npm', args, dir, timeout);
}

/**
 * The generated suite's files, the mutated module's own first: a mutation is killed by the first file
 * that fails, so the likeliest one runs first and the rest only while all pass (a survivor has run them all).
 */
function testFilesFor(dir: string, mutation: Mutation): string[] {
  const folder = join(dir, 'dist', 'test');
  const files = readdirSync(folder).filter((name) => name.endsWith('.test.js')).sort();
  const module = /^src\/([^/]+)\//.exec(mutation.file)?.[1];
  const own = files.filter((name) => name === `${module}.e2e.test.js`);
  return [...own, ...files.filter((name) => !own.includes(name))].map((name) => join('dist', 'test', name));
}

/** Runs the suite file by file (in `testFilesFor` order), stopping at the first failing file. */
async function testUntilFailure(dir: string, mutation: Mutation, timeout: number): Promise<Run> {
  let output = '';
  const started = Date.now();
  for (const file of testFilesFor(dir, mutation)) {
    const left = timeout - (Date.now() - started) / 1000;
    const result = await run(process.execPath, ['--test', '--test-reporter=spec', file], dir, Math.max(left, 1));
    output += result.output;
    if (result.code !== 0 || result.timedOut) return { ...result, output, seconds: (Date.now() - started) / 1000 };
  }
  return { code: 0, output, timedOut: false, seconds: (Date.now() - started) / 1000 };
}

function run(command: string, args: string[], dir: string, timeout: number): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: dir, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    running = child;
    let output = '';
    let timedOut = false;
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, timeout * 1000);
    child.once('exit', () => killGroup(child));
    child.once('error', (error) => (output += `\n${error.message}`));
    child.once('close', (code) => {
      clearTimeout(timer);
      running = undefined;
      resolve({ code: code ?? 1, output, timedOut, seconds: (Date.now() - started) / 1000 });
    });
  });
}

/** Names of the failing tests in node --test's spec output (`✖ name (12.3ms)`), first failure first. */
function failingTests(output: string): string[] {
  const names = new Set<string>();
  for (const match of output.matchAll(/^\s*✖ (.+?) \(\d[\d.]*m?s\)/gm)) names.add(match[1]!);
  return [...names];
}

/** The first TypeScript or Prisma error of a failed build. */
function firstBuildError(output: string): string {
  const line = output.split('\n').find((text) => /error TS\d+|Error:|error:/.test(text));
  return (line ?? tail(output, 1)).trim().slice(0, 200);
}

const seconds = (value: number) => (value < 60 ? `${value.toFixed(1)} s` : `${Math.floor(value / 60)} min ${Math.round(value % 60)} s`);

/** The folders made so far and the file a mutation changed, for the interrupt handler. */
const made: string[] = [];
let mutated: { path: string; original: string } | undefined;
let keepFolders = false;

function cleanUp(): void {
  if (mutated) writeFileSync(mutated.path, mutated.original);
  mutated = undefined;
  if (!keepFolders) for (const dir of made) rmSync(dir, { recursive: true, force: true });
}

async function benchApp(app: MutationApp, options: Options): Promise<AppReport> {
  const started = Date.now();
  const mutations = loadMutations(app).filter((mutation) => !options.only || options.only.has(mutation.id));
  const fixture = fixtureApp(app);
  const dir = mkdtempSync(join(tmpdir(), `strata-mutation-${app}-`));
  made.push(dir);
  console.log(`\n${app}: ${mutations.length} mutations; generating into ${dir}`);
  await generateWithCli(fixture.requirements, fixture.scripted, dir);

  const originals = new Map<string, string>();
  const stale: string[] = [];
  for (const mutation of mutations) {
    const path = join(dir, mutation.file);
    if (!originals.has(mutation.file) && existsSync(path)) originals.set(mutation.file, readFileSync(path, 'utf8'));
    const reason = staleReason(app, mutation, originals.get(mutation.file));
    if (reason) stale.push(reason);
  }
  if (stale.length) throw new BenchStop(`${stale.join('\n')}\nupdate test/fixtures/${app}/mutations.json to the generated code`);

  const install = await npm(dir, ['install', '--no-audit', '--no-fund'], Math.max(options.timeout, 600));
  if (install.code !== 0) throw new BenchStop(`${app}: npm install failed${install.timedOut ? ' (timed out)' : ''}:\n${tail(install.output)}`);
  console.log(`${app}: npm install ${seconds(install.seconds)}`);
  const build = await npm(dir, ['run', 'build'], options.timeout);
  if (build.code !== 0) throw new BenchStop(`${app}: the unmutated backend does not build${build.timedOut ? ' (timed out)' : ''}:\n${tail(build.output)}`);
  // `npm test` would build again first (pretest); the build just ran, so the pre-script is skipped.
  const baseline = await npm(dir, ['test', '--ignore-scripts'], options.timeout);
  const counts = testCounts(baseline.output);
  if (baseline.code !== 0 || counts.fail !== 0 || !(counts.pass > 0)) {
    throw new BenchStop(`${app}: the unmutated backend does not pass its own suite${baseline.timedOut ? ' (timed out)' : ''}:\n${tail(baseline.output, 80)}`);
  }
  console.log(`${app}: unmutated build ${seconds(build.seconds)}, ${counts.pass} tests pass in ${seconds(baseline.seconds)}`);

  const results: Result[] = [];
  for (const [index, mutation] of mutations.entries()) {
    const path = join(dir, mutation.file);
    const original = originals.get(mutation.file)!;
    mutated = { path, original };
    writeFileSync(path, applyMutation(original, mutation));
    const mutationStarted = Date.now();
    let result: Omit<Result, 'seconds'>;
    try {
      const built = await npm(dir, ['run', 'build'], options.timeout);
      // The project's own build refuses code that openapi.json no longer describes (scripts/check-openapi.mjs): a kill.
      const at = built.output.indexOf(OPENAPI_DRIFT);
      const drift = built.code !== 0 && at >= 0 ? /^- (.*)$/m.exec(built.output.slice(at)) : null;
      if (drift) {
        result = { mutation, outcome: 'killed', detail: `the build's OpenAPI check: ${drift[1]}` };
      } else if (built.code !== 0) {
        result = { mutation, outcome: 'did not compile', detail: built.timedOut ? 'build timed out' : firstBuildError(built.output) };
      } else {
        const tested = await testUntilFailure(dir, mutation, options.timeout);
        if (tested.timedOut) result = { mutation, outcome: 'killed', detail: `timed out after ${options.timeout} s` };
        else if (tested.code !== 0) result = { mutation, outcome: 'killed', detail: failingTests(tested.output)[0] ?? `npm test exited with ${tested.code}` };
        else result = { mutation, outcome: 'survived', detail: '' };
      }
    } finally {
      writeFileSync(path, original);
      mutated = undefined;
    }
    const took = (Date.now() - mutationStarted) / 1000;
    results.push({ ...result, seconds: took });
    const detail = result.outcome === 'killed' ? ` by "${result.detail}"` : result.outcome === 'did not compile' ? `: ${result.detail}` : '';
    console.log(`  [${app} ${index + 1}/${mutations.length}] ${mutation.id}: ${result.outcome}${detail} (${seconds(took)})`);
  }
  if (options.keep) await npm(dir, ['run', 'build'], options.timeout); // leave the kept folder built as generated
  return { app, tests: counts.pass, results, seconds: (Date.now() - started) / 1000 };
}

function printReport(reports: AppReport[], totalSeconds: number): void {
  console.log('\nbench:mutation: business-rule mutations killed by the generated E2E suites');
  for (const { app, tests, results, seconds: took } of reports) {
    const count = (outcome: Outcome) => results.filter((result) => result.outcome === outcome);
    const killed = count('killed');
    const survived = count('survived');
    const uncompiled = count('did not compile');
    const compiled = results.length - uncompiled.length;
    const score = compiled ? ` (${Math.round((100 * killed.length) / compiled)}%)` : '';
    console.log(
      `\n${app}: ${killed.length}/${compiled} killed${score} by its ${tests} tests; ${survived.length} survived` +
        `${uncompiled.length ? `; ${uncompiled.length} did not compile (not counted)` : ''}; ${seconds(took)}`,
    );
    if (survived.length) {
      console.log('  survivors:');
      for (const { mutation } of survived) console.log(`    ${mutation.id} (${mutation.file}): ${mutation.description}`);
    }
    if (uncompiled.length) {
      console.log('  did not compile:');
      for (const { mutation, detail } of uncompiled) console.log(`    ${mutation.id}: ${detail}`);
    }
  }
  console.log(`\ntotal time ${seconds(totalSeconds)}`);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  keepFolders = options.keep;
  if (!existsSync(join(REPO_ROOT, 'dist', 'cli.js'))) throw new BenchStop('dist/cli.js is missing: run npm run build first');
  const interrupted = () => {
    if (running) killGroup(running);
    cleanUp();
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const started = Date.now();
  const reports: AppReport[] = [];
  try {
    for (const app of options.apps) reports.push(await benchApp(app, options));
  } finally {
    cleanUp();
    if (options.keep) console.log(`\nkept: ${made.join(', ')}`);
  }
  printReport(reports, (Date.now() - started) / 1000);
}

main().catch((error: unknown) => {
  console.error(error instanceof BenchStop ? `bench:mutation stopped: ${error.message}` : error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
