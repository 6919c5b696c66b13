import * as assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { ModelProvider } from '../../../src/core/model/chat';
import { ModelError } from '../../../src/core/model/errors';
import { OllamaProvider } from '../../../src/core/model/ollamaProvider';
import { OpenAICompatibleProvider } from '../../../src/core/model/openaiCompatibleProvider';
import { parseRetryAfter } from '../../../src/core/model/requestErrors';
import { backoffDelay, type RetryInfo, type RetryPolicy, withRetries } from '../../../src/core/model/retry';
import { OLLAMA_BUSY } from '../../fakes/fakeOllamaServer';
import { failure, hi, NETWORK_HARNESSES, type NetworkHarness } from './networkHarness';

const POLICY: RetryPolicy = { retries: 4, maxRetryAfterMs: 120_000, baseDelayMs: 50 };

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

for (const [name, start] of Object.entries(NETWORK_HARNESSES)) {
  describe(`retries: ${name}`, function () {
    this.timeout(15_000);
    let h: NetworkHarness;
    let retries: RetryInfo[];
    const retried = (policy: Partial<RetryPolicy> = {}, timeouts = {}): ModelProvider =>
      withRetries(h.provider(timeouts), { ...POLICY, ...policy }, (info) => retries.push(info));
    const ask = (provider: ModelProvider, signal?: AbortSignal) => provider.chat({ model: h.model, messages: hi, stream: true, signal });

    beforeEach(async () => {
      h = await start();
      retries = [];
    });
    afterEach(() => h.stop());

    it('one 503 succeeds on the retry, reported through onRetry', async () => {
      h.failNext(h.routes.chat, { status: 503 });
      assert.equal((await ask(retried())).content, 'ok');
      assert.equal(h.chatTimes().length, 2);
      assert.equal(retries.length, 1);
      const [info] = retries;
      assert.deepEqual({ operation: info!.operation, attempt: info!.attempt, of: info!.of, model: info!.model }, { operation: 'chat', attempt: 2, of: 5, model: h.model });
      assert.ok(info!.delayMs >= 0 && info!.delayMs <= 50, `first backoff ${info!.delayMs} ms within [0, base]`);
      assert.match(info!.reason, /HTTP 503/);
      if (name === 'ollama') assert.ok(info!.reason.includes(OLLAMA_BUSY), info!.reason);
    });

    it('one connection reset before any byte succeeds on the retry', async () => {
      h.failNext(h.routes.chat, { reset: true });
      assert.equal((await ask(retried())).content, 'ok');
      assert.equal(retries.length, 1);
      assert.match(retries[0]!.reason, /dropped the connection/);
    });

    it('one 429 with Retry-After: 1 succeeds on a retry sent no earlier than 1 s later', async () => {
      h.failNext(h.routes.chat, { status: 429, retryAfter: '1' });
      assert.equal((await ask(retried())).content, 'ok');
      const [first, second] = h.chatTimes();
      assert.ok(second! - first! >= 995, `retried after ${second! - first!} ms`);
      assert.ok(second! - first! < 1500, `retried after ${second! - first!} ms`);
      assert.equal(retries[0]!.delayMs, 1000);
      if (process.env.STRATA_TIMINGS) console.log(`      [Retry-After: 1 -> retried after ${second! - first!} ms]`);
    });

    it('a Retry-After beyond maxRetryAfterSeconds fails at once, saying when the server takes requests again', async () => {
      h.failNext(h.routes.chat, { status: 429, retryAfter: '300' });
      const { error, ms } = await failure(() => ask(retried()));
      assert.ok(ms < 500, `took ${ms} ms`);
      assert.equal(error.status, 429);
      assert.equal(error.retryAfterMs, 300_000);
      assert.match(error.message, /will take requests again in 300 s \(at \d\d:\d\d:\d\d\), later than Strata waits \(120 s, strata\.network\.maxRetryAfterSeconds\)/);
      assert.equal(h.chatTimes().length, 1);
      assert.equal(retries.length, 0);
    });

    it('reads Retry-After as an HTTP-date too', async () => {
      h.failNext(h.routes.chat, { status: 503, retryAfter: new Date(Date.now() + 3_600_000).toUTCString() });
      const { error } = await failure(() => ask(retried()));
      assert.ok(error.retryAfterMs! > 3_500_000 && error.retryAfterMs! <= 3_600_000, String(error.retryAfterMs));
      assert.match(error.message, /will take requests again in 3600 s|in 3599 s/);
    });

    it('gives the last error when the retries are used up', async () => {
      h.failNext(h.routes.chat, { status: 503 }, { status: 503 }, { status: 502, message: 'bad gateway' });
      const { error } = await failure(() => ask(retried({ retries: 2 })));
      assert.equal(h.chatTimes().length, 3);
      assert.equal(error.kind, 'http');
      assert.equal(error.status, 502);
      assert.match(error.message, /HTTP 502: bad gateway \(gave up after 3 attempts\)/);
      assert.deepEqual(retries.map((info) => `${info.attempt}/${info.of}`), ['2/3', '3/3']);
    });

    it('cancelling during a backoff pause ends the call at once', async () => {
      h.failNext(h.routes.chat, { status: 503, retryAfter: '10' });
      const controller = new AbortController();
      let abortedAt = 0;
      const provider = withRetries(h.provider(), POLICY, () =>
        setTimeout(() => {
          abortedAt = Date.now();
          controller.abort();
        }, 100),
      );
      const { error } = await failure(() => ask(provider, controller.signal));
      const late = Date.now() - abortedAt;
      assert.equal(error.kind, 'cancelled');
      assert.match(error.message, /while waiting to retry/);
      assert.ok(late < 100, `ended ${late} ms after the abort`);
      assert.equal(h.chatTimes().length, 1);
    });

    it('a stream that goes idle mid-answer is sent again', async () => {
      let calls = 0;
      h.responder = () => (calls++ === 0 ? { content: 'half an answer, then silence', stallAfterChunks: 1 } : { content: 'whole answer' });
      assert.equal((await ask(retried({}, { idleMs: 500 }))).content, 'whole answer');
      assert.equal(retries.length, 1);
      assert.match(retries[0]!.reason, /idle limit/);
    });

    it('a stream dropped mid-answer is sent again', async () => {
      let calls = 0;
      h.responder = () => (calls++ === 0 ? { content: 'half an answer, then a cut', dropAfterChunks: 1 } : { content: 'whole answer' });
      assert.equal((await ask(retried())).content, 'whole answer');
      assert.equal(retries.length, 1);
    });

    it('a first-byte time-out is sent again', async () => {
      h.failNext(h.routes.chat, { hang: true });
      assert.equal((await ask(retried({}, { loadMs: 500 }))).content, 'ok');
      assert.equal(retries.length, 1);
      assert.match(retries[0]!.reason, /load allowance/);
    });

    it('does not retry the whole-call limit, other 4xx, or a missing model', async () => {
      h.responder = () => ({ content: 'z'.repeat(400), chunkDelayMs: 50 });
      assert.equal((await failure(() => ask(retried({}, { callMs: 300 })))).error.limit, 'call');
      h.responder = () => ({ error: { status: 400, message: 'invalid tool schema' } });
      assert.equal((await failure(() => ask(retried()))).error.status, 400);
      const missing = await failure(() => retried().chat({ model: 'missing-model', messages: hi, stream: true }));
      assert.equal(missing.error.kind, 'model-not-found');
      assert.equal(retries.length, 0);
    });

    it('retries a 500 on a probe', async () => {
      h.failNext(h.routes.list, { status: 500 });
      assert.ok((await retried().listModels()).includes(h.model));
      assert.equal(retries[0]!.operation, 'listModels');
    });

    it('does not retry a refused connection on a probe, but does on a chat call', async () => {
      const port = await closedPort();
      const url = name === 'ollama' ? `http://127.0.0.1:${port}` : `http://127.0.0.1:${port}/v1`;
      const down = name === 'ollama' ? new OllamaProvider({ host: url }) : new OpenAICompatibleProvider({ baseUrl: url });
      const probe = await failure(() => withRetries(down, POLICY, (info) => retries.push(info)).listModels());
      assert.equal(probe.error.connection, 'refused');
      assert.ok(probe.ms < 1000, `took ${probe.ms} ms`);
      assert.equal(retries.length, 0);
      const chat = await failure(() => withRetries(down, { ...POLICY, retries: 2 }, (info) => retries.push(info)).chat({ model: 'm', messages: hi }));
      assert.equal(chat.error.connection, 'refused');
      assert.match(chat.error.message, /refused the connection.*gave up after 3 attempts/);
      assert.equal(retries.length, 2);
    });
  });
}

