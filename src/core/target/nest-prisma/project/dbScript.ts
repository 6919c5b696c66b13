import type { DatabaseId } from '../../../config/settings';
import { databaseFlags, template } from '../printer/templates';

/**
 * `scripts/db.mjs`: `prisma db push` / `migrate dev` / `migrate deploy` without the native schema engine
 * (which Prisma downloads on first use). It drives `@prisma/schema-engine-wasm` through the same driver
 * adapter the app uses; every workaround in it was found while proving the recipe
 * (docs/research/generated-backend.md, "Creating tables offline"); both gaps of @prisma/adapter-pg 7.10.0
 * it works around were found running it against PostgreSQL 15.
 */
export function renderDbScript(databaseId: DatabaseId): string {
  return template('scripts/db.mjs', databaseFlags(databaseId));
}
