import { TEST_CLOCK_SECRET_ENV } from '../project/clock';
import { TEST_NOW, TIME_UNITS } from '../../../scenarios/dates';

/**
 * The test clock as the generated tests see it. `test/support/clock.ts` keeps what the server's clock
 * reads (the tests are the only ones who move it, and it stands still), so relative dates (`now('+21d')`)
 * are computed without asking the server; `test/clock.e2e.test.ts` checks the route is closed without
 * the run's secret and absent outside `NODE_ENV=test`.
 */
export const CLOCK_SUPPORT_FILE = 'test/support/clock.ts';
export const CLOCK_TEST_FILE = 'test/clock.e2e.test.ts';


const units = Object.entries(TIME_UNITS)
  .map(([unit, milliseconds]) => `${unit}: ${milliseconds.toLocaleString('en-US').replace(/,/g, '_')}`)
  .join(', ');

export function renderClockSupport(): string {
  return `import assert from 'node:assert/strict';
import type { TestServer } from './server.js';

/** The instant every test starts at, the server's clock standing still there: no test depends on today's date. */
export const TEST_NOW = '${TEST_NOW}';

const UNITS: Record<string, number> = { ${units} };

let server: TestServer | undefined;
let current = Date.parse(TEST_NOW);

/** Milliseconds of an offset such as \`+21d\`, \`-90d\`, \`+2h\`, \`+30min\`, \`-10s\` (empty: none). */
function offsetOf(text: string): number {
  if (text === '') return 0;
  const match = /^([+-])(\\d+)(d|h|min|s)$/.exec(text);
  assert.ok(match, \`not a clock offset: "\${text}"\`);
  return (match[1] === '-' ? -1 : 1) * Number(match[2]) * UNITS[match[3]!]!;
}

/** Called by useServer before each test: this file's clock is that server's, back at TEST_NOW. */
export async function useClock(target: TestServer): Promise<void> {
  server = target;
  await setClock(TEST_NOW);
}

/** What the server's clock reads now, moved by \`offset\`, as ISO 8601: \`now()\`, \`now('+21d')\`, \`now('-90d')\`. */
export function now(offset = ''): string {
  return new Date(current + offsetOf(offset)).toISOString();
}

/** The server clock's day (UTC), moved by whole days, as \`YYYY-MM-DD\`: \`today()\`, \`today('+21d')\`. */
export function today(offset = ''): string {
  assert.ok(/^([+-]\\d+d)?$/.test(offset), \`not a day offset: "\${offset}"\`);
  return now(offset).slice(0, 10);
}

/** Sets the server's clock to \`instant\` (an ISO 8601 date-time); it stands still there. */
export async function setClock(instant: string): Promise<void> {
  const at = Date.parse(instant);
  assert.ok(!Number.isNaN(at), \`not an instant: "\${instant}"\`);
  assert.ok(server, 'the clock moves only inside a test of a file that calls useServer()');
  await server.setClock(new Date(at).toISOString());
  current = at;
}

/** Moves the server's clock forward by \`duration\`: \`21d\`, \`2h\`, \`30min\`, \`10s\`. */
export async function advanceClock(duration: string): Promise<void> {
  await setClock(now(\`+\${duration}\`));
}
`;
}

export function renderClockTests(): string {
  return `import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { now, setClock, TEST_NOW } from './support/clock.js';
import { call, expectStatus, useServer } from './support/http.js';
import { CLOCK_ROUTE, CLOCK_SECRET_HEADER, startServer } from './support/server.js';

useServer();

const body = { now: '2031-02-03T04:05:06.000Z' };

describe(\`the test clock (PUT \${CLOCK_ROUTE})\`, () => {
  it("every test starts at TEST_NOW; setClock moves the server's clock with this run's secret", async () => {
    assert.equal(now(), TEST_NOW);
    await setClock(now('+21d'));
    assert.equal(now(), new Date(Date.parse(TEST_NOW) + 21 * 86_400_000).toISOString());
  });

  it("404, as if the route did not exist, without this run's secret or with another one", async () => {
    expectStatus(await call('PUT', CLOCK_ROUTE, { body }), 404);
    for (const secret of ['', 'not-the-secret']) {
      expectStatus(await call('PUT', CLOCK_ROUTE, { body, headers: { [CLOCK_SECRET_HEADER]: secret } }), 404);
    }
  });

  it('does not exist in a server whose NODE_ENV is not test, even with the secret in ${TEST_CLOCK_SECRET_ENV}', async () => {
    const server = await startServer({ environment: 'development' });
    try {
      const response = await fetch(new URL(CLOCK_ROUTE, server.baseUrl), {
        method: 'PUT',
        headers: { 'content-type': 'application/json', [CLOCK_SECRET_HEADER]: server.clockSecret },
        body: JSON.stringify(body),
      });
      assert.equal(response.status, 404, await response.text());
    } finally {
      await server.stop();
    }
  });
});
`;
}
