import { Injectable, NotFoundException } from '@nestjs/common';
import type { Prisma, Todo } from '../generated/prisma/client.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { CreateTodoDto, ListTodosQueryDto, TodoDto, TodoPageDto, UpdateTodoDto } from './todo.dto.js';

const toDto = ({ id, title, description, dueAt, done, createdAt }: Todo): TodoDto => ({
  id,
  title,
  description,
  dueAt,
  done,
  createdAt,
});

@Injectable()
export class TodosService {
  constructor(private readonly prisma: PrismaService) {}

  async list(userId: number, q: ListTodosQueryDto): Promise<TodoPageDto> {
    const where: Prisma.TodoWhereInput = { userId, deletedAt: null };
    if (q.status === 'open') where.done = false;
    if (q.status === 'done') where.done = true;
    if (q.status === 'overdue') Object.assign(where, { done: false, dueAt: { lt: new Date() } });
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const order = q.order ?? 'desc';
    const [items, total] = await this.prisma.$transaction([
      this.prisma.todo.findMany({
        where,
        orderBy: [
          q.sort === 'dueAt' ? { dueAt: { sort: order, nulls: 'last' } } : { createdAt: order },
          { id: order },
        ],
        skip: (page - 1) * pageSize,
        take: pageSize,
      }),
      this.prisma.todo.count({ where }),
    ]);
    return { items: items.map(toDto), total, page, pageSize };
  }

  async create(userId: number, dto: CreateTodoDto): Promise<TodoDto> {
    return toDto(await this.prisma.todo.create({ data: { ...dto, userId } }));
  }

  async get(userId: number, id: number): Promise<TodoDto> {
    return toDto(await this.findOwned(userId, id));
  }

  async update(userId: number, id: number, dto: UpdateTodoDto): Promise<TodoDto> {
    await this.findOwned(userId, id);
    return toDto(await this.prisma.todo.update({ where: { id }, data: dto }));
  }

  async remove(userId: number, id: number): Promise<void> {
    await this.findOwned(userId, id);
    await this.prisma.todo.update({ where: { id }, data: { deletedAt: new Date() } });
  }

  /** Another user's todo and a soft-deleted one are both reported as 404, never 403. */
  private async findOwned(userId: number, id: number): Promise<Todo> {
    const todo = await this.prisma.todo.findFirst({ where: { id, userId, deletedAt: null } });
    if (!todo) throw new NotFoundException(`Todo ${id} not found`);
    return todo;
  }
}
