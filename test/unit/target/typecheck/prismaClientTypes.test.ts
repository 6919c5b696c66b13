import * as assert from 'node:assert/strict';
import { TypeScriptProject } from '../../../../src/core/compilers/typescriptProject';
import type { DatabaseId } from '../../../../src/core/config/settings';
import { type DatabaseArtifact } from '../../../../src/core/database/types';
import { SCALAR_TYPES } from '../../../../src/core/scalars';
import { backendCompilerOptions, checkBackend } from '../../../../src/core/target/nest-prisma/typecheck/checkBackend';
import { libraryShims } from '../../../../src/core/target/nest-prisma/typecheck/libraryShims';
import { renderPrismaClientTypes } from '../../../../src/core/target/nest-prisma/typecheck/prismaClientTypes';
import { todoArtifact } from '../../../fixtures/todo/databaseArtifact';
import { richArtifact } from './richArtifact';
import { PRISMA_CLIENT_FILE } from '../../../../src/core/names/generated';

/** Problems inside the rendered declarations themselves (they are a `.ts` file, so fully checked). */
function declarationIssues(artifact: DatabaseArtifact, provider?: DatabaseId): string[] {
  // skipLibCheck off: the library shims are .d.ts files and must be sound too.
  const project = new TypeScriptProject('/strata-virtual/declarations', { ...backendCompilerOptions(), skipLibCheck: false });
  project.setFile('package.json', '{ "type": "module" }');
  for (const [path, content] of [...libraryShims(), ...renderPrismaClientTypes(artifact, { provider })]) project.setFile(path, content);
  return project.check().map((issue) => `${issue.file}:${issue.range!.start.line + 1} ${issue.message}`);
}

/** Issues of one module under `src/`, by one-based line, with the rich data model. */
function richIssues(source: string, provider: DatabaseId = 'postgresql'): Map<number, string> {
  const issues = checkBackend(new Map([['src/probe.ts', source]]), richArtifact(), { provider });
  return new Map(issues.map((issue) => [issue.range!.start.line + 1, issue.message]));
}

const PRELUDE = `import { $Enums, OrderStatus, Prisma, PrismaClient, Role, type Account } from './generated/prisma/client.js';
declare const prisma: PrismaClient;
`;

/** Every scalar type and enum as required, optional and list field (more than Prisma allows), and a duplicated key. */
function everyFieldArtifact(): DatabaseArtifact {
  const types = [...SCALAR_TYPES, 'Tint'];
  return {
    enums: [{ name: 'Tint', file: 'every', values: ['LIGHT', 'DARK'] }],
    models: [
      {
        name: 'Every',
        description: 'All field shapes.',
        file: 'every',
        fields: [
          { name: 'id', type: 'Int', id: true, unique: true, default: { kind: 'autoincrement' } },
          ...types.flatMap((type) => [
            { name: `one${type}`, type },
            { name: `maybe${type}`, type, optional: true },
            { name: `many${type}`, type, list: true },
          ]),
        ],
        uniques: [['id'], ['oneString', 'oneInt']],
      },
    ],
  };
}

