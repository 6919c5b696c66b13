import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../src/core/config/settings';
import { CHECKPOINT_DIR } from '../../src/core/pipeline/checkpoint';
import { generateBackend } from '../../src/core/backend/generate';
import { DiskProjectFiles } from '../../src/core/project/projectFiles';
import { RUN_LOCK } from '../../src/core/project/runLock';
import { type FileChanges, TRANSACTION_DIR } from '../../src/core/project/transaction';
import { FaultyFileSystem } from '../fakes/faultyFileSystem';
import { ScriptedModel } from '../fakes/scriptedModel';
import { cleanup, copyTree, firstDifference, FIXTURES, generateArgs, lastLines, random, runCli, sameState, scratch, stateOf, withTmpfs } from './harness';

/** Appears when the files are staged and applying begins. */
const JOURNAL = `${TRANSACTION_DIR}/journal.json`;

/**
 * The folder-level fault scenarios: every one runs the real `strata generate` (or its transaction) and
 * compares the target folder with what it held before and with what a complete run leaves.
 */
export interface Count {
  name: string;
  runs: number;
  /** Runs that ended as the scenario allows (cancelled and unchanged, or finished and complete). */
  ok: number;
  /** What the scenario promises never happens, each with the run that broke it. */
  violations: string[];
  /** Scenario-specific figures, printed as they are. */
  figures: Record<string, number | string>;
}

/** A finished todo project, the blog generated over it, and the todo made into a new folder: the states runs are compared with. */
export interface Templates {
  dir: string;
  todo: string;
  todoState: Record<string, string> | null;
  blogOverTodo: Record<string, string> | null;
  /** How long an uninterrupted run takes, and how long its files take to write. */
  runMs: { todo: number; blog: number };
}

export async function makeTemplates(): Promise<Templates> {
  const dir = scratch('templates');
  const todo = join(dir, 'todo');
  const first = await runCli(generateArgs('todo', todo));
  if (first.code !== 0) throw new Error(`the todo template did not generate: ${first.stderr}`);
  const over = join(dir, 'blog-over-todo');
  copyTree(todo, over);
  const second = await runCli(generateArgs('blog', over));
  if (second.code !== 0) throw new Error(`the blog did not generate over the todo: ${second.stderr}`);
  return { dir, todo, todoState: stateOf(todo), blogOverTodo: stateOf(over), runMs: { todo: first.ms, blog: second.ms } };
}

const leftover = (state: Record<string, string> | null) => Object.keys(state ?? {}).filter((path) => path.startsWith(`${TRANSACTION_DIR}/`) || path === RUN_LOCK);

/**
 * Ctrl-C at random moments: half anywhere in the run, half while its files are being written (once the
 * staging folder appears). A run that exits interrupted must leave the folder exactly as it was (a new
 * folder gone again); one that says it finished must leave it complete. Alternates a new folder (todo)
 * and an existing project (the blog over the todo: files created, replaced and deleted).
 */
