import * as assert from 'node:assert/strict';
import { dataRisks } from '../../../src/core/database/dataLoss';
import { settleDataRisks } from '../../../src/core/incremental/dataChoices';
import { schemaDiffSql } from '../../../src/core/compilers/schemaDiff';
import type { DatabaseArtifact } from '../../../src/core/database/types';
import { prismaMigrations } from '../../../src/core/target/nest-prisma/prisma/migrations';
import { renderSchema } from '../../../src/core/target/nest-prisma/prisma/schemaFiles';
import { MemoryProjectFiles } from '../../../src/core/project/projectFiles';

const base: DatabaseArtifact = {
  enums: [],
  models: [
    {
      name: 'Todo',
      description: 'Something to do.',
      file: 'todos',
      fields: [
        { name: 'id', type: 'Int', id: true, default: { kind: 'autoincrement' } },
        { name: 'title', type: 'String' },
      ],
    },
  ],
};
const withPriority: DatabaseArtifact = { ...base, models: [{ ...base.models[0]!, fields: [...base.models[0]!.fields, { name: 'priority', type: 'Int' }] }] };

describe('data risks of a step: settled by the user, or the step stops', () => {
  it('a new required column needs a value: refused without one, naming both ways; a default becomes a typed literal, a backfill an expression', () => {
    const refused = settleDataRisks(dataRisks(base, withPriority), withPriority, {});
    assert.equal(refused.issues.length, 1);
    assert.match(refused.issues[0]!.message, /Todo\.priority is new and required, without a default: existing rows need a value\. Settle it with a value for existing rows \(--default Todo\.priority=VALUE\) or an SQL expression/);
    assert.deepEqual(settleDataRisks(dataRisks(base, withPriority), withPriority, { defaults: { 'Todo.priority': '3' } }), { issues: [], fills: [{ model: 'Todo', field: 'priority', sql: '3' }] });
    assert.match(settleDataRisks(dataRisks(base, withPriority), withPriority, { defaults: { 'Todo.priority': 'high' } }).issues[0]!.message, /Int needs a number/);
    assert.deepEqual(settleDataRisks(dataRisks(base, withPriority), withPriority, { backfills: { 'Todo.priority': 'length("title")' } }).fills, [{ model: 'Todo', field: 'priority', sql: '(length("title"))' }]);
    // Confirming a loss does not settle a column that needs a value.
    assert.equal(settleDataRisks(dataRisks(base, withPriority), withPriority, { confirmLoss: true }).issues.length, 1);
  });

  it('a dropped table is settled by confirming the loss, and only by that', () => {
    const none: DatabaseArtifact = { enums: [], models: [{ ...base.models[0]!, name: 'Task', file: 'tasks' }] };
    assert.equal(settleDataRisks(dataRisks(base, none), none, {}).issues.length, 1);
    assert.deepEqual(settleDataRisks(dataRisks(base, none), none, { confirmLoss: true }).issues, []);
  });

  it('the migration of a filled column adds it optional, fills existing rows, then requires it', async () => {
    const project = new MemoryProjectFiles();
    for (const [path, content] of renderSchema(base, 'sqlite').files) await project.write(path, content);
    await project.write('prisma/migrations/migration_lock.toml', 'provider = "sqlite"\n');
    const files = await prismaMigrations.migrationFiles(project, renderSchema(withPriority, 'sqlite').files, 'sqlite', {
      label: '002-add-priority',
      now: new Date('2026-12-07T10:00:00Z'),
      fills: { artifact: withPriority, columns: [{ model: 'Todo', field: 'priority', sql: '3' }] },
    });
    assert.deepEqual([...files.keys()], ['prisma/migrations/20261207100000_002_add_priority/migration.sql']);
    const sql = [...files.values()][0]!;
    const [added, filled, required] = [sql.indexOf('"priority" INTEGER'), sql.indexOf('UPDATE "Todo" SET "priority" = 3 WHERE "priority" IS NULL;'), sql.lastIndexOf('"priority" INTEGER NOT NULL')];
    assert.ok(added >= 0 && filled > added && required > filled, sql);
    // Without a change of schema, no migration.
    assert.equal(await schemaDiffSql('sqlite', [...renderSchema(base, 'sqlite').files].map(([path, content]) => ({ path, content })), [...renderSchema(base, 'sqlite').files].map(([path, content]) => ({ path, content }))), '');
  });
});
