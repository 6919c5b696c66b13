import * as assert from 'node:assert/strict';
import Ajv from 'ajv';
import { renderOpenApi } from '../../../../src/core/target/nest-prisma/api/openapi';
import type { InterfaceArtifact } from '../../../../src/core/interface/types';
import { todoArtifact } from '../../../fixtures/todo/databaseArtifact';
import { scriptedApi } from '../../../fixtures/todo/fixtures';

type Json = Record<string, any>;
const todoApi = (): InterfaceArtifact => scriptedApi();
const render = (api = todoApi()) => renderOpenApi(api, { title: 'Todo service', summary: 'People manage their own todos.', database: todoArtifact() });
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/**
 * The parts of the OpenAPI 3.1 rules a renderer can get wrong: required fields, resolvable `$ref`s,
 * path templates matched by path parameters, unique operation ids, known security schemes.
 */
function structuralProblems(document: Json): string[] {
  const problems: string[] = [];
  if (document.openapi !== '3.1.0') problems.push(`openapi is ${document.openapi}`);
  if (typeof document.info?.title !== 'string' || typeof document.info?.version !== 'string') problems.push('info needs title and version');
  const schemas: Json = document.components?.schemas ?? {};
  const checkRefs = (value: unknown, at: string): void => {
    if (Array.isArray(value)) return value.forEach((item, i) => checkRefs(item, `${at}[${i}]`));
    if (value === null || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref') {
        const name = String(inner).replace('#/components/schemas/', '');
        if (!String(inner).startsWith('#/components/schemas/') || !(name in schemas)) problems.push(`${at}: unresolved ${String(inner)}`);
      } else checkRefs(inner, `${at}.${key}`);
    }
  };
  checkRefs(document, '$');
  for (const [name, schema] of Object.entries<Json>(schemas)) {
    for (const required of schema.required ?? []) if (!(required in schema.properties)) problems.push(`${name}: required "${required}" is not a property`);
  }
  const ids = new Set<string>();
  for (const [path, item] of Object.entries<Json>(document.paths ?? {})) {
    if (!path.startsWith('/')) problems.push(`${path}: paths start with /`);
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
    for (const [method, operation] of Object.entries<Json>(item)) {
      const at = `${method.toUpperCase()} ${path}`;
      if (!METHODS.includes(method)) problems.push(`${at}: unknown method`);
      if (ids.has(operation.operationId)) problems.push(`${at}: duplicate operationId ${operation.operationId}`);
      ids.add(operation.operationId);
      const pathParams = (operation.parameters ?? []).filter((parameter: Json) => parameter.in === 'path');
      if (pathParams.some((parameter: Json) => parameter.required !== true)) problems.push(`${at}: path parameters are required`);
      if (JSON.stringify(pathParams.map((parameter: Json) => parameter.name).sort()) !== JSON.stringify([...templated].sort())) problems.push(`${at}: path parameters differ from the template`);
      if (Object.keys(operation.responses ?? {}).length === 0) problems.push(`${at}: no responses`);
      for (const [status, response] of Object.entries<Json>(operation.responses ?? {})) {
        if (!/^[1-5]\d\d$/.test(status) || typeof response.description !== 'string') problems.push(`${at} ${status}: bad response`);
      }
      for (const requirement of operation.security ?? []) {
        for (const scheme of Object.keys(requirement)) if (!(scheme in (document.components?.securitySchemes ?? {}))) problems.push(`${at}: unknown scheme ${scheme}`);
      }
    }
  }
  return problems;
}

/** Component schemas as a JSON Schema validator sees them, to check real payloads against them. */
function schemaValidator(document: Json) {
  const ajv = new Ajv({ strict: false, validateFormats: false });
  ajv.addSchema({ $id: 'api', components: document.components });
  return (name: string, value: unknown) => {
    const validate = ajv.getSchema(`api#/components/schemas/${name}`)!;
    return validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
  };
}

