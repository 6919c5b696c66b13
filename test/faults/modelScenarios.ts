import { join } from 'node:path';
import { CHECKPOINT_DIR } from '../../src/core/pipeline/checkpoint';
import { FakeOllamaServer, type FakeReply } from '../fakes/fakeOllamaServer';
import { fixtureResponder, phaseOf } from '../fakes/fixtureResponder';
import type { Count } from './folderScenarios';
import { cleanup, FIXTURES, firstDifference, lastLines, runCli, sameState, scratch, stateOf } from './harness';

const MODEL = 'qwen2.5-coder:7b';
const TODO = join(FIXTURES, 'todo');
/** Every limit runs in a CLI that collects garbage every 50 ms. */
const GC_PRESSURE = ['--expose-gc', '-r', join(__dirname, 'gcPressure.js')];
/** How late a limit may fire: its setting plus this (the promise). */
const SLACK_MS = 2_000;

interface LimitCase {
  name: string;
  /** The limit's setting in seconds, and the flags that set it (the others stay far away). */
  seconds: number;
  args: (host: string, out: string) => string[];
  arrange: (server: FakeOllamaServer) => void;
  /** The request the limit ends: from its arrival to the moment the client gave up on it. */
  request: (server: FakeOllamaServer) => FakeOllamaServer['requests'][number] | undefined;
}

const generate = (host: string, out: string, flags: string[]) => ['generate', '--requirements', join(TODO, 'requirements.md'), '--out', out, '--model', `ollama:${MODEL}`, '--host', host, '--retries', '0', ...flags];
const requestOf = (server: FakeOllamaServer, path: string, index = 0) => server.requests.filter((request) => request.path === path)[index];
const answersThen = (answered: number, reply: FakeReply) => (server: FakeOllamaServer) => {
  const normal = fixtureResponder(join(TODO, 'scripted'));
  let calls = 0;
  server.responder = (request) => (calls++ < answered ? normal(request) : reply);
};

const LIMITS: LimitCase[] = [
  {
    name: 'probe limit (a /api/show that never answers)',
    seconds: 1,
    args: (host, out) => generate(host, out, ['--probe-timeout', '1']),
    arrange: (server) => server.failNext('POST /api/show', { hang: true }),
    request: (server) => requestOf(server, '/api/show'),
  },
  {
    name: 'load allowance (a cold model\'s first call that never answers)',
    seconds: 1.5,
    args: (host, out) => generate(host, out, ['--load-timeout', '1.5', '--first-byte-timeout', '60']),
    arrange: answersThen(0, { neverAnswer: true }),
    request: (server) => requestOf(server, '/api/chat', 0),
  },
  {
    name: 'first-byte limit (a warm model\'s second call that never answers)',
    seconds: 1,
    args: (host, out) => generate(host, out, ['--first-byte-timeout', '1', '--load-timeout', '60']),
    arrange: answersThen(1, { neverAnswer: true }),
    request: (server) => requestOf(server, '/api/chat', 1),
  },
  {
    name: 'idle limit (an answer that stops streaming)',
    seconds: 1,
    args: (host, out) => generate(host, out, ['--idle-timeout', '1']),
    arrange: answersThen(0, { content: 'Let me think about the actors first. '.repeat(4), stallAfterChunks: 3 }),
    request: (server) => requestOf(server, '/api/chat', 0),
  },
  {
    name: 'whole-call limit (an answer that streams on and on)',
    seconds: 2,
    args: (host, out) => generate(host, out, ['--call-timeout', '2', '--idle-timeout', '60']),
    arrange: answersThen(0, { content: 'and so on, '.repeat(2_000), chunkDelayMs: 100 }),
    request: (server) => requestOf(server, '/api/chat', 0),
  },
  {
    name: 'doctor probe limit (a /api/tags that never answers)',
    seconds: 1,
    args: (host) => ['doctor', '--host', host, '--model', MODEL, '--probe-timeout', '1'],
    arrange: (server) => server.failNext('GET /api/tags', { hang: true }),
    request: (server) => requestOf(server, '/api/tags'),
  },
];

/** Every time limit fires within SLACK_MS of its setting, under forced garbage collections, and says which limit it was. */
export async function limits(): Promise<Count> {
  const result: Count = { name: 'time limits under GC (fired after / setting)', runs: 0, ok: 0, violations: [], figures: {} };
  const work = scratch('limits');
  try {
    for (const [index, limit] of LIMITS.entries()) {
      const server = await new FakeOllamaServer().start();
      try {
        limit.arrange(server);
        const out = join(work, `case-${index}`);
        // The CLI's timer cannot start before its process does: a limit that fires before spawn + setting fired early.
        const spawnedAt = Date.now();
        const run = await runCli(limit.args(server.url, out), { nodeFlags: GC_PRESSURE });
        const request = limit.request(server);
        result.runs++;
        // Measured at the server: what the process does after giving up (a checkpoint, exiting) is not the limit.
        const firedMs = request?.closedAt === undefined ? Number.NaN : request.closedAt - request.at;
        result.figures[limit.name] = `${(firedMs / 1000).toFixed(2)} s / ${limit.seconds} s`;
        const said = run.stderr + run.stdout;
        if (run.code !== 1) result.violations.push(`${limit.name}: exit ${run.code}: ${lastLines(said)}`);
        // Late is measured from the request's arrival (the most the limit may take once asked); early from the
        // spawn, since the client's timer starts before it connects and on a busy machine connecting takes a while.
        else if (Number.isNaN(firedMs)) result.violations.push(`${limit.name}: the request never reached the server, or was never closed`);
        else if (firedMs > limit.seconds * 1000 + SLACK_MS) result.violations.push(`${limit.name}: fired after ${firedMs} ms for a setting of ${limit.seconds} s`);
        else if (request!.closedAt! - spawnedAt < limit.seconds * 1000) result.violations.push(`${limit.name}: fired ${request!.closedAt! - spawnedAt} ms after the CLI started, before its ${limit.seconds} s`);
        else if (!/limit|did not answer|sent nothing/i.test(said)) result.violations.push(`${limit.name}: the message does not say which limit fired: ${lastLines(said)}`);
        else result.ok++;
      } finally {
        await server.stop();
      }
    }
  } finally {
    cleanup(work);
  }
  return result;
}

