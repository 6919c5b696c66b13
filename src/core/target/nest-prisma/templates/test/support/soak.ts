import { readdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { newAccount, type Account, type Actor } from './http.js';
import { startServer } from './server.js';

// @strata soakCreates
/** What each create sends: a success scenario's body. */
const CREATE_BODY: Record<string, unknown> = { title: 'Soak' }; // @strata slot createBody

// @strata end
/**
 * Mixed load on a running server: each connection sends, in turns of ten, seven lists, two creates and
 * one login, as accounts of 'member' signed up first. It samples the server's open // @strata slot actorLine
 * descriptors and resident memory meanwhile. `soakProblems` turns the result into what fails a soak:
 * any 5xx or failed request, descriptors growing past the connections' own sockets, and, in a soak of
 * MEMORY_JUDGED_FROM_SECONDS or more, memory still rising in the last quarter. A 429 is the throttle doing
 * its work, not a failure.
 */
export const SOAK_PLAN: SoakPlan = {
  actor: 'member', signUp: '/auth/signup', login: '/auth/login', identifier: 'email', list: { path: '/todos', token: true }, create: { path: '/todos', body: CREATE_BODY }, // @strata slot plan
};

export interface SoakPlan {
  actor: Actor;
  signUp: string;
  login: string;
  /** The property accounts log in with. */
  identifier: string;
  /** A list the actor may call; `token` when it needs the actor's token. */
  list?: { path: string; token: boolean };
  create?: { path: string; body: Record<string, unknown> };
}

export interface SoakOptions {
  seconds: number;
  connections: number;
}

type Kind = 'list' | 'create' | 'login';

export interface KindFigures {
  requests: number;
  statuses: Record<string, number>;
  p50Ms: number;
  p99Ms: number;
}

export interface SoakResult extends SoakOptions {
  requests: number;
  /** 5xx answers and requests that got no answer. */
  failures: number;
  perSecond: number;
  kinds: Partial<Record<Kind, KindFigures>>;
  /** Open descriptors of the server before the load, and the most while it ran. */
  descriptors: { before: number; peak: number } | undefined;
  /** Resident memory (MiB): before, mean of the second quarter of the load, of the last quarter, and the peak. */
  memoryMiB: { before: number; secondQuarter: number; lastQuarter: number; peak: number } | undefined;
  /** CPU time the server process used during the load (user + system), where /proc tells it. */
  serverCpuSeconds: number | undefined;
  /** The first failures, for the report. */
  examples: string[];
}

/** Descriptors the server may open besides one socket per connection (logs, the database, a pipe or two). */
const DESCRIPTOR_SLACK = 16;
/** The memory of the last quarter may exceed that of the second by this much before it counts as rising. */
const MEMORY_GROWTH = { ratio: 1.2, mib: 24 };
/**
 * Shorter soaks do not judge memory: V8 is still growing its heap to a steady size (Node 24 took 300 to
 * 377 MiB over 6 s, then stayed near 410 MiB at 30 s). Descriptors and 5xx are judged at any length.
 */
export const MEMORY_JUDGED_FROM_SECONDS = 20;

/** Why the soak failed; empty when it held. */
export function soakProblems(result: SoakResult): string[] {
  const problems: string[] = [];
  if (result.failures > 0) problems.push(`${result.failures} of ${result.requests} requests answered 5xx or not at all: ${result.examples.join('; ')}`);
  const descriptors = result.descriptors;
  if (descriptors && descriptors.peak > descriptors.before + result.connections + DESCRIPTOR_SLACK) {
    problems.push(`open descriptors grew from ${descriptors.before} to ${descriptors.peak} (${result.connections} connections)`);
  }
  const memory = result.memoryMiB;
  if (memory && result.seconds >= MEMORY_JUDGED_FROM_SECONDS && memory.lastQuarter > memory.secondQuarter * MEMORY_GROWTH.ratio && memory.lastQuarter - memory.secondQuarter > MEMORY_GROWTH.mib) {
    problems.push(`memory kept rising: ${memory.secondQuarter} MiB in the second quarter, ${memory.lastQuarter} MiB in the last`);
  }
  return problems;
}

/** Runs the load against `baseUrl`, whose server process is `pid` (for its descriptors and memory). */
export async function soak(baseUrl: string, pid: number, options: SoakOptions): Promise<SoakResult> {
  const accounts: { account: Account; token: string }[] = [];
  for (let i = 0; i < options.connections; i++) {
    const account = newAccount(SOAK_PLAN.actor);
    const reply = await send(baseUrl, 'POST', SOAK_PLAN.signUp, account);
    if (reply.status !== 201) throw new Error(`sign-up for the soak answered ${reply.status}: ${reply.text}`);
    accounts.push({ account, token: JSON.parse(reply.text).accessToken });
  }
  const before = sample(pid);
  const cpuBefore = cpuSeconds(pid);
  const samples: { at: number; descriptors?: number; rssMiB?: number }[] = [];
  const started = performance.now();
  const timer = setInterval(() => samples.push({ at: performance.now() - started, ...sample(pid) }), 250);
  const figures = new Map<Kind, { statuses: Record<string, number>; latencies: number[] }>();
  const examples: string[] = [];
  let failures = 0;
  const deadline = started + options.seconds * 1000;
  const turn: Kind[] = ['list', 'list', 'create', 'list', 'list', 'login', 'list', 'create', 'list', 'list'];
  await Promise.all(
    accounts.map(async ({ account, token }, connection) => {
      for (let i = connection; performance.now() < deadline; i++) {
        const kind = available(turn[i % turn.length]!);
        const sent = performance.now();
        let status: string;
        try {
          const reply =
            kind === 'list'
              ? await send(baseUrl, 'GET', SOAK_PLAN.list!.path, undefined, SOAK_PLAN.list!.token ? token : undefined)
              : kind === 'create'
                ? await send(baseUrl, 'POST', SOAK_PLAN.create!.path, SOAK_PLAN.create!.body, token)
                : await send(baseUrl, 'POST', SOAK_PLAN.login, { [SOAK_PLAN.identifier]: account[SOAK_PLAN.identifier], password: account.password });
          status = String(reply.status);
          if (reply.status >= 500 && examples.length < 5) examples.push(`${kind} ${reply.status} ${reply.text.slice(0, 200)}`);
        } catch (error) {
          status = 'no answer';
          if (examples.length < 5) examples.push(`${kind}: ${(error as Error).message}`);
        }
        if (status === 'no answer' || status.startsWith('5')) failures += 1;
        const entry = figures.get(kind) ?? { statuses: {}, latencies: [] };
        entry.statuses[status] = (entry.statuses[status] ?? 0) + 1;
        entry.latencies.push(performance.now() - sent);
        figures.set(kind, entry);
      }
    }),
  );
  clearInterval(timer);
  const cpuAfter = cpuSeconds(pid);
  const elapsed = (performance.now() - started) / 1000;
  const kinds: Partial<Record<Kind, KindFigures>> = {};
  let requests = 0;
  for (const [kind, { statuses, latencies }] of figures) {
    latencies.sort((a, b) => a - b);
    const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))]! * 10) / 10;
    kinds[kind] = { requests: latencies.length, statuses, p50Ms: at(0.5), p99Ms: at(0.99) };
    requests += latencies.length;
  }
  const during = (from: number, to: number) => samples.filter((s) => s.at >= from * options.seconds * 1000 && s.at < to * options.seconds * 1000);
  const mean = (values: number[]) => Math.round(values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length));
  const rss = (list: typeof samples) => list.flatMap((s) => (s.rssMiB === undefined ? [] : [s.rssMiB]));
  const descriptors = samples.flatMap((s) => (s.descriptors === undefined ? [] : [s.descriptors]));
  return {
    ...options,
    requests,
    failures,
    perSecond: Math.round(requests / elapsed),
    kinds,
    descriptors: before.descriptors === undefined ? undefined : { before: before.descriptors, peak: Math.max(before.descriptors, ...descriptors) },
    memoryMiB:
      before.rssMiB === undefined
        ? undefined
        : { before: before.rssMiB, secondQuarter: mean(rss(during(0.25, 0.5))), lastQuarter: mean(rss(during(0.75, 1.01))), peak: Math.max(before.rssMiB, ...rss(samples)) },
    serverCpuSeconds: cpuBefore === undefined || cpuAfter === undefined ? undefined : Math.round((cpuAfter - cpuBefore) * 100) / 100,
    examples,
  };
}