export async function interrupts(templates: Templates, count: number, seed: number): Promise<Count> {
  const rng = random(seed);
  const work = scratch('interrupts');
  const result: Count = { name: 'interrupts (SIGINT, some SIGTERM)', runs: count, ok: 0, violations: [], figures: { seed, cancelled: 0, finished: 0, 'killed at start-up': 0, 'killed at exit, complete': 0, 'while staging': 0, 'while applying': 0, 'changed by a cancelled run': 0, 'incomplete after finishing': 0 } };
  const figure = (name: string) => (result.figures[name] = (result.figures[name] as number) + 1);
  try {
    for (let run = 0; run < count; run++) {
      const existing = run % 2 === 1;
      const folder = join(work, `run-${run}`);
      if (existing) copyTree(templates.todo, folder);
      const before = stateOf(folder);
      const complete = existing ? templates.blogOverTodo : templates.todoState;
      // Half anywhere in the run; a quarter while the files are staged, a quarter while they are applied.
      const moment = rng();
      const whileWriting = moment >= 0.5;
      const marker = moment >= 0.75 ? JOURNAL : TRANSACTION_DIR;
      const delay = rng() * (existing ? templates.runMs.blog : templates.runMs.todo);
      const writeDelay = rng() * (marker === JOURNAL ? 10 : 40);
      // Mostly Ctrl-C; now and then a SIGTERM, as a service manager or `timeout` sends.
      const signal: NodeJS.Signals = rng() < 0.2 ? 'SIGTERM' : 'SIGINT';
      const outcome = await runCli(generateArgs(existing ? 'blog' : 'todo', folder), {
        onSpawn: (child) => {
          if (!whileWriting) return void setTimeout(() => child.kill(signal), delay);
          // Poll for the staging folder: the moment the run starts writing.
          const poll = () => {
            if (child.exitCode !== null || child.signalCode !== null) return;
            if (existsSync(join(folder, marker))) return void setTimeout(() => child.kill(signal), writeDelay);
            setImmediate(poll);
          };
          poll();
        },
      });
      const after = stateOf(folder);
      const label = `run ${run} (${signal}, ${existing ? 'existing project' : 'new folder'}, ${whileWriting ? `${writeDelay.toFixed(0)} ms into ${marker === JOURNAL ? 'applying' : 'staging'}` : `at ${delay.toFixed(0)} ms`})`;
      if (whileWriting) figure(marker === JOURNAL ? 'while applying' : 'while staging');
      if (leftover(after).length) result.violations.push(`${label}: left ${leftover(after).join(', ')}`);
      if (outcome.signal === signal) {
        // Killed by the signal's default action: before the CLI took the signal over (start-up) or after
        // it let go (the process tearing down after its last line). Either the run never began or it was done.
        if (sameState(after, before)) {
          figure('killed at start-up');
          result.ok++;
        } else if (sameState(after, complete)) {
          figure('killed at exit, complete');
          result.ok++;
        }
        else result.violations.push(`${label}: killed outside the run, and the folder is neither as before nor complete, at ${firstDifference(before, after)}`);
      } else if (outcome.code === (signal === 'SIGTERM' ? 143 : 130)) {
        figure('cancelled');
        if (sameState(after, before)) result.ok++;
        else {
          figure('changed by a cancelled run');
          result.violations.push(`${label}: interrupted, but the folder changed at ${firstDifference(before, after)}`);
        }
      } else if (outcome.code === 0) {
        figure('finished');
        if (sameState(after, complete)) result.ok++;
        else {
          figure('incomplete after finishing');
          result.violations.push(`${label}: finished, but the folder is not complete at ${firstDifference(complete, after)}`);
        }
      } else {
        result.violations.push(`${label}: exit ${outcome.code}: ${lastLines(outcome.stderr)}`);
      }
    }
  } finally {
    cleanup(work);
  }
  return result;
}

/**
 * SIGKILL while the files are being written: the process cannot undo anything itself. The next run in
 * the folder (here one that fails at once) must find the folder complete or undo it to exactly before.
 */
export async function kills(templates: Templates, count: number, seed: number): Promise<Count> {
  const rng = random(seed + 1);
  const work = scratch('kills');
  const noAnswers = join(work, 'no-answers');
  const result: Count = { name: 'kills (SIGKILL) while writing, then the next run', runs: count, ok: 0, violations: [], figures: { seed, 'undone by the next run': 0, 'found complete': 0 } };
  try {
    for (let run = 0; run < count; run++) {
      const folder = join(work, `run-${run}`);
      copyTree(templates.todo, folder);
      const before = stateOf(folder);
      const applying = rng() < 0.7;
      const marker = applying ? JOURNAL : TRANSACTION_DIR;
      const writeDelay = rng() * (applying ? 10 : 40);
      await runCli(generateArgs('blog', folder), {
        onSpawn: (child) => {
          const poll = () => {
            if (child.exitCode !== null || child.signalCode !== null) return;
            if (existsSync(join(folder, marker))) return void setTimeout(() => child.kill('SIGKILL'), writeDelay);
            setImmediate(poll);
          };
          poll();
        },
      });
      const next = await runCli(['generate', '--requirements', join(FIXTURES, 'todo', 'requirements.md'), '--out', folder, '--model', `scripted:${noAnswers}`]);
      const after = stateOf(folder);
      const label = `run ${run} (${writeDelay.toFixed(0)} ms into ${applying ? 'applying' : 'staging'})`;
      if (leftover(after).length) result.violations.push(`${label}: left ${leftover(after).join(', ')}`);
      if (sameState(after, before)) {
        result.ok++;
        if (/was undone/.test(next.stderr)) result.figures['undone by the next run'] = (result.figures['undone by the next run'] as number) + 1;
      } else if (sameState(after, templates.blogOverTodo)) {
        result.ok++;
        result.figures['found complete'] = (result.figures['found complete'] as number) + 1;
      } else {
        result.violations.push(`${label}: neither as before nor complete, at ${firstDifference(before, after)}`);
      }
    }
  } finally {
    cleanup(work);
  }
  return result;
}

