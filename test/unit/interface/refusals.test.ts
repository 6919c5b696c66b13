import * as assert from 'node:assert/strict';
import type { InterfaceArtifact, Refusal } from '../../../src/core/interface/types';
import { renderInterfaceFiles } from '../../../src/core/target/nest-prisma/api/files';
import { renderRealizeBase } from '../../../src/core/target/nest-prisma/backendFiles';
import { renderService } from '../../../src/core/target/nest-prisma/module/service';
import { realizePrompt } from '../../../src/core/realize/prompt';
import { checkBackend } from '../../../src/core/target/nest-prisma/typecheck/checkBackend';
import { renderTests } from '../../../src/core/target/nest-prisma/tests/tests';
import type { TestArtifact, TestScenario } from '../../../src/core/scenarios/types';
import { validateScenarios } from '../../../src/core/scenarios/validate';
import { todoAnalysis } from '../../fixtures/todo/analyzeArtifact';
import { todoArtifact } from '../../fixtures/todo/databaseArtifact';
import { scriptedScenarios } from '../../fixtures/todo/fixtures';
import { todoRealized } from '../target/module/todoRealized';
import { pathsAfter, todoApi } from './breakTodo';

/** A rule of the kind the issue names: a cap on open todos, refused as a conflict. */
const CAP: Refusal = { code: 'too-many-open-todos', status: 409, message: 'A member may have at most 100 open todos.' };

function withCap(api: InterfaceArtifact, refusal: Refusal = CAP): InterfaceArtifact {
  api.operations.find((operation) => operation.id === 'createTodo')!.refusals = [refusal];
  return api;
}

const scenarios = (): TestArtifact => scriptedScenarios('todos');
const refusedScenario = (): TestScenario => ({
  operation: 'createTodo',
  title: 'refuses a todo beyond the cap',
  given: [],
  request: { body: { title: 'one too many' } },
  expect: { status: 409, refusal: 'too-many-open-todos' },
});

