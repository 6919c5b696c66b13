/** Where the generated backend keeps the wrapper that makes Prisma's text filters literal. */
export const LITERAL_LIKES_FILE = 'src/prisma/literal-likes.ts';

/**
 * Prisma 7.10 turns `contains`, `startsWith` and `endsWith` into `LIKE ('%' || ? || '%')` and sends the
 * caller's text as it is, on SQLite and on PostgreSQL alike (measured on the generated blog: a tag filter
 * of "%" or "_" matched every post, "a_b" matched "axb"; on SQLite a backslash matched as itself, on
 * PostgreSQL it matched nothing). The wrapper escapes `\`, `%` and `_` in the text bound to such a
 * pattern and states the escape character, so the filters mean what their names say. SQLite's LIKE
 * ignores (ASCII) case and PostgreSQL's does not ("ann" found 6 patients on SQLite, none on PostgreSQL):
 * PostgreSQL's filters become ILIKE, so a generated search answers alike on both.
 */
export const LITERAL_LIKES_SOURCE = `import type { SqlDriverAdapter, SqlQuery, SqlQueryable } from '@prisma/driver-adapter-utils';

/**
 * Prisma's text filters as it writes them: \`LIKE ('%' || ? || '%')\` (contains), \`LIKE (? || '%')\`
 * (startsWith), \`LIKE ('%' || ?)\` (endsWith), also ILIKE; \`?\` on SQLite, \`$n\` on PostgreSQL.
 */
const TEXT_FILTER = /\\b(I?LIKE) \\((?:'%' \\|\\| )?(\\?|\\$\\d+)(?: \\|\\| '%')?\\)/g;

/**
 * The adapter with every text filter literal: the text Prisma binds to a LIKE pattern has its
 * backslashes, \`%\` and \`_\` escaped, and the pattern names the backslash as its ESCAPE character
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
  if (!/LIKE \\(/.test(query.sql)) return query;
  const positions = placeholderPositions(query.sql);
  const args = [...query.args];
  const sql = query.sql.replace(TEXT_FILTER, (match: string, _like: string, placeholder: string, offset: number) => {
    // A pattern without a '%' of Prisma's around the value is not one of its text filters.
    if (!match.includes("'%'")) return match;
    const index = placeholder === '?' ? positions.indexOf(offset + match.indexOf('?')) : Number(placeholder.slice(1)) - 1;
    const value = args[index];
    if (typeof value === 'string') args[index] = value.replace(/[\\\\%_]/g, '\\\\$&');
    return \`\${ignoreCase ? match.replace(/^LIKE/, 'ILIKE') : match} ESCAPE '\\\\'\`;
  });
  return { ...query, sql, args };
}

/** Offsets of the \`?\` placeholders in order, skipping quoted text, identifiers and comments. */
function placeholderPositions(sql: string): number[] {
  const positions: number[] = [];
  let quote: string | undefined;
  for (let i = 0; i < sql.length; i += 1) {
    const char = sql[i]!;
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"' || char === '\\\`') quote = char;
    else if (char === '-' && sql[i + 1] === '-') i = sql.indexOf('\\n', i) < 0 ? sql.length : sql.indexOf('\\n', i);
    else if (char === '?') positions.push(i);
  }
  return positions;
}
`;

/** Where the PostgreSQL adapter factory of a generated backend lives. */
export const POSTGRES_ADAPTER_FILE = 'src/prisma/postgres.ts';

export const POSTGRES_ADAPTER_SOURCE = `import { PrismaPg } from '@prisma/adapter-pg';
import { withLiteralLikes } from './literal-likes.js';

/** \`PrismaPg\` with Prisma's text filters literal and ignoring case, as on SQLite (see literal-likes.ts). */
export class PostgresAdapterFactory extends PrismaPg {
  override async connect(): ReturnType<PrismaPg['connect']> {
    return withLiteralLikes(await super.connect());
  }
}
`;