/** One 503, one reset before any byte, one 429 with Retry-After: each run still finishes, with the same backend a clean run writes. */
export async function transientFaults(complete: Record<string, string> | null): Promise<Count> {
  const result: Count = { name: 'transient faults retried (503, reset, 429 + Retry-After)', runs: 0, ok: 0, violations: [], figures: {} };
  const work = scratch('transient');
  const faults: { name: string; reply: FakeReply; retryAfter?: boolean }[] = [
    { name: '503 busy', reply: { error: { status: 503, message: 'server busy, please try again.  maximum pending requests exceeded' } } },
    { name: 'connection reset before any byte', reply: { resetBeforeHeaders: true } },
    { name: '429 with Retry-After: 1', reply: { error: { status: 429, message: 'rate limit exceeded', retryAfter: '1' } }, retryAfter: true },
  ];
  try {
    for (const [index, { name, reply, retryAfter }] of faults.entries()) {
      const server = await new FakeOllamaServer().start();
      try {
        // The fault hits the Database phase's call, after one phase is done.
        const normal = fixtureResponder(join(TODO, 'scripted'));
        let chats = 0;
        server.responder = (request) => (chats++ === 1 ? reply : normal(request));
        const out = join(work, `case-${index}`);
        const run = await runCli(['generate', '--requirements', join(TODO, 'requirements.md'), '--out', out, '--model', `ollama:${MODEL}`, '--host', server.url]);
        result.runs++;
        const chatsAt = server.requests.filter((request) => request.path === '/api/chat').map((request) => request.at);
        const gap = chatsAt[2]! - chatsAt[1]!;
        result.figures[name] = `retried after ${(gap / 1000).toFixed(2)} s`;
        const state = stateOf(out);
        if (run.code !== 0) result.violations.push(`${name}: exit ${run.code}: ${lastLines(run.stderr)}`);
        else if (!/trying again in/.test(run.stderr)) result.violations.push(`${name}: the retry was not reported`);
        else if (retryAfter && gap < 1000) result.violations.push(`${name}: retried after ${gap} ms, before Retry-After`);
        else if (!sameState(state, complete)) result.violations.push(`${name}: the backend differs from a clean run's at ${firstDifference(complete, state)}`);
        else result.ok++;
      } finally {
        await server.stop();
      }
    }
  } finally {
    cleanup(work);
  }
  return result;
}

/**
 * A server that keeps failing from the Test phase on: the run fails and keeps its work; `--resume`
 * against a healthy server asks only for what is missing and writes the same backend as a clean run.
 */
export async function resumeAfterOutage(complete: Record<string, string> | null): Promise<Count> {
  const result: Count = { name: 'an outage, then --resume', runs: 2, ok: 0, violations: [], figures: {} };
  const work = scratch('resume');
  const server = await new FakeOllamaServer().start();
  try {
    const normal = fixtureResponder(join(TODO, 'scripted'));
    let down = true;
    server.responder = (request) => (down && (phaseOf(request) === 'test' || phaseOf(request) === 'realize') ? { error: { status: 503, message: 'server busy, please try again.  maximum pending requests exceeded' } } : normal(request));
    const out = join(work, 'app');
    const args = ['generate', '--requirements', join(TODO, 'requirements.md'), '--out', out, '--model', `ollama:${MODEL}`, '--host', server.url, '--retries', '1'];
    const failed = await runCli(args);
    const kept = Object.keys(stateOf(out) ?? {}).filter((path) => !path.endsWith('/'));
    if (failed.code === 1 && /--resume/.test(failed.stdout) && kept.length > 0 && kept.every((path) => path.startsWith(`${CHECKPOINT_DIR}/`))) result.ok++;
    else result.violations.push(`the failed run: exit ${failed.code}, left ${kept.join(', ')}: ${failed.stdout.trim()}`);
    down = false;
    const before = server.chatRequests.length;
    const resumed = await runCli([...args, '--resume']);
    const asked = server.chatRequests.slice(before).map(phaseOf);
    result.figures['phases asked again'] = asked.join(', ');
    const state = stateOf(out);
    if (resumed.code !== 0) result.violations.push(`the resumed run: exit ${resumed.code}: ${lastLines(resumed.stderr)}`);
    else if (asked.some((phase) => phase !== 'test' && phase !== 'realize')) result.violations.push(`the resumed run asked again for ${asked.join(', ')}`);
    else if (!sameState(state, complete)) result.violations.push(`the resumed backend differs from a clean run's at ${firstDifference(complete, state)}`);
    else result.ok++;
  } finally {
    await server.stop();
    cleanup(work);
  }
  return result;
}

export async function modelScenarios(complete: Record<string, string> | null): Promise<Count[]> {
  return [await limits(), await transientFaults(complete), await resumeAfterOutage(complete)];
}