describe('realize: Prisma client declarations', () => {
  for (const [name, artifact] of [['todo', todoArtifact()], ['rich', richArtifact()], ['every-field', everyFieldArtifact()]] as const) {
    for (const provider of ['sqlite', 'postgresql', undefined] as const) {
      it(`compile cleanly for the ${name} data model (${provider ?? 'any provider'})`, () => {
        assert.deepEqual(declarationIssues(artifact, provider), []);
      });
    }
  }

  it('declare model types, enums as unions with const objects, and one delegate per model', () => {
    const client = renderPrismaClientTypes(richArtifact()).get(PRISMA_CLIENT_FILE)!;
    assert.match(client, /export type Account = \{\n {2}id: string;\n {2}email: string;\n {2}role: \$Enums\.Role;\n {2}balance: Prisma\.Decimal;\n {2}score: number \| null;\n {2}visits: bigint;/);
    assert.match(client, /readonly orderLine: Prisma\.OrderLineDelegate;/);
    const enums = renderPrismaClientTypes(richArtifact()).get('src/generated/prisma/enums.ts')!;
    assert.match(enums, /export declare const Role: \{ readonly ADMIN: 'ADMIN'; readonly MEMBER: 'MEMBER' \};\nexport type Role = \(typeof Role\)\[keyof typeof Role\];/);
  });

  it('type enums, Decimal, BigInt, Json, Bytes, lists, compound keys and every relation kind as Prisma does', () => {
    const source = `${PRELUDE}export async function f(id: string) {
  const a = await prisma.account.create({ data: { email: 'a', balance: 10, tags: ['x'], role: Role.ADMIN, settings: Prisma.JsonNull } });
  const r: $Enums.Role = a.role;
  const n: number = a.balance.plus(1).toNumber() + Number(a.visits);
  await prisma.account.update({ where: { id }, data: { visits: { increment: 1 }, tags: { push: 'y' }, profile: { upsert: { create: { bio: 'x' }, update: { bio: 'y' } } } } });
  await prisma.account.findMany({ where: { role: { in: ['ADMIN'] }, tags: { has: 'x' }, email: { contains: 'a', mode: 'insensitive' }, profile: { is: null } } });
  const p = await prisma.product.findUnique({ where: { vendor_sku: { vendor: 'v', sku: 's' } }, include: { categories: { include: { parent: true } } } });
  const parent: string | undefined = p?.categories[0]?.parent?.name;
  const line = await prisma.orderLine.findUniqueOrThrow({ where: { orderId_lineNo: { orderId: 1, lineNo: 2 } }, select: { status: true, buyer: { select: { email: true } }, product: { select: { price: true } } } });
  const status: OrderStatus = line.status;
  const email: string | undefined = line.buyer?.email;
  const cats = await prisma.category.findMany({ include: { _count: { select: { products: true } } } });
  const count: number | undefined = cats[0]?._count.products;
  const acc: Account | null = await prisma.orderLine.findFirst().buyer();
  return { r, n, parent, status, email, count, acc, price: line.product.price };
}
`;
    assert.deepEqual([...richIssues(source)], []);
  });

  it('type relation counts in a select the way transformers write them: filtered, satisfying the Select, in the payload', () => {
    const source = `${PRELUDE}export const categorySelect = {
  name: true,
  _count: { select: { products: { where: { vendor: { in: ['a', 'b'] }, price: { gt: 1 } } } } },
} satisfies Prisma.CategorySelect;
export function toCategory(row: Prisma.CategoryGetPayload<{ select: typeof categorySelect }>): { name: string; products: number } {
  return { name: row.name, products: row._count.products };
}
export const wrong = {
  _count: { select: { parent: true } },
} satisfies Prisma.CategorySelect;
export const unknownColumn = {
  _count: { select: { products: { where: { colour: 'red' } } } },
} satisfies Prisma.CategorySelect;
export function unselected(row: Prisma.CategoryGetPayload<{ select: { name: true } }>): number {
  return row._count.products;
}
`;
    const issues = richIssues(source);
    assert.deepEqual([...issues.keys()], [11, 14, 17]);
    assert.match(issues.get(11)!, /'parent' does not exist in type 'CategoryCountOutputTypeSelect'/);
    assert.match(issues.get(14)!, /'colour' does not exist in type 'ProductWhereInput'/);
    assert.match(issues.get(17)!, /Property '_count' does not exist/);
  });

  it('reject what Prisma rejects on the rich model, on the offending line', () => {
    const source = `${PRELUDE}export async function f(id: string) {
  await prisma.account.create({ data: { email: 'a', balance: 1, role: 'OWNER' } });
  await prisma.account.create({ data: { email: 'a', balance: 1, settings: null } });
  await prisma.product.findUnique({ where: { vendor_sku: { vendor: 'v' } } });
  await prisma.orderLine.create({ data: { orderId: 1, quantity: 2, productId: 1 } });
  const line = await prisma.orderLine.findFirstOrThrow({ select: { buyer: { select: { email: true } } } });
  return line.buyer.email + id;
}
`;
    const issues = richIssues(source);
    assert.deepEqual([...issues.keys()], [4, 5, 6, 7, 9]);
    assert.match(issues.get(4)!, /'"OWNER"' is not assignable to type 'Role/);
    assert.match(issues.get(5)!, /'null' is not assignable to type 'NullableJsonNullValueInput \| InputJsonValue/);
    assert.match(issues.get(6)!, /Property 'sku' is missing/);
    assert.match(issues.get(9)!, /possibly 'null'/);
  });

  it('follow the provider where Prisma differs at runtime: case-insensitive mode exists only off SQLite', () => {
    const source = `${PRELUDE}export const rows = prisma.account.findMany({ where: { email: { contains: 'a', mode: 'insensitive' } } });
`;
    assert.deepEqual([...richIssues(source, 'postgresql')], []);
    assert.match(richIssues(source, 'sqlite').get(3)!, /'mode' does not exist in type 'StringFilter'/);
  });

  it('reject a misspelt select key and select together with include', () => {
    const source = `${PRELUDE}export async function f() {
  await prisma.account.findMany({ select: { id: true, emial: true } });
  await prisma.account.findMany({ select: { id: true }, include: { profile: true } });
}
`;
    const issues = richIssues(source);
    assert.match(issues.get(4)!, /emial is not a field of Account/);
    assert.match(issues.get(5)!, /Please either choose `select` or `include`/);
  });
});
