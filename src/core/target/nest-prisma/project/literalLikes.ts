import { template } from '../printer/templates';

/**
 * Prisma 7.10 turns `contains`, `startsWith` and `endsWith` into `LIKE ('%' || ? || '%')` and sends the
 * caller's text as it is, on SQLite and on PostgreSQL alike (measured on the generated blog: a tag filter
 * of "%" or "_" matched every post, "a_b" matched "axb"; on SQLite a backslash matched as itself, on
 * PostgreSQL it matched nothing). The wrapper escapes `\`, `%` and `_` in the text bound to such a
 * pattern and states the escape character, so the filters mean what their names say. SQLite's LIKE
 * ignores (ASCII) case and PostgreSQL's does not ("ann" found 6 patients on SQLite, none on PostgreSQL):
 * PostgreSQL's filters become ILIKE, so a generated search answers alike on both.
 */
export const LITERAL_LIKES_SOURCE = template('src/prisma/literal-likes.ts');


export const POSTGRES_ADAPTER_SOURCE = template('src/prisma/postgres.ts');
