import type { Client, Config, InStatement, ResultSet, Transaction, TransactionMode } from '@libsql/client';
import { PrismaLibSql } from '@prisma/adapter-libsql';
import { withLiteralLikes } from './literal-likes.js';

const BEGIN: Record<TransactionMode, string> = { write: 'BEGIN IMMEDIATE', read: 'BEGIN TRANSACTION READONLY', deferred: 'BEGIN DEFERRED' };

/**
 * `PrismaLibSql` on one SQLite connection for the life of the process.
 *
 * `@libsql/client` (0.17) hands each transaction the connection it holds and opens a new one for the next
 * statement, and never closes the one it handed over: every `$transaction`, and every write Prisma wraps
 * in one, left an open file and its page cache to the garbage collector, until the process ran out of
 * descriptors ("Unable to open connection to local database"). The adapter runs one statement or one
 * transaction at a time (a lock held from BEGIN to COMMIT), so nothing is lost by running the
 * transaction's BEGIN, statements and COMMIT or ROLLBACK on the connection every other statement uses.
 * Its text filters mean what they say (see literal-likes.ts).
 */
export class SqliteAdapterFactory extends PrismaLibSql {
  override async connect(): ReturnType<PrismaLibSql['connect']> {
    return withLiteralLikes(await super.connect());
  }

  override createClient(config: Config): Client {
    const client = super.createClient(config);
    client.transaction = (mode: TransactionMode = 'write') => onSameConnection(client, mode);
    return client;
  }
}

async function onSameConnection(client: Client, mode: TransactionMode): Promise<Transaction> {
  await client.execute(BEGIN[mode]);
  let open = true;
  const ensureOpen = (): void => {
    if (!open) throw new Error('The transaction is closed');
  };
  const end = async (sql: 'COMMIT' | 'ROLLBACK'): Promise<void> => {
    if (!open) return;
    open = false;
    try {
      await client.execute(sql);
    } catch (error) {
      // A COMMIT that fails (a busy or full disk) leaves the transaction open on the shared connection.
      if (sql === 'COMMIT') await client.execute('ROLLBACK').catch(() => undefined);
      throw error;
    }
  };
  const execute = async (statement: InStatement): Promise<ResultSet> => {
    ensureOpen();
    return client.execute(statement);
  };
  return {
    execute,
    async batch(statements: InStatement[]): Promise<ResultSet[]> {
      const results: ResultSet[] = [];
      for (const statement of statements) results.push(await execute(statement));
      return results;
    },
    // The client's executeMultiple rolls back any open transaction when it ends; the adapter never
    // runs a script inside a transaction.
    async executeMultiple(): Promise<void> {
      throw new Error('executeMultiple is not supported inside a transaction');
    },
    commit: () => end('COMMIT'),
    rollback: () => end('ROLLBACK').catch(() => undefined),
    close: () => void end('ROLLBACK').catch(() => undefined),
    get closed() {
      return !open;
    },
  };
}
