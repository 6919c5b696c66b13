import * as assert from 'node:assert/strict';
import { databaseAdapter } from '../../../../src/core/target/nest-prisma/project/adapter';
import { LITERAL_LIKES_SOURCE, POSTGRES_ADAPTER_SOURCE } from '../../../../src/core/target/nest-prisma/project/literalLikes';
import { loadRendered } from './loadRendered';
import { LITERAL_LIKES_FILE, POSTGRES_ADAPTER_FILE } from '../../../../src/core/names/generated';

interface Query {
  sql: string;
  args: unknown[];
  argTypes: unknown[];
}

const likes = loadRendered(LITERAL_LIKES_SOURCE);
const escape = (sql: string, args: unknown[]): Query => likes.escapeTextFilters({ sql, args, argTypes: args.map(() => 'Text') });

/** A driver adapter that records what reaches the database, its transactions too. */
class RecordingAdapter {
  constructor(readonly provider: 'sqlite' | 'postgres' = 'sqlite') {}
  readonly adapterName = 'recording';
  readonly seen: Query[] = [];
  async queryRaw(query: Query) {
    this.seen.push(query);
    return { columnNames: [], columnTypes: [], rows: [] };
  }
  async executeRaw(query: Query) {
    this.seen.push(query);
    return 0;
  }
  async startTransaction() {
    const seen = this.seen;
    return {
      provider: this.provider,
      adapterName: this.adapterName,
      options: { usePhantomQuery: false },
      async queryRaw(query: Query) {
        seen.push(query);
        return { columnNames: [], columnTypes: [], rows: [] };
      },
      async executeRaw(query: Query) {
        seen.push(query);
        return 0;
      },
      commit: async () => undefined,
      rollback: async () => undefined,
    };
  }
}

// The SQL is what Prisma 7.10's query compiler sends for contains / startsWith / endsWith (captured from the generated blog).
const CONTAINS_SQLITE = "SELECT `main`.`Post`.`id` FROM `main`.`Post` WHERE `main`.`Post`.`tags` LIKE ('%' || ? || '%') LIMIT ? OFFSET ?";

describe('literal text filters of the generated backend', () => {
  it('escapes the text bound to a contains pattern and names the escape character (SQLite placeholders)', () => {
    const query = escape(CONTAINS_SQLITE, ['50%_off\\', -1, '0']);
    assert.equal(query.sql, CONTAINS_SQLITE.replace("'%')", "'%') ESCAPE '\\'"));
    assert.deepEqual(query.args, ['50\\%\\_off\\\\', -1, '0']);
  });

  it('finds the right argument past other placeholders, quoted question marks and several filters', () => {
    const sql = "SELECT `id` FROM `T` WHERE `a` = ? AND `b` <> '?' AND (NOT `t` LIKE (? || '%')) AND `u` LIKE ('%' || ?) LIMIT ?";
    const query = escape(sql, ['1%', '_x', 'y%', 10]);
    assert.equal(query.sql, "SELECT `id` FROM `T` WHERE `a` = ? AND `b` <> '?' AND (NOT `t` LIKE (? || '%') ESCAPE '\\') AND `u` LIKE ('%' || ?) ESCAPE '\\' LIMIT ?");
    assert.deepEqual(query.args, ['1%', '\\_x', 'y\\%', 10], 'the equality keeps its %; both filters are escaped');
  });

  it('uses the numbered placeholders of PostgreSQL, ILIKE included, and keeps the case rule it is given', () => {
    const sql = 'SELECT "id" FROM "public"."Post" WHERE "title" = $1 AND "tags" ILIKE (\'%\' || $3 || \'%\') AND "body"::text LIKE ($2 || \'%\') OFFSET $4';
    const query = escape(sql, ['a%', 'b_', 'c\\', '0']);
    assert.match(query.sql, /ILIKE \('%' \|\| \$3 \|\| '%'\) ESCAPE '\\' AND "body"::text LIKE \(\$2 \|\| '%'\) ESCAPE '\\' OFFSET/);
    assert.deepEqual(query.args, ['a%', 'b\\_', 'c\\\\', '0']);
  });

  it('leaves statements without a text filter, and a LIKE that is not one of Prisma\'s, as they are', () => {
    const plain = escape('SELECT 1 WHERE `a` = ?', ['%']);
    assert.deepEqual([plain.sql, plain.args], ['SELECT 1 WHERE `a` = ?', ['%']]);
    const raw = escape('SELECT 1 WHERE `a` LIKE (?)', ['a%']);
    assert.deepEqual([raw.sql, raw.args], ['SELECT 1 WHERE `a` LIKE (?)', ['a%']]);
  });

  it('wraps the adapter and the transactions it starts', async () => {
    const adapter = likes.withLiteralLikes(new RecordingAdapter());
    await adapter.queryRaw({ sql: CONTAINS_SQLITE, args: ['%', -1, '0'], argTypes: [] });
    const transaction = await adapter.startTransaction();
    await transaction.executeRaw({ sql: "UPDATE `T` SET `x` = ? WHERE `t` LIKE (? || '%')", args: ['%', '_'], argTypes: [] });
    assert.deepEqual(
      adapter.seen.map((query: Query) => query.args),
      [['\\%', -1, '0'], ['%', '\\_']],
    );
    assert.ok(adapter.seen.every((query: Query) => query.sql.includes("ESCAPE '\\'")));
  });

  it('is on the adapter PrismaService constructs, for SQLite and PostgreSQL', async () => {
    for (const id of ['sqlite', 'postgresql'] as const) assert.equal(databaseAdapter(id).files[LITERAL_LIKES_FILE], LITERAL_LIKES_SOURCE);
    assert.equal(databaseAdapter('postgresql').create('databaseUrl()'), 'new PostgresAdapterFactory({ connectionString: databaseUrl() })');
    class PrismaPg {
      async connect() {
        return new RecordingAdapter('postgres');
      }
    }
    const { PostgresAdapterFactory } = loadRendered(POSTGRES_ADAPTER_SOURCE, { '@prisma/adapter-pg': { PrismaPg }, './literal-likes.js': likes });
    assert.equal(databaseAdapter('postgresql').files[POSTGRES_ADAPTER_FILE], POSTGRES_ADAPTER_SOURCE);
    const adapter = await new PostgresAdapterFactory().connect();
    await adapter.queryRaw({ sql: 'SELECT "id" FROM "Post" WHERE "tags"::text LIKE (\'%\' || $1 || \'%\') OFFSET $2', args: ['_', '0'], argTypes: [] });
    assert.deepEqual(adapter.seen[0].args, ['\\_', '0']);
    // PostgreSQL's LIKE minds case and SQLite's does not: there the filters run as ILIKE, so both answer alike.
    assert.equal(adapter.seen[0].sql, 'SELECT "id" FROM "Post" WHERE "tags"::text ILIKE (\'%\' || $1 || \'%\') ESCAPE \'\\\' OFFSET $2');
  });
});