describe('refusals: rules that refuse a call, declared, rendered, realized and tested', () => {
  describe('declared on operations', () => {
    it('accepts a kebab-case code with a status and a sentence', () => {
      assert.deepEqual(pathsAfter(({ api }) => withCap(api)), []);
    });

    it('refuses codes that are not kebab-case, too long, or whose class another name already has, at their paths', () => {
      const at = '$.operations[1].refusals[0]';
      assert.deepEqual(pathsAfter(({ api }) => withCap(api, { ...CAP, code: 'TooMany' })), [`${at}.code`]);
      assert.deepEqual(pathsAfter(({ api }) => withCap(api, { ...CAP, code: 'a'.repeat(41) })), [`${at}.code`]);
      // `not-found` would become NotFoundException, which the services import from Nest.
      assert.deepEqual(pathsAfter(({ api }) => withCap(api, { ...CAP, code: 'not-found' })), [`${at}.code`]);
      assert.deepEqual(pathsAfter(({ api }) => withCap(api, { ...CAP, message: ' ' })), [`${at}.message`]);
    });

    it('one code is one refusal in a module: the same code with another status or message is refused', () => {
      const paths = pathsAfter(({ api }) => {
        withCap(api);
        api.operations.find((operation) => operation.id === 'updateTodo')!.refusals = [{ ...CAP, status: 422 }];
      });
      assert.deepEqual(paths, ['$.operations[3].refusals[0]']);
      assert.deepEqual(pathsAfter(({ api }) => {
        withCap(api);
        api.operations.find((operation) => operation.id === 'updateTodo')!.refusals = [{ ...CAP }];
      }), []);
    });
  });

  describe('rendered', () => {
    it('one exception class per code, whose body carries the code, and the OpenAPI answer lists it', () => {
      const files = renderInterfaceFiles(withCap(todoApi()), todoArtifact(), todoAnalysis());
      assert.equal(
        files.get('src/todos/todos.exceptions.ts'),
        [
          "import { ConflictException } from '@nestjs/common';",
          '',
          "/** 409: A member may have at most 100 open todos. (`message` tells a case's own figures, when it has them.) */",
          'export class TooManyOpenTodosException extends ConflictException {',
          "  constructor(message: string = 'A member may have at most 100 open todos.') {",
          "    super({ statusCode: 409, error: 'Conflict', code: 'too-many-open-todos', message });",
          '  }',
          '}',
          '',
        ].join('\n'),
      );
      const openapi = JSON.parse(files.get('openapi.json')!) as { paths: Record<string, Record<string, { responses: Record<string, { description: string; content?: Record<string, { schema: { properties: { code: { enum: string[] } } } }> }> }>> };
      const conflict = openapi.paths['/todos']!.post!.responses['409']!;
      assert.match(conflict.description, /`too-many-open-todos`: A member may have at most 100 open todos\./);
      assert.deepEqual(conflict.content!['application/json']!.schema.properties.code.enum, ['too-many-open-todos']);
      assert.equal(renderInterfaceFiles(todoApi(), todoArtifact(), todoAnalysis()).has('src/todos/todos.exceptions.ts'), false, 'no refusals, no file');
    });

    it('the service that throws it imports it, the Realize prompt names it, and the whole backend type-checks', () => {
      const api = withCap(todoApi());
      const realized = todoRealized();
      const create = realized.operations.find((operation) => operation.id === 'createTodo')!;
      create.body = `if ((await this.prisma.todo.count({ where: { ownerId: member.id, done: false, deletedAt: null } })) >= 100) throw new TooManyOpenTodosException();\n${create.body}`;
      const service = renderService(api, todoArtifact(), realized);
      assert.match(service.content, /import \{ TooManyOpenTodosException \} from '\.\/todos\.exceptions\.js';/);
      const files = new Map([...renderInterfaceFiles(api, todoArtifact(), todoAnalysis()), ...renderRealizeBase({ analysis: todoAnalysis(), database: todoArtifact(), api, databaseId: 'sqlite' }), [service.path, service.content]]);
      assert.deepEqual(checkBackend(files, todoArtifact()).filter((issue) => issue.severity === 'error'), []);
      const prompt = realizePrompt({ module: 'todos', api, database: todoArtifact(), analysis: todoAnalysis(), files, skeleton: service.content });
      assert.match(prompt, /- createTodo: `throw new TooManyOpenTodosException\(\)` \(409\) for "A member may have at most 100 open todos\."/);
      // The list says how to throw it; the class itself is not repeated among the declarations.
      assert.doesNotMatch(prompt, /todos\.exceptions\.ts|class TooManyOpenTodosException/);
    });
  });

  describe('tested', () => {
    const context = () => ({ api: withCap(todoApi()), database: todoArtifact(), analysis: todoAnalysis(), module: 'todos' });

    it('a declared refusal needs a scenario that shows it, and then passes', () => {
      const without = validateScenarios(scenarios(), context());
      assert.deepEqual(without.map((issue) => issue.message), ['no scenario shows createTodo refusing "too-many-open-todos" (A member may have at most 100 open todos): add one that sets up that state and expects { "status": 409, "refusal": "too-many-open-todos" } (if no valid request can reach it, list it in "unreachable" with why instead)']);
      const artifact = scenarios();
      artifact.scenarios.push(refusedScenario());
      assert.deepEqual(validateScenarios(artifact, context()), []);
    });

    it('an unknown refusal, a wrong status, a body, or a refusal status without naming it are refused at their paths', () => {
      const paths = (change: (scenario: TestScenario) => void) => {
        const artifact = scenarios();
        artifact.scenarios.push(refusedScenario());
        const scenario = artifact.scenarios.at(-1)!;
        change(scenario);
        const at = `$.scenarios[${artifact.scenarios.length - 1}]`;
        return validateScenarios(artifact, context()).filter((issue) => issue.path !== '$.scenarios').map((issue) => issue.path!.replace(at, '@'));
      };
      assert.deepEqual(paths((s) => (s.expect.refusal = 'too-many')), ['@.expect.refusal']);
      assert.deepEqual(paths((s) => (s.expect.status = 422)), ['@.expect.status']);
      assert.deepEqual(paths((s) => (s.expect.body = { title: 'x' })), ['@.expect.body']);
      assert.deepEqual(paths((s) => delete s.expect.refusal), ['@.expect.status']);
    });

    it('the test checks the status and the code; the mechanical tests build on a scenario that succeeds', () => {
      const artifact = scenarios();
      artifact.scenarios.unshift(refusedScenario());
      const source = renderTests(artifact, withCap(todoApi()), todoArtifact()).get('test/todos.e2e.test.ts')!;
      assert.match(source, /it\('refuses a todo beyond the cap', async \(\) => \{\n {4}const session = await newSession\('member'\);\n {4}const reply = await call\('POST', '\/todos', \{ token: session\.token, body: \{ title: 'one too many' \} \}\);\n {4}expectRefusal\(reply, 409, 'too-many-open-todos'\);\n {2}\}\);/);
      const http = renderTests(artifact, withCap(todoApi()), todoArtifact()).get('test/support/http.ts')!;
      assert.match(http, /export function expectRefusal\(reply: Reply, status: number, code: string\): void/);
      const without = renderTests(scenarios(), withCap(todoApi()), todoArtifact()).get('test/todos.e2e.test.ts')!;
      const badRequests = (text: string) => text.slice(text.indexOf("describe('POST /todos"), text.indexOf("describe('GET /todos/{id}"));
      assert.equal(badRequests(source).replace(/\n {2}it\('refuses a todo beyond the cap'[\s\S]*?\n {2}\}\);\n/, ''), badRequests(without), 'the other tests of createTodo are the same as without the refusal scenario');
    });
  });
});
