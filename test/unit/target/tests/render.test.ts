import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as ts from 'typescript';
import type { DatabaseArtifact } from '../../../../src/core/database/types';
import type { InterfaceArtifact } from '../../../../src/core/interface/types';
import { ACCESS_SOURCE, PRISMA_ERRORS_SOURCE } from '../../../../src/core/target/nest-prisma/project/hardening';
import { NEST_SHIMS } from '../../../../src/core/target/nest-prisma/typecheck/shims/nest';
import { PACKAGE_SHIMS } from '../../../../src/core/target/nest-prisma/typecheck/shims/packages';
import { routesOf } from '../../../../src/core/scenarios/accounts';
import { soakPlan } from '../../../../src/core/target/nest-prisma/tests/soak';
import { renderContext } from '../../../../src/core/target/nest-prisma/tests/steps';
import { renderTests } from '../../../../src/core/target/nest-prisma/tests/tests';
import type { TestArtifact } from '../../../../src/core/scenarios/types';
import { validateScenarios } from '../../../../src/core/scenarios/validate';
import { todoArtifact } from '../../../fixtures/todo/databaseArtifact';
import { blogAnswer, blogApi, blogScenarios } from '../../../fixtures/blog/fixtures';
import { scriptedApi, TODO_DIR, scriptedScenarios } from '../../../fixtures/todo/fixtures';
import { ACCESS_FILE, PRISMA_ERRORS_FILE } from '../../../../src/core/names/generated';

const todoApi = (): InterfaceArtifact => scriptedApi();
const todoScenarios = (): TestArtifact => scriptedScenarios('todos');

