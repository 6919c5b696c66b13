import { template } from '../printer/templates';

/**
 * The test clock as the generated tests see it. `test/support/clock.ts` keeps what the server's clock
 * reads (the tests are the only ones who move it, and it stands still), so relative dates (`now('+21d')`)
 * are computed without asking the server; `test/clock.e2e.test.ts` checks the route is closed without
 * the run's secret and absent outside `NODE_ENV=test`.
 */

export function renderClockSupport(): string {
  return template('test/support/clock.ts');
}

export function renderClockTests(): string {
  return template('test/clock.e2e.test.ts');
}
