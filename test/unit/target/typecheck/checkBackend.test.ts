import * as assert from 'node:assert/strict';
import type { Issue } from '../../../../src/core/diagnostics/issue';
import { BackendTypeChecker, checkBackend } from '../../../../src/core/target/nest-prisma/typecheck/checkBackend';
import { todoArtifact } from '../../../fixtures/todo/databaseArtifact';

/** A small generated-looking todo backend: Prisma service, session type, transformer, collector, service. */
const BASE = new Map<string, string>([
  [
    'src/prisma/prisma.service.ts',
    `import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { PrismaLibSql } from '@prisma/adapter-libsql';
import { PrismaClient } from '../generated/prisma/client.js';

@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor() {
    super({ adapter: new PrismaLibSql({ url: process.env.DATABASE_URL ?? 'file:./dev.db' }) });
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
`,
  ],
  ['src/auth/sessions.ts', 'export interface UserSession {\n  id: number;\n  email: string;\n}\n'],
  [
    'src/todos/todos.transformers.ts',
    `import type { Prisma } from '../generated/prisma/client.js';

export interface TodoResponse {
  id: number;
  title: string;
  dueAt: string | null;
  done: boolean;
  owner: { email: string };
}

export const todoSelect = {
  id: true,
  title: true,
  dueAt: true,
  done: true,
  owner: { select: { email: true } },
} satisfies Prisma.TodoSelect;

export function toTodo(row: Prisma.TodoGetPayload<{ select: typeof todoSelect }>): TodoResponse {
  return { id: row.id, title: row.title, dueAt: row.dueAt?.toISOString() ?? null, done: row.done, owner: { email: row.owner.email } };
}
`,
  ],
  [
    'src/todos/todos.collectors.ts',
    `export interface CreateTodoBody {
  title: string;
  description?: string | null;
  dueAt?: Date | null;
}

export function collectCreateTodo(body: CreateTodoBody) {
  return { title: body.title, description: body.description, dueAt: body.dueAt };
}
`,
  ],
]);

const SERVICE = 'src/todos/todos.service.ts';

const GOOD_SERVICE = `import { Injectable, NotFoundException } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client.js';
import type { UserSession } from '../auth/sessions.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { collectCreateTodo, type CreateTodoBody } from './todos.collectors.js';
import { todoSelect, toTodo, type TodoResponse } from './todos.transformers.js';

@Injectable()
export class TodosService {
  constructor(private readonly prisma: PrismaService) {}

  async listTodos(user: UserSession, query: { page?: number; pageSize?: number }): Promise<{ items: TodoResponse[]; total: number }> {
    const where: Prisma.TodoWhereInput = { ownerId: user.id, deletedAt: null };
    const pageSize = query.pageSize ?? 20;
    const [rows, total] = await this.prisma.$transaction([
      this.prisma.todo.findMany({ where, select: todoSelect, orderBy: [{ dueAt: { sort: 'asc', nulls: 'last' } }, { id: 'desc' }], skip: ((query.page ?? 1) - 1) * pageSize, take: pageSize }),
      this.prisma.todo.count({ where }),
    ]);
    return { items: rows.map(toTodo), total };
  }

  async createTodo(user: UserSession, body: CreateTodoBody): Promise<TodoResponse> {
    const data: Prisma.TodoUncheckedCreateInput = { ...collectCreateTodo(body), ownerId: user.id };
    return toTodo(await this.prisma.todo.create({ data, select: todoSelect }));
  }

  async completeTodo(user: UserSession, id: number): Promise<TodoResponse> {
    const found = await this.prisma.todo.findFirst({ where: { id, ownerId: user.id, deletedAt: null }, select: { id: true, owner: { select: { email: true } } } });
    if (!found) throw new NotFoundException(\`Todo \${id} not found\`);
    const row = await this.prisma.todo.update({ where: { id: found.id }, data: { done: true, title: { set: found.owner.email } }, select: todoSelect });
    return toTodo(row);
  }
}
`;

function service(body: string, imports = "import { Injectable, NotFoundException } from '@nestjs/common';"): string {
  return `${imports}
import type { Prisma } from '../generated/prisma/client.js';
import type { UserSession } from '../auth/sessions.js';
import { PrismaService } from '../prisma/prisma.service.js';

@Injectable()
export class TodosService {
  constructor(private readonly prisma: PrismaService) {}

  async run(user: UserSession, id: number): Promise<unknown> {
${body}
  }
}
`;
}

/** Zero-based line of the first line of `source` containing `marker`. */
function lineOf(source: string, marker: string): number {
  const line = source.split('\n').findIndex((text) => text.includes(marker));
  assert.ok(line >= 0, `marker not found: ${marker}`);
  return line;
}

function checkService(source: string): Issue[] {
  return checkBackend(new Map([...BASE, [SERVICE, source]]), todoArtifact(), { provider: 'sqlite' });
}

/** The service has exactly one error, on the line holding `marker`, and its message matches. */
function assertOneErrorAt(source: string, marker: string, message: RegExp): void {
  const issues = checkService(source);
  assert.equal(issues.length, 1, issues.map((issue) => `${issue.file}:${issue.range!.start.line + 1} ${issue.message}`).join('\n'));
  const [issue] = issues;
  assert.equal(issue!.file, SERVICE);
  assert.equal(issue!.severity, 'error');
  assert.equal(issue!.range!.start.line, lineOf(source, marker), issue!.message);
  assert.match(issue!.message, message);
}

