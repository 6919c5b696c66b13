import type { RealizedModule } from '../../../../src/core/realize/types';

/** The reference backend's todos.service.ts, as operation bodies over the fixture's data model. */
export function todoRealized(): RealizedModule {
  return {
    name: 'todos',
    helpers: `/** Another member's todo and a soft-deleted one are both reported as 404, never 403. */
async function findOwned(prisma: PrismaService, ownerId: number, id: number) {
  const todo = await prisma.todo.findFirst({ where: { id, ownerId, deletedAt: null }, select: todoSelect });
  if (!todo) throw new NotFoundException(\`Todo \${id} not found\`);
  return todo;
}`,
    operations: [
      {
        id: 'listTodos',
        body: `const where: Prisma.TodoWhereInput = { ownerId: member.id, deletedAt: null };
if (query.status === 'open') where.done = false;
if (query.status === 'done') where.done = true;
if (query.status === 'overdue') Object.assign(where, { done: false, dueAt: { lt: this.clock.now() } });
const [rows, total] = await this.prisma.$transaction([
  this.prisma.todo.findMany({
    where,
    orderBy: [query.sort === 'dueAt' ? { dueAt: { sort: query.order, nulls: 'last' } } : { createdAt: query.order }, { id: query.order }],
    skip: (query.page - 1) * query.pageSize,
    take: query.pageSize,
    select: todoSelect,
  }),
  this.prisma.todo.count({ where }),
]);
return { items: rows.map(toTodo), total, page: query.page, pageSize: query.pageSize };`,
      },
      {
        id: 'createTodo',
        body: 'return toTodo(await this.prisma.todo.create({ data: { ...collectCreateTodo(body), ownerId: member.id }, select: todoSelect }));',
      },
      {
        id: 'getTodo',
        body: '    return toTodo(await findOwned(this.prisma, member.id, id));',
      },
      {
        id: 'updateTodo',
        body: `
          await findOwned(this.prisma, member.id, id);
          return toTodo(await this.prisma.todo.update({ where: { id }, data: collectUpdateTodo(body), select: todoSelect }));
        `,
      },
      {
        id: 'deleteTodo',
        body: `await findOwned(this.prisma, member.id, id);
await this.prisma.todo.update({ where: { id }, data: { deletedAt: this.clock.now() } });`,
      },
    ],
  };
}
