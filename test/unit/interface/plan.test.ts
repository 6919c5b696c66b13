import * as assert from 'node:assert/strict';
import { mergeInterface, moduleCalls, OPERATIONS_PER_CALL, withModule, type InterfacePlan, type ModuleAnswer } from '../../../src/core/interface/plan';
import type { PlannedOperation } from '../../../src/core/interface/plan';
import { fixtureApp } from '../../fixtures/fixtureApp';
import { splitInterface } from '../../fixtures/splitInterface';

const APPS = ['todo', 'blog', 'clinic', 'ticketing', 'timesheet', 'todo-tags', 'todo-tags-comments', 'clinic-rooms'];
const planned = (id: string): PlannedOperation => ({ id, method: 'GET', path: `/${id.toLowerCase()}`, actor: 'member', section: 's' });
const planOf = (sizes: Record<string, number>): InterfacePlan => ({
  authentication: [],
  modules: Object.entries(sizes).map(([name, size]) => ({ name, operations: Array.from({ length: size }, (_, i) => planned(`${name}${i}`)) })),
  shared: [],
});

describe('interface plan: module calls and merging', () => {
  it('asks a module in one call up to the limit, and a larger one in even parts in plan order', () => {
    assert.equal(OPERATIONS_PER_CALL, 4);
    const calls = moduleCalls(planOf({ small: 4, large: 10, five: 5 }));
    assert.deepEqual(
      calls.map((call) => [call.target, call.part, call.parts, call.operations.map((operation) => operation.id).join(',')]),
      [
        ['module small', 1, 1, 'small0,small1,small2,small3'],
        ['module large part 1', 1, 3, 'large0,large1,large2,large3'],
        ['module large part 2', 2, 3, 'large4,large5,large6'],
        ['module large part 3', 3, 3, 'large7,large8,large9'],
        ['module five part 1', 1, 2, 'five0,five1,five2'],
        ['module five part 2', 2, 2, 'five3,five4'],
      ],
    );
  });

  it('merges the answers in plan order, the module right after each operation\'s id, and leaves out calls not answered', () => {
    const plan = planOf({ a: 1, b: 5 });
    const answer = (id: string, dto: string): ModuleAnswer => ({
      dtos: [{ name: dto, kind: 'response', description: dto, properties: [{ name: 'id', type: 'integer' }] }],
      operations: [{ id, section: 's', summary: id, method: 'GET', path: `/${id}`, actor: 'member', params: [], status: 200, errors: [] }],
    });
    const answers = new Map([
      ['module b part 2', answer('b3', 'B2')],
      ['module a', answer('a0', 'A')],
      ['module b part 1', answer('b0', 'B1')],
    ]);
    const merged = mergeInterface(plan, answers);
    assert.deepEqual(merged.dtos.map((dto) => dto.name), ['A', 'B1', 'B2']);
    assert.deepEqual(merged.operations.map((operation) => `${operation.module}/${operation.id}`), ['a/a0', 'b/b0', 'b/b3']);
    assert.deepEqual(Object.keys(merged.operations[0]!).slice(0, 3), ['id', 'module', 'section']);
    answers.delete('module b part 1');
    assert.deepEqual(mergeInterface(plan, answers).operations.map((operation) => operation.id), ['a0', 'b3']);
    assert.deepEqual(withModule(answer('x', 'X').operations[0]!, 'm'), { ...answer('x', 'X').operations[0]!, module: 'm' });
  });

  it('the reference apps\' scripted answers are what splitInterface makes of their API, and merge back into it exactly', () => {
    for (const app of APPS) {
      const fixture = fixtureApp(app);
      const api = fixture.api();
      const { plan, answers } = splitInterface(api);
      assert.deepEqual(fixture.answer('interface', 'api_plan.json'), plan, `${app}: the plan file is the script's`);
      for (const call of moduleCalls(plan)) {
        assert.deepEqual(fixture.answer('interface', `${call.target.replace(/ /g, '_')}.json`), answers.get(call.target), `${app}: ${call.target}`);
      }
      assert.equal(JSON.stringify(mergeInterface(plan, answers)), JSON.stringify(api), `${app}: same keys in the same order`);
    }
  });

  it('the split shares a DTO used by several modules, owned by the module whose DTOs it sits among', () => {
    const { plan } = splitInterface(fixtureApp('blog').api());
    assert.deepEqual(plan.shared, [
      { name: 'AuthorSummary', kind: 'response', model: 'User', owner: 'posts', usedBy: ['comments'] },
      { name: 'Comment', kind: 'response', model: 'Comment', owner: 'comments', usedBy: ['posts'] },
    ]);
  });
});
