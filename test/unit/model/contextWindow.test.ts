import * as assert from 'node:assert/strict';
import type { ChatRequest } from '../../../src/core/model/chat';
import { ANSWER_SAFETY, answerTokensFromSchema, ContextPlanner, MIN_ANSWER_TOKENS, windowSize } from '../../../src/core/model/contextWindow';
import { OllamaProvider } from '../../../src/core/model/ollamaProvider';
import { estimatePromptTokens, estimateTokens } from '../../../src/core/model/tokens';
import { typedCall, TypedCallError, type TypedCallSpec } from '../../../src/core/model/typedCall';
import { FakeOllamaServer } from '../../fakes/fakeOllamaServer';

const schema = {
  type: 'object',
  properties: { title: { type: 'string', minLength: 1 }, notes: { type: 'array', items: { type: 'string' } } },
  required: ['title'],
  additionalProperties: false,
};
type Note = { title: string; notes?: string[] };

const request = (overrides: Partial<ChatRequest> = {}): ChatRequest => ({
  model: 'm',
  messages: [{ role: 'system', content: 'You write notes.' }, { role: 'user', content: 'Write one.' }],
  tool: { name: 'write_note', description: 'One note.', parameters: schema },
  purpose: { agent: 'test', target: 'note' },
  ...overrides,
});

describe('context window: prompt plus the expected answer', () => {
  it('expects more from a larger schema, and at least the least answer', () => {
    const wide = { type: 'object', properties: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`field${i}`, { type: 'array', items: schema }])) };
    assert.ok(answerTokensFromSchema(wide) > 10 * answerTokensFromSchema(schema));
    const window = new ContextPlanner().plan(request(), 32768, false);
    assert.equal(window.answerTokens, Math.ceil(MIN_ANSWER_TOKENS * ANSWER_SAFETY));
    assert.equal(window.numCtx, 4096);
    assert.equal(window.promptTokens, estimatePromptTokens(request().messages, schema));
  });

  it('expects a retry to be as long as the answer it carries, and a target as long as its largest earlier answer', () => {
    const planner = new ContextPlanner();
    // An answer of the agent's far shorter than its prompt: the prompt alone no longer predicts a long one.
    planner.observe(request({ purpose: { agent: 'test', target: 'tiny' } }), { evalCount: 1, cutOff: false });
    const earlier = 'x'.repeat(20_000);
    const retry = request({ messages: [...request().messages, { role: 'assistant', content: earlier }, { role: 'user', content: 'fix it' }] });
    assert.equal(planner.plan(retry, 32768, false).answerTokens, Math.ceil(estimateTokens(earlier) * ANSWER_SAFETY));
    planner.observe(request(), { evalCount: 3_000, cutOff: false });
    assert.equal(planner.plan(request(), 32768, false).answerTokens, Math.ceil(3_000 * ANSWER_SAFETY));
    planner.observe(request(), { evalCount: 2_500, cutOff: true });
    assert.equal(planner.plan(request(), 32768, false).answerTokens, Math.ceil(5_000 * ANSWER_SAFETY), 'a cut-off answer needed at least twice what it got');
    assert.equal(planner.plan(request({ purpose: { agent: 'other', target: 'note' } }), 32768, false).answerTokens, Math.ceil(MIN_ANSWER_TOKENS * ANSWER_SAFETY));
  });

  it('expects a first answer as long as the prompt, then as the agent\'s answers were, in windows of a few sizes', () => {
    const planner = new ContextPlanner();
    const requirements = request({ messages: [{ role: 'user', content: 'r'.repeat(14_000) }] });
    const prompt = estimatePromptTokens(requirements.messages);
    assert.equal(planner.plan(requirements, 32768, false).answerTokens, Math.ceil(prompt * ANSWER_SAFETY));
    planner.observe(requirements, { evalCount: Math.ceil(prompt / 4), cutOff: false });
    const next = request({ messages: [{ role: 'user', content: 's'.repeat(14_000) }], purpose: { agent: 'test', target: 'next' } });
    assert.ok(planner.plan(next, 32768, false).answerTokens <= Math.ceil((prompt / 4 + 1) * ANSWER_SAFETY));
    assert.deepEqual([4000, 4097, 6145, 8193, 12289, 40_000].map((tokens) => windowSize(tokens, 131072)), [4096, 6144, 8192, 12288, 16384, 49152]);
    assert.equal(windowSize(40_000, 32768), 32768);
  });

  it('calibrates the prompt by the server\'s own count, and leaves room to reason for a thinking model', () => {
    const planner = new ContextPlanner();
    const estimate = estimatePromptTokens(request().messages, schema);
    planner.observe(request(), { promptEvalCount: estimate * 2, cutOff: false });
    assert.equal(planner.plan(request(), 32768, false).promptTokens, estimate * 2);
    assert.ok(planner.plan(request(), 32768, true).answerTokens > planner.plan(request(), 32768, false).answerTokens);
  });
});

