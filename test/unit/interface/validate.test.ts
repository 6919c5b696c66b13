import * as assert from 'node:assert/strict';
import type { AnalyzeArtifact } from '../../../src/core/analyze/types';
import type { DatabaseArtifact } from '../../../src/core/database/types';
import type { Issue } from '../../../src/core/diagnostics/issue';
import type { DtoSchema, InterfaceArtifact, Operation } from '../../../src/core/interface/types';
import { validateInterface } from '../../../src/core/interface/validate';
import { todoAnalysis } from '../../fixtures/todo/analyzeArtifact';
import { todoArtifact } from '../../fixtures/todo/databaseArtifact';
import { scriptedAnswer } from '../../fixtures/todo/fixtures';

const todoApi = (): InterfaceArtifact => scriptedAnswer('interface', 'api_design.json');

interface Fixture {
  api: InterfaceArtifact;
  database: DatabaseArtifact;
  analysis: AnalyzeArtifact;
}

/** Breaks a fresh copy of the todo fixtures and returns the issues of one severity. */
function issuesAfter(edit: (fixture: Fixture) => void, severity: Issue['severity'] = 'error'): Issue[] {
  const fixture = { api: todoApi(), database: todoArtifact(), analysis: todoAnalysis() };
  edit(fixture);
  return validateInterface(fixture.api, { analysis: fixture.analysis, database: fixture.database }).filter((issue) => issue.severity === severity);
}
const pathsAfter = (edit: (fixture: Fixture) => void, severity?: Issue['severity']) => issuesAfter(edit, severity).map((issue) => issue.path);

/** Renames a DTO and every reference to it, so only the rule under test fires. */
function renameDto(api: InterfaceArtifact, from: string, to: string): void {
  for (const dto of api.dtos) {
    if (dto.name === from) dto.name = to;
    for (const property of dto.properties) if (property.dto === from) property.dto = to;
  }
  for (const operation of api.operations) {
    for (const key of ['query', 'body', 'response'] as const) if (operation[key] === from) operation[key] = to;
  }
}

const userSummary = (properties: DtoSchema['properties']): DtoSchema => ({ name: 'UserSummary', kind: 'response', description: 'An account.', model: 'User', properties });
const getMe: Operation = { id: 'getMe', module: 'accounts', section: 'accounts', summary: 'The caller.', method: 'GET', path: '/me', actor: 'member', model: 'User', params: [], response: 'UserSummary', status: 200, errors: [] };

