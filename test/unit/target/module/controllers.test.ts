import * as assert from 'node:assert/strict';
import { renderControllers, routePath } from '../../../../src/core/target/nest-prisma/api/controllers';
import { serviceSignature } from '../../../../src/core/target/nest-prisma/api/signature';
import { todoAnalysis } from '../../../fixtures/todo/analyzeArtifact';
import { scriptedApi } from '../../../fixtures/todo/fixtures';
import { BLOG_ACTORS, blogApi } from './blogFixture';

const todoApi = () => scriptedApi();

describe('controller renderer', () => {
  it('renders the todo controller: full paths, status codes, guards, sessions, pipes, delegation', () => {
    const files = renderControllers(todoApi(), todoAnalysis().actors);
    assert.deepEqual([...files.keys()], ['src/todos/todos.controller.ts']);
    const file = files.get('src/todos/todos.controller.ts')!;
    assert.equal(
      file.slice(0, file.indexOf('\n\n')),
      [
        "import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query, UseGuards } from '@nestjs/common';",
        "import { MemberGuard } from '../auth/guards.js';",
        "import { CurrentMember, type MemberSession } from '../auth/sessions.js';",
        "import { IntParam } from '../common/int-param.js';",
        "import { CreateTodoBody, type Todo, TodoListQuery, type TodoPage, UpdateTodoBody } from './todos.dto.js';",
        "import { TodosService } from './todos.service.js';",
      ].join('\n'),
    );
    assert.match(file, /\n@Controller\(\)\nexport class TodosController \{\n {2}constructor\(private readonly todos: TodosService\) \{\}\n/);
    assert.match(
      file,
      / {2}@Get\('todos'\)\n {2}@UseGuards\(MemberGuard\)\n {2}listTodos\(@CurrentMember\(\) member: MemberSession, @Query\(\) query: TodoListQuery\): Promise<TodoPage> \{\n {4}return this\.todos\.listTodos\(member, query\);\n {2}\}/,
    );
    assert.match(file, / {2}@Post\('todos'\)\n {2}@UseGuards\(MemberGuard\)\n {2}createTodo\(@CurrentMember\(\) member: MemberSession, @Body\(\) body: CreateTodoBody\): Promise<Todo> \{/);
    assert.match(
      file,
      / {2}@Patch\('todos\/:id'\)\n {2}@UseGuards\(MemberGuard\)\n {2}updateTodo\(@CurrentMember\(\) member: MemberSession, @IntParam\('id'\) id: number, @Body\(\) body: UpdateTodoBody\): Promise<Todo> \{\n {4}return this\.todos\.updateTodo\(member, id, body\);/,
    );
    assert.match(file, / {2}\/\*\* DELETE \/todos\/\{id\}: Soft-delete one of the caller's todos\. \*\/\n {2}@Delete\('todos\/:id'\)\n {2}@HttpCode\(204\)\n {2}@UseGuards\(MemberGuard\)\n {2}deleteTodo\(@CurrentMember\(\) member: MemberSession, @IntParam\('id'\) id: number\): Promise<void> \{/);
    assert.equal(file.match(/@HttpCode/g)!.length, 1, 'only where the status differs from Nest\'s default');
    // ParseIntPipe would only see the number the global ValidationPipe made of the text (`1e3` -> 1000).
    assert.doesNotMatch(file, /ParseIntPipe|@Param\(/);
    assert.doesNotMatch(file, /swagger|@Api/);
  });

  it('leaves guest operations open, passes string parameters as they are, and sets 200 on a POST that answers 200', () => {
    const file = renderControllers(blogApi(), BLOG_ACTORS).get('src/posts/posts.controller.ts')!;
    // Open on purpose: the global AccessGuard refuses any route that is neither public nor guarded.
    assert.match(file, / {2}@Get\('posts'\)\n {2}@Public\(\)\n {2}listPosts\(@Query\(\) query: PostListQuery\): Promise<PostDetail\[\]> \{\n {4}return this\.posts\.listPosts\(query\);/);
    assert.match(file, /^import \{ Public \} from '\.\.\/common\/access\.js';$/m);
    assert.doesNotMatch(file.slice(file.indexOf("@Post('posts/:id/comments')")), /^ {2}@Public\(\)\n {2}addComment/m);
    assert.match(file, / {2}@Get\('posts\/by-slug\/:slug'\)\n {2}@Public\(\)\n {2}getPost\(@Param\('slug'\) slug: string\): Promise<PostDetail> \{/);
    assert.match(file, /addComment\(@CurrentMember\(\) member: MemberSession, @IntParam\('id'\) id: number, @Body\(\) body: CreateCommentBody\)/);
    assert.match(file, / {2}@Post\('posts\/:id\/comments'\)\n {2}@HttpCode\(200\)\n {2}@UseGuards\(MemberGuard\)\n/);
    assert.match(file, /import \{ type CommentView, CreateCommentBody, CreatePostBody, type PostDetail, PostListQuery \} from '\.\/posts\.dto\.js';/);
  });

  it('decides who signs in from authentication and the actors, and refuses a signed-in actor without it', () => {
    const api = blogApi();
    // Without the actors, an actor is a guest unless it has authentication.
    assert.equal(serviceSignature(api, api.operations[1]!), 'listPosts(query: PostListQuery): Promise<PostDetail[]>');
    assert.equal(serviceSignature(api, api.operations[4]!), 'addComment(member: MemberSession, id: number, body: CreateCommentBody): Promise<CommentView>');
    api.operations[1]!.actor = 'admin';
    assert.throws(() => renderControllers(api, [...BLOG_ACTORS, { name: 'admin', kind: 'admin' }]), /operation "listPosts" is for the admin actor "admin", which has no authentication/);
  });

  it('turns OpenAPI paths into Nest routes', () => {
    assert.equal(routePath('/todos/{id}'), 'todos/:id');
    assert.equal(routePath('/orgs/{orgId}/members/{memberId}'), 'orgs/:orgId/members/:memberId');
    assert.equal(routePath('/'), '');
  });

  it('declares fixed routes before parameter routes, which Express would otherwise match first', () => {
    const api = todoApi();
    const get = api.operations.find((operation) => operation.id === 'getTodo')!;
    api.operations.push({ ...get, id: 'listOverdueTodos', path: '/todos/overdue', params: [], summary: 'Overdue todos.' });
    const controller = renderControllers(api, todoAnalysis().actors).get('src/todos/todos.controller.ts')!;
    const order = [...controller.matchAll(/@(?:Get|Post|Patch|Delete)\('([^']*)'\)/g)].map((match) => match[1]);
    assert.deepEqual(order, ['todos', 'todos', 'todos/overdue', 'todos/:id', 'todos/:id', 'todos/:id']);
  });
});
