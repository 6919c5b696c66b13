import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TODO_REQUIREMENTS, TODO_SCRIPTED } from '../fixtures/todo/fixtures';
import { expectInstallBuildTest, expectRacingWritesSettle, generateWithCli, npmStart } from './generatedProject';
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
