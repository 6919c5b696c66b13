import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { now, setClock, TEST_NOW } from './support/clock.js';
import { call, expectStatus, useServer } from './support/http.js';
import { CLOCK_ROUTE, CLOCK_SECRET_HEADER, startServer } from './support/server.js';

useServer();

const body = { now: '2031-02-03T04:05:06.000Z' };

describe(`the test clock (PUT ${CLOCK_ROUTE})`, () => {
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

  it('does not exist in a server whose NODE_ENV is not test, even with the secret in TEST_CLOCK_SECRET', async () => {
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