describe('interface validation', () => {
  it('accepts the todo API design: no errors, no warnings, with or without the analysis', () => {
    const api = todoApi();
    assert.deepEqual(validateInterface(api, { analysis: todoAnalysis(), database: todoArtifact() }), []);
    assert.deepEqual(validateInterface(api, { database: todoArtifact() }), []);
  });

  describe('names', () => {
    it('DTO names are PascalCase and unique', () => {
      assert.deepEqual(pathsAfter(({ api }) => renameDto(api, 'TodoPage', 'todoPage')), ['$.dtos[4].name']);
      assert.deepEqual(pathsAfter(({ api }) => api.dtos.push(structuredClone(api.dtos[3]!))), ['$.dtos[5].name']);
    });

    it('a DTO may share its name with a model only as that model\'s response DTO', () => {
      assert.deepEqual(pathsAfter(({ api }) => renameDto(api, 'CreateTodoBody', 'User')), ['$.dtos[1].name']);
      const [issue] = issuesAfter(({ api }) => renameDto(api, 'TodoListQuery', 'Todo'));
      assert.equal(issue?.path, '$.dtos[0].name');
      assert.match(issue!.message, /only a response DTO linked to Todo/);
    });

    it('DTO names generated for authentication and enums are taken', () => {
      assert.deepEqual(pathsAfter(({ api }) => renameDto(api, 'TodoPage', 'MemberToken')), ['$.dtos[4].name']);
      assert.deepEqual(pathsAfter(({ api }) => renameDto(api, 'CreateTodoBody', 'SignUpMemberBody')), ['$.dtos[1].name']);
      assert.deepEqual(
        pathsAfter(({ api, database }) => {
          database.enums.push({ name: 'Page', file: 'todos', values: ['A'] });
          renameDto(api, 'TodoPage', 'Page');
        }),
        ['$.dtos[4].name'],
      );
    });

    it('property names are camelCase and unique per DTO', () => {
      assert.deepEqual(pathsAfter(({ api }) => (api.dtos[4]!.properties[1]!.name = 'Total')), ['$.dtos[4].properties[1].name']);
      assert.deepEqual(pathsAfter(({ api }) => (api.dtos[4]!.properties[2]!.name = 'total')), ['$.dtos[4].properties[2].name']);
    });

    it('operation ids are camelCase, unique, and not a generated sign-up/login id', () => {
      assert.deepEqual(pathsAfter(({ api }) => (api.operations[0]!.id = 'ListTodos')), ['$.operations[0].id']);
      assert.deepEqual(pathsAfter(({ api }) => (api.operations[1]!.id = 'listTodos')), ['$.operations[1].id']);
      assert.deepEqual(pathsAfter(({ api }) => (api.operations[1]!.id = 'signUpMember')), ['$.operations[1].id']);
    });

    it('modules are lower-case words and not reserved', () => {
      assert.deepEqual(pathsAfter(({ api }) => (api.operations[0]!.module = 'Todos')), ['$.operations[0].module']);
      for (const reserved of ['auth', 'prisma', 'generated']) {
        assert.deepEqual(pathsAfter(({ api }) => (api.operations[2]!.module = reserved)), ['$.operations[2].module'], reserved);
      }
    });
  });

  describe('operations', () => {
    it('name a known actor, section and model', () => {
      assert.deepEqual(pathsAfter(({ api }) => (api.operations[0]!.actor = 'admin')), ['$.operations[0].actor']);
      assert.deepEqual(pathsAfter(({ api }) => (api.operations[0]!.section = 'billing')), ['$.operations[0].section']);
      assert.deepEqual(pathsAfter(({ api }) => (api.operations[0]!.model = 'Task')), ['$.operations[0].model']);
    });

    it('paths start with "/" and have lower-case segments or {camelCase} parameters', () => {
      for (const path of ['todos', '/Todos', '/todos/', '/todo_items', '//todos', '/todos/{Id}']) {
        assert.deepEqual(pathsAfter(({ api }) => (api.operations[0]!.path = path)), ['$.operations[0].path'], path);
      }
    });

    it('params list exactly the {name}s of the path', () => {
      assert.deepEqual(pathsAfter(({ api }) => (api.operations[2]!.path = '/todos/{todoId}')), ['$.operations[2].params[0].name', '$.operations[2].params']);
      assert.deepEqual(pathsAfter(({ api }) => api.operations[2]!.params.push({ name: 'id', type: 'integer' })), ['$.operations[2].params[1].name']);
    });

    it('method and path are unique, parameter names aside, and leave the generated auth routes alone', () => {
      const readTodo: Operation = { ...todoApi().operations[2]!, id: 'readTodo', path: '/todos/{todoId}', params: [{ name: 'todoId', type: 'integer', column: 'id' }] };
      assert.deepEqual(pathsAfter(({ api }) => api.operations.push(readTodo)), ['$.operations[5].path']);
      const [issue] = issuesAfter(({ api }) => (api.operations[1]!.path = '/auth/signup'));
      assert.equal(issue?.path, '$.operations[1].path');
      assert.match(issue!.message, /generated sign-up route of "member"/);
    });

    it('query, body and response name DTOs of that kind', () => {
      assert.deepEqual(pathsAfter(({ api }) => (api.operations[0]!.query = 'CreateTodoBody')), ['$.operations[0].query']);
      assert.deepEqual(pathsAfter(({ api }) => (api.operations[1]!.body = 'Todo')), ['$.operations[1].body']);
      assert.deepEqual(pathsAfter(({ api }) => (api.operations[2]!.response = 'TodoListQuery')), ['$.operations[2].response']);
      assert.deepEqual(pathsAfter(({ api }) => (api.operations[2]!.response = 'Task')), ['$.operations[2].response']);
    });

    it('GET and DELETE take no body', () => {
      assert.deepEqual(pathsAfter(({ api }) => (api.operations[2]!.body = 'UpdateTodoBody')), ['$.operations[2].body']);
      assert.deepEqual(pathsAfter(({ api }) => (api.operations[4]!.body = 'UpdateTodoBody')), ['$.operations[4].body']);
    });

    it('answer 204 exactly when there is no response', () => {
      assert.deepEqual(pathsAfter(({ api }) => (api.operations[4]!.status = 200)), ['$.operations[4].response']);
      assert.deepEqual(pathsAfter(({ api }) => (api.operations[2]!.status = 204)), ['$.operations[2].status']);
    });

    it('path parameters name a field of the operation\'s model with a matching type', () => {
      assert.deepEqual(pathsAfter(({ api }) => (api.operations[2]!.params[0]!.column = 'slug')), ['$.operations[2].params[0].column']);
      assert.deepEqual(pathsAfter(({ api }) => (api.operations[2]!.params[0]!.column = 'dueAt')), ['$.operations[2].params[0].column']);
      assert.deepEqual(pathsAfter(({ api }) => (api.operations[2]!.params[0]!.type = 'string')), ['$.operations[2].params[0].type']);
      assert.deepEqual(pathsAfter(({ api }) => delete api.operations[2]!.model), ['$.operations[2].params[0].column']);
    });

    it('an actor that is not a guest needs an authentication entry', () => {
      const issues = issuesAfter(({ api }) => (api.authentication = []));
      assert.deepEqual(issues.map((issue) => issue.path), [0, 1, 2, 3, 4].map((o) => `$.operations[${o}].actor`));
      assert.match(issues[0]!.message, /add an "authentication" entry for "member"/);
      assert.deepEqual(pathsAfter(({ api }) => (api.operations.forEach((operation) => (operation.actor = 'guest')), (api.authentication = []))), []);
    });
  });

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

    it('warns about a DTO no operation uses', () => {
      const summary = userSummary([{ name: 'id', type: 'integer', column: 'id' }]);
      assert.deepEqual(pathsAfter(({ api }) => api.dtos.push(summary), 'warning'), ['$.dtos[5]']);
      assert.deepEqual(pathsAfter(({ api }) => (api.dtos.push(summary), api.operations.push(getMe)), 'warning'), []);
    });
  });

  describe('security', () => {
    it('response DTOs never carry a secret column', () => {
      const [issue, ...rest] = issuesAfter(({ api }) => (api.dtos.push(userSummary([{ name: 'id', type: 'integer', column: 'id' }, { name: 'hashed', type: 'string', column: 'passwordHash' }])), api.operations.push(getMe)));
      assert.deepEqual(rest, []);
      assert.equal(issue?.path, '$.dtos[5].properties[1].column');
      assert.match(issue!.message, /never leaves the server/);
    });

    it('response DTOs never carry a property named like a credential', () => {
      for (const name of ['password', 'passwordHash', 'secret', 'accessToken', 'hash', 'salt']) {
        assert.deepEqual(pathsAfter(({ api }) => api.dtos[4]!.properties.push({ name, type: 'string' })), ['$.dtos[4].properties[4].name'], name);
      }
      for (const name of ['hashtags', 'description', 'tokenizer']) {
        assert.deepEqual(pathsAfter(({ api }) => api.dtos[4]!.properties.push({ name, type: 'string' })), [], name);
      }
    });

    it('bodies never write a secret column', () => {
      const body: DtoSchema = { name: 'UpdateMeBody', kind: 'body', description: 'Changes.', model: 'User', properties: [{ name: 'passwordHash', type: 'string', column: 'passwordHash' }] };
      const update: Operation = { ...getMe, id: 'updateMe', method: 'PATCH', body: 'UpdateMeBody', response: undefined, status: 204 };
      assert.deepEqual(pathsAfter(({ api }) => (api.dtos.push(body), api.operations.push(update))), ['$.dtos[5].properties[0].column']);
    });

    it('the acting member\'s id comes from the session, not from a body or query', () => {
      const [linked] = issuesAfter(({ api }) => api.dtos[1]!.properties.push({ name: 'ownerId', type: 'integer', column: 'ownerId' }));
      assert.equal(linked?.path, '$.dtos[1].properties[4].column');
      assert.match(linked!.message, /take it from the session \(member\.id\), not from the request/);
      for (const name of ['userId', 'ownerId', 'memberId', 'authorId', 'createdById']) {
        assert.deepEqual(pathsAfter(({ api }) => api.dtos[0]!.properties.push({ name, type: 'integer', optional: true })), ['$.dtos[0].properties[5].name'], name);
      }
    });

    it('other people\'s ids stay allowed: guests, admins, and a second relation to the account model', () => {
      const ownerId = { name: 'ownerId', type: 'integer' as const, column: 'ownerId' };
      assert.deepEqual(pathsAfter(({ api }) => (api.dtos[1]!.properties.push(ownerId), (api.operations[1]!.actor = 'guest'))), []);
      const admin = (fixture: Fixture) => {
        fixture.analysis.actors.push({ name: 'admin', kind: 'admin', description: 'Runs the service.' });
        fixture.api.authentication.push({ actor: 'admin', model: 'User', identifier: 'email', password: 'passwordHash', path: '/admin-auth' });
        fixture.api.dtos[1]!.properties.push(ownerId);
        fixture.api.operations[1]!.actor = 'admin';
      };
      assert.deepEqual(pathsAfter(admin), []);
      const assignee = (property: string) => (fixture: Fixture) => {
        const todo = fixture.database.models[1]!;
        todo.fields.push({ name: 'assigneeId', type: 'Int', optional: true }, { name: 'assignee', type: 'User', optional: true, relation: { name: 'Assigned', fields: ['assigneeId'], references: ['id'] } });
        todo.fields.find((field) => field.name === 'owner')!.relation!.name = 'Owned';
        fixture.api.dtos[1]!.properties.push({ name: property, type: 'integer', column: property, optional: true });
      };
      assert.deepEqual(pathsAfter(assignee('assigneeId')), []);
      assert.deepEqual(pathsAfter(assignee('ownerId')), ['$.dtos[1].properties[4].column']);
    });

    it('a member changes their own account through /me, not by its id in the path', () => {
      const body: DtoSchema = { name: 'UpdateUserBody', kind: 'body', description: 'Changes.', model: 'User', properties: [{ name: 'email', type: 'string', column: 'email', optional: true }] };
      const byId = (method: Operation['method']): Operation => ({
        ...getMe,
        id: 'changeUser',
        method,
        path: '/users/{id}',
        params: [{ name: 'id', type: 'integer', column: 'id' }],
        body: method === 'PATCH' ? 'UpdateUserBody' : undefined,
        response: 'UserSummary',
      });
      const summary = userSummary([{ name: 'id', type: 'integer', column: 'id' }]);
      const [issue] = issuesAfter(({ api }) => api.dtos.push(summary, body) && api.operations.push(byId('PATCH')));
      assert.equal(issue?.path, '$.operations[5].params[0]');
      assert.match(issue!.message, /"\/me"/);
      assert.deepEqual(pathsAfter(({ api }) => api.dtos.push(summary) && api.operations.push(byId('GET'))), [], 'reading a profile by id is allowed');
    });
  });

  describe('authentication', () => {
    const second = { actor: 'member', model: 'User', identifier: 'email', password: 'passwordHash', path: '/auth2' };
    it('names an actor that logs in, once', () => {
      assert.deepEqual(pathsAfter(({ api }) => api.authentication.push(second)), ['$.authentication[1].actor']);
      assert.deepEqual(pathsAfter(({ api }) => api.authentication.push({ ...second, actor: 'guest' })), ['$.authentication[1].actor']);
      assert.deepEqual(pathsAfter(({ api }) => api.authentication.push({ ...second, actor: 'robot' })), ['$.authentication[1].actor']);
    });

    it('names a model, a unique String identifier and a route prefix without parameters', () => {
      assert.deepEqual(pathsAfter(({ api }) => (api.authentication[0]!.model = 'Account')), ['$.authentication[0].model']);
      assert.deepEqual(pathsAfter(({ api }) => (api.authentication[0]!.identifier = 'createdAt')), ['$.authentication[0].identifier']);
      assert.deepEqual(pathsAfter(({ database }) => delete database.models[0]!.fields[1]!.unique), ['$.authentication[0].identifier']);
      assert.deepEqual(pathsAfter(({ api }) => (api.authentication[0]!.path = '/auth/{id}')), ['$.authentication[0].path']);
    });

    it('the password is the secret String column', () => {
      const [issue] = issuesAfter(({ database }) => delete database.models[0]!.fields[2]!.secret);
      assert.equal(issue?.path, '$.authentication[0].password');
      assert.match(issue!.message, /pick the secret column/);
      assert.deepEqual(pathsAfter(({ api }) => (api.authentication[0]!.password = 'id')), ['$.authentication[0].password']);
      assert.deepEqual(pathsAfter(({ api }) => (api.authentication[0]!.password = 'email')), ['$.authentication[0].password']);
    });
  });
});
