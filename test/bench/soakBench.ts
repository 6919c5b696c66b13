/**
 * bench:soak — the generated todo backend under mixed load (list, create, login) with an open-file limit
 * of 1024, against a plain `node:http` server doing the same work with the same Prisma client, password
 * hashing, tokens and transformers: the soak the project ships (`test/support/soak.ts`) drives both.
 * Fails when either soak fails (a 5xx, descriptor growth, rising memory) or the app reaches less than
 * 0.7 of the baseline's throughput, taken over three alternating 10 s rounds after the soaks (on a shared
 * machine one 30 s run each gave anything from 0.55 to 1.29 for the same code). Both hash passwords at N=2^14 (the soak's test server), not the
 * production 2^17, so the logins' scrypt does not drown the rest of the work being compared.
 *   node out/test/bench/soakBench.js [--seconds 30] [--connections 10] [--keep]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, generateWithCli, runCommand, tail } from '../backend/generatedProject';
import { TODO_REQUIREMENTS, TODO_SCRIPTED } from '../fixtures/todo/fixtures';

const OPEN_FILES = 1024;
const MINIMUM_RATIO = 0.7;
/** The ratio is taken over alternating rounds of this length, app then baseline. */
const ROUNDS = 3;
const ROUND_SECONDS = 10;

interface SoakJson {
  requests: number;
  failures: number;
  perSecond: number;
  kinds: Record<string, { requests: number; statuses: Record<string, number>; p50Ms: number; p99Ms: number }>;
  descriptors?: { before: number; peak: number };
  memoryMiB?: { before: number; secondQuarter: number; lastQuarter: number; peak: number };
  serverCpuSeconds?: number;
  problems: string[];
}

/**
 * The baseline: the routes the soak calls, on `node:http`, with what the generated app uses for the same
 * work (PrismaService with its adapter and clock stamping, the password module, JwtService with the same
 * options, the todo select and transformer, one account lookup per authenticated request as the guard
 * does, the list as page + count in one transaction). No validation library, no Nest, no Express.
 */
const BASELINE = `import http from 'node:http';
import { JwtService } from '@nestjs/jwt';
import { Clock } from './dist/src/common/clock.js';
import { PrismaService } from './dist/src/prisma/prisma.service.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from './dist/src/auth/password.js';
import { todoSelect, toTodo } from './dist/src/todos/todos.transformers.js';

const prisma = new PrismaService(new Clock());
const jwt = new JwtService({ secret: process.env.JWT_SECRET, signOptions: { algorithm: 'HS256', expiresIn: '12h' }, verifyOptions: { algorithms: ['HS256'] } });

const answer = (res, status, body) => {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
};
const readJson = (req) => new Promise((resolve) => {
  let text = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => { text += chunk; });
  req.on('end', () => { try { resolve(JSON.parse(text)); } catch { resolve(undefined); } });
});
const token = async (account) => ({ accessToken: await jwt.signAsync({ sub: account.id, actor: 'member', email: account.email }), tokenType: 'Bearer', id: account.id });
async function member(req) {
  const bearer = /^Bearer\\s+(\\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const claims = bearer ? await jwt.verifyAsync(bearer).catch(() => undefined) : undefined;
  if (!claims || typeof claims.sub !== 'number') return undefined;
  return prisma.user.findUnique({ where: { id: claims.sub }, select: { id: true } });
}

const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url, 'http://localhost');
    if (req.method === 'POST' && url.pathname === '/auth/signup') {
      const body = await readJson(req);
      if (typeof body?.email !== 'string' || typeof body.password !== 'string' || body.password.length < 8) return answer(res, 400, { message: ['invalid'] });
      const account = await prisma.user.create({ data: { email: body.email.trim().toLowerCase(), passwordHash: await hashPassword(body.password) } });
      return answer(res, 201, await token(account));
    }
    if (req.method === 'POST' && url.pathname === '/auth/login') {
      const body = await readJson(req);
      if (typeof body?.email !== 'string' || typeof body.password !== 'string') return answer(res, 400, { message: ['invalid'] });
      const account = await prisma.user.findUnique({ where: { email: body.email.trim().toLowerCase() } });
      const valid = await verifyPassword(body.password, account?.passwordHash ?? dummyPasswordHash());
      if (!account || !valid) return answer(res, 401, { message: 'Invalid email or password' });
      return answer(res, 200, await token(account));
    }
    if (url.pathname === '/todos') {
      const caller = await member(req);
      if (!caller) return answer(res, 401, { message: 'Unauthorized' });
      if (req.method === 'GET') {
        const where = { ownerId: caller.id, deletedAt: null };
        const [rows, total] = await prisma.$transaction([
          prisma.todo.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], skip: 0, take: 20, select: todoSelect }),
          prisma.todo.count({ where }),
        ]);
        return answer(res, 200, { items: rows.map(toTodo), total, page: 1, pageSize: 20 });
      }
      if (req.method === 'POST') {
        const body = await readJson(req);
        if (typeof body?.title !== 'string') return answer(res, 400, { message: ['title must be a string'] });
        const dueAt = typeof body.dueAt === 'string' ? new Date(body.dueAt) : undefined;
        const row = await prisma.todo.create({
          data: { title: body.title, description: body.description, dueAt, done: body.done ?? false, ownerId: caller.id },
          select: todoSelect,
        });
        return answer(res, 201, toTodo(row));
      }
    }
    answer(res, 404, { message: 'Not Found' });
  } catch (error) {
    answer(res, 500, { message: String(error) });
  }
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + process.env.PORT));
process.on('SIGTERM', () => server.close(() => prisma.$disconnect().then(() => process.exit(0))));
`;

