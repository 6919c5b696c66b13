import * as assert from 'node:assert/strict';
import type { DatabaseArtifact } from '../../../src/core/database/types';
import type { InterfaceArtifact } from '../../../src/core/interface/types';
import type { TestArtifact } from '../../../src/core/test/types';
import { validateScenarios } from '../../../src/core/test/validate';
import { blogAnswer } from '../../fixtures/blog/fixtures';
import { todoAnalysis } from '../../fixtures/todo/analyzeArtifact';
import { todoArtifact } from '../../fixtures/todo/databaseArtifact';
import { scriptedAnswer } from '../../fixtures/todo/fixtures';

const api = (): InterfaceArtifact => scriptedAnswer('interface', 'api_design.json');
const scenarios = (): TestArtifact => scriptedAnswer('test', 'scenarios_todos.json');

/** The todo fixture's scenarios after `change`, and the paths of what the validator finds. */
function pathsAfter(change: (artifact: TestArtifact) => void, context = { api: api(), module: 'todos' }): string[] {
  const artifact = scenarios();
  change(artifact);
  return validateScenarios(artifact, { ...context, database: todoArtifact(), analysis: todoAnalysis() }).map((issue) => issue.path!);
}

/** Scenarios of the fixture by index (the first test pins the order). */
const LIST_DONE = 3;
const PAGING = 6;
const DELETED = 7;
const CREATE = 8;
const CREATE_TITLE = 9;
const GET = 10;
/** The delete scenario comes last, after however many update scenarios. */
const DELETE = scenarios().scenarios.findIndex((scenario) => scenario.operation === 'deleteTodo');
const at = (index: number): string => `$.scenarios[${index}]`;

describe('test phase: scenario rules', () => {
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
    assert.deepEqual(issues.map((issue) => issue.message), ['no scenario tests deleteTodo (DELETE /todos/{id}); add at least one']);
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
    const blog = { api: blogAnswer<InterfaceArtifact>('interface', 'api_design.json'), database: blogAnswer<DatabaseArtifact>('database', 'data_model.json') };
    const posts = (): TestArtifact => blogAnswer('test', 'scenarios_posts.json');
    assert.deepEqual(validateScenarios(posts(), { ...blog, module: 'posts' }), []);
    assert.deepEqual(validateScenarios(blogAnswer('test', 'scenarios_comments.json'), { ...blog, module: 'comments' }), []);

    // A guest scenario cannot make a member's post without "as"; "as" names an actor that signs in.
    const broken = posts();
    delete broken.scenarios[1]!.given[1]!.as;
    broken.scenarios[1]!.given[2]!.as = 'guest';
    const issues = validateScenarios(broken, { ...blog, module: 'posts' });
    assert.deepEqual(issues.map((issue) => issue.path), ['$.scenarios[1].given[1].operation', '$.scenarios[1].given[2].as']);
    assert.match(issues[0]!.message, /createPost is for the member, but this scenario runs without signing in; use operations of guests, or set "as": "member"/);
    assert.match(issues[1]!.message, /"guest" is not an actor that signs in; name one of "member", or leave "as" out/);

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
