import * as assert from 'node:assert/strict';
import { Ollama } from 'ollama';
import { FakeOllamaServer } from '../../fakes/fakeOllamaServer';

/** The fake must satisfy the real `ollama` client, not just Strata's use of it. */
describe('fake Ollama server speaks the wire format of the ollama client', () => {
  let server: FakeOllamaServer;
  let client: Ollama;

  beforeEach(async () => {
    server = await new FakeOllamaServer([{ name: 'nomic-embed-text:latest', capabilities: ['embedding'] }, { name: 'm:7b', capabilities: ['completion', 'tools'] }]).start();
    client = new Ollama({ host: server.url });
  });
  afterEach(() => server.stop());

  it('lists models with their tags and details', async () => {
    const { models } = await client.list();
    assert.deepEqual(models.map((model) => model.name), ['nomic-embed-text:latest', 'm:7b']);
    assert.equal(models[1]!.details.quantization_level, 'Q4_K_M');
  });

  it('embeds text as unit vectors, similar texts closer than unrelated ones', async () => {
    const { embeddings } = await client.embed({ model: 'nomic-embed-text', input: ['todo due date overdue', 'overdue todo with a due date', 'password hashing for login'] });
    const dot = (a: number[], b: number[]) => a.reduce((sum, value, i) => sum + value * b[i]!, 0);
    assert.equal(embeddings.length, 3);
    assert.ok(Math.abs(dot(embeddings[0]!, embeddings[0]!) - 1) < 1e-9);
    assert.ok(dot(embeddings[0]!, embeddings[1]!) > dot(embeddings[0]!, embeddings[2]!));
  });

  it('streams NDJSON that the client reads to the final done line', async () => {
    server.responder = () => ({ content: 'hello from the fake model' });
    let text = '';
    let done = false;
    for await (const part of await client.chat({ model: 'm:7b', messages: [{ role: 'user', content: 'hi' }], stream: true })) {
      text += part.message.content;
      done = part.done;
    }
    assert.equal(text, 'hello from the fake model');
    assert.equal(done, true);
  });

  it('makes the client throw on a stream cut before done, and on error bodies', async () => {
    server.responder = () => ({ content: 'cut short in the middle', dropAfterChunks: 1 });
    await assert.rejects(async () => {
      for await (const part of await client.chat({ model: 'm:7b', messages: [{ role: 'user', content: 'hi' }], stream: true })) void part;
    });
    await assert.rejects(client.chat({ model: 'nope', messages: [] }), (error: { status_code?: number; error?: string }) => error.status_code === 404 && /not found/.test(error.error ?? ''));
  });

  it('refuses tools for a model without the tools capability, as Ollama does', async () => {
    await assert.rejects(
      client.chat({ model: 'nomic-embed-text', messages: [{ role: 'user', content: 'x' }], tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }] }),
      (error: { status_code?: number; error?: string }) => error.status_code === 400 && /does not support tools/.test(error.error ?? ''),
    );
  });
});
