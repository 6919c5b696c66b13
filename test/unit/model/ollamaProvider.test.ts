import * as assert from 'node:assert/strict';
import { CallLedger } from '../../../src/core/model/accounting';
import { ModelError } from '../../../src/core/model/errors';
import { OllamaProvider } from '../../../src/core/model/ollamaProvider';
import { typedCall, TypedCallError, type TypedCallSpec } from '../../../src/core/model/typedCall';
import { FakeOllamaServer } from '../../fakes/fakeOllamaServer';

const MODEL = 'qwen2.5-coder:7b';
const todoSchema = {
  type: 'object',
  properties: {
    title: { type: 'string', minLength: 1 },
    priority: { type: 'string', enum: ['low', 'normal', 'high'] },
    dueInDays: { type: 'integer', minimum: 0 },
  },
  required: ['title', 'priority'],
  additionalProperties: false,
};
type Todo = { title: string; priority: string; dueInDays?: number };

function spec(overrides: Partial<TypedCallSpec<Todo>> = {}): TypedCallSpec<Todo> {
  return {
    agent: 'test',
    target: 'todo',
    model: MODEL,
    system: 'You design todos.',
    prompt: 'Make one todo about writing tests.',
    tool: { name: 'make_todo', description: 'Return one todo.' },
    schema: todoSchema,
    retryBudget: 3,
    ...overrides,
  };
}

const lastUserMessage = (request: { messages: { role: string; content: string }[] }) =>
  [...request.messages].reverse().find((message) => message.role === 'user')!.content;

