// @strata postgresql
import { PrismaPg } from '@prisma/adapter-pg';
// @strata end
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
// @strata sqlite
import { mkdtempSync, rmSync } from 'node:fs';
// @strata end
import { createServer } from 'node:net';
// @strata sqlite
import { tmpdir } from 'node:os';
// @strata end
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Clock } from '../../src/common/clock.js';
import { PrismaService } from '../../src/prisma/prisma.service.js';

/** The project root, seen from dist/test/support/server.js. */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * scrypt's cost in tests (N = 2^14, Node's default, ~8x cheaper than the 2^17 of production): every test
 * signs up accounts. Also this process's, for the accounts it makes itself; the hardening tests check the
 * default cost on a server of their own.
 */
export const TEST_PASSWORD_HASH_COST = '14';
process.env.PASSWORD_HASH_COST ??= TEST_PASSWORD_HASH_COST;

/** The server's JWT_SECRET in tests: known here so the token tests can sign expired and forged tokens with it. */
export const JWT_SECRET = 'e2e-test-secret-never-used-in-production';

/** Where the test clock is set, and the header carrying this run's secret (see src/common/clock.module.ts). */
export const CLOCK_ROUTE = '/__test__/clock';
export const CLOCK_SECRET_HEADER = 'x-test-clock-secret';

export interface TestServer {
  baseUrl: string;
  /** The secret that opens `PUT ${CLOCK_ROUTE}` on this server: random per start. */
  clockSecret: string;
  /** The server's DATABASE_URL, for the project's own scripts (create-account). */
  databaseUrl: string;
  /** The tests' own connection to the server's database. */
  database: PrismaService;
  /** Empties every table, so each test starts from an empty database as its scenario assumes. */
  reset(): Promise<void>;
  /** Sets the server's clock to `instant` (ISO 8601); it stands still there until set again. */
  setClock(instant: string): Promise<void>;
  stop(): Promise<void>;
  /** The server's process id: the soak reads its open descriptors and memory. */
  pid: number;
}

export interface ServerOptions {
  /**
   * NODE_ENV of the server: `test` (the default) turns the test clock on, given the secret in
   * TEST_CLOCK_SECRET. Any other value shows that the route does not exist elsewhere.
   */
  environment?: string;
  /**
   * More environment variables. The throttle is set out of reach unless given here (THROTTLE_AUTH_LIMIT,
   * THROTTLE_LIMIT): every test signs up from the same address.
   */
  env?: Record<string, string>;
}

/**
// @strata sqlite
 * Starts the built server (dist/src/main.js) on a free port against a fresh SQLite database, whose
// @strata end
// @strata postgresql
 * Starts the built server (dist/src/main.js) on a free port against a fresh PostgreSQL database, whose
// @strata end
 * tables the migrations create (`scripts/db.mjs deploy`, as `npm start` does), and resolves once it prints "listening on".
 */
export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  const fresh = await freshDatabase();
  const clockSecret = randomBytes(24).toString('hex');
  const env = {
    ...process.env,
    DATABASE_URL: fresh.url,
    JWT_SECRET,
    NODE_ENV: options.environment ?? 'test',
    TEST_CLOCK_SECRET: clockSecret,
    NO_COLOR: '1',
    CHECKPOINT_DISABLE: '1',
    THROTTLE_LIMIT: '1000000',
    THROTTLE_AUTH_LIMIT: '1000000',
    PASSWORD_HASH_COST: TEST_PASSWORD_HASH_COST,
    ...options.env,
  };
  try {
    execFileSync(process.execPath, [path.join(root, 'scripts', 'db.mjs'), 'deploy'], { cwd: root, env, stdio: 'pipe' });
  } catch (error) {
    await fresh.drop();
    throw error;
  }
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, 'dist', 'src', 'main.js')], {
    cwd: root,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await listening(child, exited);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    await fresh.drop();
    throw error;
  }
  // The tests' own connection to the server's database: to empty it between tests, and for what no
  // route does (making staff accounts, deactivating one).
  process.env.DATABASE_URL = env.DATABASE_URL;
  const database = new PrismaService(new Clock());
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    pid: child.pid!,
    clockSecret,
    databaseUrl: env.DATABASE_URL,
    database,
    reset: () => emptyTables(database),
    async setClock(instant) {
      const response = await fetch(new URL(CLOCK_ROUTE, baseUrl), {
        method: 'PUT',
        headers: { 'content-type': 'application/json', [CLOCK_SECRET_HEADER]: clockSecret },
        body: JSON.stringify({ now: instant }),
      });
      if (response.status !== 200) throw new Error(`could not set the test clock to ${instant}: ${response.status} ${await response.text()}`);
    },
    async stop() {
      await database.$disconnect();
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        // A server that ignores SIGTERM must not hang the test run.
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      await fresh.drop();
    },
  };
}

// @strata sqlite
/** A database file of its own for one server, in a folder removed when the server stops. */
// @ts-expect-error: the template holds both databases' version; a project gets one. @strata template-only
async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'e2e-'));
  return { url: `file:${path.join(dir, 'test.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** Deletes every row; foreign keys are checked at commit, when every table is empty, so the order does not matter. */
// @ts-expect-error: the template holds both databases' version; a project gets one. @strata template-only
async function emptyTables(database: PrismaService): Promise<void> {
  const tables = await database.$queryRawUnsafe<{ name: string }[]>("SELECT name FROM sqlite_master WHERE type = 'table'");
  await database.$transaction([
    database.$executeRawUnsafe('PRAGMA defer_foreign_keys = ON'),
    ...tables.filter(({ name }) => !name.startsWith('sqlite_')).map(({ name }) => database.$executeRawUnsafe(`DELETE FROM "${name.replace(/"/g, '""')}"`)),
  ]);
}

// @strata end
// @strata postgresql
/**
 * A database of its own for one server, created on the PostgreSQL server of TEST_DATABASE_URL and
 * dropped when the server stops: test runs never touch each other's data, or the database named there.
 */
// @ts-expect-error: the template holds both databases' version; a project gets one. @strata template-only
async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) {
    throw new Error(
      'The end-to-end tests need a PostgreSQL server on which they may create and drop databases: set TEST_DATABASE_URL, e.g. postgresql://postgres:postgres@localhost:5432/postgres (docker run --rm -d -p 5432:5432 -e POSTGRES_PASSWORD=postgres postgres:17).',
    );
  }
  const name = `e2e_${randomBytes(8).toString('hex')}`;
  const run = async (sql: string) => {
    const connection = await new PrismaPg({ connectionString: server }).connect();
    try {
      await connection.executeScript(sql);
    } finally {
      await connection.dispose();
    }
  };
  await run(`CREATE DATABASE "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return { url: url.href, drop: () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** Empties every table at once; identities start again at 1, as in a new database. */
// @ts-expect-error: the template holds both databases' version; a project gets one. @strata template-only
async function emptyTables(database: PrismaService): Promise<void> {
  const tables = await database.$queryRawUnsafe<{ name: string }[]>('SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()');
  if (tables.length === 0) return;
  await database.$executeRawUnsafe(`TRUNCATE TABLE ${tables.map(({ name }) => `"${name.replace(/"/g, '""')}"`).join(', ')} RESTART IDENTITY CASCADE`);
}

// @strata end

/** A port nothing listens on: the system picks one, which is released for the server. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Resolves when the server prints "listening on"; rejects with its output if it exits first or takes over 30 s. */
function listening(child: ChildProcess, exited: Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start within 30 s:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('listening on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the server exited before listening:\n${output}`));
    });
  });
}
