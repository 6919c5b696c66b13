import * as assert from 'node:assert/strict';
import type { DtoSchema, Operation } from '../../../src/core/interface/types';
import { type Fixture, getMe, issuesAfter, pathsAfter, userSummary, withAdmin } from './breakTodo';

describe('interface validation', () => {
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

    it('bodies never write a secret column, except a password they hash', () => {
      const body: DtoSchema = { name: 'UpdateMeBody', kind: 'body', description: 'Changes.', model: 'User', properties: [{ name: 'passwordHash', type: 'string', column: 'passwordHash' }] };
      const update: Operation = { ...getMe, id: 'updateMe', method: 'PATCH', body: 'UpdateMeBody', response: undefined, status: 204 };
      const [plain] = issuesAfter(({ api }) => (api.dtos.push(body), api.operations.push(update)));
      assert.equal(plain?.path, '$.dtos[5].properties[0].format');
      assert.match(plain!.message, /a body writes it only as a password it hashes, so set "format": "password"/);
      const hashed: DtoSchema = { ...body, properties: [{ name: 'password', type: 'string', column: 'passwordHash', format: 'password' }] };
      assert.deepEqual(pathsAfter(({ api }) => (api.dtos.push(hashed), api.operations.push(update))), []);
      // Any other secret column stays out of requests.
      const token: DtoSchema = { ...body, properties: [{ name: 'resetToken', type: 'string', column: 'resetToken' }] };
      const withToken = ({ api, database }: Fixture) => {
        database.models[0]!.fields.push({ name: 'resetToken', type: 'String', optional: true, secret: true });
        api.dtos.push(token);
        api.operations.push(update);
      };
      assert.deepEqual(pathsAfter(withToken), ['$.dtos[5].properties[0].column']);
      // Only a body sets a password: a query (or a response) never carries one.
      assert.deepEqual(pathsAfter(({ api }) => api.dtos[0]!.properties.push({ name: 'phrase', type: 'string', optional: true, format: 'password' })), ['$.dtos[0].properties[5].format']);
    });

    it('on the account model, a relation to another account (a manager) is data, not the caller', () => {
      const withManager = ({ api, database }: Fixture) => {
        database.models[0]!.fields.push(
          { name: 'managerId', type: 'Int', optional: true },
          { name: 'manager', type: 'User', optional: true, relation: { fields: ['managerId'], references: ['id'], name: 'ManagedBy' } },
          { name: 'reports', type: 'User', list: true, relationName: 'ManagedBy' },
        );
        api.dtos.push({ name: 'UpdateMeBody', kind: 'body', description: 'Changes.', model: 'User', properties: [{ name: 'managerId', type: 'integer', column: 'managerId', optional: true, nullable: true }] });
        api.operations.push({ ...getMe, id: 'updateMe', method: 'PATCH', body: 'UpdateMeBody', response: undefined, status: 204 });
      };
      assert.deepEqual(pathsAfter(withManager), []);
    });

    it('staff reaching all records may name a person in a filter; an operation of own records alone may not', () => {
      const withStaffList = (scope: 'own' | 'all') => (fixture: Fixture) => {
        withAdmin(fixture);
        fixture.api.dtos[0]!.properties.push({ name: 'ownerId', type: 'integer', optional: true });
        fixture.api.operations[0]!.alsoAllowed = [{ actor: 'admin', scope }];
      };
      assert.deepEqual(pathsAfter(withStaffList('all')), []);
      assert.deepEqual(pathsAfter(withStaffList('own')), ['$.dtos[0].properties[5].name']);
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
        withAdmin(fixture);
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
});
