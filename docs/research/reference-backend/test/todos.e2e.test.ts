import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startServer, type TestServer } from './server.js';

let server: TestServer;
let base = '';

interface Res<T = any> {
  status: number;
  body: T;
}

async function call<T = any>(method: string, url: string, opts: { token?: string; body?: unknown } = {}): Promise<Res<T>> {
  const headers: Record<string, string> = {};
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const res = await fetch(base + url, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function signup(email: string): Promise<string> {
  const r = await call('POST', '/auth/signup', { body: { email, password: 'password123' } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.accessToken;
}

const messages = (r: Res) => (Array.isArray(r.body.message) ? r.body.message.join('\n') : String(r.body.message));

let alice = '';
let bob = '';
let bobTodoId = 0;

before(async () => {
  server = await startServer();
  base = server.baseUrl;
  alice = await signup('alice@example.com');
  bob = await signup('bob@example.com');
  const r = await call('POST', '/todos', { token: bob, body: { title: 'bob private' } });
  bobTodoId = r.body.id;
});
after(() => server?.stop());

describe('POST /auth/signup', () => {
  it('creates a user and returns a bearer token', async () => {
    const r = await call('POST', '/auth/signup', { body: { email: 'Carol@Example.com', password: 'password123' } });
    assert.equal(r.status, 201);
    assert.equal(r.body.tokenType, 'Bearer');
    assert.match(r.body.accessToken, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.equal(typeof r.body.userId, 'number');
    assert.equal(r.body.passwordHash, undefined);
  });
  it('400 on invalid input, with a readable message', async () => {
    const r = await call('POST', '/auth/signup', { body: { email: 'not-an-email', password: 'short', admin: true } });
    assert.equal(r.status, 400);
    assert.match(messages(r), /email must be an email/);
    assert.match(messages(r), /password must be longer than or equal to 8 characters/);
    assert.match(messages(r), /property admin should not exist/);
  });
  it('409 when the email is taken (case-insensitive)', async () => {
    const r = await call('POST', '/auth/signup', { body: { email: 'ALICE@example.com', password: 'password123' } });
    assert.equal(r.status, 409);
  });
});

describe('POST /auth/login', () => {
  it('returns a working token', async () => {
    const r = await call('POST', '/auth/login', { body: { email: 'alice@example.com', password: 'password123' } });
    assert.equal(r.status, 200);
    const list = await call('GET', '/todos', { token: r.body.accessToken });
    assert.equal(list.status, 200);
  });
  it('400 on invalid input', async () => {
    const r = await call('POST', '/auth/login', { body: { email: 'alice@example.com' } });
    assert.equal(r.status, 400);
    assert.match(messages(r), /password must be a string/);
  });
  it('401 on wrong password or unknown user', async () => {
    assert.equal((await call('POST', '/auth/login', { body: { email: 'alice@example.com', password: 'wrongpass1' } })).status, 401);
    assert.equal((await call('POST', '/auth/login', { body: { email: 'nobody@example.com', password: 'password123' } })).status, 401);
  });
});

describe('POST /todos', () => {
  it('creates a todo', async () => {
    const r = await call('POST', '/todos', {
      token: alice,
      body: { title: 'Write tests', description: 'e2e', dueAt: '2030-01-02T03:04:05.000Z' },
    });
    assert.equal(r.status, 201);
    assert.equal(r.body.title, 'Write tests');
    assert.equal(r.body.description, 'e2e');
    assert.equal(r.body.dueAt, '2030-01-02T03:04:05.000Z');
    assert.equal(r.body.done, false);
    assert.equal(typeof r.body.id, 'number');
    assert.ok(!Number.isNaN(Date.parse(r.body.createdAt)));
    assert.equal(r.body.deletedAt, undefined);
    assert.equal(r.body.userId, undefined);
  });
  it('400 on invalid input', async () => {
    const r = await call('POST', '/todos', { token: alice, body: { title: '', dueAt: 'tomorrow', userId: 2 } });
    assert.equal(r.status, 400);
    assert.match(messages(r), /title must be longer than or equal to 1 characters/);
    assert.match(messages(r), /dueAt must be an ISO 8601 date-time/);
    assert.match(messages(r), /property userId should not exist/);
  });
  it('401 without or with a bad token', async () => {
    assert.equal((await call('POST', '/todos', { body: { title: 'x' } })).status, 401);
    assert.equal((await call('POST', '/todos', { token: 'garbage', body: { title: 'x' } })).status, 401);
  });
});

describe('GET /todos', () => {
  let dave = '';
  before(async () => {
    dave = await signup('dave@example.com');
    const past = new Date(Date.now() - 86_400_000).toISOString();
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const mk = (body: object) => call('POST', '/todos', { token: dave, body });
    await mk({ title: 'overdue', dueAt: past });
    await mk({ title: 'future', dueAt: future });
    await mk({ title: 'done-past', dueAt: past, done: true });
    await mk({ title: 'no-due' });
  });
  it('lists only own, non-deleted todos with paging info', async () => {
    const r = await call('GET', '/todos', { token: dave });
    assert.equal(r.status, 200);
    assert.equal(r.body.total, 4);
    assert.equal(r.body.page, 1);
    assert.equal(r.body.pageSize, 20);
    assert.deepEqual(r.body.items.map((t: any) => t.title), ['no-due', 'done-past', 'future', 'overdue']);
  });
  it('filters by status', async () => {
    const titles = async (status: string) =>
      (await call('GET', `/todos?status=${status}&sort=createdAt&order=asc`, { token: dave })).body.items.map((t: any) => t.title);
    assert.deepEqual(await titles('done'), ['done-past']);
    assert.deepEqual(await titles('open'), ['overdue', 'future', 'no-due']);
    assert.deepEqual(await titles('overdue'), ['overdue']);
  });
  it('sorts by dueAt (nulls last) and paginates', async () => {
    const r1 = await call('GET', '/todos?sort=dueAt&order=asc&pageSize=2&page=1', { token: dave });
    const r2 = await call('GET', '/todos?sort=dueAt&order=asc&pageSize=2&page=2', { token: dave });
    assert.equal(r1.status, 200);
    assert.equal(r1.body.total, 4);
    assert.equal(r1.body.items.length, 2);
    const all = [...r1.body.items, ...r2.body.items].map((t: any) => t.title);
    assert.equal(all[3], 'no-due');
    assert.deepEqual(all.slice(2, 3), ['future']);
  });
  it('400 on invalid query', async () => {
    const r = await call('GET', '/todos?status=late&pageSize=1000&page=0&foo=1', { token: dave });
    assert.equal(r.status, 400);
    assert.match(messages(r), /status must be one of the following values/);
    assert.match(messages(r), /pageSize must not be greater than 100/);
    assert.match(messages(r), /page must not be less than 1/);
    assert.match(messages(r), /property foo should not exist/);
  });
  it('401 without token', async () => {
    assert.equal((await call('GET', '/todos')).status, 401);
  });
  it('never shows another user\'s todos', async () => {
    const r = await call('GET', '/todos?pageSize=100', { token: alice });
    assert.ok(r.body.items.every((t: any) => t.id !== bobTodoId));
  });
});

describe('GET /todos/:id', () => {
  it('returns own todo', async () => {
    const r = await call('GET', `/todos/${bobTodoId}`, { token: bob });
    assert.equal(r.status, 200);
    assert.equal(r.body.title, 'bob private');
  });
  it('400 on non-numeric id', async () => {
    const r = await call('GET', '/todos/abc', { token: bob });
    assert.equal(r.status, 400);
    assert.match(messages(r), /numeric string is expected/);
  });
  it('401 without token', async () => {
    assert.equal((await call('GET', `/todos/${bobTodoId}`)).status, 401);
  });
  it('404 for another user\'s todo and for unknown ids', async () => {
    assert.equal((await call('GET', `/todos/${bobTodoId}`, { token: alice })).status, 404);
    assert.equal((await call('GET', '/todos/999999', { token: alice })).status, 404);
  });
});

describe('PATCH /todos/:id', () => {
  it('updates own todo', async () => {
    const r = await call('PATCH', `/todos/${bobTodoId}`, { token: bob, body: { done: true, dueAt: null } });
    assert.equal(r.status, 200);
    assert.equal(r.body.done, true);
    assert.equal(r.body.dueAt, null);
    assert.equal(r.body.title, 'bob private');
  });
  it('400 on invalid input', async () => {
    const r = await call('PATCH', `/todos/${bobTodoId}`, { token: bob, body: { done: 'yes', id: 5 } });
    assert.equal(r.status, 400);
    assert.match(messages(r), /done must be a boolean value/);
    assert.match(messages(r), /property id should not exist/);
  });
  it('401 without token', async () => {
    assert.equal((await call('PATCH', `/todos/${bobTodoId}`, { body: { done: false } })).status, 401);
  });
  it('404 for another user\'s todo (and it stays unchanged)', async () => {
    assert.equal((await call('PATCH', `/todos/${bobTodoId}`, { token: alice, body: { title: 'hacked' } })).status, 404);
    assert.equal((await call('GET', `/todos/${bobTodoId}`, { token: bob })).body.title, 'bob private');
  });
});

describe('DELETE /todos/:id', () => {
  it('401 without token', async () => {
    assert.equal((await call('DELETE', `/todos/${bobTodoId}`)).status, 401);
  });
  it('404 for another user\'s todo', async () => {
    assert.equal((await call('DELETE', `/todos/${bobTodoId}`, { token: alice })).status, 404);
  });
  it('400 on non-numeric id', async () => {
    assert.equal((await call('DELETE', '/todos/1.5', { token: bob })).status, 400);
  });
  it('soft-deletes own todo: 204, then gone from get/list', async () => {
    const r = await call('DELETE', `/todos/${bobTodoId}`, { token: bob });
    assert.equal(r.status, 204);
    assert.equal((await call('GET', `/todos/${bobTodoId}`, { token: bob })).status, 404);
    assert.equal((await call('DELETE', `/todos/${bobTodoId}`, { token: bob })).status, 404);
    const list = await call('GET', '/todos', { token: bob });
    assert.equal(list.body.total, 0);
  });
});

describe('OpenAPI', () => {
  it('serves /openapi.json and a local /docs page', async () => {
    const spec = await call('GET', '/openapi.json');
    assert.equal(spec.status, 200);
    assert.ok(spec.body.paths['/todos/{id}'].patch);
    const html = await (await fetch(`${base}/docs`)).text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(assets.length >= 4);
    for (const a of assets) {
      assert.ok(!/^https?:/.test(a), `external asset ${a}`);
      const res = await fetch(new URL(a, `${base}/docs`));
      assert.equal(res.status, 200, a);
    }
  });
});
