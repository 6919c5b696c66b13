import * as assert from 'node:assert/strict';
import type { DtoSchema } from '../../../src/core/interface/types';
import { type Fixture, getMe, issuesAfter, pathsAfter, userSummary } from './breakTodo';

describe('interface validation', () => {
  describe('DTOs', () => {
    it('name a known model, and their columns name its fields', () => {
      assert.deepEqual(pathsAfter(({ api }) => (api.dtos[1]!.model = 'Task')), ['$.dtos[1].model']);
      assert.deepEqual(pathsAfter(({ api }) => (api.dtos[1]!.properties[0]!.column = 'name')), ['$.dtos[1].properties[0].column']);
      assert.deepEqual(pathsAfter(({ api }) => (api.dtos[4]!.properties[1]!.column = 'total')), ['$.dtos[4].properties[1].column']);
    });

    it('scalar types match their columns; enum columns are strings with the enum\'s values', () => {
      assert.deepEqual(pathsAfter(({ api }) => (api.dtos[3]!.properties[0]!.type = 'string')), ['$.dtos[3].properties[0].type']);
      assert.deepEqual(pathsAfter(({ api }) => (api.dtos[3]!.properties[5]!.type = 'string')), ['$.dtos[3].properties[5].type']);
      const withPriority = (priority: DtoSchema['properties'][number]) => (fixture: Fixture) => {
        fixture.database.enums.push({ name: 'Priority', file: 'todos', values: ['LOW', 'HIGH'] });
        fixture.database.models[1]!.fields.push({ name: 'priority', type: 'Priority' });
        fixture.api.dtos[3]!.properties.push(priority);
      };
      assert.deepEqual(pathsAfter(withPriority({ name: 'priority', type: 'string', column: 'priority', enum: ['HIGH', 'LOW'] })), []);
      assert.deepEqual(pathsAfter(withPriority({ name: 'priority', type: 'string', column: 'priority', enum: ['LOW'] })), ['$.dtos[3].properties[7].enum']);
      assert.deepEqual(pathsAfter(withPriority({ name: 'priority', type: 'integer', column: 'priority' })), ['$.dtos[3].properties[7].type']);
    });

    it('object properties nest a response DTO', () => {
      assert.deepEqual(pathsAfter(({ api }) => delete api.dtos[4]!.properties[0]!.dto), ['$.dtos[4].properties[0].dto']);
      assert.deepEqual(pathsAfter(({ api }) => (api.dtos[4]!.properties[0]!.dto = 'CreateTodoBody')), ['$.dtos[4].properties[0].dto']);
      assert.deepEqual(pathsAfter(({ api }) => (api.dtos[4]!.properties[1]!.dto = 'Todo')), ['$.dtos[4].properties[1].dto']);
    });

    it('in a linked DTO, object properties follow a relation to the nested DTO\'s model, list iff the relation is', () => {
      const owner = { name: 'owner', type: 'object' as const, column: 'owner', dto: 'UserSummary' };
      const nest = (property: typeof owner & { list?: boolean }, summary = userSummary([{ name: 'id', type: 'integer', column: 'id' }])) => (fixture: Fixture) => {
        fixture.api.dtos.push(summary);
        fixture.api.dtos[3]!.properties.push(property);
      };
      assert.deepEqual(pathsAfter(nest(owner)), []);
      assert.deepEqual(pathsAfter(nest({ ...owner, column: undefined } as never)), ['$.dtos[3].properties[7].column']);
      assert.deepEqual(pathsAfter(nest({ ...owner, column: 'title' })), ['$.dtos[3].properties[7].column']);
      assert.deepEqual(pathsAfter(nest({ ...owner, list: true })), ['$.dtos[3].properties[7].list']);
      assert.deepEqual(pathsAfter(nest(owner, { ...userSummary([{ name: 'id', type: 'integer', column: 'id' }]), model: 'Todo' })), ['$.dtos[3].properties[7].dto']);
      // The back-relation User.todos is added by code, and nesting it works like any relation.
      const withTodos = userSummary([{ name: 'todos', type: 'object', column: 'todos', dto: 'TodoPage', list: true }]);
      assert.deepEqual(pathsAfter(({ api }) => api.dtos.push({ ...withTodos, properties: [{ ...withTodos.properties[0]!, dto: 'Todo' }] })), []);
      assert.deepEqual(pathsAfter(({ api }) => api.dtos.push(withTodos)), ['$.dtos[5].properties[0].dto']);
    });

    it('response DTOs nest no cycle', () => {
      const issues = issuesAfter(({ api }) => api.dtos[3]!.properties.push({ name: 'pageOf', type: 'object', dto: 'TodoPage' }));
      assert.deepEqual(issues.map((issue) => issue.path), ['$.dtos[3].properties[7].column', '$.dtos[4].properties[0].dto']);
      assert.match(issues[1]!.message, /Todo -> TodoPage -> Todo is a cycle/);
    });

    it('response properties of optional columns are nullable, of required ones not, and never optional', () => {
      assert.deepEqual(pathsAfter(({ api }) => delete api.dtos[3]!.properties[2]!.nullable), ['$.dtos[3].properties[2].nullable']);
      assert.deepEqual(pathsAfter(({ api }) => (api.dtos[3]!.properties[1]!.nullable = true)), ['$.dtos[3].properties[1].nullable']);
      assert.deepEqual(pathsAfter(({ api }) => (api.dtos[3]!.properties[1]!.optional = true)), ['$.dtos[3].properties[1].optional']);
    });

    it('body DTOs take no nested objects, no null for required columns, and no database-managed columns', () => {
      const [nested] = issuesAfter(({ api }) => api.dtos[1]!.properties.push({ name: 'owner', type: 'object', dto: 'Todo' }));
      assert.equal(nested?.path, '$.dtos[1].properties[4].type');
      assert.match(nested!.message, /nested request bodies are not supported yet/);
      assert.deepEqual(pathsAfter(({ api }) => (api.dtos[1]!.properties[0]!.nullable = true)), ['$.dtos[1].properties[0].nullable']);
      assert.deepEqual(pathsAfter(({ api }) => api.dtos[2]!.properties.push({ name: 'updatedAt', type: 'date-time', column: 'updatedAt', optional: true })), ['$.dtos[2].properties[4].column']);
      assert.deepEqual(pathsAfter(({ api }) => api.dtos[1]!.properties.push({ name: 'id', type: 'integer', column: 'id', optional: true })), ['$.dtos[1].properties[4].column']);
    });

    it('query DTOs take single scalars that are never null', () => {
      assert.deepEqual(pathsAfter(({ api }) => (api.dtos[0]!.properties[0]!.list = true)), ['$.dtos[0].properties[0].list']);
      assert.deepEqual(pathsAfter(({ api }) => (api.dtos[0]!.properties[0]!.nullable = true)), ['$.dtos[0].properties[0].nullable']);
      assert.deepEqual(pathsAfter(({ api }) => api.dtos[0]!.properties.push({ name: 'item', type: 'object', dto: 'Todo', optional: true })), ['$.dtos[0].properties[5].type']);
    });

    it('constraints fit the type: enum and lengths on strings, bounds on numbers', () => {
      const page = (edit: (property: DtoSchema['properties'][number]) => void) => pathsAfter(({ api }) => edit(api.dtos[0]!.properties[3]!));
      assert.deepEqual(page((property) => (property.enum = ['1'])), ['$.dtos[0].properties[3].enum']);
      assert.deepEqual(page((property) => (property.minLength = 1)), ['$.dtos[0].properties[3].minLength']);
      assert.deepEqual(page((property) => (property.format = 'email')), ['$.dtos[0].properties[3].format']);
      assert.deepEqual(pathsAfter(({ api }) => (api.dtos[1]!.properties[0]!.maximum = 5)), ['$.dtos[1].properties[0].maximum']);
      assert.deepEqual(pathsAfter(({ api }) => (api.dtos[1]!.properties[0]!.minLength = 300)), ['$.dtos[1].properties[0].maxLength']);
      assert.deepEqual(pathsAfter(({ api }) => (api.dtos[0]!.properties[4]!.minimum = 200)), ['$.dtos[0].properties[4].maximum', '$.dtos[0].properties[4].default']);
    });

    it('defaults belong to optional query parameters and satisfy their own constraints', () => {
      assert.deepEqual(pathsAfter(({ api }) => (api.dtos[1]!.properties[3]!.default = false)), ['$.dtos[1].properties[3].default']);
      assert.deepEqual(pathsAfter(({ api }) => (api.dtos[0]!.properties[0]!.default = 'late')), ['$.dtos[0].properties[0].default']);
      assert.deepEqual(pathsAfter(({ api }) => (api.dtos[0]!.properties[4]!.default = 500)), ['$.dtos[0].properties[4].default']);
      assert.deepEqual(pathsAfter(({ api }) => (api.dtos[0]!.properties[3]!.default = 1.5)), ['$.dtos[0].properties[3].default']);
      assert.deepEqual(pathsAfter(({ api }) => (api.dtos[0]!.properties[3]!.default = '1')), ['$.dtos[0].properties[3].default']);
      assert.deepEqual(pathsAfter(({ api }) => delete api.dtos[0]!.properties[3]!.optional), ['$.dtos[0].properties[3].optional']);
    });

    it('every property of a linked DTO is a column, or in a response a count or derived value; other computed values live in unlinked DTOs', () => {
      const [computed] = issuesAfter(({ api }) => api.dtos[3]!.properties.push({ name: 'overdue', type: 'boolean' }));
      assert.equal(computed?.path, '$.dtos[3].properties[7].column');
      assert.match(computed!.message, /Todo is linked to Todo, so every property is one of its columns: set "column" \(fields: id, title, .*\), or compute it: "count" for the rows of a list relation, "derived" for a value computed from columns and the current time$/);
      assert.deepEqual(pathsAfter(({ api }) => api.dtos[3]!.properties.push({ name: 'overdue', type: 'boolean', derived: { uses: ['dueAt', 'done'] } })), [], 'a derived value needs no column');
      const [input] = issuesAfter(({ api }) => api.dtos[1]!.properties.push({ name: 'notify', type: 'boolean', optional: true }));
      assert.equal(input?.path, '$.dtos[1].properties[4].column');
      assert.match(input!.message, /inputs that are not stored go in a body DTO without "model"/);
      assert.deepEqual(pathsAfter(({ api }) => api.dtos[4]!.properties.push({ name: 'overdue', type: 'integer' })), [], 'the unlinked page may carry computed values');
      assert.deepEqual(pathsAfter(({ api }) => (api.dtos[0]!.model = 'Todo')), [], 'a linked query DTO still takes paging parameters');
    });

    it('a body DTO sets each column from one property', () => {
      const [twice] = issuesAfter(({ api }) => api.dtos[1]!.properties.push({ name: 'name', type: 'string', column: 'title', optional: true }));
      assert.equal(twice?.path, '$.dtos[1].properties[4].column');
      assert.match(twice!.message, /"title" already sets Todo\.title: link each column once/);
      assert.deepEqual(pathsAfter(({ api }) => api.dtos[3]!.properties.push({ name: 'heading', type: 'string', column: 'title' })), [], 'a response may answer a column twice');
    });

    it('a response DTO loads each relation through one nested DTO', () => {
      const owners = (second: string) => (fixture: Fixture) => {
        fixture.api.dtos.push(
          { ...userSummary([{ name: 'id', type: 'integer', column: 'id' }]), name: 'Owner' },
          { ...userSummary([{ name: 'email', type: 'string', column: 'email' }]), name: 'OwnerMail' },
        );
        fixture.api.dtos[3]!.properties.push({ name: 'owner', type: 'object', dto: 'Owner', column: 'owner' }, { name: 'ownerAgain', type: 'object', dto: second, column: 'owner' });
      };
      const [issue] = issuesAfter(owners('OwnerMail'));
      assert.equal(issue?.path, '$.dtos[3].properties[8].dto');
      assert.match(issue!.message, /"owner" already nests Todo\.owner as Owner, and one query loads a relation one way: nest Owner here too/);
      assert.deepEqual(pathsAfter(owners('Owner')), []);
    });

    it('date-time query parameters take no default', () => {
      const since = { name: 'since', type: 'date-time' as const, optional: true };
      assert.deepEqual(pathsAfter(({ api }) => api.dtos[0]!.properties.push({ ...since, default: '2020-01-01T00:00:00Z' })), ['$.dtos[0].properties[5].default']);
      assert.deepEqual(pathsAfter(({ api }) => api.dtos[0]!.properties.push(since)), []);
    });

    it('warns about a DTO no operation uses', () => {
      const summary = userSummary([{ name: 'id', type: 'integer', column: 'id' }]);
      assert.deepEqual(pathsAfter(({ api }) => api.dtos.push(summary), 'warning'), ['$.dtos[5]']);
      assert.deepEqual(pathsAfter(({ api }) => (api.dtos.push(summary), api.operations.push(getMe)), 'warning'), []);
    });
  });
});
