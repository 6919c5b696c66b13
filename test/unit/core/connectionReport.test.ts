import * as assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_SETTINGS } from '../../../src/core/config/settings';
import { type Check, diagnoseConnection, formatReport } from '../../../src/core/doctor/connectionReport';
import { createProvider, sameModel } from '../../../src/core/model/createProvider';
import { OllamaProvider } from '../../../src/core/model/ollamaProvider';
import { OpenAICompatibleProvider } from '../../../src/core/model/openaiCompatibleProvider';
import type { RetryInfo } from '../../../src/core/model/retry';
import { FakeOllamaServer } from '../../fakes/fakeOllamaServer';
import { collectGarbageAt, needsGc } from '../model/networkHarness';

const tools = ['completion', 'tools'];

describe('model connection report', () => {
  let ollama: FakeOllamaServer;

  beforeEach(async () => {
    ollama = await new FakeOllamaServer([
      { name: 'qwen2.5-coder:7b', capabilities: tools, contextLength: 32768 },
      { name: 'llama3.2:latest', capabilities: tools },
      { name: 'gemma:2b', capabilities: ['completion'] },
      { name: 'tiny:1b', capabilities: tools, contextLength: 2048 },
    ]).start();
    ollama.responder = (request) => (request.tools ? { toolCalls: [{ name: request.tools[0]!.function.name, arguments: { sum: 5 } }] } : { content: '{"sum": 5}' });
  });
  afterEach(() => ollama.stop());

  const names = (report: { checks: { name: string; ok: boolean }[] }) => report.checks.map((check) => `${check.ok ? '+' : '-'}${check.name}`);

  it('passes every check for a reachable tool-calling model, ending with a typed round trip', async () => {
    const report = await diagnoseConnection(new OllamaProvider({ host: ollama.url }), 'qwen2.5-coder:7b');
    assert.equal(report.ok, true, formatReport(report));
    assert.deepEqual(names(report), ['+reachable', '+model installed', '+output mode', '+thinking', '+context length', '+typed round trip']);
    assert.match(report.checks[2]!.detail, /^tools: /);
    assert.equal(ollama.chatRequests.length, 1);
  });

  it('treats a name without a tag as :latest', async () => {
    assert.equal((await diagnoseConnection(new OllamaProvider({ host: ollama.url }), 'llama3.2')).ok, true);
    assert.equal(sameModel('llama3.2', 'llama3.2:1b'), false);
  });

  it('names a missing model and lists what the server has', async () => {
    const report = await diagnoseConnection(new OllamaProvider({ host: ollama.url }), 'mistral:7b');
    assert.deepEqual(names(report), ['+reachable', '-model installed']);
    assert.match(report.checks[1]!.detail, /"mistral:7b" is not on the server \(has: gemma:2b, llama3.2:latest, qwen2.5-coder:7b, tiny:1b\)/);
  });

  it('takes format mode for a model that cannot call tools, and says when tools were required', async () => {
    const auto = await diagnoseConnection(new OllamaProvider({ host: ollama.url }), 'gemma:2b');
    assert.equal(auto.ok, true, formatReport(auto));
    assert.match(auto.checks[2]!.detail, /^format: answers are JSON constrained to the schema/);
    assert.ok(ollama.chatRequests.every((request) => request.tools === undefined && request.format !== undefined));
    const toolsOnly = await diagnoseConnection(new OllamaProvider({ host: ollama.url, outputMode: 'tools' }), 'gemma:2b', { outputMode: 'tools' });
    assert.deepEqual(names(toolsOnly), ['+reachable', '+model installed', '-output mode']);
  });

  it('sizes the largest call of a reference app for this model', async () => {
    const appCalls = async () => ({
      app: 'small',
      requests: [
        { model: 'tiny', messages: [{ role: 'user' as const, content: 'short' }], purpose: { agent: 'a', target: 'short' } },
        { model: 'tiny', messages: [{ role: 'user' as const, content: 'x'.repeat(35_000) }], purpose: { agent: 'b', target: 'long' } },
      ],
    });
    const report = await diagnoseConnection(new OllamaProvider({ host: ollama.url }), 'qwen2.5-coder:7b', { appCalls });
    assert.match(report.checks[4]!.detail, /the small app's largest call \(b\/long\) would get num_ctx 32,768 \(prompt ~10,004 \+ answer ~15,006 tokens\)/);
  });

  it('says when the context is too small', async () => {
    const report = await diagnoseConnection(new OllamaProvider({ host: ollama.url }), 'tiny:1b');
    assert.deepEqual(names(report), ['+reachable', '+model installed', '+output mode', '+thinking', '-context length']);
    assert.match(report.checks.at(-1)!.detail, /only 2048 tokens/);
  });

  it('fails the round trip when the model never answers validly', async () => {
    ollama.responder = () => ({ content: 'I think the answer is five.' });
    const report = await diagnoseConnection(new OllamaProvider({ host: ollama.url }), 'qwen2.5-coder:7b');
    assert.deepEqual(names(report).at(-1), '-typed round trip');
    assert.equal(ollama.chatRequests.length, 3, 'first attempt plus a retry budget of 2');
  });

  it('reports a closed port as a refused connection, quickly', async () => {
    const port = new URL(ollama.url).port;
    await ollama.stop();
    const started = Date.now();
    const report = await diagnoseConnection(new OllamaProvider({ host: `http://127.0.0.1:${port}` }), 'qwen2.5-coder:7b');
    assert.deepEqual(names(report), ['-reachable']);
    assert.match(report.checks[0]!.detail, /refused the connection/);
    assert.ok(Date.now() - started < 5000);
  });

  it('gives up on a server that never answers, within its time limit', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      const report = await diagnoseConnection(new OllamaProvider({ host: url, timeouts: { probeMs: 300 } }), 'm');
      assert.match(report.checks[0]!.detail, /did not answer within/);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('tells each check as it is decided, before the next one asks the server', async () => {
    const heard: { check: Check; chatRequests: number }[] = [];
    const report = await diagnoseConnection(new OllamaProvider({ host: ollama.url }), 'qwen2.5-coder:7b', {
      onCheck: (check) => heard.push({ check, chatRequests: ollama.chatRequests.length }),
    });
    assert.deepEqual(heard.map(({ check }) => check), report.checks, 'the same checks, in the same order');
    assert.deepEqual(heard.map(({ chatRequests }) => chatRequests), [0, 0, 0, 0, 0, 1], 'the first five were told before the round trip was sent');
  });

  it('survives one 500 on a probe and one 503 on the round trip (retried, as the settings say)', async () => {
    ollama.failNext('GET /api/tags', { status: 500 }).failNext('POST /api/chat', { status: 503 });
    const retries: RetryInfo[] = [];
    const provider = createProvider({ ...DEFAULT_SETTINGS, ollamaHost: ollama.url }, undefined, (info) => retries.push(info));
    const report = await diagnoseConnection(provider, 'qwen2.5-coder:7b');
    assert.equal(report.ok, true, formatReport(report));
    assert.deepEqual(retries.map((info) => `${info.operation} ${info.attempt}/${info.of}`), ['listModels 2/5', 'chat 2/5']);
  });

  describe('limits of each check (forced gc() while waiting)', function () {
    this.timeout(10_000);
    let stopGc = () => undefined as void;
    beforeEach(function () {
      needsGc(this);
      stopGc = collectGarbageAt(100, 500, 900);
    });
    afterEach(() => stopGc());

    it('a probe check ends on the probe limit, whatever the provider allows', async () => {
      ollama.failNext('GET /api/tags', { hang: true });
      const started = Date.now();
      const report = await diagnoseConnection(new OllamaProvider({ host: ollama.url, timeouts: { probeMs: 60_000 } }), 'qwen2.5-coder:7b', { probeTimeoutMs: 1000 });
      const ms = Date.now() - started;
      assert.deepEqual(names(report), ['-reachable']);
      assert.match(report.checks[0]!.detail, /did not answer within 1 s \(probe limit, strata\.timeouts\.probeSeconds\)/);
      assert.ok(ms >= 995 && ms < 3000, `took ${ms} ms`);
    });

    it('the typed round trip ends on its own limit (the load allowance)', async () => {
      ollama.responder = () => ({ neverAnswer: true });
      const started = Date.now();
      const report = await diagnoseConnection(new OllamaProvider({ host: ollama.url }), 'qwen2.5-coder:7b', { roundTripTimeoutMs: 1000 });
      const ms = Date.now() - started;
      assert.deepEqual(names(report).at(-1), '-typed round trip');
      assert.match(report.checks.at(-1)!.detail, /did not finish within 1 s \(load allowance, strata\.timeouts\.loadSeconds\)/);
      assert.ok(ms >= 995 && ms < 3000, `took ${ms} ms`);
    });
  });

  it('lists models of an OpenAI-compatible server, sending the API key', async () => {
    let authorization: string | undefined;
    const server = createServer((request, response) => {
      authorization = request.headers.authorization;
      response.writeHead(request.url === '/v1/models' ? 200 : 404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ object: 'list', data: [{ id: 'qwen2.5-coder-32b', object: 'model' }] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
      assert.deepEqual(await new OpenAICompatibleProvider({ baseUrl: base, apiKey: 'sk-test' }).listModels(), ['qwen2.5-coder-32b']);
      assert.equal(authorization, 'Bearer sk-test');
    } finally {
      server.close();
    }
  });

  it('refuses an OpenAI-compatible provider without a base URL', () => {
    assert.throws(() => createProvider({ ...DEFAULT_SETTINGS, provider: 'openai-compatible' }, undefined), /base URL/);
  });
});
