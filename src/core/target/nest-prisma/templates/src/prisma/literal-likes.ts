import type { SqlDriverAdapter, SqlQuery, SqlQueryable } from '@prisma/driver-adapter-utils';

/**
 * Prisma's text filters as it writes them: `LIKE ('%' || ? || '%')` (contains), `LIKE (? || '%')`
 * (startsWith), `LIKE ('%' || ?)` (endsWith), also ILIKE; `?` on SQLite, `$n` on PostgreSQL.
 */
const TEXT_FILTER = /\b(I?LIKE) \((?:'%' \|\| )?(\?|\$\d+)(?: \|\| '%')?\)/g;

/**
 * The adapter with every text filter literal: the text Prisma binds to a LIKE pattern has its
 * backslashes, `%` and `_` escaped, and the pattern names the backslash as its ESCAPE character
 * (SQLite has none otherwise). On PostgreSQL the filters ignore case (ILIKE), as SQLite's LIKE does, so
 * a search behaves the same on both databases. Its transactions are wrapped the same way.
 */
export function withLiteralLikes<T extends SqlDriverAdapter>(adapter: T): T {
  const ignoreCase = adapter.provider === 'postgres';
  literal(adapter, ignoreCase);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...args) => literal(await startTransaction(...args), ignoreCase);
  return adapter;
}

function literal<T extends SqlQueryable>(queryable: T, ignoreCase: boolean): T {
  const queryRaw = queryable.queryRaw.bind(queryable);
  const executeRaw = queryable.executeRaw.bind(queryable);
  queryable.queryRaw = (query) => queryRaw(escapeTextFilters(query, ignoreCase));
  queryable.executeRaw = (query) => executeRaw(escapeTextFilters(query, ignoreCase));
  return queryable;
}

export function escapeTextFilters(query: SqlQuery, ignoreCase = false): SqlQuery {
  if (!/LIKE \(/.test(query.sql)) return query;
  const positions = placeholderPositions(query.sql);
  const args = [...query.args];
  const sql = query.sql.replace(TEXT_FILTER, (match: string, _like: string, placeholder: string, offset: number) => {
    // A pattern without a '%' of Prisma's around the value is not one of its text filters.
    if (!match.includes("'%'")) return match;
    const index = placeholder === '?' ? positions.indexOf(offset + match.indexOf('?')) : Number(placeholder.slice(1)) - 1;
    const value = args[index];
    if (typeof value === 'string') args[index] = value.replace(/[\\%_]/g, '\\$&');
    return `${ignoreCase ? match.replace(/^LIKE/, 'ILIKE') : match} ESCAPE '\\'`;
  });
  return { ...query, sql, args };
}

/** Offsets of the `?` placeholders in order, skipping quoted text, identifiers and comments. */
function placeholderPositions(sql: string): number[] {
  const positions: number[] = [];
  let quote: string | undefined;
  for (let i = 0; i < sql.length; i += 1) {
    const char = sql[i]!;
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"' || char === '\`') quote = char;
    else if (char === '-' && sql[i + 1] === '-') i = sql.indexOf('\n', i) < 0 ? sql.length : sql.indexOf('\n', i);
    else if (char === '?') positions.push(i);
  }
  return positions;
}
