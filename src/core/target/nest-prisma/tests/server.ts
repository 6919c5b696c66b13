import type { DatabaseId } from '../../../config/settings';
import { databaseFlags, template } from '../printer/templates';

/**
 * `test/support/server.ts` of the generated backend: the same for every project, since the runtime
 * contract (`scripts/db.mjs deploy`, `dist/src/main.js`, `PORT`/`HOST`/`DATABASE_URL`/`JWT_SECRET`, the
 * `listening on` line, the test clock behind `NODE_ENV=test` and `TEST_CLOCK_SECRET`) is. What differs
 * between the databases is where a test server's database comes from (a SQLite file, or a database made
 * on TEST_DATABASE_URL's server and dropped after) and how it is emptied.
 */

export function renderServerSupport(databaseId: DatabaseId = 'sqlite'): string {
  return template('test/support/server.ts', databaseFlags(databaseId));
}
