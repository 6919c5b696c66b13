import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureApp } from '../fixtures/fixtureApp';
import { expectInstallBuildTest, generateWithCli, npmStart, REPO_ROOT, runCommand, tail } from './generatedProject';

const todo = fixtureApp('todo');
const tags = fixtureApp('todo-tags');
const comments = fixtureApp('todo-tags-comments');

/** `strata feature …` on the project, as a user runs it; the JSON summary. */
async function feature(kind: string, project: string, stepDir: string, app: ReturnType<typeof fixtureApp>, extra: string[] = []): Promise<{ code: number; summary: { outcome: string; plan?: { migrations: string[]; added: string[]; removed: string[]; tokens: number } }; output: string }> {
  const cli = await runCommand(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), 'feature', kind, '--project', project, '--requirements', join(stepDir, 'feature.md'), '--model', `scripted:${stepDir},${app.scripted}`, '--json', ...extra], REPO_ROOT);
  const start = cli.output.indexOf('{\n');
  return { code: cli.code, summary: start >= 0 ? JSON.parse(cli.output.slice(start)) : { outcome: 'no output' }, output: cli.output };
}

async function call(baseUrl: string, method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

/**
 * A backend grown by features, as a user grows it: generate the todo backend, keep data in it, then add
 * tags, add comments, and remove comments with `strata feature`. After each step the whole E2E suite (old
 * and new tests) passes, `npm start` migrates the same database, and the rows made before are still there.
 */
describe('generated todo backend grown by feature steps', function () {
  const dirs: string[] = [];
  after(() => {
    if (!process.env.STRATA_KEEP_OUTPUT) for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('todo -> + tags -> + comments -> - comments: suites pass after each step and the data survives every migration', async () => {
    const out = mkdtempSync(join(tmpdir(), 'strata-features-'));
    const data = mkdtempSync(join(tmpdir(), 'strata-features-db-'));
    dirs.push(out, data);
    const database = join(data, 'app.db');
    await generateWithCli(todo.requirements, todo.scripted, out);
    await expectInstallBuildTest(out, 60);

    // Data made before any step: a member and two todos.
    let server = await npmStart(out, database);
    const account = { email: 'kept@example.com', password: 'a long password' };
    assert.equal((await call(server.baseUrl, 'POST', '/auth/signup', undefined, account)).status, 201);
    // Outside production an unset JWT_SECRET is made up at each start: sign in again after each restart.
    const login = async (baseUrl: string) => (await call(baseUrl, 'POST', '/auth/login', undefined, account)).json.accessToken as string;
    let token = await login(server.baseUrl);
    for (const title of ['written before tags', 'also before tags']) assert.equal((await call(server.baseUrl, 'POST', '/todos', token, { title })).status, 201);
    await server.stop();
    const titles = async (baseUrl: string) => {
      token = await login(baseUrl);
      const listed = await call(baseUrl, 'GET', '/todos?sort=createdAt&order=asc', token);
      assert.equal(listed.status, 200, JSON.stringify(listed.json));
      return (listed.json.items as { title: string }[]).map((item) => item.title).sort();
    };

    const added = await feature('add', out, join(tags.dir, 'step'), tags);
    assert.equal(added.code, 0, tail(added.output));
    assert.equal(added.summary.plan!.migrations.length, 1);
    const tagged = await expectInstallBuildTest(out, 96);
    server = await npmStart(out, database);
    assert.deepEqual(await titles(server.baseUrl), ['also before tags', 'written before tags'], 'the todos made before the step are still there');
    const tag = await call(server.baseUrl, 'POST', '/tags', token, { name: 'work' });
    assert.equal(tag.status, 201, JSON.stringify(tag.json));
    const first = (await call(server.baseUrl, 'GET', '/todos', token)).json.items.find((item: { title: string }) => item.title === 'written before tags');
    assert.equal((await call(server.baseUrl, 'POST', `/todos/${first.id}/tags`, token, { tagId: tag.json.id })).status, 204);
    const filtered = await call(server.baseUrl, 'GET', `/todos?tagId=${tag.json.id}`, token);
    assert.deepEqual(filtered.json.items.map((item: { title: string }) => item.title), ['written before tags']);
    await server.stop();

    const grown = await feature('add', out, join(comments.dir, 'step'), comments);
    assert.equal(grown.code, 0, tail(grown.output));
    const commented = await expectInstallBuildTest(out, 120);
    server = await npmStart(out, database);
    assert.deepEqual(await titles(server.baseUrl), ['also before tags', 'written before tags']);
    assert.equal((await call(server.baseUrl, 'POST', `/todos/${first.id}/comments`, token, { text: 'before the removal' })).status, 201);
    await server.stop();

    // Removing comments drops a table that holds a row: refused until the loss is confirmed, and nothing changes meanwhile.
    const before = readFileSync(join(out, '.strata', 'database.json'), 'utf8');
    const refused = await feature('remove', out, join(comments.dir, 'remove'), tags);
    assert.equal(refused.code, 1);
    assert.match(refused.output, /Comment is removed: its table and every row in it are dropped\. Settle it with a confirmation that the loss is intended \(--confirm-data-loss\)/);
    assert.equal(readFileSync(join(out, '.strata', 'database.json'), 'utf8'), before);
    const removed = await feature('remove', out, join(comments.dir, 'remove'), tags, ['--confirm-data-loss']);
    assert.equal(removed.code, 0, tail(removed.output));
    assert.ok(removed.summary.plan!.removed.includes('src/comments/comments.service.ts'));
    const back = await expectInstallBuildTest(out, 96);
    server = await npmStart(out, database);
    assert.deepEqual(await titles(server.baseUrl), ['also before tags', 'written before tags']);
    assert.deepEqual((await call(server.baseUrl, 'GET', `/todos?tagId=${tag.json.id}`, token)).json.items.map((item: { title: string }) => item.title), ['written before tags'], 'tags survive removing comments');
    assert.equal((await call(server.baseUrl, 'GET', `/todos/${first.id}/comments`, token)).status, 404);
    await server.stop();
    console.log(`      E2E after each step: ${tagged.pass}, ${commented.pass}, ${back.pass}; step tokens ${added.summary.plan!.tokens}, ${grown.summary.plan!.tokens}, ${removed.summary.plan!.tokens}`);
  });

  it('clinic + consulting rooms (a feature receptionists manage): the whole suite passes after the step, and accounts made before it still sign in', async () => {
    const clinic = fixtureApp('clinic');
    const rooms = fixtureApp('clinic-rooms');
    const out = mkdtempSync(join(tmpdir(), 'strata-features-clinic-'));
    const data = mkdtempSync(join(tmpdir(), 'strata-features-clinic-db-'));
    dirs.push(out, data);
    const database = join(data, 'clinic.db');
    await generateWithCli(clinic.requirements, clinic.scripted, out);
    // The clinic's own suite runs in the reference-app test: here it is built and used.
    for (const args of [['install', '--no-audit', '--no-fund'], ['run', 'build']]) {
      const result = await runCommand('npm', args, out);
      assert.equal(result.code, 0, tail(result.output));
    }
    const env = { ...process.env, DATABASE_URL: `file:${database}`, ACCOUNT_PASSWORD: 'front desk secret' };
    const made = await runCommand('npm', ['run', 'create-account', '--', 'receptionist', '--email', 'desk@example.com', '--name', 'Front Desk'], out, env);
    assert.equal(made.code, 0, tail(made.output));
    let server = await npmStart(out, database);
    const patient = { email: 'pat@example.com', password: 'a long password', name: 'Pat Before' };
    assert.equal((await call(server.baseUrl, 'POST', '/auth/signup', undefined, patient)).status, 201);
    await server.stop();

    const added = await feature('add', out, join(rooms.dir, 'step'), rooms);
    assert.equal(added.code, 0, tail(added.output));
    const suite = await expectInstallBuildTest(out, 281);
    server = await npmStart(out, database);
    const signIn = async (email: string, password: string) => (await call(server.baseUrl, 'POST', '/auth/login', undefined, { email, password })).json.accessToken as string;
    const desk = await signIn('desk@example.com', 'front desk secret');
    const pat = await signIn(patient.email, patient.password);
    assert.equal((await call(server.baseUrl, 'GET', '/me', pat)).json.name, 'Pat Before', 'the patient made before the step is still there');
    assert.equal((await call(server.baseUrl, 'POST', '/rooms', desk, { name: 'Room 2' })).status, 201);
    assert.equal((await call(server.baseUrl, 'POST', '/rooms', pat, { name: 'Room 3' })).status, 403);
    assert.deepEqual((await call(server.baseUrl, 'GET', '/rooms', desk)).json.items.map((room: { name: string }) => room.name), ['Room 2']);
    await server.stop();
    console.log(`      E2E after the step: ${suite.pass}; step tokens ${added.summary.plan!.tokens}`);
  });
});

