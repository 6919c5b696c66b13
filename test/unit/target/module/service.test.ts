import * as assert from 'node:assert/strict';
import { identifiersIn } from '../../../../src/core/target/nest-prisma/module/identifiers';
import { renderModuleFile } from '../../../../src/core/target/nest-prisma/module/moduleFile';
import { renderService } from '../../../../src/core/target/nest-prisma/module/service';
import { todoArtifact } from '../../../fixtures/todo/databaseArtifact';
import { scriptedApi } from '../../../fixtures/todo/fixtures';
import { blogApi, blogDatabase, blogRealized } from './blogFixture';
import { todoRealized } from './todoRealized';

const todoApi = () => scriptedApi();

describe('service renderer', () => {
  it('wraps the todo bodies in the contract signatures and imports what they use', () => {
    const service = renderService(todoApi(), todoArtifact(), todoRealized());
    assert.equal(service.path, 'src/todos/todos.service.ts');
    const { content } = service;
    assert.equal(
      content.slice(0, content.indexOf('\n\n')),
      [
        "import { Injectable, NotFoundException } from '@nestjs/common';",
        "import type { MemberSession } from '../auth/sessions.js';",
        "import { Clock } from '../common/clock.js';",
        "import { Prisma } from '../generated/prisma/client.js';",
        "import { PrismaService } from '../prisma/prisma.service.js';",
        "import { collectCreateTodo, collectUpdateTodo } from './todos.collectors.js';",
        "import type { CreateTodoBody, Todo, TodoListQuery, TodoPage, UpdateTodoBody } from './todos.dto.js';",
        "import { todoSelect, toTodo } from './todos.transformers.js';",
      ].join('\n'),
      'the model type Todo gives way to the DTO Todo; no unused exception',
    );
    assert.match(content, /\n@Injectable\(\)\nexport class TodosService \{\n {2}constructor\(private readonly prisma: PrismaService, private readonly clock: Clock\) \{\}\n\n {2}\/\*\* GET \/todos: List the caller's todos, filtered, sorted and paged\. \*\/\n {2}async listTodos\(member: MemberSession, query: TodoListQuery\): Promise<TodoPage> \{\n {4}const where/);
    assert.match(content, / {2}async updateTodo\(member: MemberSession, id: number, body: UpdateTodoBody\): Promise<Todo> \{\n {4}await findOwned\(this\.prisma, member\.id, id\);\n {4}return toTodo/, 'bodies are re-indented to 4 spaces');
    assert.match(content, / {2}async deleteTodo\(member: MemberSession, id: number\): Promise<void> \{/);
    assert.match(content, /\n\/\*\* Another member's todo[^\n]*\nasync function findOwned\(prisma: PrismaService/, 'helpers at module level');
  });

  it('maps every helper and body line back to its place in the artifact', () => {
    const realized = todoRealized();
    // Artifact order differs from the operations' order: paths use the artifact's indexes.
    realized.operations.reverse();
    const { content, regions } = renderService(todoApi(), todoArtifact(), realized);
    const lines = content.split('\n');
    assert.deepEqual(
      regions.map((region) => region.path),
      ['$.helpers', '$.operations[4].body', '$.operations[3].body', '$.operations[2].body', '$.operations[1].body', '$.operations[0].body'],
    );
    const helpers = regions[0]!;
    assert.equal(lines[helpers.startLine], "/** Another member's todo and a soft-deleted one are both reported as 404, never 403. */");
    assert.equal(lines[helpers.endLine], '}');
    const list = regions[1]!;
    assert.equal(lines[list.startLine], '    const where: Prisma.TodoWhereInput = { ownerId: member.id, deletedAt: null };');
    assert.equal(lines[list.endLine], '    return { items: rows.map(toTodo), total, page: query.page, pageSize: query.pageSize };');
    assert.equal(list.endLine - list.startLine + 1, realized.operations[4]!.body.split('\n').length);
    const update = regions[4]!;
    assert.deepEqual(lines.slice(update.startLine, update.endLine + 1).map((line) => line.trim()), [
      'await findOwned(this.prisma, member.id, id);',
      'return toTodo(await this.prisma.todo.update({ where: { id }, data: collectUpdateTodo(body), select: todoSelect }));',
    ]);
    assert.match(lines[update.startLine - 1]!, /async updateTodo\(/);
    assert.equal(lines[update.endLine + 1], '  }');
  });

  it('imports from other modules, enums, exceptions and sessions as used, and nothing a helper declares', () => {
    const [users, posts] = blogRealized();
    const api = blogApi();
    const content = renderService(api, blogDatabase(), posts!).content;
    assert.match(content, /^import \{ ConflictException, ForbiddenException, Injectable, NotFoundException \} from '@nestjs\/common';\n/);
    assert.match(content, /\nimport \{ PostStatus, Prisma \} from '\.\.\/generated\/prisma\/client\.js';\n/);
    assert.match(content, /\nimport \{ commentViewSelect, postDetailSelect, toCommentView, toPostDetail \} from '\.\/posts\.transformers\.js';\n/);
    assert.match(content, / {2}async getPost\(slug: string\): Promise<PostDetail> \{/, 'a guest operation has no session');
    assert.match(content, / {2}async listPosts\(query: PostListQuery\): Promise<PostDetail\[\]> \{/);
    assert.doesNotMatch(content, /import[^\n]*findPost/);

    // A posts body reading a users DTO and transformer imports them from the users module.
    posts!.operations[1]!.body = 'const author: UserSummary = toUserSummary(await this.prisma.user.findUniqueOrThrow({ where: { id: 1 }, select: userSummarySelect }));\nthrow new NotFoundException(author.name);';
    const crossing = renderService(api, blogDatabase(), posts!).content;
    assert.match(crossing, /\nimport \{ toUserSummary, userSummarySelect \} from '\.\.\/users\/users\.transformers\.js';\n/);
    assert.match(crossing, /\nimport type \{ UserSummary \} from '\.\.\/users\/users\.dto\.js';\n/);
    assert.match(renderService(api, blogDatabase(), users!).content, /^import \{ Injectable, UnauthorizedException \} from '@nestjs\/common';\nimport type \{ MemberSession \} from '\.\.\/auth\/sessions\.js';\n/);
  });

  it('names operations the artifact has no body for', () => {
    const realized = todoRealized();
    realized.operations = realized.operations.filter((operation) => operation.id !== 'getTodo' && operation.id !== 'deleteTodo');
    assert.throws(() => renderService(todoApi(), todoArtifact(), realized), /realized module "todos" has no body for the operation\(s\) getTodo, deleteTodo/);
    assert.throws(() => renderService(todoApi(), todoArtifact(), { ...realized, name: 'notes' }), /"notes" has no operations/);
  });

  it('reads only the names code refers to, not text, comments or members', () => {
    const names = identifiersIn("// NotFoundException\nconst a = 'Todo'; /* Prisma */ x.ConflictException; ...collectA(b); `Todo ${toTodo(row)} left` + \"User\"; if (c) { d }");
    assert.deepEqual([...names].sort(), ['a', 'b', 'c', 'collectA', 'const', 'd', 'if', 'row', 'toTodo', 'x']);
  });

  it('renders the module file', () => {
    assert.deepEqual(renderModuleFile('todos'), {
      path: 'src/todos/todos.module.ts',
      content:
        "import { Module } from '@nestjs/common';\nimport { TodosController } from './todos.controller.js';\nimport { TodosService } from './todos.service.js';\n\n@Module({ controllers: [TodosController], providers: [TodosService] })\nexport class TodosModule {}\n",
    });
  });
});