describe('retry policy', () => {
  it('backs off with full jitter: random within base·2^(n-1), capped', () => {
    const policy = (random: number): RetryPolicy => ({ retries: 10, maxRetryAfterMs: 0, random: () => random });
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, policy(0.999))), [999, 1998, 3996, 7992, 15984, 29970, 29970]);
    assert.equal(backoffDelay(3, policy(0)), 0);
  });

  it('reads Retry-After as delta-seconds or an HTTP-date', () => {
    const now = Date.parse('2026-10-21T07:28:00Z');
    assert.equal(parseRetryAfter('120', now), 120_000);
    assert.equal(parseRetryAfter('Wed, 21 Oct 2026 07:28:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('Wed, 21 Oct 2026 07:27:00 GMT', now), 0, 'a date in the past: at once');
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter('-5', now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
  });

  it('wrapping twice keeps one layer: the newer policy, both listeners', async () => {
    let calls = 0;
    const flaky: ModelProvider = {
      id: 'ollama',
      label: 'flaky',
      listModels: async () => {
        calls++;
        throw new ModelError('http', 'flaky answered HTTP 503', 503);
      },
      describe: async () => ({ name: 'm', supportsTools: true }),
      chat: async () => ({ content: '', toolCalls: [], usage: { inputTokens: 0, outputTokens: 0, counted: 'estimate' } }),
    };
    const heard: string[] = [];
    const twice = withRetries(withRetries(flaky, { retries: 5, maxRetryAfterMs: 0, baseDelayMs: 1 }, () => heard.push('a')), { retries: 1, maxRetryAfterMs: 0, baseDelayMs: 1 }, () => heard.push('b'));
    await assert.rejects(twice.listModels(), /gave up after 2 attempts/);
    assert.equal(calls, 2);
    assert.deepEqual(heard, ['a', 'b']);
    assert.equal(twice.label, 'flaky');
  });
});