describe('openapi rendering', () => {
  it('documents every operation and the sign-up/login routes with their statuses', () => {
    const document = JSON.parse(render());
    const statuses = Object.fromEntries(
      Object.entries<Json>(document.paths).flatMap(([path, item]) => Object.entries<Json>(item).map(([method, operation]) => [`${method} ${path}`, Object.keys(operation.responses)])),
    );
    assert.deepEqual(statuses, {
      'post /auth/signup': ['201', '400', '409'],
      'post /auth/login': ['200', '400', '401'],
      'get /todos': ['200', '400', '401'],
      'post /todos': ['201', '400', '401'],
      'get /todos/{id}': ['200', '400', '401', '404'],
      'patch /todos/{id}': ['200', '400', '401', '404'],
      'delete /todos/{id}': ['204', '400', '401', '404'],
    });
    assert.deepEqual(structuralProblems(document), []);
  });

  it('secures member operations with the bearer scheme and leaves sign-up/login open', () => {
    const document = JSON.parse(render());
    assert.deepEqual(document.components.securitySchemes, { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } });
    assert.deepEqual(document.paths['/todos'].get.security, [{ bearer: [] }]);
    assert.equal(document.paths['/auth/login'].post.security, undefined);
    assert.deepEqual(document.paths['/auth/login'].post.tags, ['auth']);
    assert.deepEqual(document.paths['/todos/{id}'].delete.tags, ['todos']);
    assert.equal(document.paths['/todos/{id}'].delete.responses['204'].content, undefined);
    assert.equal(document.paths['/todos/{id}'].get.responses['404'].description, 'No such todo of the caller (or it was deleted).');
  });

  it('turns path parameters and query DTO properties into parameters, bodies and answers into $refs', () => {
    const document = JSON.parse(render());
    const list = document.paths['/todos'].get;
    assert.deepEqual(list.parameters.map((parameter: Json) => `${parameter.in}:${parameter.name}:${parameter.required}`), [
      'query:status:false',
      'query:sort:false',
      'query:order:false',
      'query:page:false',
      'query:pageSize:false',
    ]);
    assert.deepEqual(list.parameters[4].schema, { type: 'integer', minimum: 1, maximum: 100, default: 20 });
    assert.equal(list.parameters[0].description, 'overdue: not done and the due date has passed');
    assert.deepEqual(list.responses['200'].content['application/json'].schema, { $ref: '#/components/schemas/TodoPage' });
    // What the server accepts: an integer path parameter is a positive Int, an unbounded query integer an Int.
    assert.deepEqual(document.paths['/todos/{id}'].get.parameters, [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1, maximum: 2147483647 } }]);
    assert.deepEqual(list.parameters[3].schema, { type: 'integer', minimum: 1, maximum: 2147483647, default: 1 });
    assert.deepEqual(document.paths['/todos'].post.requestBody, { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateTodoBody' } } } });
  });

  it('renders DTOs as schemas: nullable unions, date-times, required lists, nested $refs, auth DTOs', () => {
    const { schemas } = JSON.parse(render()).components;
    assert.deepEqual(Object.keys(schemas), ['SignUpMemberBody', 'LogInMemberBody', 'MemberToken', 'TodoListQuery', 'CreateTodoBody', 'UpdateTodoBody', 'Todo', 'TodoPage']);
    assert.deepEqual(schemas.Todo.properties.dueAt, { type: ['string', 'null'], format: 'date-time' });
    assert.deepEqual(schemas.Todo.properties.id, { type: 'integer' }, 'response integers are what the database holds: no bounds');
    assert.deepEqual(schemas.TodoListQuery.properties.page, { type: 'integer', minimum: 1, maximum: 2147483647, default: 1 });
    assert.deepEqual(schemas.Todo.required, ['id', 'title', 'description', 'dueAt', 'done', 'createdAt', 'updatedAt']);
    assert.deepEqual(schemas.CreateTodoBody.required, ['title']);
    assert.equal(schemas.UpdateTodoBody.required, undefined, 'no empty required list');
    assert.deepEqual(schemas.TodoPage.properties.items, { type: 'array', items: { $ref: '#/components/schemas/Todo' } });
    assert.deepEqual(schemas.SignUpMemberBody.properties.email.format, 'email');
    assert.deepEqual(schemas.MemberToken.properties.tokenType, { type: 'string', enum: ['Bearer'] });
  });

  it('accepts real payloads and refuses wrong ones through its schemas', () => {
    const check = schemaValidator(JSON.parse(render()));
    const todo = { id: 1, title: 'Milk', description: null, dueAt: '2030-01-01T00:00:00.000Z', done: false, createdAt: '2030-01-01T00:00:00.000Z', updatedAt: '2030-01-01T00:00:00.000Z' };
    assert.deepEqual(check('TodoPage', { items: [todo], total: 1, page: 1, pageSize: 20 }), []);
    assert.notDeepEqual(check('Todo', { ...todo, title: null }), []);
    assert.notDeepEqual(check('CreateTodoBody', { title: 'x', owner: 1 }), []);
    assert.notDeepEqual(check('CreateTodoBody', { title: '' }), []);
  });

  it('spells a nullable enum and a nullable nested DTO the 3.1 way', () => {
    const api = todoApi();
    api.dtos[3]!.properties.push({ name: 'mood', type: 'string', enum: ['calm', 'busy'], nullable: true }, { name: 'parent', type: 'object', dto: 'Todo', nullable: true });
    const { schemas } = JSON.parse(render(api)).components;
    assert.deepEqual(schemas.Todo.properties.mood, { type: ['string', 'null'], enum: ['calm', 'busy', null] });
    assert.deepEqual(schemas.Todo.properties.parent, { anyOf: [{ $ref: '#/components/schemas/Todo' }, { type: 'null' }] });
  });

  it('is deterministic pretty JSON, and the structural check catches a broken document', () => {
    const text = render();
    assert.equal(render(), text);
    assert.ok(text.startsWith('{\n  "openapi": "3.1.0",\n  "info": {\n    "title": "Todo service"'));
    assert.ok(text.endsWith('}\n'));
    const broken = JSON.parse(text);
    delete broken.components.schemas.TodoPage;
    broken.paths['/todos/{id}'].get.parameters = [];
    assert.deepEqual(structuralProblems(broken), [
      '$.paths./todos.get.responses.200.content.application/json.schema: unresolved #/components/schemas/TodoPage',
      'GET /todos/{id}: path parameters differ from the template',
    ]);
  });
});