describe('context window on the wire (fake Ollama)', () => {
  let server: FakeOllamaServer;
  beforeEach(async () => {
    server = await new FakeOllamaServer([
      { name: 'qwen2.5-coder:7b', capabilities: ['completion', 'tools'], contextLength: 32768 },
      { name: 'tiny:1b', capabilities: ['completion', 'tools'], contextLength: 4096 },
    ]).start();
  });
  afterEach(() => server.stop());

  const spec = (overrides: Partial<TypedCallSpec<Note>> = {}): TypedCallSpec<Note> => ({
    agent: 'test',
    target: 'note',
    model: 'qwen2.5-coder:7b',
    system: 'You write notes.',
    prompt: 'Write a long note.',
    tool: { name: 'write_note', description: 'One note.' },
    schema,
    retryBudget: 1,
    ...overrides,
  });
  // About 7,500 tokens at the fake's 4 characters per token: more than the first window leaves for it.
  const long = { title: 'Long', notes: Array.from({ length: 300 }, (_, i) => `note ${i}: ${'detail '.repeat(12)}`) };

  for (const stream of [true, false]) {
    it(`an answer cut off by a full window is asked again in a larger one, and the next call starts there (${stream ? 'streamed' : 'not streamed'})`, async () => {
      server.responder = () => ({ toolCalls: [{ name: 'write_note', arguments: long }] });
      const provider = new OllamaProvider({ host: server.url });
      const { value, record } = await typedCall(provider, spec({ stream }));
      assert.deepEqual(value, long);
      assert.equal(record.attempts, 1, 'the typed call never saw the cut-off answer');
      const windows = server.chatRequests.map((sent) => sent.options!.num_ctx!);
      assert.deepEqual(windows, [4096, 8192]);
      await typedCall(provider, spec({ stream }));
      assert.ok(server.chatRequests[2]!.options!.num_ctx! >= 8192, `the next call for the target starts in ${server.chatRequests[2]!.options!.num_ctx}`);
      assert.equal(server.chatRequests.length, 3);
    });

    it(`a cut-off at the model's own limit is a clear failure, never a parsed answer (${stream ? 'streamed' : 'not streamed'})`, async () => {
      server.responder = () => ({ toolCalls: [{ name: 'write_note', arguments: long }] });
      await assert.rejects(typedCall(new OllamaProvider({ host: server.url }), spec({ model: 'tiny:1b', stream })), (error: unknown) => {
        assert.ok(error instanceof TypedCallError);
        assert.match(error.message, /the answer was cut off after \d+ tokens \(the server stopped it, the 4096-token context of the call being full\)/);
        assert.equal(error.record.parseFailures, 2);
        return true;
      });
      assert.ok(server.chatRequests.every((sent) => sent.options!.num_ctx === 4096));
      assert.match(server.chatRequests[1]!.messages.at(-1)!.content, /shorter answer/);
    });
  }

  it('a cut-off by the model\'s own num_predict is not sent again in a larger window', async () => {
    let calls = 0;
    server.responder = () => (calls++ === 0 ? { content: '{"title": "Sh', doneReason: 'length' } : { toolCalls: [{ name: 'write_note', arguments: { title: 'Short' } }] });
    const { record } = await typedCall(new OllamaProvider({ host: server.url }), spec());
    assert.equal(record.attempts, 2);
    assert.deepEqual(server.chatRequests.map((sent) => sent.options!.num_ctx), [4096, 4096]);
  });

  it('a tokenizer heavier than the estimate: the refused prompt is sent again in a window calibrated by the refusal, and later calls start calibrated', async () => {
    server.charsPerToken = 1;
    server.responder = () => ({ toolCalls: [{ name: 'write_note', arguments: { title: 'Fits' } }] });
    const provider = new OllamaProvider({ host: server.url });
    const prompt = 'Write a note about this text: ' + 'lorem ipsum dolor sit amet '.repeat(300);
    const { record } = await typedCall(provider, spec({ prompt }));
    assert.equal(record.attempts, 1);
    const first = server.requests.filter((one) => one.path === '/api/chat').length;
    assert.ok(first >= 2, 'the first window was refused (400) and the call sent again');
    await typedCall(provider, spec({ prompt, target: 'second note' }));
    assert.equal(server.chatRequests.length, first + 1, 'the second call fits at once');
  });
});
