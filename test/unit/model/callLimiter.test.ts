import * as assert from 'node:assert/strict';
import { CallLedger } from '../../../src/core/model/accounting';
import { CallLimiter } from '../../../src/core/model/callLimiter';
import { ModelError } from '../../../src/core/model/errors';

const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

describe('call limiter and ledger', () => {
  it('never runs more than the limit at once, and runs everything', async () => {
    const limiter = new CallLimiter(2);
    let running = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 7 }, (_, i) =>
        limiter.run(async () => {
          peak = Math.max(peak, ++running);
          await tick();
          running--;
          return i;
        }),
      ),
    );
    assert.deepEqual(results, [0, 1, 2, 3, 4, 5, 6]);
    assert.equal(peak, 2);
  });

  it('cancellation rejects queued calls at once and reaches running ones', async () => {
    const limiter = new CallLimiter(1);
    const controller = new AbortController();
    let sawAbort = false;
    const running = limiter.run(
      (signal) =>
        new Promise((_, reject) => {
          signal.addEventListener('abort', () => {
            sawAbort = true;
            reject(new ModelError('cancelled', 'stopped'));
          });
        }),
      controller.signal,
    );
    const queued = limiter.run(async () => 'never', controller.signal);
    assert.equal(limiter.waiting, 1);
    controller.abort();
    await assert.rejects(queued, (error: unknown) => error instanceof ModelError && error.kind === 'cancelled');
    await assert.rejects(running, /stopped/);
    assert.ok(sawAbort);
    await assert.rejects(limiter.run(async () => 1, controller.signal), /cancelled before it started/);
  });

  it('abortAll stops every call of the limiter', async () => {
    const limiter = new CallLimiter(1);
    const first = limiter.run((signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')))));
    const second = limiter.run(async () => 2);
    limiter.abortAll();
    await assert.rejects(first, /aborted/);
    await assert.rejects(second, /cancelled/);
  });

  it('sums calls per agent, counting first-try successes', () => {
    const ledger = new CallLedger();
    const base = { target: 't', model: 'm', parseFailures: 0, validationFailures: 0, inputTokens: 100, outputTokens: 10, tokens: 'provider' as const, durationMs: 5 };
    ledger.add({ ...base, agent: 'database', ok: true, attempts: 1 });
    ledger.add({ ...base, agent: 'database', ok: true, attempts: 3, validationFailures: 2 });
    ledger.add({ ...base, agent: 'interface', ok: false, attempts: 6, parseFailures: 1, validationFailures: 5 });
    const database = ledger.byAgent().get('database')!;
    assert.deepEqual(
      { calls: database.calls, succeeded: database.succeeded, firstTry: database.firstTry, attempts: database.attempts, inputTokens: database.inputTokens },
      { calls: 2, succeeded: 2, firstTry: 1, attempts: 4, inputTokens: 200 },
    );
    assert.equal(ledger.total().validationFailures, 7);
    assert.deepEqual([...ledger.byAgent().keys()], ['database', 'interface']);
  });
});
