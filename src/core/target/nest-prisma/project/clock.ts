import type { DatabaseArtifact } from '../../../database/types';
import { template } from '../printer/templates';
import { CLOCK_FILE, CLOCK_MODULE_FILE } from '../../../names/generated';

/**
 * The generated backend's clock: one `Clock` provider (global `ClockModule`) that every service and
 * every piece of generated code that needs the current time reads, so the end-to-end tests can set it.
 * The test clock is a separate provider registered only in a server the tests start: `NODE_ENV=test`
 * and a per-run secret in `TEST_CLOCK_SECRET`, which `PUT /__test__/clock` requires in a header. In any
 * other environment the route is not registered and the clock is the system's.
 *
 * Tokens are not on this clock: JWT `iat`/`exp` are issued and checked against the system time, so a
 * test that moves the clock by weeks keeps its sessions, and the tests' expired tokens stay expired.
 */

/** The test-only route, the header carrying the secret, and the variable holding it: the contract with `test/support`. */
export const TEST_CLOCK_ROUTE = '/__test__/clock';
export const TEST_CLOCK_HEADER = 'x-test-clock-secret';
export const TEST_CLOCK_SECRET_ENV = 'TEST_CLOCK_SECRET';

export function renderClockFiles(): Map<string, string> {
  return new Map([
    [CLOCK_FILE, CLOCK],
    [CLOCK_MODULE_FILE, CLOCK_MODULE],
  ]);
}

const CLOCK = template('src/common/clock.ts');

const CLOCK_MODULE = template('src/common/clock.module.ts');

/** Per model, the DateTime columns Prisma would stamp with the system time: `@default(now())` and `@updatedAt`. */
export function stampedColumns(database: DatabaseArtifact): { model: string; created: string[]; updated: string[] }[] {
  return database.models
    .map((model) => ({
      model: model.name,
      created: model.fields.filter((field) => field.type === 'DateTime' && !field.list && field.default?.kind === 'now' && !field.updatedAt).map((field) => field.name),
      updated: model.fields.filter((field) => field.type === 'DateTime' && !field.list && field.updatedAt).map((field) => field.name),
    }))
    .filter((entry) => entry.created.length > 0 || entry.updated.length > 0);
}
