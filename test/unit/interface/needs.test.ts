import * as assert from 'node:assert/strict';
import { nearMiss } from '../../../src/core/diagnostics/nearMiss';
import { validateScenarios } from '../../../src/core/scenarios/validate';
import type { TestArtifact } from '../../../src/core/scenarios/types';
import { todoAnalysis } from '../../fixtures/todo/analyzeArtifact';
import { todoArtifact } from '../../fixtures/todo/databaseArtifact';
import { scriptedScenarios } from '../../fixtures/todo/fixtures';
import { type Fixture, issuesAfter, todoApi } from './breakTodo';

/** The one error an edit of the todo fixtures causes, as [path, needs, message]. */
function only(edit: (fixture: Fixture) => void): [string | undefined, string | undefined, string] {
  const issues = issuesAfter(edit);
  assert.equal(issues.length, 1, JSON.stringify(issues));
  return [issues[0]!.path, issues[0]!.needs, issues[0]!.message];
}

const todoDto = (fixture: Fixture) => fixture.api.dtos.find((dto) => dto.name === 'Todo')!;

describe('needs: which Interface problems only an earlier phase can fix', () => {
  it('a column the data model lacks needs the Database phase; a slip of its name is the model\'s to fix', () => {
    const [, needs, message] = only((fixture) => (todoDto(fixture).properties.find((property) => property.name === 'title')!.column = 'priority'));
    assert.equal(needs, 'database');
    assert.match(message, /^Todo has no field "priority" \(fields: .*\)$/);
    const [, slip, hinted] = only((fixture) => (todoDto(fixture).properties.find((property) => property.name === 'title')!.column = 'titel'));
    assert.equal(slip, undefined);
    assert.match(hinted, /; did you mean "title"\?$/);
  });

  it('an unknown model needs the Database phase unless it is a case or plural slip', () => {
    const body = (fixture: Fixture) => fixture.api.dtos.find((dto) => dto.name === 'CreateTodoBody')!;
    assert.equal(only((fixture) => (body(fixture).model = 'Task'))[1], 'database');
    for (const slip of ['todo', 'Todos']) {
      const [, needs, message] = only((fixture) => (body(fixture).model = slip));
      assert.equal(needs, undefined, slip);
      assert.match(message, /did you mean "Todo"\?$/);
    }
  });

  it('an unknown actor needs the Analyze phase; a guest given a login is the Interface phase\'s own mistake', () => {
    const [, needs] = only((fixture) => (fixture.api.operations[0]!.actor = 'librarian'));
    assert.equal(needs, 'analyze');
    assert.equal(only((fixture) => (fixture.api.operations[0]!.actor = 'Member'))[1], undefined);
    const guest = issuesAfter((fixture) => {
      fixture.analysis.actors.push({ name: 'visitor', kind: 'guest', description: 'Anyone.' });
      fixture.api.authentication.push({ ...fixture.api.authentication[0]!, actor: 'visitor', path: '/visitor/auth' });
    }).find((issue) => /is a guest and does not log in/.test(issue.message));
    assert.ok(guest);
    assert.equal(guest.needs, undefined);
  });

  it('an identifier that is not unique needs the data model only when no unique String column exists', () => {
    const issues = issuesAfter((fixture) => (fixture.api.authentication[0]!.identifier = 'passwordHash'));
    const identifier = issues.find((issue) => issue.path === '$.authentication[0].identifier')!;
    assert.match(identifier.message, /candidates: email/);
    assert.equal(identifier.needs, undefined, 'email is there to pick');
    const none = issuesAfter((fixture) => {
      fixture.database.models.find((model) => model.name === 'User')!.fields.find((field) => field.name === 'email')!.unique = false;
    }).find((issue) => issue.path === '$.authentication[0].identifier')!;
    assert.equal(none.needs, 'database');
  });

  it('nearMiss: case, plural and a few edits; nothing for a different name', () => {
    assert.equal(nearMiss('todos', ['Todo', 'User']), 'Todo');
    assert.equal(nearMiss('categorys', ['Category']), 'Category');
    assert.equal(nearMiss('catgry', ['Category']), 'Category', 'two edits');
    assert.equal(nearMiss('catalogue', ['Category']), undefined, 'more than two edits away');
    assert.equal(nearMiss('categries', ['Category']), 'Category');
    assert.equal(nearMiss('Role', ['Todo', 'User']), undefined);
    assert.equal(nearMiss('ab', ['ax']), 'ax');
    assert.equal(nearMiss('ab', ['xy']), undefined);
  });
});

describe('needs: the Test phase asks Interface only when the answer says a refusal is unreachable', () => {
  const api = () => {
    const artifact = todoApi();
    artifact.operations.find((operation) => operation.id === 'createTodo')!.refusals = [{ code: 'title-too-long', status: 422, message: 'A title has at most 200 characters.' }];
    return artifact;
  };
  const createTodo = (): TestArtifact => ({ scenarios: scriptedScenarios<TestArtifact>('todos').scenarios.filter((scenario) => scenario.operation === 'createTodo') });
  const check = (artifact: TestArtifact) => validateScenarios(artifact, { api: api(), database: todoArtifact(), analysis: todoAnalysis(), operation: 'createTodo' });

  it('a missing refusal scenario is the Test phase\'s to add, and the message says how to claim it unreachable', () => {
    const issues = check(createTodo());
    assert.deepEqual(issues.map((issue) => [issue.path, issue.needs]), [['$.scenarios', undefined]]);
    assert.match(issues[0]!.message, /no scenario shows createTodo refusing "title-too-long" .* \(if no valid request can reach it, list it in "unreachable" with why instead\)$/);
  });

  it('a refusal claimed unreachable needs the Interface phase, with the reason; an unknown code is a plain mistake', () => {
    const claimed = check({ ...createTodo(), unreachable: [{ refusal: 'title-too-long', why: 'the body limits the title to 200 characters.' }] });
    assert.deepEqual(claimed.map((issue) => [issue.path, issue.needs]), [['$.unreachable[0]', 'interface']]);
    assert.equal(
      claimed[0]!.message,
      'the scenarios say no valid request reaches createTodo\'s refusal "title-too-long" (the body limits the title to 200 characters): only the API design can change that ' +
        '(drop the refusal where the request\'s own limits already answer 400, or add the operation that sets up the state it refuses)',
    );
    const unknown = check({ ...createTodo(), unreachable: [{ refusal: 'too-many', why: 'x' }] });
    assert.deepEqual(unknown.map((issue) => [issue.path, issue.needs]), [['$.unreachable[0].refusal', undefined], ['$.scenarios', undefined]]);
  });
});
