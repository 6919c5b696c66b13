import * as assert from 'node:assert/strict';
import { nestPrisma } from '../../../src/core/target/nest-prisma';
import { compileDatabase } from '../../../src/core/database/compile';
import { renderSchema } from '../../../src/core/target/nest-prisma/prisma/schemaFiles';
import type { DatabaseArtifact } from '../../../src/core/database/types';
import { validateDatabase } from '../../../src/core/database/validate';
import { DATABASE_SCHEMA } from '../../../src/core/database/schema';
import { typedCall } from '../../../src/core/model/typedCall';
import { ScriptedModel } from '../../fakes/scriptedModel';
import { WeakModel } from '../../fakes/weakModel';
import { todoArtifact } from '../../fixtures/todo/databaseArtifact';

const paths = (artifact: DatabaseArtifact) => validateDatabase(artifact, 'sqlite').map((issue) => issue.path);

describe('database phase', () => {
  it('compiles the todo data model cleanly through the rules and Prisma', () => {
    const { issues, schema } = compileDatabase(nestPrisma, todoArtifact(), 'sqlite');
    assert.deepEqual(issues, []);
    assert.deepEqual([...schema!.files.keys()], ['prisma/schema/schema.prisma', 'prisma/schema/todos.prisma', 'prisma/schema/users.prisma']);
  });

  it('renders aligned Prisma with doc comments, and adds the back-relation', () => {
    const files = renderSchema(todoArtifact(), 'postgresql').files;
    assert.match(files.get('prisma/schema/schema.prisma')!, /provider = "postgresql"/);
    const users = files.get('prisma/schema/users.prisma')!;
    assert.match(users, /^\/\/\/ A person who signs up and keeps todos\.\nmodel User \{/);
    assert.match(users, /\n {2}email {8}String {3}@unique\n/);
    assert.match(users, /\n {2}todos {8}Todo\[\]\n/);
    const todos = files.get('prisma/schema/todos.prisma')!;
    assert.match(todos, /owner +User +@relation\(fields: \[ownerId\], references: \[id\], onDelete: Cascade\)/);
    assert.match(todos, /done +Boolean +@default\(false\)/);
    assert.match(todos, /\n\n {2}@@index\(\[ownerId, dueAt\]\)\n\}/);
  });

  it('carries what real schemas use: enums, composite keys, Decimal/Json/Bytes, self-relations, implicit many-to-many', () => {
    const artifact: DatabaseArtifact = {
      enums: [{ name: 'OrderStatus', file: 'orders', values: ['PENDING', 'PAID', 'SHIPPED'] }],
      models: [
        {
          name: 'Category',
          description: 'A tree of categories.',
          file: 'catalog',
          fields: [
            { name: 'id', type: 'String', id: true, default: { kind: 'uuid' } },
            { name: 'parentId', type: 'String', optional: true },
            { name: 'parent', type: 'Category', optional: true, relation: { name: 'CategoryTree', fields: ['parentId'], references: ['id'], onDelete: 'SetNull' } },
            { name: 'products', type: 'Product', list: true },
          ],
        },
        {
          name: 'Product',
          description: 'Something for sale.',
          file: 'catalog',
          fields: [
            { name: 'id', type: 'BigInt', id: true, default: { kind: 'autoincrement' } },
            { name: 'price', type: 'Decimal' },
            { name: 'attributes', type: 'Json' },
            { name: 'thumbnail', type: 'Bytes', optional: true },
            { name: 'categories', type: 'Category', list: true },
          ],
        },
        {
          name: 'OrderLine',
          description: 'One product in an order.',
          file: 'orders',
          fields: [
            { name: 'orderId', type: 'Int' },
            { name: 'lineNo', type: 'Int' },
            { name: 'status', type: 'OrderStatus', default: { kind: 'value', value: 'PENDING' } },
          ],
          id: ['orderId', 'lineNo'],
        },
      ],
    };
    const { issues, schema } = compileDatabase(nestPrisma, artifact, 'postgresql');
    assert.deepEqual(issues, []);
    const catalog = schema!.files.get('prisma/schema/catalog.prisma')!;
    assert.match(catalog, /categories +Category\[\]\n/, 'implicit many-to-many kept as lists on both sides');
    assert.match(catalog, /categories +Category\[\] +@relation\("CategoryTree"\)/, 'named back-relation of the self-relation');
    assert.match(schema!.files.get('prisma/schema/orders.prisma')!, /status +OrderStatus +@default\(PENDING\)/);
  });

  it('names each broken rule at its artifact path', () => {
    const artifact = todoArtifact();
    artifact.models[0]!.name = 'users';
    artifact.models[1]!.fields[1]!.type = 'Text';
    artifact.models[1]!.fields[4]!.default = { kind: 'value', value: 'no' };
    assert.deepEqual(paths(artifact).sort(), [
      '$.models[0].name',
      '$.models[1].fields[1].type',
      '$.models[1].fields[4].default.value',
      '$.models[1].fields[9].type',
    ]);
  });

  it('checks primary keys, foreign keys and relation names', () => {
    const artifact = todoArtifact();
    artifact.models[0]!.fields[0]!.id = false;
    artifact.models[1]!.fields[8]!.type = 'String';
    artifact.models[1]!.fields[9]!.relation!.fields = ['userId'];
    const issues = validateDatabase(artifact, 'sqlite');
    assert.ok(issues.some((issue) => issue.path === '$.models[0]' && /exactly one primary key/.test(issue.message)));
    assert.ok(issues.some((issue) => issue.path === '$.models[1].fields[9].relation.fields[0]' && /no field "userId"/.test(issue.message)));
    assert.ok(issues.some((issue) => issue.path === '$.models[1].fields[9].relation.references' && /primary key or a unique field/.test(issue.message)));
  });

  it('refuses list columns on SQLite', () => {
    const artifact = todoArtifact();
    artifact.models[1]!.fields.push({ name: 'tags', type: 'String', list: true });
    assert.deepEqual(paths(artifact), ['$.models[1].fields[10].list']);
    assert.deepEqual(validateDatabase(artifact, 'postgresql'), []);
  });

  it('maps an error only Prisma finds back to the field that produced it', () => {
    // Two unnamed relations between User and Todo, from opposite sides: the rules let it pass, Prisma does not.
    const artifact = todoArtifact();
    artifact.models[0]!.fields.push(
      { name: 'favoriteTodoId', type: 'Int', optional: true, unique: true },
      { name: 'favoriteTodo', type: 'Todo', optional: true, relation: { fields: ['favoriteTodoId'], references: ['id'] } },
    );
    const { issues } = compileDatabase(nestPrisma, artifact, 'sqlite');
    assert.equal(issues.length, 1, JSON.stringify(issues));
    assert.equal(issues[0]!.source, 'prisma');
    assert.match(issues[0]!.message, /Ambiguous relation/);
    assert.equal(issues[0]!.path, '$.models[1].fields[9]', 'the Todo.owner relation field');
  });
});

describe('database phase through the typed-call loop', () => {
  it('a weak model converges on the todo data model with schema and rule feedback', async () => {
    const weak = new WeakModel(new ScriptedModel(() => todoArtifact()), {
      rawSuccess: 0,
      seed: 11,
      referencePaths: (value) =>
        (value as DatabaseArtifact).models.flatMap((model, m) => model.fields.flatMap((field, f) => (field.relation ? [`$.models[${m}].fields[${f}].type`] : []))),
    });
    for (let i = 0; i < 20; i++) {
      const { value, record } = await typedCall<DatabaseArtifact>(weak, {
        agent: 'database',
        target: `todo-${i}`,
        model: 'weak',
        system: 'You design Prisma data models.',
        prompt: 'Design the data model of a multi-user todo service.',
        tool: { name: 'define_data_model', description: 'Define the data model.' },
        schema: DATABASE_SCHEMA,
        validate: (artifact) => compileDatabase(nestPrisma, artifact, 'sqlite').issues,
        retryBudget: 5,
      });
      assert.deepEqual(value, todoArtifact());
      assert.ok(record.attempts >= 2, 'every first answer was damaged');
    }
  });
});
