/**
 * `test/support/server.ts` of the generated backend: the same for every project, since the runtime
 * contract (`scripts/db.mjs push`, `dist/src/main.js`, `PORT`/`HOST`/`DATABASE_URL`/`JWT_SECRET`, the
 * `listening on` line) is.
 */
export const SERVER_FILE = 'test/support/server.ts';

export function renderServerSupport(): string {
  return `import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrismaService } from '../../src/prisma/prisma.service.js';

/** The project root, seen from dist/test/support/server.js. */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The server's JWT_SECRET in tests: known here so the token tests can sign expired and forged tokens with it. */
export const JWT_SECRET = 'e2e-test-secret';

export interface TestServer {
  baseUrl: string;
  /** Empties every table, so each test starts from an empty database as its scenario assumes. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the built server (dist/src/main.js) on a free port against a fresh SQLite database, whose
 * tables \`scripts/db.mjs push\` creates, and resolves once it prints "listening on".
 */
export async function startServer(): Promise<TestServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'e2e-'));
  const env = {
    ...process.env,
    DATABASE_URL: \`file:\${path.join(dir, 'test.db')}\`,
    JWT_SECRET,
    NO_COLOR: '1',
    CHECKPOINT_DISABLE: '1',
  };
  execFileSync(process.execPath, [path.join(root, 'scripts', 'db.mjs'), 'push'], { cwd: root, env, stdio: 'pipe' });
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
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  // The tests' own connection to the server's database file, only to empty it between tests.
  process.env.DATABASE_URL = env.DATABASE_URL;
  const database = new PrismaService();
  return {
    baseUrl: \`http://127.0.0.1:\${port}\`,
    async reset() {
      const tables = await database.$queryRawUnsafe<{ name: string }[]>("SELECT name FROM sqlite_master WHERE type = 'table'");
      // Foreign keys are checked at commit, when every table is empty, so the order of deletes does not matter.
      await database.$transaction([
        database.$executeRawUnsafe('PRAGMA defer_foreign_keys = ON'),
        ...tables.filter(({ name }) => !name.startsWith('sqlite_')).map(({ name }) => database.$executeRawUnsafe(\`DELETE FROM "\${name.replace(/"/g, '""')}"\`)),
      ]);
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
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

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
    const timer = setTimeout(() => reject(new Error(\`the server did not start within 30 s:\\n\${output}\`)), 30_000);
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
      reject(new Error(\`the server exited before listening:\\n\${output}\`));
    });
  });
}
`;
}
