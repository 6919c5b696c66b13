import * as assert from 'node:assert/strict';
import type { DatabaseArtifact } from '../../../src/core/database/types';
import type { InterfaceArtifact } from '../../../src/core/interface/types';
import type { GivenStep, TestArtifact } from '../../../src/core/scenarios/types';
import { validateScenarios } from '../../../src/core/scenarios/validate';
import { blogAnswer, blogApi, blogScenarios } from '../../fixtures/blog/fixtures';
import { todoAnalysis } from '../../fixtures/todo/analyzeArtifact';
import { todoArtifact } from '../../fixtures/todo/databaseArtifact';
import { scriptedApi, scriptedScenarios } from '../../fixtures/todo/fixtures';

const api = (): InterfaceArtifact => scriptedApi();
const scenarios = (): TestArtifact => scriptedScenarios('todos');

/** The todo fixture's scenarios after `change`, and the paths of what the validator finds. */
function pathsAfter(change: (artifact: TestArtifact) => void, context = { api: api(), module: 'todos' }): string[] {
  const artifact = scenarios();
  change(artifact);
  return validateScenarios(artifact, { ...context, database: todoArtifact(), analysis: todoAnalysis() }).map((issue) => issue.path!);
}

/** Scenarios of the fixture by title (the fixture is one answer per operation, merged in the API's order). */
const titled = (title: string): number => scenarios().scenarios.findIndex((scenario) => scenario.title === title);
const LIST_DONE = titled('lists only done todos');
const PAGING = titled('pages through todos one at a time');
const DELETED = titled('leaves deleted todos out');
const CREATE = titled('creates a todo with every field');
const CREATE_TITLE = titled('creates a todo from a title alone, not done and without due date');
const GET = titled('reads one of the caller\'s todos');
/** The delete scenario comes last, after however many update scenarios. */
const DELETE = scenarios().scenarios.findIndex((scenario) => scenario.operation === 'deleteTodo');
const at = (index: number): string => `$.scenarios[${index}]`;

