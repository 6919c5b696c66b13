import * as assert from 'node:assert/strict';
import type { DatabaseArtifact, DbModel } from '../../../src/core/database/types';
import type { DtoSchema, InterfaceArtifact, Operation } from '../../../src/core/interface/types';
import { scenarioPrompt } from '../../../src/core/test/prompt';

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

  it('lists nothing that the operation does not lead to', () => {
    const prompt = scenarioPrompt(api.operations[0]!, api, database);
    assert.deepEqual([...prompt.matchAll(/^- (\w+): POST /gm)].map((match) => match[1]), ['createCategory', 'createPost'], 'a post refers to its category; comments are further away');
  });
});
