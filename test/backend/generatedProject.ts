import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative } from 'node:path';

/** What a command printed and how it ended. */
export interface CommandResult {
  code: number;
  output: string;
}

/** Runs a command to the end, collecting stdout and stderr together (for failure messages). */
export function runCommand(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: { ...env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

/** The last lines of long output: enough to see why a step failed. */
export function tail(output: string, lines = 60): string {
  return output.split('\n').slice(-lines).join('\n');
}

/**
 * `npm install`, `npm run format:check` (the project's own prettier and `.prettierrc` on every generated file),
 * `npm run build` and `npm test` in a generated project, as a user would run them.
 */
export async function installBuildTest(
  dir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ install: CommandResult; format: CommandResult; build: CommandResult; test: CommandResult; seconds: Record<string, number> }> {
  const seconds: Record<string, number> = {};
  const timed = async (name: string, args: string[]) => {
    const started = Date.now();
    const result = await runCommand('npm', args, dir, env);
    seconds[name] = (Date.now() - started) / 1000;
    return result;
  };
  const install = await timed('install', ['install', '--no-audit', '--no-fund']);
  // Before the build: the files as generated (build output and the Prisma client are ignored anyway).
  const format = install.code === 0 ? await timed('format', ['run', 'format:check']) : { code: -1, output: 'skipped: install failed' };
  const build = install.code === 0 ? await timed('build', ['run', 'build']) : { code: -1, output: 'skipped: install failed' };
  const test = build.code === 0 ? await timed('test', ['test']) : { code: -1, output: 'skipped: build failed' };
  return { install, format, build, test, seconds };
}

/**
 * `npm install`, `npm run format:check`, `npm run build` and `npm test` in a generated project all succeed,
 * and its E2E suite has no failure and at least `minimumPassing` passing tests.
 */
export async function expectInstallBuildTest(dir: string, minimumPassing: number, env?: NodeJS.ProcessEnv): Promise<{ pass: number; seconds: Record<string, number>; output: string }> {
  const { install, format, build, test, seconds } = await installBuildTest(dir, env);
  assert.equal(install.code, 0, `npm install failed:\n${tail(install.output)}`);
  assert.equal(format.code, 0, `prettier --check with the shipped .prettierrc failed:\n${tail(format.output)}`);
  assert.match(format.output, /All matched files use Prettier code style/, tail(format.output));
  assert.equal(build.code, 0, `npm run build failed:\n${tail(build.output)}`);
  assert.equal(test.code, 0, `npm test failed:\n${tail(test.output, 120)}`);
  const counts = testCounts(test.output);
  assert.equal(counts.fail, 0, tail(test.output, 120));
  assert.ok(counts.pass >= minimumPassing, `only ${counts.pass} generated tests passed:\n${tail(test.output, 120)}`);
  return { pass: counts.pass, seconds, output: test.output };
}

/** What `strata generate --json` prints. */
export interface GenerateJson {
  outcome: string;
  phases: { phase: string; calls: number; attempts: number; tokens: number }[];
  diagnostics: unknown[];
}

/** `strata generate` (the built CLI) with a scripted model into `out`; it must exit 0. */
export async function generateWithCli(requirements: string, scripted: string, out: string, database: 'sqlite' | 'postgresql' = 'sqlite'): Promise<GenerateJson> {
  const cli = await runCommand(
    process.execPath,
    [join(REPO_ROOT, 'dist', 'cli.js'), 'generate', '--requirements', requirements, '--out', out, '--model', `scripted:${scripted}`, '--database', database, '--json'],
    REPO_ROOT,
  );
  assert.equal(cli.code, 0, tail(cli.output));
  return JSON.parse(cli.output.slice(cli.output.indexOf('{'))) as GenerateJson;
}

/** The generated soak (test/soak.test.ts) ran in `npm test` and passed: mixed load, no 5xx, flat descriptors and memory. */
export function expectSoakPassed(output: string): void {
  assert.match(output, /✔ answers \d+ s of mixed load from \d+ connections without a 5xx/, tail(output, 120));
}

/** Counts from node --test's summary (`ℹ pass 31`, `ℹ fail 0`). */
export function testCounts(output: string): { pass: number; fail: number } {
  const count = (name: string) => Number(new RegExp(`^\\S*\\s*${name} (\\d+)$`, 'm').exec(output)?.[1] ?? NaN);
  return { pass: count('pass'), fail: count('fail') };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** `npm start` with PORT set; resolves with the base URL once it listens, and a stop function. A database file, or a URL. */
export async function npmStart(dir: string, database: string): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn('npm', ['start'], {
    cwd: dir,
    env: { ...process.env, PORT: String(port), DATABASE_URL: /^[a-z]+:/.test(database) ? database : `file:${database}`, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not listen within 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/listening on/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code}:\n${output}`));
    });
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stop: async () => {
      // Already stopped: it exited, or a signal ended it (then exitCode stays null).
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      // npm runs the server in a child shell: signal the whole group.
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    },
  };
}

export const REPO_ROOT = join(__dirname, '..', '..', '..');

/**
 * A digest of every file a run wrote, `.strata/` (run records), `node_modules/` and `dist/` aside: two
 * runs with the same digest generated the same backend.
 */
export function treeDigest(root: string): string {
  const hash = createHash('sha256');
  const visit = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const rel = relative(root, path);
      if (rel === '.strata' || rel === 'node_modules' || rel === 'dist') continue;
      if (statSync(path).isDirectory()) visit(path);
      else hash.update(`${rel}\n`).update(readFileSync(path)).update('\n');
    }
  };
  visit(root);
  return hash.digest('hex');
}

/**
 * Writes that race, from outside: a member's todo changed and deleted by twenty requests at once must
 * answer 200, 204 or 404 (never a 500 from a record gone between check and write), with one delete winning.
 */
export async function expectRacingWritesSettle(baseUrl: string): Promise<void> {
  const json = { 'content-type': 'application/json' };
  const signUp = await fetch(`${baseUrl}/auth/signup`, { method: 'POST', headers: json, body: JSON.stringify({ email: `race-${process.pid}@example.com`, password: 'a long password' }) });
  assert.equal(signUp.status, 201, await signUp.clone().text());
  const { accessToken } = (await signUp.json()) as { accessToken: string };
  const member = { ...json, authorization: `Bearer ${accessToken}` };
  const created = await fetch(`${baseUrl}/todos`, { method: 'POST', headers: member, body: JSON.stringify({ title: 'contended' }) });
  assert.equal(created.status, 201);
  const { id } = (await created.json()) as { id: number };
  const statuses = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      fetch(`${baseUrl}/todos/${id}`, i % 2 === 0 ? { method: 'DELETE', headers: member } : { method: 'PATCH', headers: member, body: JSON.stringify({ done: true }) }).then((reply) => reply.status),
    ),
  );
  assert.ok(statuses.every((status) => [200, 204, 404].includes(status)), statuses.join(' '));
  assert.equal(statuses.filter((status) => status === 204).length, 1, `one delete wins: ${statuses.join(' ')}`);
}

/**
 * A stop drains: a sign-up sent just before SIGTERM (its password hash takes ~0.5 s at production cost)
 * is still answered 201, and the server exits soon after instead of waiting for idle sockets to time out.
 */
export async function expectGracefulStop(server: { baseUrl: string; stop: () => Promise<void> }, body: Record<string, string>): Promise<void> {
  const inFlight = fetch(`${server.baseUrl}/auth/signup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await new Promise((resolve) => setTimeout(resolve, 100));
  const started = Date.now();
  const stopping = server.stop();
  assert.equal((await inFlight).status, 201, 'the request in flight when the stop began was answered');
  await stopping;
  assert.ok(Date.now() - started < 4_000, `the server took ${Date.now() - started} ms to stop`);
}
