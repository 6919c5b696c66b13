import { template } from '../printer/templates';

/**
 * `@prisma/adapter-libsql` 7.10 on `@libsql/client` 0.17 leaks one SQLite connection per transaction
 * (measured on the generated todo backend: 15 s of list load, each list a page + count `$transaction`,
 * took the process from 29 to 1,024 open descriptors and 226 to 497 MiB, and 74% of the requests
 * answered 500 under `ulimit -n 1024`). The factory below keeps the adapter on the one connection it
 * already serializes every statement on.
 */
export const SQLITE_ADAPTER_SOURCE = template('src/prisma/sqlite.ts');
