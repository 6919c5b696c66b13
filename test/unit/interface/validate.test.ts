import * as assert from 'node:assert/strict';
import { validateInterface } from '../../../src/core/interface/validate';
import type { Operation } from '../../../src/core/interface/types';
import { todoAnalysis } from '../../fixtures/todo/analyzeArtifact';
import { todoArtifact } from '../../fixtures/todo/databaseArtifact';
import { type Fixture, issuesAfter, pathsAfter, renameDto, todoApi, withAdmin } from './breakTodo';

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
      for (const reserved of ['app', 'auth', 'prisma', 'generated', 'common']) {
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

    it('account models of their own have their own route prefixes', () => {
      assert.deepEqual(pathsAfter(withAdmin), []);
      const [prefix] = issuesAfter((fixture) => (withAdmin(fixture), (fixture.api.authentication[1]!.path = '/auth')));
      assert.equal(prefix?.path, '$.authentication[1].path');
      assert.match(prefix!.message, /"\/auth" is already the prefix of "member" \(authentication\[0\]\).*e\.g\. "\/auth" for member and "\/admin\/auth" for admin/);
    });

    it('actors sharing an account model share its login, are told apart by a role, and only one signs itself up', () => {
      const shared = (fixture: Fixture) => {
        withAdmin(fixture);
        fixture.database.enums.push({ name: 'Role', file: 'users', values: ['MEMBER', 'ADMIN'] });
        fixture.database.models[0]!.fields.push({ name: 'role', type: 'Role' });
        fixture.api.authentication[0]!.role = { column: 'role', value: 'MEMBER' };
        Object.assign(fixture.api.authentication[1]!, { model: 'User', path: '/auth', role: { column: 'role', value: 'ADMIN' }, signUp: false });
      };
      // A required role without a default is fine: sign-up and staff-made accounts set it from the actor.
      assert.deepEqual(pathsAfter(shared), []);
      const [noRole] = issuesAfter((fixture) => (shared(fixture), delete fixture.api.authentication[1]!.role));
      assert.equal(noRole?.path, '$.authentication[1].role');
      assert.match(noRole!.message, /User holds the accounts of "member" and "admin": say which column tells them apart[^]*"role": \{ "column": "role", "value": "admin" \}/);
      const [otherPath] = issuesAfter((fixture) => (shared(fixture), (fixture.api.authentication[1]!.path = '/admin/auth')));
      assert.equal(otherPath?.path, '$.authentication[1].path');
      assert.match(otherPath!.message, /share one login: use the same "path" as it \("\/auth"\)/);
      const [sameValue] = issuesAfter((fixture) => (shared(fixture), (fixture.api.authentication[1]!.role!.value = 'MEMBER')));
      assert.equal(sameValue?.path, '$.authentication[1].role.value');
      const [notInEnum] = issuesAfter((fixture) => (shared(fixture), (fixture.api.authentication[1]!.role!.value = 'BOSS')));
      assert.equal(notInEnum?.path, '$.authentication[1].role.value');
      assert.match(notInEnum!.message, /"BOSS" is not a value of the enum Role \(MEMBER, ADMIN\)/);
      const [twoSignUps] = issuesAfter((fixture) => (shared(fixture), delete fixture.api.authentication[1]!.signUp));
      assert.equal(twoSignUps?.path, '$.authentication[1].signUp');
      assert.match(twoSignUps!.message, /only one actor of an account model registers itself; set "signUp": false/);
    });

    it('a deactivation flag is a required Boolean that new accounts start with set', () => {
      const active = (extra: object) => (fixture: Fixture) => {
        fixture.database.models[0]!.fields.push({ name: 'active', type: 'Boolean', ...extra });
        fixture.api.authentication[0]!.active = 'active';
      };
      assert.deepEqual(pathsAfter(active({ default: { kind: 'value', value: true } })), []);
      const [noDefault] = issuesAfter(active({}));
      assert.equal(noDefault?.path, '$.authentication[0].active');
      assert.match(noDefault!.message, /needs the default true in the data model/);
      assert.deepEqual(pathsAfter((fixture) => ((fixture.api.authentication[0]!.active = 'email'))), ['$.authentication[0].active']);
    });

    it('sign-up can fill every required column of the account model', () => {
      const role = (fixture: Fixture, extra: object = {}) => {
        fixture.database.enums.push({ name: 'Role', file: 'users', values: ['MEMBER', 'ADMIN'] });
        fixture.database.models[0]!.fields.push({ name: 'role', type: 'Role', ...extra });
      };
      const team = (fixture: Fixture) => {
        fixture.database.models.push({ name: 'Team', description: 'A group.', file: 'users', fields: [{ name: 'id', type: 'Int', id: true, default: { kind: 'autoincrement' } }] });
        fixture.database.models[0]!.fields.push({ name: 'teamId', type: 'Int' }, { name: 'team', type: 'Team', relation: { fields: ['teamId'], references: ['id'] } });
      };
      const [enumIssue] = issuesAfter((fixture) => role(fixture));
      assert.equal(enumIssue?.path, '$.authentication[0].model');
      assert.match(enumIssue!.message, /cannot fill User\.role \(enum Role\): in the data model, give role a default or make it optional$/);
      const [both] = issuesAfter((fixture) => (role(fixture), team(fixture)));
      assert.equal(both?.path, '$.authentication[0].model');
      assert.match(both!.message, /User\.role \(enum Role\), User\.teamId \(the key of the relation team\): in the data model, give role and teamId a default or make them optional$/);
      assert.deepEqual(pathsAfter((fixture) => role(fixture, { default: { kind: 'value', value: 'MEMBER' } })), []);
      assert.deepEqual(pathsAfter((fixture) => role(fixture, { optional: true })), []);
      // A required plain column becomes a sign-up property instead.
      assert.deepEqual(pathsAfter(({ database }) => database.models[0]!.fields.push({ name: 'displayName', type: 'String' })), []);
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
