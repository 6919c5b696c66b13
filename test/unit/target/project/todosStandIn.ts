/**
 * The todos feature module of docs/research/reference-backend, renamed to the contract
 * (docs/design/generated-backend.md): it stands in for the per-module renderers' output so the slow test
 * can build and run the scaffold, app and auth files around a real module.
 */
export const TODOS_STAND_IN = new Map<string, string>([
  [
    'src/todos/todos.dto.ts',
    `import { Type } from 'class-transformer';
import { IsBoolean, IsDate, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

export class CreateTodoBody {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @IsOptional()
  @Type(() => Date)
  @IsDate()
  dueAt?: Date | null;

  @IsOptional()
  @IsBoolean()
  done?: boolean;
}

export class TodoListQuery {
  @IsOptional()
  @IsIn(['all', 'open', 'done', 'overdue'])
  status?: 'all' | 'open' | 'done' | 'overdue' = 'all';

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number = 1;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number = 20;
}

export interface Todo {
  id: number;
  title: string;
  description: string | null;
  dueAt: Date | null;
  done: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface TodoPage {
  items: Todo[];
  total: number;
  page: number;
  pageSize: number;
}
`,
  ],
  [
    'src/todos/todos.service.ts',
    `import { Injectable, NotFoundException } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client.js';
import type { MemberSession } from '../auth/sessions.js';
import { Clock } from '../common/clock.js';
import { PrismaService } from '../prisma/prisma.service.js';
import type { CreateTodoBody, Todo, TodoListQuery, TodoPage } from './todos.dto.js';

const todoSelect = { id: true, title: true, description: true, dueAt: true, done: true, createdAt: true, updatedAt: true } satisfies Prisma.TodoSelect;

@Injectable()
export class TodosService {
  constructor(private readonly prisma: PrismaService, private readonly clock: Clock) {}

  async listTodos(member: MemberSession, query: TodoListQuery): Promise<TodoPage> {
    const where: Prisma.TodoWhereInput = { ownerId: member.id, deletedAt: null };
    if (query.status === 'open') where.done = false;
    if (query.status === 'done') where.done = true;
    if (query.status === 'overdue') Object.assign(where, { done: false, dueAt: { lt: this.clock.now() } });
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const [items, total] = await this.prisma.$transaction([
      this.prisma.todo.findMany({ where, select: todoSelect, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], skip: (page - 1) * pageSize, take: pageSize }),
      this.prisma.todo.count({ where }),
    ]);
    return { items, total, page, pageSize };
  }

  async createTodo(member: MemberSession, body: CreateTodoBody): Promise<Todo> {
    return this.prisma.todo.create({ data: { ...body, ownerId: member.id }, select: todoSelect });
  }

  async getTodo(member: MemberSession, id: number): Promise<Todo> {
    const todo = await this.prisma.todo.findFirst({ where: { id, ownerId: member.id, deletedAt: null }, select: todoSelect });
    if (!todo) throw new NotFoundException(\`Todo \${id} not found\`);
    return todo;
  }
}
`,
  ],
  [
    'src/todos/todos.controller.ts',
    `import { Body, Controller, Get, Param, ParseIntPipe, Post, Query, UseGuards } from '@nestjs/common';
import { MemberGuard } from '../auth/guards.js';
import { CurrentMember, type MemberSession } from '../auth/sessions.js';
import { CreateTodoBody, TodoListQuery, type Todo, type TodoPage } from './todos.dto.js';
import { TodosService } from './todos.service.js';

@UseGuards(MemberGuard)
@Controller('todos')
export class TodosController {
  constructor(private readonly todos: TodosService) {}

  @Get()
  listTodos(@CurrentMember() member: MemberSession, @Query() query: TodoListQuery): Promise<TodoPage> {
    return this.todos.listTodos(member, query);
  }

  @Post()
  createTodo(@CurrentMember() member: MemberSession, @Body() body: CreateTodoBody): Promise<Todo> {
    return this.todos.createTodo(member, body);
  }

  @Get(':id')
  getTodo(@CurrentMember() member: MemberSession, @Param('id', ParseIntPipe) id: number): Promise<Todo> {
    return this.todos.getTodo(member, id);
  }
}
`,
  ],
  [
    'src/todos/todos.module.ts',
    `import { Module } from '@nestjs/common';
import { TodosController } from './todos.controller.js';
import { TodosService } from './todos.service.js';

@Module({ controllers: [TodosController], providers: [TodosService] })
export class TodosModule {}
`,
  ],
]);

/** A small OpenAPI 3.1 document standing in for the Interface renderer's `openapi.json`. */
export const OPENAPI_STAND_IN = {
  openapi: '3.1.0',
  info: { title: 'Todo service', version: '0.1.0' },
  paths: {
    '/todos': {
      get: {
        operationId: 'listTodos',
        security: [{ bearer: [] }],
        responses: { '200': { description: 'A page of todos', content: { 'application/json': { schema: { $ref: '#/components/schemas/TodoPage' } } } } },
      },
    },
  },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    schemas: {
      Todo: { type: 'object', properties: { id: { type: 'integer' }, description: { type: ['string', 'null'] } }, required: ['id', 'description'] },
      TodoPage: { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Todo' } }, total: { type: 'integer' } } },
    },
  },
};
