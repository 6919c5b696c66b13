import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BLOG_REQUIREMENTS, BLOG_SCRIPTED } from '../fixtures/blog/fixtures';
import { expectInstallBuildTest, expectSoakPassed, generateWithCli, npmStart, runCommand, tail } from './generatedProject';

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
      assert.deepEqual(await posts.json(), { items: [], total: 0, page: 1, pageSize: 20 });
      const write = await fetch(`${server.baseUrl}/posts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 't', body: 'b' }) });
      assert.equal(write.status, 401, 'writing needs a member token');

      // The tag filter is a Prisma `contains`: its text is matched literally, wildcards and backslash included.
      const json = { 'content-type': 'application/json' };
      const signUp = await fetch(`${server.baseUrl}/auth/signup`, { method: 'POST', headers: json, body: JSON.stringify({ email: 'tags@example.com', password: 'a long password', displayName: 'Tags' }) });
      assert.equal(signUp.status, 201);
      const { accessToken } = (await signUp.json()) as { accessToken: string };
      for (const tags of ['50% off', 'plain', 'a_b', 'axb', 'back\\slash']) {
        const created = await fetch(`${server.baseUrl}/posts`, { method: 'POST', headers: { ...json, authorization: `Bearer ${accessToken}` }, body: JSON.stringify({ title: tags, body: 'b', tags, status: 'published' }) });
        assert.equal(created.status, 201);
      }
      const tagged = async (tag: string) => {
        const reply = await fetch(`${server.baseUrl}/posts?${new URLSearchParams({ tag })}`);
        assert.equal(reply.status, 200);
        return ((await reply.json()) as { items: { tags: string }[] }).items.map((post) => post.tags).sort();
      };
      assert.deepEqual(await tagged('%'), ['50% off']);
      assert.deepEqual(await tagged('_'), ['a_b']);
      assert.deepEqual(await tagged('a_b'), ['a_b']);
      assert.deepEqual(await tagged('\\'), ['back\\slash']);
      assert.deepEqual(await tagged('plain'), ['plain']);
    } finally {
      await server.stop();
    }
  });

  it('`npm run build` fails, naming each difference, once the code and openapi.json no longer agree', async () => {
    assert.ok(out, 'the project generated above');
    const controller = join(out, 'src/posts/posts.controller.ts');
    const dto = join(out, 'src/posts/posts.dto.ts');
    const [controllerText, dtoText] = [readFileSync(controller, 'utf8'), readFileSync(dto, 'utf8')];
    // A route moved, a body property added and a limit changed by hand, the document left as it was.
    writeFileSync(controller, controllerText.replace("@Get('me/posts')", "@Get('me/drafts')"));
    writeFileSync(
      dto,
      dtoText.replace('export class CreatePostBody {\n', 'export class CreatePostBody {\n  @IsOptional()\n  @IsString()\n  slug?: string;\n\n').replace('@MaxLength(200)\n  title: string;', '@MaxLength(5)\n  title: string;'),
    );
    const build = await runCommand('npm', ['run', 'build'], out);
    assert.notEqual(build.code, 0, tail(build.output));
    assert.match(build.output, /openapi\.json does not describe the code \(4 differences\)/, tail(build.output));
    assert.match(build.output, /- POST \/posts body: "title" has maxLength 5 in the code, 200 in openapi\.json/);
    assert.match(build.output, /- POST \/posts body: "slug" is in the code but not in openapi\.json/);
    assert.match(build.output, /- GET \/me\/drafts is in the code but not in openapi\.json/);
    assert.match(build.output, /- GET \/me\/posts is in openapi\.json but not in the code/);
  });
});
