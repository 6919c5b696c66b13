import * as assert from 'node:assert/strict';
import { nestPrisma } from '../../../../src/core/target/nest-prisma';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { DatabaseId } from '../../../../src/core/config/settings';
import { compileDatabase } from '../../../../src/core/database/compile';
import { renderApp } from '../../../../src/core/target/nest-prisma/project/app';
import { renderAuth } from '../../../../src/core/target/nest-prisma/auth/auth';
import { renderScaffold } from '../../../../src/core/target/nest-prisma/project/scaffold';
import { todoAnalysis } from '../../../fixtures/todo/analyzeArtifact';
import { todoArtifact } from '../../../fixtures/todo/databaseArtifact';
import { scriptedApi } from '../../../fixtures/todo/fixtures';
import { OPENAPI_STAND_IN, TODOS_STAND_IN } from './todosStandIn';
import { TWO_ACTORS } from './twoActors';
import { freePort } from '../../../backend/generatedProject';

const JWT_SECRET = 'slow-test-secret';
/** Where the integration tests find Chromium too (test/runner/code-server-harness.mjs). */
const CHROMIUM = '/usr/bin/chromium';

/**
 * The scaffold, app and auth renderers' output is a real project: with the reference todos module standing
 * in for the per-module files, it installs from the registry, builds, creates its tables offline and
 * serves sign-up, login, guarded routes and the API docs. Needs the npm registry: runs with STRATA_SLOW=1;
 * the PostgreSQL variant also needs STRATA_PG_URL, a server where the test may create databases.
 */
describeBackend('sqlite');
describeBackend('postgresql');

