import * as assert from 'node:assert/strict';
import type { AnalyzeArtifact } from '../../../src/core/analyze/types';
import type { DatabaseArtifact, DbModel } from '../../../src/core/database/types';
import type { DtoSchema, InterfaceArtifact, Operation } from '../../../src/core/interface/types';
import { scenarioPrompt } from '../../../src/core/scenarios/prompt';

const id = { name: 'id', type: 'Int', id: true, default: { kind: 'autoincrement' as const } };
const model = (name: string, fields: DbModel['fields']): DbModel => ({ name, description: `A ${name}.`, file: name.toLowerCase(), fields: [id, ...fields] });
/** A comment belongs to a post, a post to a category: the category is two relations away from a comment. */
const database: DatabaseArtifact = {
  enums: [],
  models: [
    model('Category', [{ name: 'name', type: 'String' }]),
    model('Post', [
      { name: 'title', type: 'String' },
      { name: 'categoryId', type: 'Int' },
      { name: 'category', type: 'Category', relation: { fields: ['categoryId'], references: ['id'] } },
    ]),
    model('Comment', [
      { name: 'text', type: 'String' },
      { name: 'postId', type: 'Int' },
      { name: 'post', type: 'Post', relation: { fields: ['postId'], references: ['id'] } },
    ]),
  ],
};
const body = (name: string, on: string, columns: string[]): DtoSchema => ({
  name,
  kind: 'body',
  description: `A new ${on}.`,
  model: on,
  properties: columns.map((column) => ({ name: column, type: column.endsWith('Id') ? 'integer' : 'string', column })),
});
const create = (operationId: string, on: string, dto: string): Operation => ({
  id: operationId,
  module: on.toLowerCase(),
  section: 'all',
  summary: `Creates a ${on}.`,
  method: 'POST',
  path: `/${on.toLowerCase()}s`,
  actor: 'guest',
  model: on,
  params: [],
  body: dto,
  status: 204,
  errors: [],
});
const api: InterfaceArtifact = {
  authentication: [],
  dtos: [body('NewCategory', 'Category', ['name']), body('NewPost', 'Post', ['title', 'categoryId']), body('NewComment', 'Comment', ['text', 'postId'])],
  operations: [create('createCategory', 'Category', 'NewCategory'), create('createPost', 'Post', 'NewPost'), create('addComment', 'Comment', 'NewComment')],
};

describe('test phase: the prompt of one operation', () => {
  it('lists the operations that make what a set-up body points at, however many relations away', () => {
    const prompt = scenarioPrompt(api.operations[2]!, api, database);
    const listed = [...prompt.matchAll(/^- (\w+): POST /gm)].map((match) => match[1]);
    assert.deepEqual(listed, ['addComment', 'createCategory', 'createPost']);
    assert.match(prompt, /NewPost \(body\): A new Post\.\n {2}- title: string\n {2}- categoryId: integer/);
  });

  it('lists nothing that the operation does not lead to, unless its rules, path or answer name it', () => {
    const listed = (prompt: string) => [...prompt.matchAll(/^- (\w+): POST /gm)].map((match) => match[1]);
    // Posts refer to categories, but a category needs no post: each table listed brings its operations and DTOs.
    assert.deepEqual(listed(scenarioPrompt(api.operations[0]!, api, database)), ['createCategory']);
    const section = { id: 'all', title: 'Categories', body: 'Posts are filed under categories.', actors: [], rules: ['A category with posts cannot be renamed.'] };
    const analysis: AnalyzeArtifact = { title: 'Blog', summary: '', actors: [], sections: [section] };
    assert.deepEqual(listed(scenarioPrompt(api.operations[0]!, api, database, analysis)), ['createCategory', 'createPost']);
    const counted: InterfaceArtifact = { ...api, dtos: [...api.dtos, { name: 'CategoryView', kind: 'response', description: 'A category.', properties: [{ name: 'postCount', type: 'integer' }] }] };
    counted.operations = counted.operations.map((operation) => (operation.id === 'createCategory' ? { ...operation, status: 201, response: 'CategoryView' } : operation));
    assert.deepEqual(listed(scenarioPrompt(counted.operations[0]!, counted, database)), ['createCategory', 'createPost'], '"postCount" names posts');
  });
});
