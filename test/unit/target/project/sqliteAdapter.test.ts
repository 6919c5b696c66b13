import * as assert from 'node:assert/strict';
import { databaseAdapter } from '../../../../src/core/target/nest-prisma/project/adapter';
import { LITERAL_LIKES_SOURCE } from '../../../../src/core/target/nest-prisma/project/literalLikes';
import { SQLITE_ADAPTER_SOURCE } from '../../../../src/core/target/nest-prisma/project/sqliteAdapter';
import { loadRendered } from './loadRendered';
import { SQLITE_ADAPTER_FILE } from '../../../../src/core/names/generated';

/**
 * A stand-in for `@libsql/client`'s client: records every statement on its one connection, and says
 * whether it would have opened another (its own `transaction()` hands its connection away).
 */
class RecordingClient {
  readonly statements: string[] = [];
  ownTransactions = 0;
  failOn?: string;

  async execute(statement: string | { sql: string }): Promise<{ rows: unknown[]; rowsAffected: number }> {
    const sql = typeof statement === 'string' ? statement : statement.sql;
    this.statements.push(sql);
    if (sql === this.failOn) throw new Error(`SQLITE_BUSY: ${sql}`);
    return { rows: [], rowsAffected: 0 };
  }

  async transaction(): Promise<never> {
    this.ownTransactions += 1;
    throw new Error('the client would open a new connection');
  }

  async executeMultiple(): Promise<void> {}
  close(): void {}
}

function load() {
  const clients: RecordingClient[] = [];
  class PrismaLibSql {
    constructor(readonly config: { url: string }) {}
    createClient(): RecordingClient {
      const client = new RecordingClient();
      clients.push(client);
      return client;
    }
  }
  const { SqliteAdapterFactory } = loadRendered(SQLITE_ADAPTER_SOURCE, { '@prisma/adapter-libsql': { PrismaLibSql }, './literal-likes.js': loadRendered(LITERAL_LIKES_SOURCE) });
  const factory = new SqliteAdapterFactory({ url: 'file:./test.db' });
  return { client: factory.createClient({ url: 'file:./test.db' }) as RecordingClient, clients };
}

describe('SQLite adapter factory of the generated backend', () => {
  it('is what PrismaService constructs for SQLite, from its own file', () => {
    const adapter = databaseAdapter('sqlite');
    assert.equal(adapter.create('databaseUrl()'), 'new SqliteAdapterFactory({ url: databaseUrl() })');
    assert.equal(adapter.importFrom, './sqlite.js');
    assert.equal(adapter.files[SQLITE_ADAPTER_FILE], SQLITE_ADAPTER_SOURCE);
    assert.deepEqual(Object.keys(databaseAdapter('postgresql').files).sort(), ['src/prisma/literal-likes.ts', 'src/prisma/postgres.ts']);
  });

  it('runs a transaction on the connection every other statement uses, and ends it there', async () => {
    const { client, clients } = load();
    const transaction = await (client as any).transaction('deferred');
    await transaction.execute({ sql: 'SELECT 1', args: [] });
    await transaction.batch(['SELECT 2', 'SELECT 3']);
    await transaction.commit();
    await client.execute('SELECT 4');
    assert.deepEqual(client.statements, ['BEGIN DEFERRED', 'SELECT 1', 'SELECT 2', 'SELECT 3', 'COMMIT', 'SELECT 4']);
    assert.equal(client.ownTransactions, 0);
    assert.equal(clients.length, 1);
    assert.equal(transaction.closed, true);
  });

  it('refuses statements after the end, and ends a transaction once', async () => {
    const { client } = load();
    const transaction = await (client as any).transaction('write');
    await transaction.rollback();
    await assert.rejects(transaction.execute('SELECT 1'), /closed/);
    await transaction.commit();
    transaction.close();
    assert.deepEqual(client.statements, ['BEGIN IMMEDIATE', 'ROLLBACK']);
  });

  it('rolls back a transaction whose COMMIT fails, so the shared connection is not left inside it', async () => {
    const { client } = load();
    client.failOn = 'COMMIT';
    const transaction = await (client as any).transaction('deferred');
    await assert.rejects(transaction.commit(), /SQLITE_BUSY/);
    assert.deepEqual(client.statements, ['BEGIN DEFERRED', 'COMMIT', 'ROLLBACK']);
  });

  it('rolls back when closed before the end', async () => {
    const { client } = load();
    const transaction = await (client as any).transaction('read');
    transaction.close();
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(client.statements, ['BEGIN TRANSACTION READONLY', 'ROLLBACK']);
    assert.equal(transaction.closed, true);
  });
});