describe('Ollama provider and typed call (against the fake server)', () => {
  let server: FakeOllamaServer;
  let provider: OllamaProvider;

  beforeEach(async () => {
    server = await new FakeOllamaServer([
      { name: MODEL, capabilities: ['completion', 'tools'], contextLength: 32768 },
      { name: 'small-ctx:1b', capabilities: ['completion', 'tools'], contextLength: 4096 },
      { name: 'no-tools:2b', capabilities: ['completion'], contextLength: 8192 },
    ]).start();
    provider = new OllamaProvider({ host: server.url });
  });
  afterEach(() => server.stop());

  it('returns a valid value on success, on the native API with a chosen num_ctx and keep_alive', async () => {
    server.responder = () => ({ toolCalls: [{ name: 'make_todo', arguments: { title: 'Write tests', priority: 'high' } }] });
    const ledger = new CallLedger();
    const { value, record } = await typedCall(provider, spec(), ledger);
    assert.deepEqual(value, { title: 'Write tests', priority: 'high' });
    assert.equal(record.attempts, 1);
    assert.equal(record.tokens, 'provider');
    assert.ok(record.inputTokens > 0 && record.outputTokens > 0);
    const [sent] = server.chatRequests;
    assert.equal(sent!.stream, true, 'typed calls stream, so the idle limit can fire');
    assert.equal(sent!.keep_alive, '10m');
    assert.equal(sent!.options!.num_ctx, 4096, 'a small prompt and the small answer its schema expects fit in the smallest window');
    assert.equal(sent!.tools![0]!.function.name, 'make_todo');
    assert.equal(ledger.total().firstTry, 1);
    assert.ok(server.requests.every((request) => !request.path.startsWith('/v1')));
  });

  it('streams text and tool calls, and assembles the answer', async () => {
    const text = 'Here is the todo you asked for, as a call.';
    server.responder = () => ({ content: text, toolCalls: [{ name: 'make_todo', arguments: { title: 'Stream', priority: 'low' } }] });
    const seen: string[] = [];
    const result = await provider.chat({ model: MODEL, messages: [{ role: 'user', content: 'hi' }], stream: true, onText: (delta) => seen.push(delta) });
    assert.ok(seen.length > 1, 'text arrives in several pieces');
    assert.equal(seen.join(''), text);
    assert.equal(result.content, text);
    assert.deepEqual(result.toolCalls, [{ name: 'make_todo', arguments: { title: 'Stream', priority: 'low' } }]);
    assert.equal(result.usage.counted, 'provider');
  });

  it('repairs malformed JSON written as text after feedback', async () => {
    server.responder = (request) =>
      request.messages.length === 2
        ? { content: '```json\n{"name": "make_todo", "arguments": {"title": "Fix JSON", "priority": "high"\n```' }
        : { content: '{"name": "make_todo", "arguments": {"title": "Fix JSON", "priority": "high"}}' };
    const { value, record } = await typedCall(provider, spec());
    assert.deepEqual(value, { title: 'Fix JSON', priority: 'high' });
    assert.equal(record.attempts, 2);
    assert.equal(record.parseFailures, 1);
    assert.match(lastUserMessage(server.chatRequests[1]!), /could not be read as JSON/);
  });

  it('repairs a schema violation after feedback that names its path, expected and found', async () => {
    server.responder = (request) =>
      request.messages.length === 2
        ? { toolCalls: [{ name: 'make_todo', arguments: { title: 'Enum', priority: 'urgent', dueInDays: 'soon' } }] }
        : { toolCalls: [{ name: 'make_todo', arguments: { title: 'Enum', priority: 'high', dueInDays: 3 } }] };
    const { value, record } = await typedCall(provider, spec());
    assert.deepEqual(value, { title: 'Enum', priority: 'high', dueInDays: 3 });
    assert.equal(record.validationFailures, 1);
    const feedback = lastUserMessage(server.chatRequests[1]!);
    assert.match(feedback, /at \$\.priority: expected one of "low", "normal", "high", found "urgent"/);
    assert.match(feedback, /at \$\.dueInDays: expected a value of type integer, found "soon"/);
    const retry = server.chatRequests[1]!.messages;
    assert.equal(retry.length, 4, 'system, task, own answer, feedback');
    assert.match(retry[2]!.content, /urgent/, 'the model sees its own answer');
  });

  it('runs the phase validator after the schema, and keeps the conversation short on every retry', async () => {
    let calls = 0;
    server.responder = () => ({ toolCalls: [{ name: 'make_todo', arguments: { title: calls++ < 3 ? 'x' : 'Write tests', priority: 'low' } }] });
    const { record } = await typedCall(
      provider,
      spec({ validate: (todo) => (todo.title.length < 3 ? [{ severity: 'error', source: 'rules', path: '$.title', message: 'a title needs 3 or more characters' }] : []) }),
    );
    assert.equal(record.attempts, 4);
    assert.ok(server.chatRequests.every((request) => request.messages.length <= 4));
    assert.match(lastUserMessage(server.chatRequests[3]!), /at \$\.title: a title needs 3 or more characters/);
  });

  it('gives up after the retry budget with the last problems', async () => {
    server.responder = () => ({ toolCalls: [{ name: 'make_todo', arguments: { priority: 'high' } }] });
    await assert.rejects(typedCall(provider, spec({ retryBudget: 2 })), (error: unknown) => {
      assert.ok(error instanceof TypedCallError);
      assert.equal(error.record.attempts, 3);
      assert.match(error.problems[0]!, /\$\.title: expected a value \(this property is required\)/);
      return true;
    });
  });

  it('says clearly when the server is down', async () => {
    const port = new URL(server.url).port;
    await server.stop();
    const down = new OllamaProvider({ host: `http://127.0.0.1:${port}` });
    await assert.rejects(typedCall(down, spec()), (error: unknown) => error instanceof ModelError && error.kind === 'unreachable' && /refused/.test(error.message));
  });

  it('says clearly when the model is not installed (404)', async () => {
    await assert.rejects(typedCall(provider, spec({ model: 'missing:7b' })), (error: unknown) => {
      assert.ok(error instanceof ModelError);
      assert.equal(error.kind, 'model-not-found');
      assert.match(error.message, /ollama pull missing:7b/);
      return true;
    });
  });

  it('refuses tools for a model without tool support when tools are required, before asking', async () => {
    const toolsOnly = new OllamaProvider({ host: server.url, outputMode: 'tools' });
    await assert.rejects(typedCall(toolsOnly, spec({ model: 'no-tools:2b' })), (error: unknown) => error instanceof ModelError && error.kind === 'no-tool-support' && /strata\.outputMode/.test(error.message));
    assert.equal(server.chatRequests.length, 0);
  });

  it('aborts mid-stream when cancelled', async () => {
    server.responder = () => ({ content: 'x'.repeat(600), chunkDelayMs: 20 });
    const controller = new AbortController();
    let pieces = 0;
    const started = Date.now();
    const call = provider.chat({
      model: MODEL,
      messages: [{ role: 'user', content: 'long answer please' }],
      stream: true,
      signal: controller.signal,
      onText: () => {
        if (++pieces === 3) controller.abort();
      },
    });
    await assert.rejects(call, (error: unknown) => error instanceof ModelError && error.kind === 'cancelled');
    assert.ok(Date.now() - started < 1000, 'stopped long before the 50 pieces would have arrived');
  });

  it('reports a dropped stream as a dropped connection', async () => {
    server.responder = () => ({ content: 'partial answer that never ends', dropAfterChunks: 2 });
    await assert.rejects(
      provider.chat({ model: MODEL, messages: [{ role: 'user', content: 'hi' }], stream: true }),
      (error: unknown) => error instanceof ModelError && error.kind === 'unreachable',
    );
  });

  it('times out a model that does not answer in time', async () => {
    server.responder = () => ({ delayMs: 2_000, content: 'late' });
    const impatient = new OllamaProvider({ host: server.url, timeouts: { loadMs: 200 } });
    await assert.rejects(
      impatient.chat({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }),
      (error: unknown) => error instanceof ModelError && error.kind === 'timeout' && /sent nothing for 0\.2 s .*load allowance, strata\.timeouts\.loadSeconds/.test(error.message),
    );
  });

  it('refuses a prompt too large for the model, before sending it', async () => {
    const huge = 'word '.repeat(8_000);
    await assert.rejects(
      provider.chat({ model: 'small-ctx:1b', messages: [{ role: 'user', content: huge }] }),
      (error: unknown) => error instanceof ModelError && error.kind === 'context-overflow' && /holds at most 4096/.test(error.message),
    );
    assert.equal(server.chatRequests.length, 0);
  });

  it('sizes num_ctx to a large prompt, within the model limit', async () => {
    await provider.chat({ model: MODEL, messages: [{ role: 'user', content: 'word '.repeat(3_000) }] });
    assert.equal(server.chatRequests[0]!.options!.num_ctx, 12288, 'about 4,300 prompt tokens and half as much again for the answer');
    server.requests.length = 0;
    const prompt = 'word '.repeat(10_000);
    await new OllamaProvider({ host: server.url }).chat({ model: MODEL, messages: [{ role: 'user', content: prompt }] });
    const numCtx = server.chatRequests[0]!.options!.num_ctx!;
    // 50,000 characters at 3.5 per token, and an answer expected as long: more than the model holds, so all of it.
    assert.equal(numCtx, 32768);
  });
});
