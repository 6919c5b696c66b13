import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectInstallBuildTest, generateWithCli, npmStart } from '../../backend/generatedProject';
import { TIMESHEET_REQUIREMENTS, TIMESHEET_SCRIPTED } from '../../fixtures/timesheet/fixtures';

/**
 * The end-to-end proof of the value types: `strata generate` on the timesheet fixture (a calendar date,
 * a decimal amount of scale 2 and precision 12, a duration in minutes), then npm install, build and the
 * generated E2E suite, then a running server that answers what it was sent, digit for digit, and refuses
 * what the types refuse. Needs the npm registry: runs with STRATA_SLOW=1 (~2 min).
 */
describe('date, decimal and duration in a generated backend, installed and run (STRATA_SLOW=1)', function () {
  this.timeout(600_000);
  let out = '';
  let server: Awaited<ReturnType<typeof npmStart>> | undefined;
  let token = '';

  before(async function () {
    if (process.env.STRATA_SLOW !== '1') {
      console.log('      skipped: set STRATA_SLOW=1 to generate, install, build and run the timesheet backend (~2 min, needs the npm registry)');
      this.skip();
    }
    out = mkdtempSync(join(tmpdir(), 'strata-timesheet-'));
    const summary = await generateWithCli(TIMESHEET_REQUIREMENTS, TIMESHEET_SCRIPTED, out);
    assert.equal(summary.outcome, 'succeeded');
    // Every phase's answer passed its validator first time: the value types are accepted where they belong.
    assert.deepEqual(summary.phases.map((phase) => [phase.phase, phase.calls]), [['analyze', 1], ['database', 1], ['interface', 1], ['test', 1], ['realize', 1]]);
    assert.deepEqual(summary.diagnostics, []);
  });

  after(async () => {
    await server?.stop();
    if (out && !process.env.STRATA_KEEP_OUTPUT) rmSync(out, { recursive: true, force: true });
  });

  it('installs, builds and passes its generated E2E suite (scenarios with $today dates, 400s for February 30th and a third decimal digit)', async () => {
    const { pass, seconds } = await expectInstallBuildTest(out, 22);
    console.log(`      generated timesheet: npm install ${seconds.install} s, build ${seconds.build} s, test ${seconds.test} s, ${pass} E2E tests passed`);
    const e2e = readFileSync(join(out, 'test', 'entries.e2e.test.ts'), 'utf8');
    assert.match(e2e, /workedOn: '2030-02-30'/);
    assert.match(e2e, /amount: '1\.005'/);
    assert.match(e2e, /from: '2030-02-30'/);
    assert.match(e2e, /400 when durationMinutes is above 1440 and amount is below 0/);
  });

  it('round-trips dates and decimals exactly through the database, and answers the scale', async () => {
    server = await npmStart(out, join(out, 'round-trip.db'));
    const signup = await post('/auth/signup', { email: 'ada@example.test', password: 'correct horse' });
    assert.equal(signup.status, 201);
    token = ((await signup.json()) as { accessToken: string }).accessToken;

    // The largest amount of precision 12, a tenth that no float holds, a leap day and the last day of a year.
    const cases = [
      { workedOn: '2032-02-29', amount: '9999999999.99', answered: '9999999999.99' },
      { workedOn: '2030-12-31', amount: '0.1', answered: '0.10' },
      { workedOn: '2030-01-01', amount: '1234567890', answered: '1234567890.00' },
      { workedOn: '0001-01-01', amount: '0.01', answered: '0.01' },
    ];
    for (const { workedOn, amount, answered } of cases) {
      const created = await post('/entries', { workedOn, durationMinutes: 1440, amount, note: 'n' });
      assert.equal(created.status, 201, await created.clone().text());
      const { id } = (await created.json()) as { id: number };
      const read = (await (await get(`/entries/${id}`)).json()) as Record<string, unknown>;
      assert.deepEqual([read.workedOn, read.amount, read.durationMinutes], [workedOn, answered, 1440], JSON.stringify(read));
    }
    const days = (await (await get('/entries?from=2030-01-01&to=2030-12-31')).json()) as { workedOn: string }[];
    assert.deepEqual(days.map((entry) => entry.workedOn), ['2030-01-01', '2030-12-31'], 'both bounds included, in day order');
  });

  it('refuses what the types refuse, each with its message', async () => {
    const valid = { workedOn: '2030-02-28', durationMinutes: 30, amount: '12.50', note: 'n' };
    const refused: [Record<string, unknown>, RegExp][] = [
      [{ workedOn: '2030-02-30' }, /^workedOn must be a calendar date YYYY-MM-DD$/],
      [{ workedOn: '2031-02-29' }, /^workedOn must be a calendar date/],
      [{ workedOn: '2030-02-28T00:00:00Z' }, /^workedOn must be a calendar date/],
      [{ amount: '12.345' }, /^amount must be a decimal string with up to 2 digits after the point/],
      [{ amount: '1e3' }, /^amount must be a decimal/],
      [{ amount: 12.5 }, /^amount must be a decimal/],
      [{ amount: '-0.01' }, /^amount must be a decimal .*at least 0/],
      [{ amount: '10000000000.00' }, /^amount must be a decimal/],
      [{ amount: '012.50' }, /^amount must be a decimal/],
      [{ durationMinutes: 0 }, /^durationMinutes must not be less than 1$/],
      [{ durationMinutes: 1.5 }, /^durationMinutes must be an integer/],
    ];
    for (const [change, message] of refused) {
      const reply = await post('/entries', { ...valid, ...change });
      const body = (await reply.json()) as { message: string[] };
      assert.equal(reply.status, 400, JSON.stringify(change));
      assert.ok(body.message.some((text) => message.test(text)), `${JSON.stringify(change)}: ${body.message.join('; ')}`);
    }
    assert.equal((await get('/entries?from=2030-13-01')).status, 400);
  });

  it('documents the types in openapi.json: format date, a decimal pattern, a duration never negative', async () => {
    const document = (await (await fetch(`${server!.baseUrl}/openapi.json`)).json()) as { components: { schemas: Record<string, { properties: Record<string, Record<string, unknown>> }> } };
    const body = document.components.schemas.CreateEntryBody!.properties;
    assert.deepEqual(body.workedOn, { description: 'The day worked.', type: 'string', format: 'date' });
    assert.equal(body.amount!.pattern, '^-?(0|[1-9]\\d{0,9})(\\.\\d{1,2})?$');
    assert.deepEqual([body.durationMinutes!.minimum, body.durationMinutes!.maximum], [1, 1440]);
  });

  const post = (path: string, body: unknown) =>
    fetch(`${server!.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  const get = (path: string) => fetch(`${server!.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
});