describe('realize: type-checking the generated backend in memory', () => {
  it('passes correct service code: select + GetPayload, nested select, $transaction, unchecked create, update, NotFoundException', () => {
    assert.deepEqual(checkService(GOOD_SERVICE), []);
  });

  it('rejects reading a field the select left out', () => {
    const source = service(`    const rows = await this.prisma.todo.findMany({ where: { ownerId: user.id }, select: { id: true, title: true } });
    return rows.map((row) => row.description);`);
    assertOneErrorAt(source, 'row.description', /Property 'description' does not exist on type '\{ id: number; title: string; \}'/);
  });

  it('rejects a field of a nested select that was not selected', () => {
    const source = service(`    const row = await this.prisma.todo.findFirstOrThrow({ where: { id }, select: { owner: { select: { email: true } } } });
    return row.owner.passwordHash;`);
    assertOneErrorAt(source, 'row.owner.passwordHash', /Property 'passwordHash' does not exist on type '\{ email: string; \}'/);
  });

  it('rejects a misspelt field in where, even next to valid ones', () => {
    const source = service(`    return this.prisma.todo.findMany({ where: { ownerId: user.id, titel: 'x' } });`);
    assertOneErrorAt(source, 'titel', /'titel' does not exist in type 'TodoWhereInput'/);
  });

  it('rejects creating a todo without its required owner', () => {
    const source = service(`    return this.prisma.todo.create({ data: { title: 'Buy milk', done: false } });`);
    assertOneErrorAt(source, "title: 'Buy milk'", /not assignable/);
  });

  it('rejects a string for a DateTime field of a model row', () => {
    const source = service(`    const row = await this.prisma.todo.findFirstOrThrow({ where: { id, ownerId: user.id } });
    row.dueAt = 'tomorrow';
    return row;`);
    assertOneErrorAt(source, "row.dueAt = 'tomorrow'", /Type 'string' is not assignable to type 'Date'/);
  });

  it('rejects a delegate for a model that does not exist', () => {
    const source = service(`    return this.prisma.task.findMany({ where: { ownerId: user.id } });`);
    assertOneErrorAt(source, 'this.prisma.task', /Property 'task' does not exist on type 'PrismaService'/);
  });

  it('rejects a misspelt Nest exception, where it is used or where it is imported', () => {
    const used = service(`    throw new NotFoundExeption(\`Todo \${id} not found\`);`);
    assertOneErrorAt(used, 'throw new NotFoundExeption', /Cannot find name 'NotFoundExeption'. Did you mean 'NotFoundException'\?/);
    const imported = service('    throw new NotFoundExeption();', "import { Injectable, NotFoundExeption } from '@nestjs/common';");
    assertOneErrorAt(imported, 'NotFoundExeption }', /no exported member named 'NotFoundExeption'. Did you mean 'NotFoundException'\?/);
  });

  it('reports only the files `only` selects, never tests or the declarations, with project-relative names', () => {
    const bad = service('    return this.prisma.task.count();');
    const files = new Map([...BASE, [SERVICE, bad], ['src/todos/other.ts', 'export const n: number = "x";\n'], ['test/todos.e2e.test.ts', 'const x: number = "y";\n']]);
    const checker = new BackendTypeChecker(todoArtifact());
    assert.deepEqual(checker.check(files).map((issue) => issue.file).sort(), ['src/todos/other.ts', SERVICE]);
    assert.deepEqual(checker.check(files, (path) => path === 'src/todos/other.ts').map((issue) => issue.file), ['src/todos/other.ts']);
  });

  it('re-checks after an edit in the same project, and forgets removed files', () => {
    const checker = new BackendTypeChecker(todoArtifact(), { provider: 'sqlite' });
    const only = (path: string) => path === SERVICE;
    const bad = service('    return this.prisma.todo.findMany({ where: { titel: user.email } });');
    assert.equal(checker.check(new Map([...BASE, [SERVICE, bad]]), only).length, 1);
    assert.deepEqual(checker.check(new Map([...BASE, [SERVICE, GOOD_SERVICE]]), only), []);
    // Without the collector the service's import of it fails: the removed file is really gone.
    const withoutCollector = new Map([...BASE, [SERVICE, GOOD_SERVICE]]);
    withoutCollector.delete('src/todos/todos.collectors.ts');
    assert.match(checker.check(withoutCollector, only)[0]!.message, /Cannot find module '\.\/todos\.collectors\.js'/);
  });

  it('resolves relative imports as ESM does: the .js extension is required', () => {
    const source = GOOD_SERVICE.replace("'../prisma/prisma.service.js'", "'../prisma/prisma.service'");
    const issues = checkService(source);
    assert.equal(issues.length, 1, issues.map((issue) => issue.message).join('\n'));
    assert.match(issues[0]!.message, /Cannot find module '\.\.\/prisma\/prisma\.service'/);
  });

  it('treats the backend as an ES module: top-level await and import.meta are allowed', () => {
    const main = "import { fileURLToPath } from 'node:url';\nconst here = fileURLToPath(import.meta.url);\nawait Promise.resolve(here);\nexport {};\n";
    assert.deepEqual(checkBackend(new Map([['src/main.ts', main]]), todoArtifact()), []);
  });
});
