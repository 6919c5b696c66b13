import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TODO_REQUIREMENTS, TODO_SCRIPTED } from '../fixtures/todo/fixtures';
import { fixtureApp } from '../fixtures/fixtureApp';
import { expectInstallBuildTest, expectRacingWritesSettle, generateWithCli, npmStart, REPO_ROOT, runCommand, tail } from './generatedProject';
import { type PostgresCluster, startPostgres } from './postgresCluster';

/**
 * The database setting "postgresql" for real: the generated todo backend installs, builds and passes its
 * own suite against a PostgreSQL server (each test server on a database of its own), and its writes race
 * there with a connection pool, not one serialized SQLite connection. Needs the npm registry and the
 * PostgreSQL that `npm run setup` installs (initdb, pg_ctl).
 */
describe('generated todo backend on PostgreSQL', function () {
  let cluster: PostgresCluster | undefined;
  let out: string | undefined;
  before(async () => {
    cluster = await startPostgres();
    assert.ok(cluster, 'PostgreSQL (initdb, pg_ctl) is not installed: `npm run setup` installs the Debian package');
  });
  after(() => {
    cluster?.stop();
    if (out && !process.env.STRATA_KEEP_OUTPUT) rmSync(out, { recursive: true, force: true });
  });

  it('`strata generate --database postgresql`: npm install, build and test pass on PostgreSQL; racing writes answer 404, never 500', async () => {
    out = mkdtempSync(join(tmpdir(), 'strata-todo-pg-'));
    const summary = await generateWithCli(TODO_REQUIREMENTS, TODO_SCRIPTED, out, 'postgresql');
    assert.equal(summary.outcome, 'succeeded');
    assert.match(readFileSync(join(out, 'prisma', 'schema', 'schema.prisma'), 'utf8'), /provider = "postgresql"/);

    const { pass, seconds } = await expectInstallBuildTest(out, 59, { ...process.env, TEST_DATABASE_URL: cluster!.url });
    console.log(`      generated todo on PostgreSQL: npm install ${seconds.install} s, build ${seconds.build} s, test ${seconds.test} s, ${pass} E2E tests passed`);
    // Each test server dropped the database it made: only the cluster's own remain.
    const left = await listDatabases(out, cluster!.url);
    assert.deepEqual(left.filter((name) => name.startsWith('e2e_')), []);

    const server = await npmStart(out, cluster!.url);
    try {
      await expectRacingWritesSettle(server.baseUrl);
    } finally {
      await server.stop();
    }
  });

  it('a feature step migrates the PostgreSQL database in place: the todos stored before it are still there, and the grown suite passes', async () => {
    assert.ok(out, 'the todo backend of the test before');
    const call = async (baseUrl: string, method: string, path: string, token?: string, body?: unknown) => {
      const response = await fetch(`${baseUrl}${path}`, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await response.text();
      return { status: response.status, json: text ? JSON.parse(text) : undefined };
    };
    const account = { email: 'pg-kept@example.com', password: 'a long password' };
    let server = await npmStart(out!, cluster!.url);
    try {
      assert.equal((await call(server.baseUrl, 'POST', '/auth/signup', undefined, account)).status, 201);
      const token = (await call(server.baseUrl, 'POST', '/auth/login', undefined, account)).json.accessToken as string;
      assert.equal((await call(server.baseUrl, 'POST', '/todos', token, { title: 'stored before the step' })).status, 201);
    } finally {
      await server.stop();
    }
    const tags = fixtureApp('todo-tags');
    const step = join(tags.dir, 'step');
    const cli = await runCommand(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), 'feature', 'add', '--project', out!, '--requirements', join(step, 'feature.md'), '--model', `scripted:${step},${tags.scripted}`], REPO_ROOT);
    assert.equal(cli.code, 0, tail(cli.output));
    const migration = /migration (prisma\/migrations\/\S+\/migration\.sql)/.exec(cli.output)?.[1];
    assert.ok(migration, cli.output);
    assert.match(readFileSync(join(out!, migration!), 'utf8'), /CREATE TABLE "Tag"/);
    const { pass } = await expectInstallBuildTest(out!, 96, { ...process.env, TEST_DATABASE_URL: cluster!.url });
    server = await npmStart(out!, cluster!.url);
    try {
      const token = (await call(server.baseUrl, 'POST', '/auth/login', undefined, account)).json.accessToken as string;
      const listed = await call(server.baseUrl, 'GET', '/todos', token);
      assert.deepEqual(listed.json.items.map((item: { title: string }) => item.title), ['stored before the step']);
      assert.equal((await call(server.baseUrl, 'POST', '/tags', token, { name: 'pg' })).status, 201);
    } finally {
      await server.stop();
    }
    console.log(`      todo on PostgreSQL + tags: ${pass} E2E tests passed after the step`);
  });
});

/** The names of the cluster's databases, read through the project's own PostgreSQL driver. */
async function listDatabases(project: string, url: string): Promise<string[]> {
  const pg = createRequire(join(project, 'package.json'))('pg') as { Client: new (options: { connectionString: string }) => any };
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return ((await client.query('SELECT datname FROM pg_database')).rows as { datname: string }[]).map((row) => row.datname);
  } finally {
    await client.end();
  }
}
