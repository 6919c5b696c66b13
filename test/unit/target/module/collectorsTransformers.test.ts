import * as assert from 'node:assert/strict';
import { renderCollectors } from '../../../../src/core/target/nest-prisma/module/collectors';
import { renderTransformers } from '../../../../src/core/target/nest-prisma/module/transformers';
import { todoArtifact } from '../../../fixtures/todo/databaseArtifact';
import { scriptedApi } from '../../../fixtures/todo/fixtures';
import { blogApi, blogDatabase } from './blogFixture';

const todoApi = () => scriptedApi();

describe('collector renderer', () => {
  it('picks the linked columns of each todo body, typed to fit both create and update', () => {
    const files = renderCollectors(todoApi(), todoArtifact());
    assert.deepEqual([...files.keys()], ['src/todos/todos.collectors.ts']);
    const file = files.get('src/todos/todos.collectors.ts')!;
    assert.match(file, /^import type \{ CreateTodoBody, UpdateTodoBody \} from '\.\/todos\.dto\.js';\n\n/);
    assert.ok(
      file.includes(
        [
          'export function collectCreateTodo(body: CreateTodoBody): {',
          '  title: string;',
          '  description?: string | null;',
          '  dueAt?: Date | null;',
          '  done?: boolean;',
          '} {',
          '  return {',
          '    title: body.title,',
          '    description: body.description,',
          '    dueAt: body.dueAt,',
          '    done: body.done,',
          '  };',
          '}',
        ].join('\n'),
      ),
    );
    assert.match(file, /export function collectUpdateTodo\(body: UpdateTodoBody\): \{\n {2}title\?: string;/);
    assert.doesNotMatch(file, /Prisma/, 'nothing to convert, nothing imported');
  });

  it('converts text-encoded columns, keeps left-out values undefined, skips unlinked properties and modules without bodies', () => {
    const files = renderCollectors(blogApi(), blogDatabase());
    assert.deepEqual([...files.keys()], ['src/posts/posts.collectors.ts']);
    const file = files.get('src/posts/posts.collectors.ts')!;
    assert.match(file, /^import \{ Prisma \} from '\.\.\/generated\/prisma\/client\.js';\n/);
    assert.match(file, / {2}status\?: 'DRAFT' \| 'PUBLISHED';\n {2}price\?: Prisma\.Decimal \| null;\n {2}views\?: bigint;\n {2}cover: Uint8Array<ArrayBuffer> \| null;\n\} \{/);
    assert.match(file, / {4}price: body\.price == null \? body\.price : new Prisma\.Decimal\(body\.price\),\n/);
    assert.match(file, / {4}views: body\.views == null \? body\.views : BigInt\(body\.views\),\n/);
    assert.match(file, / {4}cover: body\.cover == null \? body\.cover : Uint8Array\.from\(Buffer\.from\(body\.cover, 'base64'\)\),\n/);
    assert.doesNotMatch(file, /notify/);
  });

  it('names what does not fit', () => {
    const api = blogApi();
    const body = api.dtos.find((dto) => dto.name === 'CreatePostBody')!;
    body.properties.push({ name: 'slug2', type: 'string', column: 'slug' });
    assert.throws(() => renderCollectors(api, blogDatabase()), /property "slug2" sets "Post\.slug", which another property/);
    body.properties.pop();
    body.properties.push({ name: 'when', type: 'boolean', column: 'editorId' });
    assert.throws(() => renderCollectors(api, blogDatabase()), /property "when" is a boolean, but column "editorId" is a Int; use integer/);
    body.properties.pop();
    body.properties.push({ name: 'nope', type: 'string', column: 'missing' });
    assert.throws(() => renderCollectors(api, blogDatabase()), /unknown column "Post\.missing"/);
  });
});

describe('transformer renderer', () => {
  it('selects exactly the todo columns a Todo shows and maps the row to it; the page DTO gets none', () => {
    const file = renderTransformers(todoApi(), todoArtifact()).get('src/todos/todos.transformers.ts')!;
    assert.match(file, /^import type \{ Prisma \} from '\.\.\/generated\/prisma\/client\.js';\nimport type \{ Todo \} from '\.\/todos\.dto\.js';\n\n/);
    assert.match(file, /export const todoSelect = \{\n {2}id: true,\n {2}title: true,\n {2}description: true,\n {2}dueAt: true,\n {2}done: true,\n {2}createdAt: true,\n {2}updatedAt: true,\n\} satisfies Prisma\.TodoSelect;/);
    assert.match(file, /export function toTodo\(row: Prisma\.TodoGetPayload<\{ select: typeof todoSelect \}>\): Todo \{\n {2}return \{\n {4}id: row\.id,\n/);
    assert.doesNotMatch(file, /ownerId|deletedAt|TodoPage/);
  });

  it('nests selects for relations (also back-relations and other modules), so one query loads a post, its author and its comments', () => {
    const files = renderTransformers(blogApi(), blogDatabase());
    assert.deepEqual([...files.keys()], ['src/users/users.transformers.ts', 'src/posts/posts.transformers.ts']);
    assert.match(files.get('src/users/users.transformers.ts')!, /export const userSummarySelect = \{\n {2}id: true,\n {2}name: true,\n\} satisfies Prisma\.UserSelect;/);
    const posts = files.get('src/posts/posts.transformers.ts')!;
    // Another module's select is written out, never imported: modules nesting each other's DTOs would form an import cycle of constants.
    assert.match(posts, /\nimport \{ toUserSummary \} from '\.\.\/users\/users\.transformers\.js';\nimport type \{ CommentView, PostDetail \} from '\.\/posts\.dto\.js';\n/);
    assert.ok(posts.indexOf('export const commentViewSelect') < posts.indexOf('export const postDetailSelect'), 'a select exists before it is nested');
    assert.match(posts, / {2}author: \{ select: \{ id: true, name: true \} \},\n {2}editor: \{ select: \{ id: true, name: true \} \},\n {2}comments: \{ select: commentViewSelect \},\n\} satisfies Prisma\.PostSelect;/);
    assert.doesNotMatch(posts, /import \{[^}]*Select[^}]*\} from '\.\.\/users/);
    assert.match(posts, / {4}author: toUserSummary\(row\.author\),\n {4}editor: row\.editor \? toUserSummary\(row\.editor\) : null,\n {4}comments: row\.comments\.map\(toCommentView\),\n/);
    assert.match(posts, / {4}price: row\.price === null \? null : row\.price\.toString\(\),\n {4}views: row\.views\.toString\(\),\n {4}cover: row\.cover === null \? null : Buffer\.from\(row\.cover\)\.toString\('base64'\),\n/);
    assert.match(posts, / {4}status: row\.status,\n/);
  });

  it('refuses what a transformer cannot fill or must not show', () => {
    const unlinked = blogApi();
    unlinked.dtos.find((dto) => dto.name === 'CommentView')!.properties.push({ name: 'likes', type: 'integer' });
    assert.throws(() => renderTransformers(unlinked, blogDatabase()), /response DTO "CommentView" property "likes" has no column/);
    const secret = blogApi();
    secret.dtos.find((dto) => dto.name === 'UserSummary')!.properties.push({ name: 'hash', type: 'string', column: 'passwordHash' });
    assert.throws(() => renderTransformers(secret, blogDatabase()), /secret column "User\.passwordHash"/);
    const wrongModel = blogApi();
    wrongModel.dtos.find((dto) => dto.name === 'CommentView')!.properties[2]!.column = 'post';
    assert.throws(() => renderTransformers(wrongModel, blogDatabase()), /nests "UserSummary", which must be linked to the model of the relation "Comment\.post" \(Post\)/);
  });
});