/** User + system CPU seconds of a process so far, from /proc (Linux); undefined elsewhere. */
function cpuSeconds(pid: number): number | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** A kind the plan has; a list or create the API lacks is replaced by the other, then by a login. */
function available(kind: Kind): Kind {
  if (kind === 'list' && !SOAK_PLAN.list) return SOAK_PLAN.create ? 'create' : 'login';
  if (kind === 'create' && !SOAK_PLAN.create) return SOAK_PLAN.list ? 'list' : 'login';
  return kind;
}

async function send(baseUrl: string, method: string, route: string, body?: unknown, token?: string): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(new URL(route, baseUrl), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, text: await response.text() };
}

/** Open descriptors and resident memory of a process: /proc on Linux; elsewhere memory only, from ps. */
function sample(pid: number): { descriptors?: number; rssMiB?: number } {
  try {
    if (process.platform === 'linux') {
      const pages = Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]);
      return { descriptors: readdirSync(`/proc/${pid}/fd`).length, rssMiB: Math.round((pages * 4096) / 1048576) };
    }
    const kib = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim());
    return { rssMiB: Math.round(kib / 1024) };
  } catch {
    return {};
  }
}

/** The figures as lines for a person. */
export function describeSoak(result: SoakResult): string {
  const lines = [`${result.requests} requests in ${result.seconds} s from ${result.connections} connections: ${result.perSecond}/s, ${result.failures} failed`];
  for (const [kind, figures] of Object.entries(result.kinds)) {
    lines.push(`  ${kind.padEnd(6)} ${String(figures.requests).padStart(6)}  p50 ${figures.p50Ms} ms  p99 ${figures.p99Ms} ms  ${JSON.stringify(figures.statuses)}`);
  }
  if (result.serverCpuSeconds !== undefined) {
    lines.push(`  server CPU ${result.serverCpuSeconds} s: ${Math.round((result.serverCpuSeconds * 1000) / Math.max(1, result.requests) * 10) / 10} ms per request`);
  }
  if (result.descriptors) lines.push(`  descriptors ${result.descriptors.before} before, ${result.descriptors.peak} at most`);
  if (result.memoryMiB) {
    const memory = result.memoryMiB;
    lines.push(`  memory ${memory.before} MiB before, ${memory.secondQuarter} MiB in the second quarter, ${memory.lastQuarter} MiB in the last, ${memory.peak} MiB at most`);
  }
  return lines.join('\n');
}

/**
 * `npm run soak -- [--seconds N] [--connections N] [--url URL --pid PID] [--json]`: starts the built server
 * on a fresh database (or soaks the one at URL, whose process is PID), prints the figures and exits 1 when
 * the soak fails.
 */
async function main(args: string[]): Promise<void> {
  const option = (name: string) => {
    const index = args.indexOf(`--${name}`);
    return index >= 0 ? args[index + 1] : undefined;
  };
  const options = { seconds: Number(option('seconds') ?? 60), connections: Number(option('connections') ?? 10) };
  const url = option('url');
  const server = url ? undefined : await startServer();
  try {
    const result = await soak(url ?? server!.baseUrl, Number(option('pid') ?? server?.pid), options);
    const problems = soakProblems(result);
    if (args.includes('--json')) console.log(JSON.stringify({ ...result, problems }));
    else console.log([describeSoak(result), ...problems.map((problem) => `FAIL ${problem}`)].join('\n'));
    process.exitCode = problems.length > 0 ? 1 : 0;
  } finally {
    await server?.stop();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main(process.argv.slice(2));