function describeBackend(databaseId: DatabaseId): void {
  describe(`generated ${databaseId} backend scaffold, installed and run (STRATA_SLOW=1)`, function () {
    this.timeout(600_000);
    const timings: [string, number][] = [];
    const databases = new Map<string, string>();
    let project = '';
    let server: ChildProcess | undefined;
    let baseUrl = '';

    const timed = async <T>(label: string, step: () => Promise<T>): Promise<T> => {
      const started = Date.now();
      const result = await step();
      timings.push([label, (Date.now() - started) / 1000]);
      return result;
    };
    const run = (command: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
      new Promise<string>((resolve, reject) => {
        execFile(command, args, { cwd: project, env: { ...process.env, NO_COLOR: '1', ...env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
          error ? reject(new Error(`${command} ${args.join(' ')} failed:\n${`${stdout}${stderr}`.slice(-4000)}`)) : resolve(`${stdout}${stderr}`),
        );
      });
    /** A fresh, empty database per name (the same one when asked again): a file, or a new PostgreSQL database. */
    const database = async (name: string): Promise<string> => {
      if (!databases.has(name)) {
        if (databaseId === 'sqlite') databases.set(name, `file:${join(project, `${name}.db`)}`);
        else {
          const url = new URL(process.env.STRATA_PG_URL!);
          url.pathname = `/strata_${name.replace(/\W+/g, '_')}_${process.pid}`;
          await postgres(`DROP DATABASE IF EXISTS "${url.pathname.slice(1)}"`, `CREATE DATABASE "${url.pathname.slice(1)}"`);
          databases.set(name, url.href);
        }
      }
      return databases.get(name)!;
    };
    /** Runs SQL on STRATA_PG_URL through the project's own `pg` package. */
    const postgres = (...statements: string[]) =>
      run(process.execPath, [
        '--input-type=module',
        '-e',
        `import pg from 'pg'; const client = new pg.Client(process.env.STRATA_PG_URL); await client.connect(); for (const sql of ${JSON.stringify(statements)}) await client.query(sql); await client.end();`,
      ]);

    before(async function () {
      if (process.env.STRATA_SLOW !== '1' || (databaseId === 'postgresql' && !process.env.STRATA_PG_URL)) {
        const needs = databaseId === 'postgresql' ? 'STRATA_SLOW=1 and STRATA_PG_URL=postgresql://user@host:port/db' : 'STRATA_SLOW=1';
        console.log(`      skipped: set ${needs} to npm install, build and run the rendered scaffold (~40 s, needs the npm registry)`);
        this.skip();
      }
      project = mkdtempSync(join(tmpdir(), `strata-scaffold-${databaseId}-`));
      const input = { analysis: todoAnalysis(), database: todoArtifact(), api: scriptedApi(), databaseId };
      const { issues, schema } = compileDatabase(nestPrisma, input.database, databaseId);
      assert.deepEqual(issues, []);
      const files = new Map([...renderScaffold(input), ...renderApp(input), ...renderAuth(input), ...schema!.files, ...TODOS_STAND_IN]);
      files.set('openapi.json', `${JSON.stringify(OPENAPI_STAND_IN, null, 2)}\n`);
      writeFiles(files);
      await timed('npm install', () => run('npm', ['install', '--no-audit', '--no-fund']));
      await timed('npm run build', () => run('npm', ['run', 'build']));
    });

    after(async () => {
      if (server && server.exitCode === null) server.kill('SIGKILL');
      if (databaseId === 'postgresql' && databases.size > 0) {
        await postgres(...[...databases.values()].map((url) => `DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}"`));
      }
      if (project && !process.env.STRATA_KEEP_OUTPUT) rmSync(project, { recursive: true, force: true });
      if (timings.length > 0) console.log(`      timings (${databaseId}): ${timings.map(([label, seconds]) => `${label} ${seconds.toFixed(1)} s`).join(', ')}`);
    });

    it('builds the app to dist/src/main.js with the Prisma client generated in src/generated/prisma', () => {
      assert.ok(readdirSync(join(project, 'dist', 'src')).includes('main.js'));
      assert.ok(readdirSync(join(project, 'src', 'generated', 'prisma')).includes('client.ts'));
    });

    it('scripts/db.mjs push creates the tables of a fresh database, and a second push has nothing to do', async () => {
      const url = await database('push');
      const first = await timed('db push (fresh)', () => run(process.execPath, ['scripts/db.mjs', 'push'], { DATABASE_URL: url }));
      assert.match(first, /db push: [1-9]\d* step\(s\) executed/);
      const second = await timed('db push (again)', () => run(process.execPath, ['scripts/db.mjs', 'push'], { DATABASE_URL: url }));
      assert.match(second, /db push: 0 step\(s\) executed/);
    });

    it('scripts/db.mjs migrate writes and applies migrations (a later one holds only the change); deploy applies them to another database once', async () => {
      const url = await database('migrated');
      const migrated = await timed('db migrate', () => run(process.execPath, ['scripts/db.mjs', 'migrate', 'init'], { DATABASE_URL: url }));
      assert.match(migrated, /created prisma\/migrations\/\d{14}_init\/migration\.sql/);
      assert.match(migrated, /applied: \d{14}_init/);
      assert.match(await run(process.execPath, ['scripts/db.mjs', 'deploy'], { DATABASE_URL: await database('deployed') }), /applied: \d{14}_init/);
      assert.match(await run(process.execPath, ['scripts/db.mjs', 'deploy'], { DATABASE_URL: await database('deployed') }), /applied: none \(up to date\)/);
      assert.match(await run(process.execPath, ['scripts/db.mjs', 'migrate', 'again'], { DATABASE_URL: url }), /schema unchanged: no new migration/);
      // A later migration replays the earlier ones on a shadow database and holds only the change.
      writeFileSync(join(project, 'prisma', 'schema', 'tags.prisma'), 'model Tag {\n  id   Int    @id @default(autoincrement())\n  name String @unique\n}\n');
      try {
        const added = await run(process.execPath, ['scripts/db.mjs', 'migrate', 'add tags'], { DATABASE_URL: url });
        const folder = /created (prisma\/migrations\/\d{14}_add_tags)\/migration\.sql/.exec(added)?.[1];
        assert.ok(folder, added);
        const sql = readFileSync(join(project, folder, 'migration.sql'), 'utf8');
        assert.match(sql, /CREATE TABLE "Tag"/);
        assert.doesNotMatch(sql, /CREATE TABLE "(Todo|User)"/);
      } finally {
        rmSync(join(project, 'prisma', 'schema', 'tags.prisma'));
      }
    });

    it('starts, printing exactly one `listening on <url>` line', async () => {
      const started = Date.now();
      const output = await startServer('server');
      timings.push(['db push + server start', (Date.now() - started) / 1000]);
      assert.deepEqual(output.split('\n').filter((line) => line.includes('listening on')), [`listening on ${baseUrl}`]);
    });

    it('signs up (email trimmed and lower-cased), refuses a taken email with 409 and invalid input with 400', async () => {
      const created = await post('/auth/signup', { email: '  Alice@Example.COM ', password: 'correct horse' });
      assert.equal(created.status, 201);
      const token = (await created.json()) as { accessToken: string; tokenType: string; id: number };
      assert.equal(token.tokenType, 'Bearer');
      assert.equal(typeof token.id, 'number');
      assert.match(token.accessToken, /^[\w-]+\.[\w-]+\.[\w-]+$/);

      const taken = await post('/auth/signup', { email: 'alice@example.com', password: 'another password' });
      assert.equal(taken.status, 409);
      assert.equal(((await taken.json()) as { message: string }).message, 'Email already registered');

      const invalid = await post('/auth/signup', { email: 'not-an-email', password: 'short', admin: true });
      assert.equal(invalid.status, 400);
      const messages = ((await invalid.json()) as { message: string[] }).message;
      assert.ok(messages.includes('property admin should not exist'), messages.join('; '));
      assert.ok(messages.includes('email must be an email'), messages.join('; '));
      assert.ok(messages.includes('password must be longer than or equal to 8 characters'), messages.join('; '));
    });

    it('logs in with the right password only; the token opens the guarded routes of its own member', async () => {
      const wrong = await post('/auth/login', { email: 'alice@example.com', password: 'wrong password' });
      assert.equal(wrong.status, 401);
      assert.equal((await post('/auth/login', { email: 'nobody@example.com', password: 'correct horse' })).status, 401);
      const login = await post('/auth/login', { email: 'ALICE@example.com', password: 'correct horse' });
      assert.equal(login.status, 200);
      const alice = (await login.json()) as { accessToken: string; id: number };

      const created = await post('/todos', { title: 'Buy milk' }, alice.accessToken);
      assert.equal(created.status, 201);
      const todo = (await created.json()) as { id: number; title: string; done: boolean };
      assert.equal(todo.title, 'Buy milk');
      assert.equal(todo.done, false);
      const page = (await (await get('/todos', alice.accessToken)).json()) as { items: { id: number }[]; total: number };
      assert.deepEqual([page.total, page.items.map((item) => item.id)], [1, [todo.id]]);

      const bob = (await (await post('/auth/signup', { email: 'bob@example.com', password: 'bob password' })).json()) as { accessToken: string };
      assert.equal((await get(`/todos/${todo.id}`, bob.accessToken)).status, 404, 'the session carries its own member id');
      assert.equal((await get(`/todos/${todo.id}`, alice.accessToken)).status, 200);
    });

    it('answers 401 without a token, with a forged one and with a valid token of another actor', async () => {
      const missing = await get('/todos');
      assert.equal(missing.status, 401);
      assert.equal(((await missing.json()) as { message: string }).message, 'Missing bearer token');
      const forged = await get('/todos', signJwt({ sub: 1, actor: 'member', email: 'alice@example.com' }, 'another secret'));
      assert.equal(forged.status, 401);
      assert.equal(((await forged.json()) as { message: string }).message, 'Invalid or expired token');
      assert.equal((await get('/todos', signJwt({ sub: 1, actor: 'admin', email: 'alice@example.com' }, JWT_SECRET))).status, 401);
      assert.equal((await get('/todos', signJwt({ sub: 1, actor: 'member', email: 'alice@example.com' }, JWT_SECRET))).status, 200, 'the same claims as member pass');
      assert.equal((await get('/todos', signJwt({ sub: '1', actor: 'member', email: 'alice@example.com' }, JWT_SECRET))).status, 401, 'a sub of the wrong type');
      const ghost = await get('/todos', signJwt({ sub: 999, actor: 'member', email: 'ghost@example.com' }, JWT_SECRET));
      assert.equal(ghost.status, 401);
      assert.equal(((await ghost.json()) as { message: string }).message, 'Unknown account', 'a token of an account that does not exist');
      const lowerCase = await fetch(`${baseUrl}/todos`, { headers: { authorization: `bearer ${signJwt({ sub: 1, actor: 'member', email: 'alice@example.com' }, JWT_SECRET)}` } });
      assert.equal(lowerCase.status, 200, 'the scheme in any letter case');
    });

    it('refuses to start in production without a JWT_SECRET of 32 characters or more', async () => {
      const refused = await run(process.execPath, ['dist/src/main.js'], { NODE_ENV: 'production', JWT_SECRET: 'too short', DATABASE_URL: await database('server') }).then(
        () => 'started',
        (error: Error) => error.message,
      );
      assert.match(refused, /JWT_SECRET must be set to a secret of at least 32 characters when NODE_ENV is production/);
    });

    it('serves our own OpenAPI 3.1 document at /openapi.json and the Swagger UI with its local assets at /docs', async () => {
      const document = await get('/openapi.json');
      assert.equal(document.status, 200);
      assert.deepEqual(await document.json(), OPENAPI_STAND_IN);
      const page = await get('/docs');
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.match(html, /swagger-ui/);
      assert.doesNotMatch(html, /https?:\/\/(?!127\.0\.0\.1)[^"']*\.(js|css)/, 'no asset from a CDN');
      for (const asset of ['swagger-ui-bundle.js', 'swagger-ui-init.js', 'swagger-ui.css']) {
        assert.equal((await get(`/docs/${asset}`)).status, 200, asset);
      }
      assert.match(await (await get('/docs/swagger-ui-init.js')).text(), /"openapi": ?"3\.1\.0"/);
    });

    it('renders the 3.1 document in a browser: Swagger UI shows its operations and no errors', async function () {
      if (!existsSync(CHROMIUM)) this.skip();
      const dom = await new Promise<string>((resolve, reject) =>
        execFile(CHROMIUM, ['--headless', '--no-sandbox', '--disable-gpu', '--virtual-time-budget=8000', '--dump-dom', `${baseUrl}/docs`], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout) =>
          error ? reject(error) : resolve(stdout),
        ),
      );
      assert.match(dom, /<pre class="version">OAS 3\.1<\/pre>/);
      assert.match(dom, /data-path="\/todos"/);
      assert.doesNotMatch(dom, /errors-wrapper/);
    });

    it('stops promptly on SIGTERM (keep-alive sockets are closed, not waited for)', async () => {
      const seconds = await stopServer();
      timings.push(['shutdown', seconds]);
      assert.ok(seconds < 3, `took ${seconds} s`);
    });

    it('with two actors (uuid ids, a username, extra sign-up columns, another prefix) builds and keeps each token to its own routes', async () => {
      const { issues, schema } = compileDatabase(nestPrisma, TWO_ACTORS.database, databaseId);
      assert.deepEqual(issues, []);
      const input = { database: TWO_ACTORS.database, api: TWO_ACTORS.api, databaseId };
      rmSync(join(project, 'src', 'auth'), { recursive: true });
      writeFiles(new Map([...renderApp(input), ...renderAuth(input), ...schema!.files]));
      await timed('rebuild (two actors)', () => run('npm', ['run', 'build']));
      await startServer('two-actors');
      try {
        const signup = await post('/staff/auth/signup', { username: 'root', password: 'long enough', displayName: 'Root', level: 3 });
        assert.equal(signup.status, 201);
        const admin = (await signup.json()) as { accessToken: string; id: string };
        assert.match(admin.id, /^[0-9a-f-]{36}$/);
        const taken = await post('/staff/auth/signup', { username: 'other', password: 'long enough', displayName: 'Root', level: 1 });
        assert.equal(taken.status, 409);
        assert.equal(((await taken.json()) as { message: string }).message, 'Username or display name already registered');
        const incomplete = await post('/staff/auth/signup', { username: 'third', password: 'long enough', displayName: 'Third' });
        assert.equal(incomplete.status, 400);
        assert.ok(((await incomplete.json()) as { message: string[] }).message.includes('level must be an integer number'));
        const login = await post('/staff/auth/login', { username: 'root', password: 'long enough' });
        assert.equal(login.status, 200);
        assert.equal(((await login.json()) as { id: string }).id, admin.id);
        assert.equal((await get('/todos', admin.accessToken)).status, 401, 'an admin token does not open member routes');
        const member = (await (await post('/auth/signup', { email: 'carol@example.com', password: 'carol password' })).json()) as { accessToken: string };
        assert.equal((await get('/todos', member.accessToken)).status, 200);
      } finally {
        await stopServer();
      }
    });

    /** Starts dist/src/main.js against a freshly pushed database; resolves with its output once it listens. */
    async function startServer(name: string): Promise<string> {
      await run(process.execPath, ['scripts/db.mjs', 'push'], { DATABASE_URL: await database(name) });
      const port = await freePort();
      const child = spawn(process.execPath, ['dist/src/main.js'], {
        cwd: project,
        env: { ...process.env, NO_COLOR: '1', PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: await database(name), JWT_SECRET },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      server = child;
      baseUrl = `http://127.0.0.1:${port}`;
      return new Promise<string>((resolve, reject) => {
        let text = '';
        const timer = setTimeout(() => reject(new Error(`no "listening on" within 20 s:\n${text}`)), 20_000);
        const onData = (chunk: Buffer) => {
          text += chunk.toString();
          if (/listening on .*\n/.test(text)) {
            clearTimeout(timer);
            resolve(text);
          }
        };
        child.stdout!.on('data', onData);
        child.stderr!.on('data', onData);
        child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${text}`)));
      });
    }

    /** SIGTERM, as a process manager would send; resolves with the seconds it took to exit. */
    async function stopServer(): Promise<number> {
      const started = Date.now();
      if (server && server.exitCode === null) {
        const exited = new Promise((resolve) => server!.once('exit', resolve));
        server.kill('SIGTERM');
        await exited;
      }
      return (Date.now() - started) / 1000;
    }

    function writeFiles(files: Map<string, string>): void {
      for (const [path, content] of files) {
        mkdirSync(dirname(join(project, path)), { recursive: true });
        writeFileSync(join(project, path), content);
      }
    }

    const get = (path: string, token?: string) => fetch(`${baseUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const post = (path: string, body: unknown, token?: string) =>
      fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
  });
}

/** An HS256 JWT, made by hand so the test can forge tokens the server must refuse. */
function signJwt(claims: object, secret: string): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ ...claims, iat: Math.floor(Date.now() / 1000) })}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}
