import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BLOG_REQUIREMENTS, BLOG_SCRIPTED } from '../fixtures/blog/fixtures';
import { expectInstallBuildTest, expectSoakPassed, generateWithCli, npmStart } from './generatedProject';

/**
 * A second app through the same promise: a blog where guests read what members publish (given steps
 * made "as" a member, nested author and comment DTOs, an enum status, 403 vs 404 ownership rules).
 * Needs the npm registry.
 */
describe('generated blog backend', function () {
  let out: string | undefined;
  after(() => {
    if (out && !process.env.STRATA_KEEP_OUTPUT) rmSync(out, { recursive: true, force: true });
  });

  it('`strata generate` with the scripted model: npm install, build and test pass; guests read, members write', async () => {
    out = mkdtempSync(join(tmpdir(), 'strata-blog-'));
    const summary = await generateWithCli(BLOG_REQUIREMENTS, BLOG_SCRIPTED, out);
    assert.equal(summary.outcome, 'succeeded');
    // One call for analyze and database, the plan and three module calls (posts in two parts, comments) for interface, one per operation (eight) for test, one per module for realize: every answer was right first time.
    assert.deepEqual(summary.phases.map((phase) => [phase.phase, phase.calls]), [['analyze', 1], ['database', 1], ['interface', 4], ['test', 8], ['realize', 2]]);
    assert.deepEqual(summary.diagnostics, []);

    // 8 operations: 14 scenarios, 400s, 401s, other-account and missing-id checks; plus sign-up and login.
    const { pass, seconds, output } = await expectInstallBuildTest(out, 40);
    console.log(`      generated blog: npm install ${seconds.install} s, build ${seconds.build} s, test ${seconds.test} s, ${pass} E2E tests passed`);
    expectSoakPassed(output);

    const server = await npmStart(out, join(out, 'start-check.db'));
    try {
      const posts = await fetch(`${server.baseUrl}/posts`);
      assert.equal(posts.status, 200, 'guests list published posts without a token');
      assert.deepEqual(await posts.json(), []);
      const write = await fetch(`${server.baseUrl}/posts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 't', body: 'b' }) });
      assert.equal(write.status, 401, 'writing needs a member token');
    } finally {
      await server.stop();
    }
  });
});
