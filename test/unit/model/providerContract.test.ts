import * as assert from 'node:assert/strict';
import type { ModelProvider } from '../../../src/core/model/chat';
import { ModelError } from '../../../src/core/model/errors';
import type { Timeouts } from '../../../src/core/model/limits';
import { OllamaProvider } from '../../../src/core/model/ollamaProvider';
import { OpenAICompatibleProvider } from '../../../src/core/model/openaiCompatibleProvider';
import { typedCall, type TypedCallSpec } from '../../../src/core/model/typedCall';
import { FakeOllamaServer, type Responder, type WireChatRequest } from '../../fakes/fakeOllamaServer';
import { FakeOpenAIServer } from '../../fakes/fakeOpenAIServer';

/** One fake server per provider, seen through what the contract tests need. */
interface Harness {
  model: string;
  provider(options?: { timeouts?: Partial<Timeouts> }): ModelProvider;
  set responder(responder: Responder);
  chatRequests(): WireChatRequest[];
  stop(): Promise<void>;
  url(): string;
}

const harnesses: Record<string, () => Promise<Harness>> = {
  ollama: async () => {
    const server = await new FakeOllamaServer([{ name: 'qwen2.5-coder:7b', capabilities: ['completion', 'tools'], contextLength: 32768 }]).start();
    return {
      model: 'qwen2.5-coder:7b',
      provider: (options) => new OllamaProvider({ host: server.url, ...options }),
      set responder(responder: Responder) {
        server.responder = responder;
      },
      chatRequests: () => server.chatRequests,
      stop: () => server.stop(),
      url: () => server.url,
    };
  },
  'openai-compatible': async () => {
    const server = await new FakeOpenAIServer(['qwen2.5-coder-32b'], 'sk-test').start();
    return {
      model: 'qwen2.5-coder-32b',
      provider: (options) => new OpenAICompatibleProvider({ baseUrl: server.url, apiKey: 'sk-test', ...options }),
      set responder(responder: Responder) {
        server.responder = responder;
      },
      chatRequests: () => server.chatRequests,
      stop: () => server.stop(),
      url: () => server.url,
    };
  },
};

const schema = {
  type: 'object',
  properties: { title: { type: 'string' }, priority: { type: 'string', enum: ['low', 'normal', 'high'] } },
  required: ['title', 'priority'],
  additionalProperties: false,
};
type Todo = { title: string; priority: string };

for (const [name, start] of Object.entries(harnesses)) {
  describe(`provider contract: ${name}`, () => {
    let h: Harness;
    const spec = (overrides: Partial<TypedCallSpec<Todo>> = {}): TypedCallSpec<Todo> => ({
      agent: 'contract',
      target: 'todo',
      model: h.model,
      system: 's',
      prompt: 'one todo',
      tool: { name: 'make_todo', description: 'd' },
      schema,
      retryBudget: 3,
      ...overrides,
    });

    beforeEach(async () => {
      h = await start();
    });
    afterEach(() => h.stop());

    it('succeeds with a tool call, counting tokens the server reports', async () => {
      h.responder = () => ({ toolCalls: [{ name: 'make_todo', arguments: { title: 'A', priority: 'low' } }] });
      const { value, record } = await typedCall(h.provider(), spec());
      assert.deepEqual(value, { title: 'A', priority: 'low' });
      assert.equal(record.tokens, 'provider');
      assert.ok(record.inputTokens > 0 && record.outputTokens > 0);
    });

    it('streams text and a tool call', async () => {
      h.responder = () => ({ content: 'streamed words arrive in pieces', toolCalls: [{ name: 'make_todo', arguments: { title: 'S', priority: 'high' } }] });
      const pieces: string[] = [];
      const result = await h.provider().chat({ model: h.model, messages: [{ role: 'user', content: 'hi' }], stream: true, onText: (d) => pieces.push(d) });
      assert.ok(pieces.length > 1);
      assert.equal(result.content, 'streamed words arrive in pieces');
      assert.deepEqual(result.toolCalls.map((call) => call.arguments), [{ title: 'S', priority: 'high' }]);
      assert.equal(result.usage.counted, 'provider');
    });

    it("streams a tool call's arguments and a thinking model's reasoning to their own callbacks", async () => {
      h.responder = () => ({ content: 'text', toolCalls: [{ name: 'make_todo', arguments: { title: 'S', priority: 'high' } }] });
      const text: string[] = [];
      const argumentsSeen: string[] = [];
      const result = await h.provider().chat({
        model: h.model,
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
        onText: (d) => text.push(d),
        onToolArguments: (d) => argumentsSeen.push(d),
      });
      assert.equal(text.join(''), 'text');
      assert.deepEqual(JSON.parse(argumentsSeen.join('')), { title: 'S', priority: 'high' });
      assert.deepEqual(result.toolCalls.map((call) => call.arguments), [JSON.parse(argumentsSeen.join(''))]);
    });

    it('repairs malformed JSON after feedback', async () => {
      h.responder = (request) =>
        request.messages.length === 2 ? { content: '{"title": "J", "priority": ' } : { content: '{"title": "J", "priority": "normal"}' };
      const { value, record } = await typedCall(h.provider(), spec());
      assert.deepEqual(value, { title: 'J', priority: 'normal' });
      assert.equal(record.parseFailures, 1);
    });

    it('repairs a schema violation after path-addressed feedback', async () => {
      h.responder = (request) =>
        request.messages.length === 2
          ? { toolCalls: [{ name: 'make_todo', arguments: { title: 'V', priority: 'asap' } }] }
          : { toolCalls: [{ name: 'make_todo', arguments: { title: 'V', priority: 'high' } }] };
      const { record } = await typedCall(h.provider(), spec());
      assert.equal(record.validationFailures, 1);
      assert.match(h.chatRequests()[1]!.messages.at(-1)!.content, /at \$\.priority: expected one of/);
    });

    it('reports a server that is down', async () => {
      const url = h.url();
      await h.stop();
      const provider = name === 'ollama' ? new OllamaProvider({ host: url }) : new OpenAICompatibleProvider({ baseUrl: url });
      await assert.rejects(typedCall(provider, spec()), (error: unknown) => error instanceof ModelError && error.kind === 'unreachable');
    });

    it('reports an unknown model (404)', async () => {
      await assert.rejects(typedCall(h.provider(), spec({ model: 'missing-model' })), (error: unknown) => error instanceof ModelError && error.kind === 'model-not-found');
    });

    it('aborts mid-stream', async () => {
      h.responder = () => ({ content: 'y'.repeat(600), chunkDelayMs: 20 });
      const controller = new AbortController();
      let seen = 0;
      await assert.rejects(
        h.provider().chat({ model: h.model, messages: [{ role: 'user', content: 'hi' }], stream: true, signal: controller.signal, onText: () => ++seen === 2 && controller.abort() }),
        (error: unknown) => error instanceof ModelError && error.kind === 'cancelled',
      );
    });

    it('times out', async () => {
      h.responder = () => ({ delayMs: 2000, content: 'late' });
      await assert.rejects(
        h.provider({ timeouts: { loadMs: 200 } }).chat({ model: h.model, messages: [{ role: 'user', content: 'hi' }] }),
        (error: unknown) => error instanceof ModelError && error.kind === 'timeout',
      );
    });

    it('refuses a prompt too large for the context', async () => {
      const huge = 'word '.repeat(40_000);
      await assert.rejects(
        h.provider().chat({ model: h.model, messages: [{ role: 'user', content: huge }] }),
        (error: unknown) => error instanceof ModelError && error.kind === 'context-overflow',
      );
    });
  });
}