describe('test phase: scenario rules', () => {
  it('a given step repeated "times" (what a limit counts) counts with {n}, may make each repetition as a new account, and is checked as its last repetition sends it', () => {
    const given = scenarios().scenarios[LIST_DONE]!.given.length;
    const step = `${at(LIST_DONE)}.given[${given}]`;
    const repeated = (extra: Partial<GivenStep>) => (artifact: TestArtifact) =>
      artifact.scenarios[LIST_DONE]!.given.push({ name: 'many', operation: 'createTodo', body: { title: 'Todo {n}' }, times: 3, ...extra });
    assert.deepEqual(pathsAfter(repeated({})), []);
    assert.deepEqual(pathsAfter(repeated({ eachAs: 'member' })), []);
    assert.deepEqual(pathsAfter(repeated({ times: 1 })), [`${step}.times`]);
    assert.deepEqual(pathsAfter(repeated({ times: 501 })), [`${step}.times`]);
    assert.deepEqual(pathsAfter(repeated({ times: undefined, eachAs: 'member' })), [`${step}.eachAs`]);
    assert.deepEqual(pathsAfter(repeated({ eachAs: 'member', as: 'member' })), [`${step}.as`]);
    assert.deepEqual(pathsAfter(repeated({ eachAs: 'robot' })), [`${step}.eachAs`]);
    // Made once, "{n}" would be sent as it is.
    assert.deepEqual(pathsAfter(repeated({ times: undefined })), [step]);
    // The title takes 200 characters: "x" x 199 then the number is 200 long at the 9th repetition, 201 at the 10th.
    assert.deepEqual(pathsAfter(repeated({ times: 9, body: { title: `${'x'.repeat(199)}{n}` } })), []);
    assert.deepEqual(pathsAfter(repeated({ times: 10, body: { title: `${'x'.repeat(199)}{n}` } })), [`${step}.body.title`]);
  });

  it('a scenario may expect 404 where the operation documents it (a record hidden from this caller), without a body, and it covers no success', () => {
    const hidden = (artifact: TestArtifact) => artifact.scenarios.push({ ...artifact.scenarios[GET]!, title: "does not show another member's todo", expect: { status: 404 } });
    assert.deepEqual(pathsAfter(hidden), []);
    assert.deepEqual(pathsAfter((artifact) => (hidden(artifact), (artifact.scenarios.at(-1)!.expect.body = { id: 1 }))), [`${at(scenarios().scenarios.length)}.expect.body`]);
    // listTodos documents no 404.
    assert.deepEqual(pathsAfter((artifact) => artifact.scenarios.push({ ...artifact.scenarios[LIST_DONE]!, title: 'hides a list', expect: { status: 404 } })), [`${at(scenarios().scenarios.length)}.expect.status`]);
  });

  it('accepts the todo scenarios, which test every operation of the module', () => {
    const artifact = scenarios();
    assert.deepEqual(validateScenarios(artifact, { api: api(), database: todoArtifact(), analysis: todoAnalysis(), module: 'todos' }), []);
    assert.deepEqual(new Set(artifact.scenarios.map((s) => s.operation)), new Set(api().operations.map((operation) => operation.id)));
    assert.deepEqual(
      [LIST_DONE, PAGING, DELETED, CREATE, CREATE_TITLE, GET, DELETE].map((i) => artifact.scenarios[i]!.operation),
      ['listTodos', 'listTodos', 'listTodos', 'createTodo', 'createTodo', 'getTodo', 'deleteTodo'],
    );
  });

  it('names unknown operations and operations left untested', () => {
    const paths = pathsAfter((a) => {
      a.scenarios[GET]!.operation = 'readTodo';
      a.scenarios = a.scenarios.filter((s) => s.operation !== 'deleteTodo');
    });
    assert.deepEqual(paths, [`${at(GET)}.operation`, '$.scenarios', '$.scenarios']);
    const artifact = scenarios();
    artifact.scenarios = artifact.scenarios.filter((s) => s.operation !== 'deleteTodo');
    const issues = validateScenarios(artifact, { api: api(), database: todoArtifact(), module: 'todos' });
    assert.deepEqual(issues.map((issue) => issue.message), ['no scenario tests deleteTodo (DELETE /todos/{id}) succeeding; add at least one']);
  });

  it("refuses an operation of another module when validating one module's scenarios", () => {
    const other = api();
    other.operations.push({ ...other.operations[0]!, id: 'listTags', module: 'tags', path: '/tags' });
    const artifact = scenarios();
    artifact.scenarios.push({ ...artifact.scenarios[0]!, operation: 'listTags', title: 'lists tags' });
    const issues = validateScenarios(artifact, { api: other, database: todoArtifact(), module: 'todos' });
    assert.deepEqual(issues.map((issue) => issue.path), [`${at(artifact.scenarios.length - 1)}.operation`]);
    assert.match(issues[0]!.message, /belongs to the module "tags"/);
    assert.deepEqual(validateScenarios(artifact, { api: other, database: todoArtifact() }).map((issue) => issue.path), []);
  });

  it('checks given steps: known operations, unique camelCase names, the same actor or guests', () => {
    const withAdmin = api();
    withAdmin.authentication.push({ actor: 'admin', model: 'User', identifier: 'email', password: 'passwordHash', path: '/admin/auth' });
    withAdmin.operations.push({ ...withAdmin.operations[0]!, id: 'listAllTodos', module: 'admin', actor: 'admin', path: '/admin/todos' });
    withAdmin.operations.push({ ...withAdmin.operations[0]!, id: 'health', module: 'status', actor: 'guest', path: '/health', query: undefined });
    const paths = pathsAfter(
      (a) => {
        const given = a.scenarios[DELETED]!.given;
        given[1]!.name = 'kept';
        given.push({ name: 'session', operation: 'createTodo', body: { title: 'x' } });
        given.push({ name: 'peek', operation: 'listAllTodos' });
        given.push({ name: 'health', operation: 'health' });
        given.push({ name: 'mystery', operation: 'makeTodo' });
      },
      { api: withAdmin, module: 'todos' },
    );
    // given[2] deletes "$gone.id": with the second step renamed, nothing is called "gone" any more.
    const base = `${at(DELETED)}.given`;
    assert.deepEqual(paths, [`${base}[1].name`, `${base}[2].params.id`, `${base}[3].name`, `${base}[4].operation`, `${base}[6].operation`]);
  });

  it('resolves references to earlier given steps and $session, down to fields of the response DTO', () => {
    const paths = pathsAfter((a) => {
      const paging = a.scenarios[PAGING]!;
      paging.given[0]!.body!.title = '$second.title';
      paging.given.push({ name: 'page', operation: 'listTodos' });
      paging.given.push({ name: 'fromPage', operation: 'getTodo', params: { id: '$page.items.id' } });
      paging.given.push({ name: 'fromItem', operation: 'getTodo', params: { id: '$page.items.0.id' } });
      paging.given.push({ name: 'owner', operation: 'getTodo', params: { id: '$first.owner' } });
      paging.given.push({ name: 'whole', operation: 'getTodo', params: { id: '$first' } });
      a.scenarios[DELETED]!.request.query = { sort: '$deletion.id' };
      a.scenarios[CREATE]!.request.body!.description = '$session.email';
      a.scenarios[CREATE]!.request.body!.title = '$session.name';
      a.scenarios[GET]!.request.params = { id: '$todoo.id' };
    });
    assert.deepEqual(paths, [
      `${at(PAGING)}.given[0].body.title`,
      `${at(PAGING)}.given[3].params.id`,
      `${at(PAGING)}.given[5].params.id`,
      `${at(PAGING)}.given[6].params.id`,
      `${at(DELETED)}.request.query.sort`,
      `${at(CREATE)}.request.body.title`,
      `${at(GET)}.request.params.id`,
    ]);
  });

  it('explains a reference it cannot follow', () => {
    const artifact = scenarios();
    artifact.scenarios[PAGING]!.given.push({ name: 'page', operation: 'listTodos' }, { name: 'item', operation: 'getTodo', params: { id: '$page.items.id' } });
    artifact.scenarios[DELETED]!.request.query = { sort: '$deletion.id' };
    artifact.scenarios[GET]!.request.params = { id: '$todo.owner' };
    const messages = validateScenarios(artifact, { api: api(), database: todoArtifact(), module: 'todos' }).map((issue) => issue.message);
    assert.deepEqual(messages, [
      '"$page.items.id": items is a list: pick an item by index first (".0.id")',
      '"$deletion.id": deleteTodo answers 204 without a body, there is nothing to refer to',
      '"$todo.owner": Todo has no field "owner" (fields: id, title, description, dueAt, done, createdAt, updatedAt)',
    ]);
  });

  it('takes relative dates wherever a date-time (or a string) goes, and explains a malformed one at its path', () => {
    const issuesAfter = (change: (artifact: TestArtifact) => void) => {
      const artifact = scenarios();
      change(artifact);
      return validateScenarios(artifact, { api: api(), database: todoArtifact(), module: 'todos' }).map((issue) => [issue.path, issue.message]);
    };
    assert.deepEqual(
      issuesAfter((a) => {
        a.scenarios[CREATE]!.request.body!.dueAt = '$now+21d';
        a.scenarios[CREATE]!.expect.body = { dueAt: '$now+21d', createdAt: '$now', updatedAt: '$now-0d' };
        a.scenarios[CREATE_TITLE]!.request.body!.title = '$now-90d';
        a.scenarios[GET]!.given[0]!.body!.dueAt = '$now+2h';
        a.scenarios[DELETED]!.given[0]!.body!.dueAt = '$now-30min';
        a.scenarios[PAGING]!.given[0]!.body!.dueAt = '$now+10s';
      }),
      [],
    );
    const found = issuesAfter((a) => {
      const body = a.scenarios[CREATE]!.request.body!;
      a.scenarios[CREATE]!.request.body = { ...body, dueAt: '$now + 21d' };
      a.scenarios[CREATE_TITLE]!.request.body!.dueAt = '$now+3m';
      a.scenarios[GET]!.given[0]!.body!.dueAt = '$now+1month';
      a.scenarios[DELETED]!.given[0]!.body!.dueAt = '$today+21d';
      a.scenarios[PAGING]!.request.query!.pageSize = '$now+1d';
      a.scenarios[PAGING]!.given[0]!.body!.dueAt = '$now.dueAt';
    });
    assert.deepEqual(found.map(([path]) => path), [
      `${at(PAGING)}.given[0].body.dueAt`,
      `${at(PAGING)}.request.query.pageSize`,
      `${at(DELETED)}.given[0].body.dueAt`,
      `${at(CREATE)}.request.body.dueAt`,
      `${at(CREATE_TITLE)}.request.body.dueAt`,
      `${at(GET)}.given[0].body.dueAt`,
    ]);
    const messages = new Map(found.map(([path, message]) => [path, message]));
    assert.match(messages.get(`${at(CREATE)}.request.body.dueAt`)!, /^"\$now \+ 21d": a relative date is "\$now" or "\$now" plus or minus a whole number of d, h, min or s, without spaces: "\$now", "\$now\+21d"/);
    assert.match(messages.get(`${at(CREATE_TITLE)}.request.body.dueAt`)!, /write minutes as "min" \(e\.g\. "\$now\+30min"\)/);
    assert.match(messages.get(`${at(GET)}.given[0].body.dueAt`)!, /months and years have no fixed length\); count days, e\.g\. "\$now\+30d"/);
    assert.match(messages.get(`${at(DELETED)}.given[0].body.dueAt`)!, /^"\$today\+21d" is a calendar date, but dueAt is a date-time: write "\$now", "\$now\+21d"/);
    assert.match(messages.get(`${at(PAGING)}.request.query.pageSize`)!, /^"\$now\+1d" is a date-time, but pageSize takes integer/);
  });

  it('checks clock moves on given steps and requests, each problem at its path', () => {
    const ok = scenarios();
    ok.scenarios[GET]!.given[0]!.clock = { advance: '21d' };
    ok.scenarios[GET]!.request.clock = { set: '$todo.dueAt' };
    ok.scenarios[CREATE]!.request.clock = { set: '$now-90d' };
    ok.scenarios[CREATE_TITLE]!.request.clock = { set: '2031-06-01T12:00:00.000Z' };
    ok.scenarios[DELETED]!.given[1]!.clock = { advance: '90min' };
    assert.deepEqual(validateScenarios(ok, { api: api(), database: todoArtifact(), module: 'todos' }), []);

    const artifact = scenarios();
    const given = artifact.scenarios[DELETED]!.given;
    given[0]!.clock = { advance: 'P21D' };
    given[1]!.clock = { advance: '-1d' };
    given[2]!.clock = { advance: '0d' };
    artifact.scenarios[PAGING]!.given[0]!.clock = { advance: '1d', set: '$now' };
    artifact.scenarios[PAGING]!.given[1]!.clock = {};
    artifact.scenarios[PAGING]!.request.clock = { set: '$first.title' };
    artifact.scenarios[CREATE]!.request.clock = { set: 'next monday' };
    artifact.scenarios[CREATE_TITLE]!.request.clock = { set: '$now+1y' };
    artifact.scenarios[GET]!.request.clock = { move: '1d' } as never;
    artifact.scenarios[DELETE]!.request.clock = { set: '$later.dueAt' };
    const found = validateScenarios(artifact, { api: api(), database: todoArtifact(), module: 'todos' }).map((issue) => [issue.path, issue.message] as const);
    assert.deepEqual(found.map(([path]) => path), [
      `${at(PAGING)}.given[0].clock`,
      `${at(PAGING)}.given[1].clock`,
      `${at(PAGING)}.request.clock.set`,
      `${at(DELETED)}.given[0].clock.advance`,
      `${at(DELETED)}.given[1].clock.advance`,
      `${at(DELETED)}.given[2].clock.advance`,
      `${at(CREATE)}.request.clock.set`,
      `${at(CREATE_TITLE)}.request.clock.set`,
      `${at(GET)}.request.clock.move`,
      `${at(DELETE)}.request.clock.set`,
    ]);
    const messages = found.map(([, message]) => message);
    assert.match(messages[0]!, /^give exactly one of "advance" and "set"/);
    assert.match(messages[2]!, /^"\$first\.title" is a string; the clock is set to a date-time/);
    assert.match(messages[3]!, /^"P21D": not an ISO 8601 duration; advance takes a positive whole number of d, h, min or s/);
    assert.match(messages[4]!, /the clock only moves forward by a duration; .*\{"set": "\$now-1d"\}/);
    assert.match(messages[5]!, /^"0d" does not move the clock/);
    assert.match(messages[6]!, /^"next monday" is not an instant/);
    assert.match(messages[7]!, /count days/);
    assert.match(messages[8]!, /^a clock move has only "advance" or "set"/);
    assert.match(messages[9]!, /refers to no earlier given step named "later"/);
  });

  it('points a clock move put inside a body, a query or an expected body to where it goes', () => {
    const artifact = scenarios();
    artifact.scenarios[CREATE]!.request.body!.clock = { advance: '1d' };
    artifact.scenarios[DELETED]!.request.query = { clock: { set: '$now+1d' } };
    (artifact.scenarios[GET]!.expect.body as Record<string, unknown>).clock = { advance: '1d' };
    const found = validateScenarios(artifact, { api: api(), database: todoArtifact(), module: 'todos' }).map((issue) => [issue.path, issue.message] as const);
    assert.deepEqual(found.map(([path]) => path), [`${at(DELETED)}.request.query.clock`, `${at(CREATE)}.request.body.clock`, `${at(GET)}.expect.body.clock`]);
    assert.match(found[0]![1], /^a clock move goes on the given step or the request itself, next to "body" and "query"/);
    assert.match(found[2]![1], /^an expected body cannot move the clock: put the move on the request/);
  });

  it('keeps "now" and "today" for dates: no given step takes those names', () => {
    const paths = pathsAfter((a) => {
      a.scenarios[GET]!.given[0]!.name = 'now';
      a.scenarios[GET]!.request.params = { id: 1 };
      a.scenarios[GET]!.expect.body = { title: 'Water plants' };
      a.scenarios[DELETED]!.given[0]!.name = 'today';
      a.scenarios[DELETED]!.expect.body = { total: 1 };
    });
    assert.deepEqual(paths, [`${at(DELETED)}.given[0].name`, `${at(GET)}.given[0].name`]);
  });

  it('refuses a referenced value of another type than the property takes', () => {
    const paths = pathsAfter((a) => {
      a.scenarios[GET]!.given[0]!.body!.title = '$session.id';
      a.scenarios[GET]!.request.params = { id: '$todo.title' };
    });
    assert.deepEqual(paths, [`${at(GET)}.given[0].body.title`, `${at(GET)}.request.params.id`]);
  });

  it('requires exactly the path parameters of the operation, of their type', () => {
    const paths = pathsAfter((a) => {
      a.scenarios[DELETED]!.given[2]!.params = { id: 'abc' };
      a.scenarios[CREATE]!.request.params = { id: 1 };
      a.scenarios[GET]!.request.params = {};
      a.scenarios[DELETE]!.request.params = { id: '$todo.id', todoId: 1 };
    });
    assert.deepEqual(paths, [`${at(DELETED)}.given[2].params.id`, `${at(CREATE)}.request.params.id`, `${at(GET)}.request.params.id`, `${at(DELETE)}.request.params.todoId`]);
  });

  it('holds bodies and queries to their DTOs: required, known, typed and within limits', () => {
    const paths = pathsAfter((a) => {
      a.scenarios[PAGING]!.request.query = { page: 0, pageSize: 101, status: 'late', order: 'up', sort: 1.5, extra: true };
      const body = a.scenarios[CREATE]!.request.body!;
      delete body.title;
      body.description = 'x'.repeat(2001);
      body.dueAt = 'tomorrow';
      body.done = 'yes';
      body.ownerId = 1;
      a.scenarios[CREATE_TITLE]!.request.body!.title = '';
      a.scenarios[GET]!.given[0]!.body!.title = null;
      a.scenarios[GET]!.given[0]!.body!.description = null;
      a.scenarios[DELETE]!.request.query = { soft: true };
      a.scenarios[DELETE]!.request.body = { reason: 'done' };
    });
    const query = `${at(PAGING)}.request.query`;
    const body = `${at(CREATE)}.request.body`;
    assert.deepEqual(paths, [
      ...['page', 'pageSize', 'status', 'order', 'sort', 'extra'].map((name) => `${query}.${name}`),
      ...['description', 'dueAt', 'done', 'ownerId', 'title'].map((name) => `${body}.${name}`),
      `${at(CREATE_TITLE)}.request.body.title`,
      `${at(GET)}.given[0].body.title`,
      `${at(DELETE)}.request.query`,
      `${at(DELETE)}.request.body`,
    ]);
  });

  it('tells the model what a property accepts', () => {
    const artifact = scenarios();
    artifact.scenarios[PAGING]!.request.query!.pageSize = 101;
    delete artifact.scenarios[CREATE]!.request.body!.title;
    artifact.scenarios[CREATE]!.request.body!.ownerId = 1;
    const messages = validateScenarios(artifact, { api: api(), database: todoArtifact(), module: 'todos' }).map((issue) => issue.message);
    assert.deepEqual(messages, [
      'pageSize must be integer, 1..100, optional, default 20; found 101',
      'CreateTodoBody has no property "ownerId" (the server rejects unknown properties); its properties: title, description, dueAt, done',
      'missing: CreateTodoBody requires title (string, 1-200 characters)',
    ]);
  });

  it('expects the success status and only what the response DTO has, never secrets, nothing for 204', () => {
    const paths = pathsAfter((a) => {
      a.scenarios[PAGING]!.expect.body = { items: [{ id: '$second.id', priority: 1 }], total: '2' };
      a.scenarios[CREATE]!.expect.status = 200;
      a.scenarios[CREATE]!.expect.body = { title: 'Write report', owner: 'me', passwordHash: 'x', done: 'false' };
      a.scenarios[GET]!.expect.body = [{ id: '$todo.id' }];
      a.scenarios[DELETE]!.expect.body = {};
    });
    assert.deepEqual(paths, [
      `${at(PAGING)}.expect.body.items[0].priority`,
      `${at(PAGING)}.expect.body.total`,
      `${at(CREATE)}.expect.status`,
      `${at(CREATE)}.expect.body.owner`,
      `${at(CREATE)}.expect.body.passwordHash`,
      `${at(CREATE)}.expect.body.done`,
      `${at(GET)}.expect.body`,
      `${at(DELETE)}.expect.body`,
    ]);
  });

  it('keeps the titles of one operation apart', () => {
    const paths = pathsAfter((a) => {
      a.scenarios[LIST_DONE]!.title = a.scenarios[1]!.title;
    });
    assert.deepEqual(paths, [`${at(LIST_DONE)}.title`]);
  });

  it('has no $session in a guest operation', () => {
    const guestApi = api();
    for (const operation of guestApi.operations) operation.actor = 'guest';
    const paths = pathsAfter((a) => {
      a.scenarios[CREATE]!.request.body!.description = '$session.email';
    }, { api: guestApi, module: 'todos' });
    assert.deepEqual(paths, [`${at(CREATE)}.request.body.description`]);
  });

  it('lets a given step be made "as" another actor that signs in, for the operations of that actor', () => {
    const blog = { api: blogApi(), database: blogAnswer<DatabaseArtifact>('database', 'data_model.json') };
    const posts = (): TestArtifact => blogScenarios('posts');
    assert.deepEqual(validateScenarios(posts(), { ...blog, module: 'posts' }), []);
    assert.deepEqual(validateScenarios(blogScenarios('comments'), { ...blog, module: 'comments' }), []);

    // A guest scenario cannot make a member's post without "as"; "as" names an actor that signs in.
    const broken = posts();
    delete broken.scenarios[1]!.given[1]!.as;
    broken.scenarios[1]!.given[2]!.as = 'guest';
    const issues = validateScenarios(broken, { ...blog, module: 'posts' });
    // The expectation names the broken step's post too.
    assert.deepEqual(issues.map((issue) => issue.path), ['$.scenarios[1].given[1].operation', '$.scenarios[1].given[2].as', '$.scenarios[1].expect.body.items[0].id']);
    assert.match(issues[0]!.message, /createPost is for the member, but this scenario runs without signing in; use operations of guests, or set "as": "member"/);
    assert.match(issues[1]!.message, /"guest" is neither an account of the scenario's "accounts" nor an actor that signs in; name one of "member", or leave "as" out/);

    // "as" one actor does not open another actor's operations.
    const withAdmin = api();
    withAdmin.authentication.push({ actor: 'admin', model: 'User', identifier: 'email', password: 'passwordHash', path: '/admin/auth' });
    withAdmin.operations.push({ ...withAdmin.operations[0]!, id: 'listAllTodos', module: 'admin', actor: 'admin', path: '/admin/todos' });
    const paths = pathsAfter(
      (a) => {
        a.scenarios[DELETED]!.given.push({ name: 'peek', operation: 'listAllTodos', as: 'member' }, { name: 'audit', operation: 'listAllTodos', as: 'admin' });
      },
      { api: withAdmin, module: 'todos' },
    );
    assert.deepEqual(paths, [`${at(DELETED)}.given[3].as`]);
  });
});
