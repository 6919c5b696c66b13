import * as assert from 'node:assert/strict';
import type { Fixture } from './breakTodo';
import { issuesAfter, pathsAfter, renameDto } from './breakTodo';

/** Names the model picks that become TypeScript identifiers in the generated controllers, services and DTOs. */
describe('interface validation', () => {
  describe('generated identifiers', () => {
    const allModules = (module: string) => (fixture: Fixture) => fixture.api.operations.forEach((operation) => (operation.module = module));
    const everyOperation = (field: string) => [0, 1, 2, 3, 4].map((o) => `$.operations[${o}].${field}`);

    it('modules are dash-joined lower-case words whose controller field is not a reserved word', () => {
      for (const module of ['todos-', 'to--dos', '-todos']) {
        assert.deepEqual(pathsAfter(({ api }) => (api.operations[4]!.module = module)), ['$.operations[4].module'], module);
      }
      assert.deepEqual(pathsAfter(({ api }) => (api.operations[4]!.module = 'todo-lists')), []);
      const issues = issuesAfter(allModules('import'));
      assert.deepEqual(issues.map((issue) => issue.path), everyOperation('module'));
      assert.match(issues[0]!.message, /keeps ImportService in a field named "import", a reserved word in TypeScript: name the module differently, e.g. "imports"/);
      assert.deepEqual(pathsAfter(allModules('class')), everyOperation('module'));
    });

    it('modules make distinct classes, none of them the app\'s own', () => {
      const issues = issuesAfter(({ api }) => ((api.operations[3]!.module = 'list-1b'), (api.operations[4]!.module = 'list1b')));
      assert.deepEqual(issues.map((issue) => issue.path), ['$.operations[4].module']);
      assert.match(issues[0]!.message, /the modules "list-1b" and "list1b" would both be List1bModule/);
      assert.deepEqual(pathsAfter(({ api }) => (api.operations[4]!.module = 'app')), ['$.operations[4].module']);
    });

    it('operation ids are not reserved words, the service\'s client, or the controller\'s field for the service', () => {
      for (const id of ['delete', 'new', 'constructor', 'prisma']) {
        assert.deepEqual(pathsAfter(({ api }) => (api.operations[4]!.id = id)), ['$.operations[4].id'], id);
      }
      const [reserved] = issuesAfter(({ api }) => (api.operations[4]!.id = 'delete'));
      assert.match(reserved!.message, /"delete" is a reserved word in TypeScript and cannot name the service method; operation ids are verb \+ resource, e.g. "deleteTodo"/);
      const [field] = issuesAfter(({ api }) => (api.operations[0]!.id = 'todos'));
      assert.equal(field?.path, '$.operations[0].id');
      assert.match(field!.message, /"todos" is the controller's field holding TodosService \(the module "todos"\); operation ids are verb \+ resource/);
      assert.deepEqual(pathsAfter(({ api }) => (api.operations[0]!.id = 'todosList')), []);
    });

    it('path parameters are not reserved words nor the other method parameters (session, query, body, prisma)', () => {
      const param = (name: string, actor?: string) => (fixture: Fixture) => {
        const operation = fixture.api.operations[2]!;
        operation.path = `/todos/{${name}}`;
        operation.params[0]!.name = name;
        if (actor) operation.actor = actor;
      };
      for (const name of ['delete', 'default', 'member', 'query', 'body', 'prisma']) {
        assert.deepEqual(pathsAfter(param(name)), ['$.operations[2].params[0].name'], name);
      }
      const [session] = issuesAfter(param('member'));
      assert.match(session!.message, /"member" becomes a method parameter and is already the parameter holding the session of the signed-in member: rename \{member\} in the path and here, e.g. "memberId"/);
      // A guest operation has no session parameter, so the name is free there.
      assert.deepEqual(pathsAfter(param('member', 'guest')), []);
      assert.deepEqual(pathsAfter(param('todoId')), []);
    });

    it('an authenticated actor\'s name is free as the session parameter', () => {
      const renameMember = (name: string) => (fixture: Fixture) => {
        fixture.analysis.actors.find((actor) => actor.name === 'member')!.name = name;
        fixture.api.authentication[0]!.actor = name;
        for (const operation of fixture.api.operations) operation.actor = name;
      };
      const [reserved] = issuesAfter(renameMember('public'));
      assert.equal(reserved?.path, '$.authentication[0].actor');
      assert.match(reserved!.message, /a parameter named "public", which is a reserved word in TypeScript: the actor needs another name/);
      const [query] = issuesAfter(renameMember('query'));
      assert.equal(query?.path, '$.authentication[0].actor');
      assert.match(query!.message, /which is the parameter holding the query DTO/);
      assert.deepEqual(pathsAfter(renameMember('customer')), []);
    });

    it('DTO names are not names the generated files import or declare', () => {
      const [post] = issuesAfter(({ api }) => renameDto(api, 'Todo', 'Post'));
      assert.equal(post?.path, '$.dtos[3].name');
      assert.equal(post!.message, '"Post" is the name of a NestJS decorator the generated controller imports; name the DTO e.g. "PostDetail" or "PostSummary"');
      const [body] = issuesAfter(({ api }) => renameDto(api, 'CreateTodoBody', 'Body'));
      assert.match(body!.message, /NestJS decorator .* e.g. "CreateBodyBody"/);
      const taken = ['Query', 'Type', 'IsString', 'PrismaService', 'Prisma', 'Clock', 'NotFoundException', 'Date', 'Promise', 'TodosService', 'TodosController', 'MemberGuard', 'CurrentMember', 'IntParam'];
      for (const name of taken) assert.deepEqual(pathsAfter(({ api }) => renameDto(api, 'TodoPage', name)), ['$.dtos[4].name'], name);
      assert.deepEqual(pathsAfter(({ api }) => renameDto(api, 'TodoPage', 'Todos')), []);
    });

    it('linked body DTOs do not share a collector name', () => {
      const [issue] = issuesAfter(({ api }) => api.dtos.push({ ...structuredClone(api.dtos[1]!), name: 'CreateTodo' }));
      assert.equal(issue?.path, '$.dtos[5].name');
      assert.match(issue!.message, /"CreateTodoBody" and "CreateTodo" would both get the collector collectCreateTodo/);
      assert.deepEqual(pathsAfter(({ api }) => api.dtos.push({ ...structuredClone(api.dtos[1]!), name: 'CreateTodo', model: undefined, properties: [{ name: 'title', type: 'string' }] })), []);
    });

    it('no property is named "constructor"', () => {
      assert.deepEqual(pathsAfter(({ api }) => api.dtos[4]!.properties.push({ name: 'constructor', type: 'integer' })), ['$.dtos[4].properties[4].name']);
      // Other reserved words are fine as property names: `body.class` and `class: string` are valid TypeScript.
      assert.deepEqual(pathsAfter(({ api }) => api.dtos[4]!.properties.push({ name: 'class', type: 'integer' })), []);
    });
  });
});