/** Two runs into one folder at once: one writes, the other refuses and names it; the result is one complete backend. */
export async function concurrentRuns(templates: Templates, rounds: number): Promise<Count> {
  const work = scratch('concurrent');
  const result: Count = { name: 'two runs into one folder at once', runs: rounds, ok: 0, violations: [], figures: { 'one refused': 0, 'one after the other': 0 } };
  try {
    for (let round = 0; round < rounds; round++) {
      const folder = join(work, `round-${round}`);
      copyTree(templates.todo, folder);
      const [a, b] = await Promise.all([runCli(generateArgs('blog', folder)), runCli(generateArgs('blog', folder))]);
      const codes = [a.code, b.code].sort();
      const refused = [a, b].find((run) => run.code === 1);
      const after = stateOf(folder);
      const label = `round ${round}`;
      if (!sameState(after, templates.blogOverTodo)) result.violations.push(`${label}: the folder is not one complete backend, at ${firstDifference(templates.blogOverTodo, after)}`);
      else if (codes[0] === 0 && codes[1] === 1 && /Another Strata run is writing into this folder \(strata generate, pid \d+/.test(refused!.stderr)) {
        result.ok++;
        result.figures['one refused'] = (result.figures['one refused'] as number) + 1;
      } else if (codes[0] === 0 && codes[1] === 0 && /nothing to change/.test(a.stdout + b.stdout)) {
        result.ok++;
        result.figures['one after the other'] = (result.figures['one after the other'] as number) + 1;
      } else {
        const failed = [a, b].filter((run) => run.code !== 0);
        result.violations.push(`${label}: exits ${a.code}/${b.code}: ${failed.map((run) => lastLines(run.stderr)).join(' | ')}`);
      }
    }
    // A lock left by a process that died is taken over.
    const folder = join(work, 'stale');
    copyTree(templates.todo, folder);
    writeFileSync(join(folder, RUN_LOCK), JSON.stringify({ pid: 999_999_999, host: hostname(), startedAt: new Date(Date.now() - 3_600_000).toISOString(), command: 'strata generate' }));
    const stale = await runCli(generateArgs('blog', folder));
    result.runs++;
    if (stale.code === 0 && sameState(stateOf(folder), templates.blogOverTodo)) result.ok++;
    else result.violations.push(`stale lock: exit ${stale.code}: ${stale.stderr.trim().split('\n').at(-1)}`);
  } finally {
    cleanup(work);
  }
  return result;
}

/**
 * A real full disk: the existing project on a tmpfs just large enough for it, then a little larger step
 * by step until the blog fits. Every run that fails must say the disk is full and leave every file as
 * it was (a checkpoint in .strata/resume aside, when it fits).
 */
export async function fullDisk(templates: Templates, steps: number): Promise<Count> {
  const result: Count = { name: 'full disk (tmpfs)', runs: 0, ok: 0, violations: [], figures: { 'failed, folder unchanged': 0, 'completed': 0, 'checkpoint kept': 0 } };
  const pages = (state: Record<string, string> | null) => Object.values(state ?? {}).reduce((sum, content) => sum + Math.max(1, Math.ceil(Buffer.byteLength(content) / 4096)), 0) * 4;
  const base = pages(templates.todoState);
  const extra = pages(templates.blogOverTodo) + 16;
  const notResume = (path: string) => path === CHECKPOINT_DIR || path.startsWith(`${CHECKPOINT_DIR}/`);
  const failedAt = new Set<string>();
  for (let step = 0; step <= steps; step++) {
    const size = base + Math.round((extra * step) / steps);
    await withTmpfs(size, async (mount) => {
      const folder = join(mount, 'app');
      try {
        copyTree(templates.todo, folder);
      } catch {
        return;
      }
      result.runs++;
      const before = stateOf(folder);
      const run = await runCli(generateArgs('blog', folder));
      const after = stateOf(folder, notResume);
      const label = `${size} KiB`;
      if (run.code === 0) {
        if (sameState(stateOf(folder), templates.blogOverTodo)) {
          result.ok++;
          result.figures.completed = (result.figures.completed as number) + 1;
        } else result.violations.push(`${label}: finished but not complete at ${firstDifference(templates.blogOverTodo, stateOf(folder))}`);
        return;
      }
      const said = run.stderr + run.stdout;
      const where = /(?:preparing|writing|Cannot start a run)[^:]*/.exec(said)?.[0] ?? 'elsewhere';
      failedAt.add(where.replace(/ [^ ]+ failed$/, ' … failed'));
      if (!sameState(after, before)) result.violations.push(`${label}: failed and changed the folder at ${firstDifference(before, after)}`);
      else if (!/disk is full \(ENOSPC\)/.test(said)) result.violations.push(`${label}: failed without saying the disk is full: ${lastLines(said)}`);
      else if (!/Nothing was changed|nothing was changed/.test(said)) result.violations.push(`${label}: did not say that nothing was changed`);
      else {
        result.ok++;
        result.figures['failed, folder unchanged'] = (result.figures['failed, folder unchanged'] as number) + 1;
        if (existsSync(join(folder, CHECKPOINT_DIR, 'checkpoint.json'))) result.figures['checkpoint kept'] = (result.figures['checkpoint kept'] as number) + 1;
      }
    });
  }
  result.figures['distinct failure points'] = failedAt.size;
  return result;
}

/**
 * Every file-system call of the real blog-over-todo write set, failed in turn (once, and as a disk that
 * fills up from there on): the transaction must always leave the folder as it was, or complete.
 */
export async function everyWritePoint(templates: Templates): Promise<Count> {
  const work = scratch('points');
  const result: Count = { name: 'every write-failure point (injected)', runs: 0, ok: 0, violations: [], figures: {} };
  try {
    const changes = await captureChanges(templates, join(work, 'capture'));
    result.figures.files = changes.size;
    for (const kind of ['fail-once', 'disk-full'] as const) {
      let points = 0;
      for (let at = 0; ; at++) {
        const folder = join(work, `${kind}-${at}`);
        copyTree(templates.todo, folder);
        const before = stateOf(folder);
        const faulty = new FaultyFileSystem(kind === 'fail-once' ? { kind, at, code: 'EIO' } : { kind, at });
        const outcome = await new DiskProjectFiles(folder, faulty.fs).commit(changes);
        const finished = outcome.outcome === 'committed';
        if (finished) await new DiskProjectFiles(folder).recover();
        const after = stateOf(folder);
        cleanup(folder);
        if (faulty.calls <= at) break;
        points++;
        result.runs++;
        if (finished ? sameState(after, templates.blogOverTodo) : sameState(after, before)) result.ok++;
        else result.violations.push(`${kind} at call ${at}: ${outcome.outcome}, folder differs at ${firstDifference(finished ? templates.blogOverTodo : before, after)}`);
      }
      result.figures[`${kind} points`] = points;
    }
  } finally {
    cleanup(work);
  }
  return result;
}

/** The changes the real pipeline commits for the blog over the todo, taken without writing them. */
async function captureChanges(templates: Templates, folder: string): Promise<FileChanges> {
  copyTree(templates.todo, folder);
  let captured: FileChanges | undefined;
  class Capturing extends DiskProjectFiles {
    override async commit(changes: FileChanges) {
      captured = changes;
      return { outcome: 'cancelled' as const };
    }
  }
  await generateBackend({
    requirements: readFileSync(join(FIXTURES, 'blog', 'requirements.md'), 'utf8'),
    target: new Capturing(folder),
    provider: new ScriptedModel(join(FIXTURES, 'blog', 'scripted')),
    settings: DEFAULT_SETTINGS,
  });
  if (!captured) throw new Error('the blog run never reached its commit');
  return captured;
}
