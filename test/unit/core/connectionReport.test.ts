import * as assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_SETTINGS } from '../../../src/core/config/settings';
import { diagnoseConnection, formatReport } from '../../../src/core/doctor/connectionReport';
import { createModelServer, OllamaServer, OpenAICompatibleServer, sameModel } from '../../../src/core/providers/modelServer';
import { FakeOllamaServer } from '../../fakes/fakeOllamaServer';

describe('model connection report', () => {
  let ollama: FakeOllamaServer;

  beforeEach(async () => {
    ollama = await new FakeOllamaServer([{ name: 'qwen2.5-coder:7b' }, { name: 'llama3.2:latest' }]).start();
  });
  afterEach(() => ollama.stop());

  it('passes when the server answers and has the model', async () => {
    const report = await diagnoseConnection(new OllamaServer(ollama.url), 'qwen2.5-coder:7b');
    assert.equal(report.ok, true, formatReport(report));
    assert.deepEqual(report.checks.map((check) => check.name), ['reachable', 'model installed']);
    assert.ok(ollama.requests.some((request) => request.path === '/api/tags'));
  });

  it('treats a name without a tag as :latest', async () => {
    assert.equal((await diagnoseConnection(new OllamaServer(ollama.url), 'llama3.2')).ok, true);
    assert.equal(sameModel('llama3.2', 'llama3.2:1b'), false);
  });

  it('names a missing model and lists what the server has', async () => {
    const report = await diagnoseConnection(new OllamaServer(ollama.url), 'mistral:7b');
    assert.equal(report.ok, false);
    assert.match(report.checks[1]!.detail, /"mistral:7b" is not on the server \(has: llama3.2:latest, qwen2.5-coder:7b\)/);
  });

  it('reports a closed port as a refused connection, quickly', async () => {
    const port = new URL(ollama.url).port;
    await ollama.stop();
    const started = Date.now();
    const report = await diagnoseConnection(new OllamaServer(`http://127.0.0.1:${port}`), 'qwen2.5-coder:7b');
    assert.equal(report.ok, false);
    assert.equal(report.checks.length, 1);
    assert.match(report.checks[0]!.detail, /refused the connection/);
    assert.ok(Date.now() - started < 5000);
  });

  it('gives up on a server that never answers, within its time limit', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      const report = await diagnoseConnection(new OllamaServer(url, 300), 'm');
      assert.match(report.checks[0]!.detail, /did not answer within/);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
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
      const report = await diagnoseConnection(new OpenAICompatibleServer(base, 'sk-test'), 'qwen2.5-coder-32b');
      assert.equal(report.ok, true, formatReport(report));
      assert.equal(authorization, 'Bearer sk-test');
    } finally {
      server.close();
    }
  });

  it('refuses an OpenAI-compatible provider without a base URL', () => {
    assert.throws(() => createModelServer({ ...DEFAULT_SETTINGS, provider: 'openai-compatible' }, undefined), /base URL/);
  });
});
