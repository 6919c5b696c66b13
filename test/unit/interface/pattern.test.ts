import * as assert from 'node:assert/strict';
import { renderInterfaceFiles } from '../../../src/core/target/nest-prisma/api/files';
import { renderOpenApi } from '../../../src/core/target/nest-prisma/api/openapi';
import { nonMatching, patternOf } from '../../../src/core/interface/pattern';
import type { InterfaceArtifact } from '../../../src/core/interface/types';
import { renderTests } from '../../../src/core/target/nest-prisma/tests/tests';
import type { TestArtifact } from '../../../src/core/scenarios/types';
import { validateScenarios } from '../../../src/core/scenarios/validate';
import { todoAnalysis } from '../../fixtures/todo/analyzeArtifact';
import { todoArtifact } from '../../fixtures/todo/databaseArtifact';
import { scriptedScenarios } from '../../fixtures/todo/fixtures';
import { issuesAfter, todoApi } from './breakTodo';

/** The todo API with CreateTodoBody's title held to a pattern: it starts with a letter or digit. */
function patterned(pattern = '[\\p{L}\\p{N}].*'): InterfaceArtifact {
  const api = todoApi();
  api.dtos.find((dto) => dto.name === 'CreateTodoBody')!.properties.find((property) => property.name === 'title')!.pattern = pattern;
  return api;
}

describe('a string property held to a pattern (an ISBN, a code, a postcode)', () => {
  it('the whole value must match, with Unicode semantics', () => {
    const expression = patternOf({ pattern: '[0-9]{13}' })!;
    assert.ok(expression.test('9780306406157'));
    assert.ok(!expression.test('x9780306406157'), 'anchored at the start');
    assert.ok(!expression.test('97803064061570'), 'and at the end');
    assert.ok(patternOf({ pattern: '\\p{Lu}+' })!.test('ÉTÉ'));
  });

  it('is checked where the model writes it: free text only, a regular expression, a default that matches', () => {
    const title = (edit: (property: { type: string; pattern?: string; enum?: string[] }) => void) =>
      issuesAfter((fixture) => edit(fixture.api.dtos.find((dto) => dto.name === 'CreateTodoBody')!.properties.find((property) => property.name === 'title')! as never)).map((issue) => `${issue.path}: ${issue.message}`);
    assert.match(title((property) => (property.pattern = '[0-9'))[0]!, /^\$\.dtos\[1\]\.properties\[0\]\.pattern: not a regular expression: /);
    const done = issuesAfter((fixture) => (fixture.api.dtos.find((dto) => dto.name === 'CreateTodoBody')!.properties.find((property) => property.name === 'done')!.pattern = 'true')).map((issue) => issue.message);
    assert.deepEqual(done, ['"pattern" applies to free text; "done" is boolean: remove it']);
    const query = issuesAfter((fixture) => {
      const status = fixture.api.dtos.find((dto) => dto.name === 'TodoListQuery')!.properties.find((property) => property.name === 'status')!;
      delete status.enum;
      status.pattern = '[a-z]+';
      status.default = 'ALL';
    }).map((issue) => issue.message);
    assert.deepEqual(query, ['the default "ALL" does not match the pattern [a-z]+']);
  });

  it('is enforced by class-validator over the whole value, and told in the OpenAPI document', () => {
    const api = patterned();
    const dtos = renderInterfaceFiles(api, todoArtifact(), todoAnalysis()).get('src/todos/todos.dto.ts')!;
    assert.match(dtos, /@Matches\('\^\(\?:\[\\\\p\{L\}\\\\p\{N\}\]\.\*\)\$', 'u'\)\n {2}@MinLength\(1\)|@MinLength\(1\)[^]*@Matches\('\^\(\?:\[\\\\p\{L\}\\\\p\{N\}\]\.\*\)\$', 'u'\)/);
    assert.match(dtos, /import \{[^}]*\bMatches\b[^}]*\} from 'class-validator'/);
    const document = JSON.parse(renderOpenApi(api, { title: 'Todo service', summary: 'Todos.', database: todoArtifact() })) as { components: { schemas: Record<string, { properties: Record<string, { pattern?: string }> }> } };
    assert.equal(document.components.schemas.CreateTodoBody!.properties.title!.pattern, '^(?:[\\p{L}\\p{N}].*)$');
  });

  it('scenarios send only values that match, and the generated 400 sends one that only the pattern refuses', () => {
    const api = patterned();
    const scenarios = scriptedScenarios<TestArtifact>('todos');
    assert.deepEqual(validateScenarios(scenarios, { api, database: todoArtifact(), analysis: todoAnalysis(), module: 'todos' }), []);
    const create = scenarios.scenarios.findIndex((scenario) => scenario.operation === 'createTodo');
    (scenarios.scenarios[create]!.request.body as Record<string, unknown>).title = ' Buy milk';
    const issues = validateScenarios(scenarios, { api, database: todoArtifact(), analysis: todoAnalysis(), module: 'todos' });
    assert.deepEqual(issues.map((issue) => issue.path), [`$.scenarios[${create}].request.body.title`]);
    assert.match(issues[0]!.message, /title must be string, the whole value matching \[\\p\{L\}\\p\{N\}\]\.\*, 1-200 characters; found " Buy milk"/);
    const value = nonMatching(api.dtos.find((dto) => dto.name === 'CreateTodoBody')!.properties[0]!);
    assert.equal(value, '!', 'one character, within the lengths, refused by the pattern alone');
    const file = renderTests(scriptedScenarios<TestArtifact>('todos'), api, todoArtifact()).get('test/todos.e2e.test.ts')!;
    assert.match(file, /title does not match its pattern/);
    assert.match(file, /title must match/);
  });
});