function parseOptions(argv: string[]): { seconds: number; connections: number; keep: boolean } {
  const options = { seconds: 30, connections: 10, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--seconds') options.seconds = Number(argv[++i]);
    else if (arg === '--connections') options.connections = Number(argv[++i]);
    else if (arg === '--keep') options.keep = true;
    else throw new Error(`unknown option ${arg}`);
  }
  return options;
}

/** A command run by bash under `ulimit -n OPEN_FILES`, so it and its children share the limit. */
function limited(command: string): [string, string[]] {
  return ['bash', ['-c', `ulimit -n ${OPEN_FILES} && exec ${command}`]];
}

async function soakJson(dir: string, args: string): Promise<SoakJson> {
  const [command, commandArgs] = limited(`node dist/test/support/soak.js ${args} --json`);
  const run = await runCommand(command, commandArgs, dir);
  const line = run.output.split('\n').find((candidate) => candidate.startsWith('{"'));
  if (!line) throw new Error(`the soak printed no result (exit ${run.code}):\n${tail(run.output)}`);
  return JSON.parse(line) as SoakJson;
}

async function startBaseline(dir: string, env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const [command, args] = limited('node bench-baseline.mjs');
  const child = spawn(command, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('listening on')) resolve();
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', () => reject(new Error(`the baseline exited:\n${output}`)));
  });
  return child;
}

const cpuPerRequest = (result: SoakJson): number => ((result.serverCpuSeconds ?? NaN) * 1000) / result.requests;

