import * as assert from 'node:assert/strict';
import { type Fixture, issuesAfter } from './breakTodo';

/** Every error an edit of the todo fixtures causes, as "path: message". */
const errors = (edit: (fixture: Fixture) => void): string[] => issuesAfter(edit).filter((issue) => issue.severity === 'error').map((issue) => `${issue.path}: ${issue.message}`);
const dto = (fixture: Fixture, name: string) => fixture.api.dtos.find((candidate) => candidate.name === name)!;
const listTodos = (fixture: Fixture) => fixture.api.operations.find((operation) => operation.id === 'listTodos')!;
const at = (fixture: Fixture, name: string) => `$.dtos[${fixture.api.dtos.indexOf(dto(fixture, name))}]`;

describe('interface validation: every list is paged', () => {
  it('accepts the todo list, a page of Todo with page and pageSize in its query', () => {
    assert.deepEqual(errors(() => undefined), []);
  });

  it('refuses an answer that is a whole array, naming the page DTO to answer instead', () => {
    const [problem, ...rest] = errors((fixture) => Object.assign(listTodos(fixture), { response: 'Todo', responseList: true }));
    assert.deepEqual(rest, []);
    assert.match(problem!, /^\$\.operations\[0\]\.responseList: every list answers one page at a time: leave "responseList" out and answer a page DTO such as "TodoPage" \{ items \(object, list, dto "Todo"\), total, page, pageSize \(integers\) \}/);
  });

  it('a page says where it is: total, page and pageSize are plain integers, items a list of a DTO', () => {
    let path = '';
    const missing = errors((fixture) => {
      path = at(fixture, 'TodoPage');
      dto(fixture, 'TodoPage').properties = dto(fixture, 'TodoPage').properties.filter((property) => property.name !== 'total');
    });
    assert.deepEqual(missing, [`${path}.properties: a page says where it is: add { "name": "total", "type": "integer" } to TodoPage (items, total, page, pageSize)`]);
    const nullable = errors((fixture) => (dto(fixture, 'TodoPage').properties.find((property) => property.name === 'page')!.nullable = true));
    assert.deepEqual(nullable, [`${path}.properties[2]: "page" of a page is a plain integer: "type": "integer", not a list, not nullable`]);
  });

  it('the operation answering a page takes page and pageSize, bounded, in its query', () => {
    let path = '';
    const unbounded = errors((fixture) => {
      path = at(fixture, 'TodoListQuery');
      delete dto(fixture, 'TodoListQuery').properties.find((property) => property.name === 'pageSize')!.maximum;
    });
    assert.deepEqual(unbounded, [`${path}.properties[4]: "pageSize" of TodoListQuery: "maximum" of 100 or less, so no request reads a whole table`]);
    const huge = errors((fixture) => (dto(fixture, 'TodoListQuery').properties.find((property) => property.name === 'pageSize')!.maximum = 10_000));
    assert.equal(huge.length, 1);
    const without = errors((fixture) => (dto(fixture, 'TodoListQuery').properties = dto(fixture, 'TodoListQuery').properties.filter((property) => property.name !== 'page')));
    assert.deepEqual(without, [`${path}.properties: listTodos answers a page, so its query TodoListQuery takes "page" (integer, optional, minimum 1, default 1) and "pageSize" (integer, optional, minimum 1, maximum 100 or less, default 20): add "page"`]);
    const noQuery = errors((fixture) => delete listTodos(fixture).query);
    assert.match(noQuery.join('\n'), /^\$\.operations\[0\]\.query: listTodos answers a page: give it a query DTO with "page"/m);
  });
});