/** The describe titles of a test file, each with its `it` titles in order. */
function outline(source: string): [string, string[]][] {
  const result: [string, string[]][] = [];
  for (const match of source.matchAll(/^(describe|  it)\((['"])(.*?)\2, /gm)) {
    if (match[1] === 'describe') result.push([match[3]!, []]);
    else result.at(-1)![1].push(match[3]!);
  }
  return result;
}

/**
 * Type-checks rendered test files as the generated project does (strict, nodenext, ESM, @types/node),
 * from a temporary folder; answers the diagnostics as `file:line message`.
 */
function typeCheck(files: Map<string, string>): string[] {
  const root = mkdtempSync(join(tmpdir(), 'strata-tests-check-'));
  try {
    const write = (path: string, content: string) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    };
    write('package.json', '{ "type": "module" }\n');
    // The support code reaches the project's database client only to empty tables between tests.
    write('src/common/clock.ts', 'export declare class Clock {\n  now(): Date;\n}\n');
    write(
      'src/prisma/prisma.service.ts',
      "import type { Clock } from '../common/clock.js';\n" +
        'export declare class PrismaService {\n' +
        '  constructor(clock: Clock);\n' +
        '  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;\n' +
        '  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;\n' +
        '  $transaction(queries: Promise<unknown>[]): Promise<unknown[]>;\n' +
        '  $disconnect(): Promise<void>;\n' +
        '}\n',
    );
    // The hardening tests drive the generated AccessGuard through Nest's decorators: the shims the Realize check uses.
    write(ACCESS_FILE, ACCESS_SOURCE);
    write(PRISMA_ERRORS_FILE, PRISMA_ERRORS_SOURCE);
    write(
      'src/generated/prisma/client.ts',
      'export declare namespace Prisma {\n' +
        '  export class PrismaClientKnownRequestError extends Error {\n' +
        '    constructor(message: string, options: { code: string; clientVersion: string });\n' +
        '    code: string;\n' +
        '  }\n' +
        '}\n',
    );
    write('strata-types/nest.d.ts', NEST_SHIMS);
    write('strata-types/packages.d.ts', PACKAGE_SHIMS);
    for (const [path, content] of files) write(path, content);
    const program = ts.createProgram(
      [...files.keys(), 'strata-types/nest.d.ts', 'strata-types/packages.d.ts'].map((path) => join(root, path)),
      {
        target: ts.ScriptTarget.ES2023,
        lib: ['lib.es2023.d.ts'],
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: ['node'],
        typeRoots: [join(TODO_DIR, '..', '..', '..', 'node_modules', '@types')],
      },
    );
    return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
      const where = diagnostic.file ? `${diagnostic.file.fileName.slice(root.length + 1)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}` : '';
      return `${where} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe('test phase: rendered e2e tests', () => {
  it('renders the support code, the auth tests and one file per module for the todo backend', () => {
    const files = renderTests(todoScenarios(), todoApi(), todoArtifact());
    assert.deepEqual([...files.keys()], [
      'test/support/server.ts',
      'test/support/http.ts',
      'test/support/clock.ts',
      'test/clock.e2e.test.ts',
      'test/support/tokens.ts',
      'test/auth.e2e.test.ts',
      'test/hardening.e2e.test.ts',
      'test/support/soak.ts',
      'test/soak.test.ts',
      'test/todos.e2e.test.ts',
    ]);
  });

  it('renders a repeated given step as one loop holding the last reply, counting with n and signing up a new account each time when asked', () => {
    const scenarios = todoScenarios();
    const list = scenarios.scenarios.find((scenario) => scenario.operation === 'listTodos')!;
    list.given.push(
      { name: 'many', operation: 'createTodo', times: 3, body: { title: 'Todo `{n}` ${x}' } },
      { name: 'others', operation: 'createTodo', times: 2, eachAs: 'member', body: { title: 'Same' } },
    );
    const code = renderTests(scenarios, todoApi(), todoArtifact()).get('test/todos.e2e.test.ts')!;
    assert.match(code, /^import \{[^}]*\brepeat\b[^}]*\} from '\.\/support\/http\.js';$/m);
    const loop = (variable: string) => new RegExp(`const ${variable} = await repeat\\((\\d+), async \\((n?)\\) => \\{\\n([^]*?)\\n {4}\\}\\);`).exec(code);
    const many = loop('many');
    assert.ok(many, code);
    assert.equal(many[1], '3');
    assert.equal(many[2], 'n');
    // The text keeps its backticks and "${" literal; only {n} counts.
    assert.match(many[3]!, /title: `Todo \\`\$\{n\}\\` \\\$\{x\}`/);
    assert.match(many[3]!, /token: session\.token/);
    assert.match(many[3]!, /expectStatus\(reply, 201\);\n {6}return reply;/);
    const others = loop('others');
    assert.ok(others, code);
    assert.equal(others[2], '', 'a loop that does not count takes no n');
    assert.match(others[3]!, /^ {6}const each = await newSession\('member'\);\n[^]*token: each\.token/);
  });

  it("soaks the todo backend with the member's logins, the list and a create that needs nothing made first", () => {
    const scenarios = todoScenarios();
    const plan = soakPlan(scenarios, renderContext(todoApi(), todoArtifact()), [routesOf(todoApi(), todoArtifact(), 'member')!]);
    const create = scenarios.scenarios.find((scenario) => scenario.operation === 'createTodo' && scenario.given.length === 0 && !JSON.stringify(scenario.request).includes('$'));
    assert.ok(create, 'the todo scenarios have a create that needs nothing made first');
    assert.deepEqual(plan, {
      actor: 'member',
      signUp: '/auth/signup',
      login: '/auth/login',
      identifier: 'email',
      list: { path: '/todos', token: true },
      create: { path: '/todos', body: create.request.body },
    });
    const support = renderTests(scenarios, todoApi(), todoArtifact()).get('test/support/soak.ts')!;
    assert.match(support, /^ {2}list: \{ path: '\/todos', token: true \},$/m);
    assert.match(support, /^ {2}create: \{ path: '\/todos', body: CREATE_BODY \},$/m);
    // A scenario that needs an earlier step, a relative date or another account is never what the soak sends.
    const dependent = {
      scenarios: scenarios.scenarios.map((scenario) =>
        scenario.operation === 'createTodo' ? { ...scenario, request: { body: { ...scenario.request.body, dueAt: '$now+1d' } } } : scenario,
      ),
    };
    assert.equal(soakPlan(dependent, renderContext(todoApi(), todoArtifact()), [routesOf(todoApi(), todoArtifact(), 'member')!])?.create, undefined);
    const noSignUp = { ...todoApi(), authentication: todoApi().authentication.map((spec) => ({ ...spec, signUp: false })) };
    assert.equal(renderTests(scenarios, noSignUp, todoArtifact()).has('test/soak.test.ts'), false);
  });

  it("tests every todo operation: the scenarios, a deletion's effect, then 400, 401, another member's todo and one that does not exist", () => {
    const todos = renderTests(todoScenarios(), todoApi(), todoArtifact()).get('test/todos.e2e.test.ts')!;
    const unauthorized = '401 without a valid member token, including forged, tampered and expired ones';
    const notAnInteger = '400 when id is not an integer';
    const badBody = '400 when title is not a string, done is null, dueAt is "tomorrow", description is too long and the body has an unknown property';
    const missing = '404 on a todo that does not exist';
    assert.deepEqual(outline(todos), [
      [
        'GET /todos (listTodos)',
        [
          "lists the caller's todos with the default paging",
          'lists only overdue todos: not done and past their due date',
          'lists only open todos, overdue or not',
          'lists only done todos',
          'lists all todos sorted by due date, earliest first',
          'sorts by due date, latest first',
          'pages through todos one at a time',
          'leaves deleted todos out',
          'lists a todo as overdue once the clock passes its due date',
          'lists todos newest first by default, by creation time',
          'pages: pages of one hold the first and the second item, and a page past the end is empty, with the same total',
          '400 when status is not one of its values and the query has an unknown parameter',
          unauthorized,
        ],
      ],
      ['POST /todos (createTodo)', ['creates a todo with every field', 'creates a todo from a title alone, not done and without due date', badBody, unauthorized]],
      ['GET /todos/{id} (getTodo)', ["reads one of the caller's todos", notAnInteger, unauthorized, "404 on another member's todo", missing]],
      [
        'PATCH /todos/{id} (updateTodo)',
        [
          'marks a todo done and keeps its other fields',
          'renames a todo and clears its due date',
          'leaves a todo as it was when the change is empty',
          'stamps the change with the clock and keeps the creation time',
          badBody,
          notAnInteger,
          unauthorized,
          "404 on another member's todo it cannot read (403 or 404 when it can), which stays unchanged",
          missing,
        ],
      ],
      [
        'DELETE /todos/{id} (deleteTodo)',
        [
          "deletes one of the caller's todos",
          'a deleted todo is gone: 404 on GET /todos/{id}, on PATCH and on a second DELETE',
          notAnInteger,
          unauthorized,
          "404 on another member's todo it cannot read (403 or 404 when it can), which stays unchanged",
          missing,
        ],
      ],
    ]);
  });

  it('turns given steps and references into calls and property reads', () => {
    const todos = renderTests(todoScenarios(), todoApi(), todoArtifact()).get('test/todos.e2e.test.ts')!;
    assert.match(todos, /^import \{ call, expectBadRequest, expectNoSecrets, expectStatus, expectSubset, newSession, useServer \} from '\.\/support\/http\.js';$/m);
    assert.match(todos, /^import \{ expectUnauthorized \} from '\.\/support\/tokens\.js';$/m);
    assert.doesNotMatch(todos, /randomUUID/, 'integer ids need no UUID');
    assert.match(todos, /\n {4}const gone = await call\('POST', '\/todos', \{ token: session\.token, body: \{ title: 'Delete me' \} \}\);\n {4}expectStatus\(gone, 201\);\n/);
    assert.match(todos, /\n {4}const deletion = await call\('DELETE', `\/todos\/\$\{gone\.body\.id\}`, \{ token: session\.token \}\);\n {4}expectStatus\(deletion, 204\);\n/);
    assert.match(todos, /expectSubset\(reply\.body, \{ items: \[\{ id: kept\.body\.id, title: 'Keep me' \}\], total: 1 \}\);/);
    assert.match(todos, /query: \{ sort: 'dueAt', order: 'asc', page: 2, pageSize: 1 \},/);
    assert.match(todos, /expectSubset\(reply\.body, \{ title: 'Call mum', description: null, dueAt: null, done: false \}\);/);
    // A 204 has no body to check.
    const deleteTest = todos.slice(todos.indexOf("it(\"deletes one of the caller's todos\""));
    assert.match(deleteTest, /^[^]*?expectStatus\(reply, 204\);\n {2}\}\);/);
  });

  it("derives 400s from the DTOs and runs another member's setup for 403/404, re-reading what a mutation must not change", () => {
    const todos = renderTests(todoScenarios(), todoApi(), todoArtifact()).get('test/todos.e2e.test.ts')!;
    // One body carries every fault; each message must be there, whole where class-validator words it predictably.
    assert.match(
      todos,
      new RegExp(
        [
          "body: \\{ title: 12345, done: null, dueAt: 'tomorrow', description: 'x'\\.repeat\\(2001\\), unexpectedField: true \\},\\n {4}\\}\\);",
          'expectBadRequest\\(',
          "reply,\\n {6}'title',\\n {6}'done',\\n {6}'dueAt must be an ISO 8601 date-time',",
          "'description must be shorter than or equal to 2000 characters',\\n {6}'property unexpectedField should not exist',\\n {4}\\);",
        ].join('\\n {4,6}'),
      ),
    );
    assert.match(todos, /query: \{ status: 'invalid', unexpectedField: 'x' \},\n {4}\}\);\n {4}expectBadRequest\(reply, 'status', 'property unexpectedField should not exist'\);/);
    assert.match(todos, /const reply = await call\('DELETE', '\/todos\/abc', \{ token: session\.token \}\);\n {4}expectStatus\(reply, 400\);/);
    assert.match(todos, /it\('401 without a valid member token, including forged, tampered and expired ones', async \(\) => \{\n {4}await expectUnauthorized\('PATCH', '\/todos\/1', 'member'\);\n {2}\}\);/);
    const patchOther = todos.slice(todos.indexOf("it(\"404 on another member's todo it cannot read (403 or 404 when it can), which stays unchanged\""));
    assert.match(
      patchOther,
      new RegExp(
        [
          "const owner = await newSession\\('member'\\);",
          'const todo = await call\\(\'POST\', \'/todos\', \\{\\n {6}token: owner\\.token,',
          'expectStatus\\(todo, 201\\);',
          'const original = await call\\(\'GET\', `/todos/\\$\\{todo\\.body\\.id\\}`, \\{ token: owner\\.token \\}\\);',
          'expectStatus\\(original, 200\\);',
          "const intruder = await newSession\\('member'\\);",
          'const seen = await call\\(\'GET\', `/todos/\\$\\{todo\\.body\\.id\\}`, \\{ token: intruder\\.token \\}\\);',
          'const reply = await call\\(\'PATCH\', `/todos/\\$\\{todo\\.body\\.id\\}`, \\{ token: intruder\\.token, body: \\{ done: true \\} \\}\\);',
          'expectStatus\\(reply, \\.\\.\\.\\(seen\\.status === 404 \\? \\[404\\] : \\[403, 404\\]\\)\\);',
          'const reread = await call\\(\'GET\', `/todos/\\$\\{todo\\.body\\.id\\}`, \\{ token: owner\\.token \\}\\);',
          'assert\\.deepEqual\\(reread\\.body, original\\.body, "the owner\'s todo changed"\\);',
        ].join('[^]*?'),
      ),
    );
  });

  it('checks that a deleted todo is gone and that an id nobody has answers 404, after the setup of the first scenario', () => {
    const todos = renderTests(todoScenarios(), todoApi(), todoArtifact()).get('test/todos.e2e.test.ts')!;
    const gone = todos.slice(todos.indexOf("it('a deleted todo is gone"), todos.indexOf("it('400 when id is not an integer'", todos.indexOf("it('a deleted todo is gone")));
    assert.equal(
      gone.trim(),
      `it('a deleted todo is gone: 404 on GET /todos/{id}, on PATCH and on a second DELETE', async () => {
    const session = await newSession('member');
    const todo = await call('POST', '/todos', { token: session.token, body: { title: 'Old chore' } });
    expectStatus(todo, 201);
    const deleted = await call('DELETE', \`/todos/\${todo.body.id}\`, { token: session.token });
    expectStatus(deleted, 204);
    const read = await call('GET', \`/todos/\${todo.body.id}\`, { token: session.token });
    expectStatus(read, 404);
    const changed = await call('PATCH', \`/todos/\${todo.body.id}\`, { token: session.token, body: { done: true } });
    expectStatus(changed, 404);
    const again = await call('DELETE', \`/todos/\${todo.body.id}\`, { token: session.token });
    expectStatus(again, 404);
  });`,
    );
    // The update's setup runs, and its body makes the rest of the request valid: only the id is wrong.
    const patch = todos.slice(todos.indexOf('PATCH /todos/{id} (updateTodo)'));
    assert.match(
      patch,
      /it\('404 on a todo that does not exist', async \(\) => \{\n {4}const session = await newSession\('member'\);\n {4}const todo = await call\('POST', '\/todos', \{[^]*?expectStatus\(todo, 201\);\n {4}const reply = await call\('PATCH', '\/todos\/2147483647', \{ token: session\.token, body: \{ done: true \} \}\);\n {4}expectStatus\(reply, 404\);\n {2}\}\);/,
    );
    assert.match(todos, /const reply = await call\('DELETE', '\/todos\/2147483647', \{ token: session\.token \}\);\n {4}expectStatus\(reply, 404\);/);
  });


  it("pages through a page that says more than where it is (a doctor's day and its room) taking the rest from the default page", () => {
    const paged = (api: InterfaceArtifact) => {
      const todos = renderTests(todoScenarios(), api, todoArtifact()).get('test/todos.e2e.test.ts')!;
      return todos.match(/assert\.deepEqual\(firstPage\.body, .*\);/)?.[0];
    };
    assert.equal(paged(todoApi()), 'assert.deepEqual(firstPage.body, { items: [listed.body.items[0]], total: listed.body.total, page: 1, pageSize: 1 });');
    const api = todoApi();
    const page = api.dtos.find((dto) => dto.name === 'TodoPage')!;
    page.properties.push({ name: 'overdue', type: 'integer', description: 'overdue todos in the whole list' });
    assert.equal(paged(api), 'assert.deepEqual(firstPage.body, { ...listed.body, items: [listed.body.items[0]], total: listed.body.total, page: 1, pageSize: 1 });');
  });
  it('signs members up with unique e-mails and tests sign-up and login from the AuthSpec', () => {
    const files = renderTests(todoScenarios(), todoApi(), todoArtifact());
    const http = files.get('test/support/http.ts')!;
    assert.match(http, /member: \(unique\) => \(\{ email: `member-\$\{unique\}@example\.test`, password: PASSWORD \}\),/);
    assert.match(http, /const SECRETS = new Set\(\['password', 'passwordHash'\]\);/);
    assert.match(http, /export type Actor = 'member';/);
    assert.match(http, /\n {2}id: number;\n/);
    const auth = files.get('test/auth.e2e.test.ts')!;
    assert.deepEqual(outline(auth), [
      [
        'POST /auth/signup (signUpMember)',
        ['signs up a member and answers a bearer token', '400 on an invalid email, a password one character too short and an unknown property', '409 when the email is taken, in any letter case'],
      ],
      ['POST /auth/login (logInMember)', ['logs a member in with a token that opens GET /todos', '401 on a wrong password or an unknown email']],
    ]);
    assert.match(auth, /email: taken\.email\.toUpperCase\(\)/);
    assert.match(auth, /expectStatus\(await call\('GET', '\/todos', \{ token: reply\.body\.accessToken \}\), 200\);/);
  });

  it('renders strict TypeScript for the todo backend', function () {
    this.timeout(60_000);
    assert.deepEqual(typeCheck(renderTests(todoScenarios(), todoApi(), todoArtifact())), []);
  });

  describe('an API with guests, two actors, string keys and lists', () => {
    const database: DatabaseArtifact = {
      enums: [],
      models: [
        {
          name: 'Account',
          description: 'A writer or an editor.',
          file: 'accounts',
          fields: [
            { name: 'id', type: 'String', id: true, default: { kind: 'uuid' } },
            { name: 'username', type: 'String', unique: true },
            { name: 'displayName', type: 'String' },
            { name: 'age', type: 'Int' },
            { name: 'secretHash', type: 'String', secret: true },
          ],
        },
        {
          name: 'Tag',
          description: 'A label.',
          file: 'tags',
          fields: [
            { name: 'slug', type: 'String', id: true },
            { name: 'label', type: 'String' },
          ],
        },
      ],
    };
    const api: InterfaceArtifact = {
      authentication: [
        { actor: 'writer', model: 'Account', identifier: 'username', password: 'secretHash', path: '/writers' },
        { actor: 'editor', model: 'Account', identifier: 'username', password: 'secretHash', path: '/editors/' },
      ],
      dtos: [
        { name: 'Tag', kind: 'response', description: 'A tag.', model: 'Tag', properties: [{ name: 'slug', type: 'string', column: 'slug' }, { name: 'label', type: 'string', column: 'label' }] },
        { name: 'CreateTagBody', kind: 'body', description: 'A new tag.', model: 'Tag', properties: [{ name: 'slug', type: 'string', minLength: 1 }, { name: 'label', type: 'string', optional: true }] },
        { name: 'Health', kind: 'response', description: 'Up or not.', properties: [{ name: 'ok', type: 'boolean' }] },
        { name: 'BundleBody', kind: 'body', description: 'Tags in bulk.', properties: [{ name: 'tags', type: 'object', dto: 'CreateTagBody', list: true }] },
      ],
      operations: [
        { id: 'health', module: 'status', section: 's', summary: 'Is it up?', method: 'GET', path: '/health', actor: 'guest', params: [], response: 'Health', status: 200, errors: [] },
        { id: 'listTags', module: 'tags', section: 's', summary: 'All tags.', method: 'GET', path: '/tags', actor: 'writer', params: [], response: 'Tag', responseList: true, status: 200, errors: [] },
        { id: 'createTag', module: 'tags', section: 's', summary: 'Add a tag.', method: 'POST', path: '/tags', actor: 'editor', params: [], body: 'CreateTagBody', response: 'Tag', status: 201, errors: [] },
        {
          id: 'getTag', module: 'tags', section: 's', summary: 'One tag.', method: 'GET', path: '/tags/{slug}', actor: 'writer', model: 'Tag',
          params: [{ name: 'slug', type: 'string', column: 'slug' }], response: 'Tag', status: 200, errors: [],
        },
        { id: 'addTags', module: 'tags', section: 's', summary: 'Add tags in bulk.', method: 'POST', path: '/tags/bulk', actor: 'editor', params: [], body: 'BundleBody', status: 204, errors: [] },
        {
          id: 'deleteTag', module: 'tags', section: 's', summary: 'Remove a tag.', method: 'DELETE', path: '/tags/{slug}', actor: 'editor', model: 'Tag',
          params: [{ name: 'slug', type: 'string', column: 'slug' }], status: 204, errors: [{ status: 404, description: 'No such tag.' }],
        },
      ],
    };
    const scenarios: TestArtifact = {
      scenarios: [
        { operation: 'health', title: 'says it is up', given: [], request: {}, expect: { status: 200, body: { ok: true } } },
        { operation: 'listTags', title: 'lists no tags at first', given: [{ name: 'health', operation: 'health' }], request: {}, expect: { status: 200, body: [] } },
        { operation: 'createTag', title: "adds a tag named after the editor's username", given: [], request: { body: { slug: '$session.username', label: "Editor's pick" } }, expect: { status: 201, body: { slug: '$session.username' } } },
        { operation: 'getTag', title: 'reads a tag', given: [], request: { params: { slug: 'news & views' } }, expect: { status: 200 } },
        { operation: 'addTags', title: 'adds tags in bulk', given: [], request: { body: { tags: [{ slug: 'a' }, { slug: 'b', label: 'B' }] } }, expect: { status: 204 } },
        { operation: 'deleteTag', title: 'removes a tag', given: [{ name: 'tag', operation: 'createTag', body: { slug: 'old' } }], request: { params: { slug: '$tag.slug' } }, expect: { status: 204 } },
      ],
    };
    const files = renderTests(scenarios, api, database);

    it('are valid scenarios for the rules', () => {
      assert.deepEqual(validateScenarios(scenarios, { api, database }), []);
    });

    it("skips what cannot apply, with a comment, and tries another actor's real token for 403", () => {
      assert.deepEqual([...files.keys()], [
        'test/support/server.ts',
        'test/support/http.ts',
        'test/support/clock.ts',
        'test/clock.e2e.test.ts',
        'test/support/tokens.ts',
        'test/auth.e2e.test.ts',
        'test/hardening.e2e.test.ts',
        'test/support/soak.ts',
        'test/soak.test.ts',
        'test/status.e2e.test.ts',
        'test/tags.e2e.test.ts',
      ]);
      const status = files.get('test/status.e2e.test.ts')!;
      assert.deepEqual(outline(status), [['GET /health (health)', ['says it is up']]]);
      assert.match(status, /\n {2}\/\/ No 400 test: health takes no input that could be invalid\.\n/);
      assert.match(status, /const reply = await call\('GET', '\/health'\);/);
      const tags = files.get('test/tags.e2e.test.ts')!;
      const writer = ['401 without a valid writer token, including forged, tampered and expired ones', '403 for a signed-in editor: the route is not theirs'];
      const editor = ['401 without a valid editor token, including forged, tampered and expired ones', '403 for a signed-in writer: the route is not theirs'];
      assert.deepEqual(outline(tags), [
        ['GET /tags (listTags)', ['lists no tags at first', ...writer]],
        ['POST /tags (createTag)', ["adds a tag named after the editor's username", '400 when slug is not a string, label is null and the body has an unknown property', ...editor]],
        ['GET /tags/{slug} (getTag)', ['reads a tag', ...writer]],
        ['POST /tags/bulk (addTags)', ['adds tags in bulk', '400 when the body has an unknown property', ...editor]],
        [
          'DELETE /tags/{slug} (deleteTag)',
          ['removes a tag', 'a deleted tag is gone: 404 on a second DELETE', ...editor, '404 on a tag that does not exist'],
        ],
      ]);
      // Tags belong to no account, so another editor may legitimately remove one: no cross-account test.
      assert.match(tags, /\/\/ No test on another editor's tag: Tag has no owner relation to \w+, so it is not private to one account\./);
      assert.match(tags, /body: \{ tags: \[\{ slug: 'a' \}, \{ slug: 'b', label: 'B' \}\] \}/);
      assert.match(tags, /await expectUnauthorized\('POST', '\/tags', 'editor'\);/);
      assert.match(tags, /await expectUnauthorized\('GET', '\/tags\/unknown', 'writer'\);/);
      // A real token of the other actor is signed in, but not as anyone the route admits: 403.
      const tokens = files.get('test/support/tokens.ts')!;
      assert.match(tokens, /const identifiers: Record<Actor, string> = \{ writer: 'username', editor: 'username' \};/);
      assert.match(tags, /await expectNotOpenTo\('POST', '\/tags', \['writer'\]\);/);
      assert.match(tags, /await expectNotOpenTo\('GET', '\/tags', \['editor'\]\);/);
      // The editor's GET is not the writer's: no read after the delete, only a second DELETE; string ids that cannot exist are fresh UUIDs.
      assert.match(tags, /const again = await call\('DELETE', `\/tags\/\$\{encodeURIComponent\(tag\.body\.slug\)\}`, \{ token: session\.token \}\);\n {4}expectStatus\(again, 404\);/);
      assert.match(tags, /^import \{ randomUUID \} from 'node:crypto';$/m);
      assert.match(tags, /const reply = await call\('DELETE', `\/tags\/\$\{randomUUID\(\)\}`, \{ token: session\.token \}\);\n {4}expectStatus\(reply, 404\);/);
      assert.match(tags, /\/\/ No 400 test: deleteTag takes no input that could be invalid\./);
      assert.match(tags, /\/\/ No test on another writer's tag: getTag documents neither 403 nor 404\./);
      assert.match(tags, /body: \{ slug: session\.account\.username, label: "Editor's pick" \}/);
      assert.match(tags, /expectSubset\(reply\.body, \[\]\);/);
      assert.match(tags, /call\('GET', '\/tags\/news%20%26%20views', \{ token: session\.token \}\)/);
      assert.match(tags, /\/\/ No 400 test: getTag takes no input that could be invalid\./);
    });

    it('signs up with a unique username and valid extra columns; string ids', () => {
      const http = files.get('test/support/http.ts')!;
      assert.match(http, /writer: \(unique\) => \(\{ username: `writer-\$\{unique\}`, password: PASSWORD, displayName: `displayName \$\{unique\}`, age: 1 \}\),/);
      assert.match(http, /const signUpPaths: Partial<Record<Actor, string>> = \{ writer: '\/writers\/signup', editor: '\/editors\/signup' \};/);
      assert.match(http, /export type Actor = 'writer' \| 'editor';/);
      assert.match(http, /\n {2}id: string;\n/);
      assert.match(http, /new Set\(\['password', 'secretHash'\]\)/);
      const auth = files.get('test/auth.e2e.test.ts')!;
      assert.match(auth, /it\('409 when the username is taken'/);
      assert.match(auth, /username: '', password: 'xxxxxxx'/);
      assert.match(auth, /assert\.equal\(typeof reply\.body\.id, 'string'\);/);
      assert.match(auth, /it\('logs a writer in with a token that opens GET \/tags'/);
      assert.match(auth, /it\('logs an? editor in with a token that opens POST \/tags'[^]*?assert\.notEqual\(\(await call\('POST', '\/tags', \{ token: reply\.body\.accessToken \}\)\)\.status, 401\);/);
    });

    it('is strict TypeScript too', function () {
      this.timeout(60_000);
      assert.deepEqual(typeCheck(files), []);
    });
  });

  describe('the blog: guests read what members make, nested responses', () => {
    const blogDatabase = (): DatabaseArtifact => blogAnswer('database', 'data_model.json');
    const files = renderTests(blogScenarios<TestArtifact>(), blogApi(), blogDatabase());
    /** The source of one `it` of a file, from its title to the next test. */
    const testNamed = (source: string, title: string): string => {
      const start = Math.max(source.indexOf(`it('${title}'`), source.indexOf(`it("${title}"`));
      assert.ok(start >= 0, `no test "${title}"`);
      const end = source.indexOf('\n  it(', start + 1);
      return source.slice(start, end < 0 ? undefined : end);
    };

    it('makes the steps of a guest scenario "as" a member: one account per test, the guest call without a token', () => {
      const posts = files.get('test/posts.e2e.test.ts')!;
      assert.match(posts, /^import \{ call, expectBadRequest, expectNoSecrets, expectRefusal, expectStatus, expectSubset, newSession, useServer \} from '\.\/support\/http\.js';$/m);
      const list = testNamed(posts, 'lists published posts newest first with their author, leaving drafts out');
      assert.equal(list.match(/newSession\(/g)?.length, 1);
      assert.match(list, /^ {4}const member = await newSession\('member'\);\n {4}const first = await call\('POST', '\/posts', \{\n {6}token: member\.token,/m);
      assert.equal(list.match(/token: member\.token/g)?.length, 3);
      assert.match(list, /const reply = await call\('GET', '\/posts'\);/);
      assert.match(list, /author: \{ id: second\.body\.author\.id, displayName: second\.body\.author\.displayName \}/);
      // The checks built from the first scenario's setup run it as the member too.
      const missing = testNamed(posts, '404 on a post that does not exist');
      assert.match(missing, /const member = await newSession\('member'\);[^]*const reply = await call\('GET', '\/posts\/2147483647'\);/);
      const comments = testNamed(posts, 'reads a published post with its author and its comments, oldest first');
      assert.match(comments, /const firstComment = await call\('POST', `\/posts\/\$\{post\.body\.id\}\/comments`, \{\n {6}token: member\.token,/);
    });

    it('makes a step "as" the caller\'s own actor with the caller\'s session', () => {
      const scenarios = blogScenarios<TestArtifact>();
      for (const scenario of scenarios.scenarios) if (scenario.operation === 'updatePost') for (const step of scenario.given) step.as = 'member';
      assert.deepEqual(validateScenarios(scenarios, { api: blogApi(), database: blogDatabase() }), []);
      assert.equal(renderTests(scenarios, blogApi(), blogDatabase()).get('test/posts.e2e.test.ts'), files.get('test/posts.e2e.test.ts'));
    });

    it("skips the other-account test where the path names a record others may use too (another member's post to comment on)", () => {
      const comments = files.get('test/comments.e2e.test.ts')!;
      assert.match(comments, /\/\/ No test on another member's comment: its path parameter postId is not the key of a comment but of a record others may use too\./);
      assert.match(testNamed(comments, "403 or 404 on another member's comment"), /const intruder = await newSession\('member'\);\n {4}const reply = await call\('DELETE', `\/comments\/\$\{comment\.body\.id\}`, \{ token: intruder\.token \}\);/);
    });

    it('empties the database before each test, so a public list holds only what its test made', () => {
      assert.match(files.get('test/support/http.ts')!, /beforeEach\(async \(\) => \{\n {4}await server\?\.reset\(\);\n {4}if \(server\) await useClock\(server\);\n {2}\}\);/);
      const server = files.get('test/support/server.ts')!;
      assert.match(server, /database\.\$executeRawUnsafe\('PRAGMA defer_foreign_keys = ON'\)/);
      assert.match(server, /DELETE FROM/);
    });

    it('is strict TypeScript', function () {
      this.timeout(60_000);
      assert.deepEqual(typeCheck(files), []);
    });

    it("soaks with the public list of posts (no token) and the first create of a post that needs nothing made first", () => {
      const plan = soakPlan(blogScenarios<TestArtifact>(), renderContext(blogApi(), blogDatabase()), [routesOf(blogApi(), blogDatabase(), 'member')!]);
      const create = blogScenarios<TestArtifact>().scenarios.find((scenario) => scenario.operation === 'createPost' && scenario.given.length === 0);
      assert.deepEqual(plan?.list, { path: '/posts', token: false });
      assert.deepEqual(plan?.create, { path: '/posts', body: create!.request.body });
    });
  });
});