function report(name: string, result: SoakJson): string[] {
  const lines = [`${name}: ${result.perSecond} requests/s (${result.requests} in all), ${result.failures} failed`];
  for (const [kind, figures] of Object.entries(result.kinds)) {
    lines.push(`  ${kind.padEnd(6)} ${String(figures.requests).padStart(6)}  p50 ${figures.p50Ms} ms  p99 ${figures.p99Ms} ms  ${JSON.stringify(figures.statuses)}`);
  }
  if (result.serverCpuSeconds !== undefined) lines.push(`  server CPU ${result.serverCpuSeconds} s, ${cpuPerRequest(result).toFixed(2)} ms per request`);
  if (result.descriptors) lines.push(`  descriptors ${result.descriptors.before} before, ${result.descriptors.peak} at most`);
  if (result.memoryMiB) {
    const memory = result.memoryMiB;
    lines.push(`  memory (MiB) ${memory.before} before, ${memory.secondQuarter} second quarter, ${memory.lastQuarter} last quarter, ${memory.peak} peak`);
  }
  for (const problem of result.problems) lines.push(`  FAIL ${problem}`);
  return lines;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const out = mkdtempSync(join(tmpdir(), 'strata-soak-'));
  try {
    console.log(`bench:soak: todo, ${options.seconds} s, ${options.connections} connections, open files ${OPEN_FILES}; generating in ${out}`);
    await generateWithCli(TODO_REQUIREMENTS, TODO_SCRIPTED, out);
    for (const args of [['install', '--no-audit', '--no-fund'], ['run', 'build']]) {
      const result = await runCommand('npm', args, out);
      if (result.code !== 0) throw new Error(`npm ${args.join(' ')} failed:\n${tail(result.output)}`);
    }
    const soakArgs = `--seconds ${options.seconds} --connections ${options.connections}`;
    const app = await soakJson(out, soakArgs);

    writeFileSync(join(out, 'bench-baseline.mjs'), BASELINE);
    const port = await freePort();
    // The password cost of the app's soak server (test/support/server.ts): the same scrypt work on both sides.
    const env = {
      ...process.env,
      DATABASE_URL: `file:${join(out, 'baseline.db')}`,
      JWT_SECRET: 'bench-baseline-secret-of-forty-characters!',
      PASSWORD_HASH_COST: '14',
      PORT: String(port),
      CHECKPOINT_DISABLE: '1',
    };
    const push = await runCommand(process.execPath, ['scripts/db.mjs', 'push'], out, env);
    if (push.code !== 0) throw new Error(`db push failed:\n${tail(push.output)}`);
    const server = await startBaseline(out, env);
    const baselineArgs = `--url http://127.0.0.1:${port} --pid ${server.pid}`;
    let baseline: SoakJson;
    // Throughput compared in alternating rounds, so a change in what else runs on the machine falls on both.
    const rounds: { app: number; baseline: number }[] = [];
    try {
      baseline = await soakJson(out, `${soakArgs} ${baselineArgs}`);
      for (let round = 0; round < ROUNDS; round++) {
        const roundArgs = `--seconds ${ROUND_SECONDS} --connections ${options.connections}`;
        const appRound = await soakJson(out, roundArgs);
        const baselineRound = await soakJson(out, `${roundArgs} ${baselineArgs}`);
        rounds.push({ app: appRound.perSecond, baseline: baselineRound.perSecond });
      }
    } finally {
      server.kill('SIGTERM');
    }

    const sum = (side: 'app' | 'baseline') => rounds.reduce((total, round) => total + round[side], 0);
    const ratio = sum('app') / sum('baseline');
    console.log([...report('generated app (Nest)', app), ...report('baseline (node:http, same Prisma client)', baseline)].join('\n'));
    console.log(`throughput over the ${options.seconds} s soaks, app/baseline: ${(app.perSecond / baseline.perSecond).toFixed(2)}`);
    console.log(`alternating ${ROUNDS} x ${ROUND_SECONDS} s rounds (requests/s app:baseline): ${rounds.map((round) => `${round.app}:${round.baseline}`).join(', ')}`);
    console.log(`throughput ratio app/baseline: ${ratio.toFixed(2)} (at least ${MINIMUM_RATIO})`);
    // The machine may be shared: the CPU each server spent per request does not depend on what else runs.
    console.log(`CPU per request, baseline/app: ${(cpuPerRequest(baseline) / cpuPerRequest(app)).toFixed(2)}`);
    const failed = app.problems.length > 0 || baseline.problems.length > 0 || ratio < MINIMUM_RATIO;
    if (failed) console.log('bench:soak FAILED');
    process.exitCode = failed ? 1 : 0;
  } finally {
    if (!options.keep) rmSync(out, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
