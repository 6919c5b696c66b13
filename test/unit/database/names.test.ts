import * as assert from 'node:assert/strict';
import { nestPrisma } from '../../../src/core/target/nest-prisma';
import { checkPrismaSchema } from '../../../src/core/compilers/prismaSchema';
import { compileDatabase } from '../../../src/core/database/compile';
import { FIELD_NAME_MAX, MODEL_NAME_MAX, POSTGRES_IDENTIFIER_MAX } from '../../../src/core/database/names';
import { renderSchema } from '../../../src/core/target/nest-prisma/prisma/schemaFiles';
import type { DatabaseArtifact, DbModel } from '../../../src/core/database/types';
import { validateDatabase } from '../../../src/core/database/validate';
import { todoArtifact } from '../../fixtures/todo/databaseArtifact';

/** Two models at the longest names allowed, with every kind of single-field key, and an implicit many-to-many relation between them. */
function longest(): DatabaseArtifact {
  const a = `A${'a'.repeat(MODEL_NAME_MAX - 1)}`;
  const b = `B${'b'.repeat(MODEL_NAME_MAX - 1)}`;
  const field = (letter: string) => `${letter}${'x'.repeat(FIELD_NAME_MAX - 1)}`;
  return {
    enums: [],
    models: [
      {
        name: a,
        description: 'One side.',
        file: 'things',
        fields: [
          { name: 'id', type: 'Int', id: true, default: { kind: 'autoincrement' } },
          { name: field('u'), type: 'String', unique: true },
          { name: field('k'), type: 'Int' },
          { name: field('r'), type: 'Owner', relation: { fields: [field('k')], references: ['id'] } },
          { name: field('m'), type: b, list: true },
        ],
        indexes: [[field('k')]],
      },
      { name: 'Owner', description: 'What the foreign key points at.', file: 'things', fields: [{ name: 'id', type: 'Int', id: true }] },
      {
        name: b,
        description: 'The other side.',
        file: 'things',
        fields: [
          { name: 'id', type: 'Int', id: true, default: { kind: 'autoincrement' } },
          { name: field('m'), type: a, list: true },
        ],
      },
    ],
  };
}

describe('database names', () => {
  it('the limits keep every single-field database name within PostgreSQL\'s 63 bytes', () => {
    // _<A>To<B>_AB_pkey (implicit many-to-many) and <Model>_<field>_fkey, the longest derived names.
    assert.ok(`_${'A'.repeat(MODEL_NAME_MAX)}To${'B'.repeat(MODEL_NAME_MAX)}_AB_pkey`.length <= POSTGRES_IDENTIFIER_MAX);
    assert.ok(`${'A'.repeat(MODEL_NAME_MAX)}_${'f'.repeat(FIELD_NAME_MAX)}_fkey`.length <= POSTGRES_IDENTIFIER_MAX);
    assert.equal(`${'A'.repeat(MODEL_NAME_MAX)}_${'f'.repeat(FIELD_NAME_MAX)}_fkey`.length, POSTGRES_IDENTIFIER_MAX, 'no room left unused');
  });

  it('a data model at the longest names passes the rules and Prisma for PostgreSQL and SQLite', () => {
    for (const database of ['postgresql', 'sqlite'] as const) assert.deepEqual(compileDatabase(nestPrisma, longest(), database).issues, [], database);
  });

  it('keys over several fields whose names would pass 63 characters are refused at their paths', () => {
    const artifact = longest();
    const model = artifact.models[0]!;
    const [, unique, key] = model.fields.map((field) => field.name);
    model.uniques = [[unique!, key!]];
    model.indexes = [[key!, 'id']];
    const issues = validateDatabase(artifact, 'sqlite');
    assert.deepEqual(
      issues.map((issue) => issue.path),
      ['$.models[0].uniques[0]', '$.models[0].indexes[0]'],
    );
    assert.equal(
      issues[0]!.message,
      `the database names the unique key [${unique}, ${key}] "${model.name}_${unique}_${key}_key", 94 characters; PostgreSQL names are at most 63 and Prisma cuts longer ones, so two keys could get one name: use fewer or shorter fields`,
    );
  });

  it('a foreign key over several fields is named after all of them', () => {
    const artifact = todoArtifact();
    const [user, todo] = artifact.models as [DbModel, DbModel];
    const tenant = 'tenantIdentifierOfTheAccountXY';
    user.fields.push({ name: tenant, type: 'Int' });
    user.uniques = [['id', tenant]];
    todo.name = 'TodoItemOfAnAccountHolders';
    todo.fields.push({ name: `owner${tenant[0]!.toUpperCase()}${tenant.slice(1, 26)}`, type: 'Int' });
    const key = todo.fields.at(-1)!.name;
    const owner = todo.fields.find((field) => field.name === 'owner')!;
    owner.relation = { fields: ['ownerId', key], references: ['id', tenant], onDelete: 'Cascade' };
    const issues = validateDatabase(artifact, 'sqlite');
    assert.deepEqual(issues.map((issue) => issue.path), ['$.models[1].fields[9].relation.fields']);
    const name = `${todo.name}_ownerId_${key}_fkey`;
    assert.ok(name.length > POSTGRES_IDENTIFIER_MAX);
    assert.ok(issues[0]!.message.startsWith(`the database names the foreign key [ownerId, ${key}] "${name}", ${name.length} characters;`), issues[0]!.message);
  });

  it('without the rule, Prisma cuts two such names to one and asks for a `map` the model cannot give', () => {
    const artifact = longest();
    const model = artifact.models[0]!;
    const [, unique, key] = model.fields.map((field) => field.name);
    model.fields.push({ name: 'extra', type: 'Int' });
    model.uniques = [[unique!, key!], [unique!, key!, 'extra']];
    const files = renderSchema(artifact, 'postgresql').files;
    const prisma = checkPrismaSchema([...files].map(([path, content]) => ({ path, content })));
    assert.ok(prisma.some((issue) => /has to be unique/.test(issue.message) && /map/.test(issue.message)), JSON.stringify(prisma));
    assert.deepEqual(
      compileDatabase(nestPrisma, artifact, 'postgresql').issues.map((issue) => issue.path),
      ['$.models[0].uniques[0]', '$.models[0].uniques[1]'],
      'the rules name both keys before Prisma sees them',
    );
  });

  it('models whose names differ only in case are refused: Prisma writes one file per model', () => {
    const artifact = todoArtifact();
    const copy: DbModel = { ...structuredClone(artifact.models[0]!), name: 'USER', file: 'users' };
    artifact.models.push(copy);
    const issues = validateDatabase(artifact, 'sqlite').filter((issue) => issue.path === '$.models[2].name');
    assert.equal(issues.length, 1);
    assert.match(issues[0]!.message, /^"USER" and "User" \(models\[0\]\) differ only in case, .*src\/generated\/prisma\/models\/<Model>\.ts.*on macOS and Windows those are one file: rename one$/);
  });
});
