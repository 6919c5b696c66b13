import * as assert from 'node:assert/strict';
import { typedCall } from '../../../src/core/model/typedCall';
import { collectGarbageAt, failure, hi, NETWORK_HARNESSES, type NetworkHarness, needsGc } from './networkHarness';

/** A limit of 1 s must fire no earlier than 1 s and within 2 s of it, garbage collections or not. */
function assertFiredAt(ms: number, limitMs: number): void {
  assert.ok(ms >= limitMs - 5, `fired after ${ms} ms, before its ${limitMs} ms`);
  assert.ok(ms < limitMs + 2000, `fired after ${ms} ms, more than 2 s after its ${limitMs} ms`);
}

for (const [name, start] of Object.entries(NETWORK_HARNESSES)) {
  describe(`time limits: ${name} (1 s limits, forced gc() while waiting)`, function () {
    this.timeout(15_000);
    let h: NetworkHarness;
    let stopGc: () => void = () => undefined;

    beforeEach(async function () {
      needsGc(this);
      h = await start();
      stopGc = collectGarbageAt(100, 400, 800, 1200);
    });
    afterEach(async () => {
      stopGc();
      await h?.stop();
    });

    it('probe limit: a list request to a server that accepts and never answers', async () => {
      h.failNext(h.routes.list, { hang: true });
      const { error, ms } = await failure(() => h.provider({ probeMs: 1000 }).listModels());
      assert.equal(error.kind, 'timeout');
      assert.equal(error.limit, 'probe');
      assert.match(error.message, /did not answer within 1 s \(probe limit, strata\.timeouts\.probeSeconds\)/);
      assertFiredAt(ms, 1000);
    });

    it('load allowance: the first call to a model that never answers', async () => {
      h.responder = () => ({ neverAnswer: true });
      const { error, ms } = await failure(() => h.provider({ loadMs: 1000, firstByteMs: 60_000 }).chat({ model: h.model, messages: hi, stream: true }));
      assert.equal(error.limit, 'load');
      assert.match(error.message, new RegExp(`sent nothing for 1 s on the first call to "${h.model}".*\\(load allowance, strata\\.timeouts\\.loadSeconds\\)`));
      assertFiredAt(ms, 1000);
    });

    it('first-byte limit: a later call to the same model that never answers', async () => {
      const provider = h.provider({ firstByteMs: 1000, loadMs: 60_000 });
      await provider.chat({ model: h.model, messages: hi, stream: true });
      h.responder = () => ({ neverAnswer: true });
      const { error, ms } = await failure(() => provider.chat({ model: h.model, messages: hi, stream: true }));
      assert.equal(error.limit, 'first-byte');
      assert.match(error.message, /sent nothing for 1 s after the request \(first-byte limit, strata\.timeouts\.firstByteSeconds\)/);
      assertFiredAt(ms, 1000);
    });

    it('a cold model gets the load allowance on its first call, the first-byte limit once it has answered', async () => {
      const provider = h.provider({ firstByteMs: 1000, loadMs: 3000 });
      h.responder = () => ({ delayMs: 1500, content: 'loaded' });
      const first = Date.now();
      assert.equal((await provider.chat({ model: h.model, messages: hi, stream: true })).content, 'loaded');
      assert.ok(Date.now() - first >= 1500, 'the first call waited out the load');
      const { error, ms } = await failure(() => provider.chat({ model: h.model, messages: hi, stream: true }));
      assert.equal(error.limit, 'first-byte');
      assertFiredAt(ms, 1000);
    });

    it('idle limit: an answer that stalls after two chunks', async () => {
      h.responder = () => ({ content: 'a long answer that stops half way through', stallAfterChunks: 2 });
      const pieces: string[] = [];
      const { error, ms } = await failure(() => h.provider({ idleMs: 1000 }).chat({ model: h.model, messages: hi, stream: true, onText: (piece) => pieces.push(piece) }));
      assert.equal(error.limit, 'idle');
      assert.match(error.message, /sent nothing for 1 s mid-answer \(idle limit, strata\.timeouts\.idleSeconds\)/);
      assert.equal(pieces.length, 2);
      assertFiredAt(ms, 1000);
    });

    it('idle limit restarts with each chunk: a slow but steady answer outlasts it', async () => {
      h.responder = () => ({ content: 'x'.repeat(60), chunkDelayMs: 400 });
      const started = Date.now();
      const result = await h.provider({ idleMs: 1000 }).chat({ model: h.model, messages: hi, stream: true });
      assert.equal(result.content, 'x'.repeat(60));
      assert.ok(Date.now() - started >= 1600, 'the answer took longer than the idle limit');
    });

    it('whole-call limit: a steady answer that goes on too long', async () => {
      h.responder = () => ({ content: 'y'.repeat(600), chunkDelayMs: 100 });
      const { error, ms } = await failure(() => h.provider({ callMs: 1000, idleMs: 5000 }).chat({ model: h.model, messages: hi, stream: true }));
      assert.equal(error.limit, 'call');
      assert.match(error.message, /did not finish the answer within 1 s \(whole-call limit, strata\.timeouts\.callSeconds\)/);
      assertFiredAt(ms, 1000);
    });

    it('typed calls stream by default, so a stalled phase call ends on the idle limit', async () => {
      h.responder = () => ({ content: '{"title": "half an answer', stallAfterChunks: 1 });
      const { error, ms } = await failure(() => 
        typedCall(h.provider({ idleMs: 1000 }), {
          agent: 'a',
          target: 't',
          model: h.model,
          system: 's',
          prompt: 'p',
          tool: { name: 'f', description: 'd' },
          schema: { type: 'object' },
          retryBudget: 0,
        }),
      );
      assert.equal(error.limit, 'idle');
      assertFiredAt(ms, 1000);
    });
  });
}
