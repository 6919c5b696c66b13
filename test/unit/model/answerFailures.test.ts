import * as assert from 'node:assert/strict';
import type { ModelProvider } from '../../../src/core/model/chat';
import { ModelError } from '../../../src/core/model/errors';
import { OllamaProvider } from '../../../src/core/model/ollamaProvider';
import { OpenAICompatibleProvider } from '../../../src/core/model/openaiCompatibleProvider';
import type { OutputModeSetting } from '../../../src/core/model/outputMode';
import { withRetries } from '../../../src/core/model/retry';
import { typedCall, TypedCallError, type TypedCallSpec } from '../../../src/core/model/typedCall';
import { FakeOllamaServer, type FakeReply, type WireChatRequest } from '../../fakes/fakeOllamaServer';
import { FakeOpenAIServer } from '../../fakes/fakeOpenAIServer';

/**
 * Every way a real local model's answer goes wrong, on the wire of both servers, streamed and not:
 * each failure has its own message (the typed call's error) and its own feedback (the next request's
 * last user message), and an answer wrapped the ways small models wrap it is still read.
 */
interface Harness {
  model: string;
  provider(outputMode?: OutputModeSetting): ModelProvider;
  reply(replies: (request: WireChatRequest, index: number) => FakeReply): void;
  chatRequests(): WireChatRequest[];
  stop(): Promise<void>;
}

const harnesses: Record<string, () => Promise<Harness>> = {
  ollama: async () => {
    const server = await new FakeOllamaServer([{ name: 'qwen3:8b', capabilities: ['completion', 'tools', 'thinking'], contextLength: 32768 }]).start();
    // Oversized answers need a server that does not cut them at the window (see the context tests for that).
    server.cutAtContext = false;
    return {
      model: 'qwen3:8b',
      provider: (outputMode) => new OllamaProvider({ host: server.url, outputMode }),
      reply: (replies) => {
        let index = 0;
        server.responder = (request) => replies(request, index++);
      },
      chatRequests: () => server.chatRequests,
      stop: () => server.stop(),
    };
  },
  'openai-compatible': async () => {
    const server = await new FakeOpenAIServer(['qwen3-8b']).start();
    return {
      model: 'qwen3-8b',
      provider: (outputMode) => new OpenAICompatibleProvider({ baseUrl: server.url, outputMode }),
      reply: (replies) => {
        let index = 0;
        server.responder = (request) => replies(request, index++);
      },
      chatRequests: () => server.chatRequests,
      stop: () => server.stop(),
    };
  },
};

const schema = {
  type: 'object',
  properties: { title: { type: 'string', minLength: 1 }, priority: { type: 'string', enum: ['low', 'normal', 'high'] } },
  required: ['title', 'priority'],
  additionalProperties: false,
};
type Todo = { title: string; priority: string };
const good = { title: 'Write tests', priority: 'high' };
const call: FakeReply = { toolCalls: [{ name: 'make_todo', arguments: good }] };

const lastUser = (request: WireChatRequest) => [...request.messages].reverse().find((message) => message.role === 'user')!.content;
const assistant = (request: WireChatRequest) => request.messages.find((message) => message.role === 'assistant')?.content ?? '';

for (const [name, start] of Object.entries(harnesses)) {
  for (const stream of [true, false]) {
    describe(`answers that go wrong: ${name}, ${stream ? 'streamed' : 'not streamed'}`, () => {
      let h: Harness;
      beforeEach(async () => (h = await start()));
      afterEach(() => h.stop());

      const spec = (overrides: Partial<TypedCallSpec<Todo>> = {}): TypedCallSpec<Todo> => ({
        agent: 'test',
        target: 'todo',
        model: h.model,
        system: 'You design todos.',
        prompt: 'Make one todo about writing tests.',
        tool: { name: 'make_todo', description: 'Return one todo.' },
        schema,
        retryBudget: 2,
        stream,
        ...overrides,
      });

      /** First reply `bad`, then the good call: the value comes back on attempt 2 and the feedback is returned. */
      async function recovers(bad: FakeReply): Promise<string> {
        h.reply((_, index) => (index === 0 ? bad : call));
        const { value, record } = await typedCall(h.provider(), spec());
        assert.deepEqual(value, good);
        assert.equal(record.attempts, 2);
        assert.equal(record.parseFailures, 1);
        return lastUser(h.chatRequests()[1]!);
      }

      /** Always `bad`: the typed call's error names the cause. */
      async function failsWith(bad: FakeReply, cause: RegExp): Promise<void> {
        h.reply(() => bad);
        await assert.rejects(typedCall(h.provider(), spec({ retryBudget: 1 })), (error: unknown) => {
          assert.ok(error instanceof TypedCallError, String(error));
          assert.match(error.message, cause);
          return true;
        });
      }

      it('a cut-off answer (length) is never parsed: its own feedback and message', async () => {
        const cut: FakeReply = { content: '{"name": "make_todo", "arguments": {"title": "Write tests", "priority": "hi', doneReason: 'length' };
        const feedback = await recovers(cut);
        assert.match(feedback, /at \$: the answer was cut off after \d+ tokens/);
        assert.match(feedback, /shorter answer/);
        await failsWith(cut, /cut off after \d+ tokens/);
      });

      it('a cut-off answer whose text happens to parse is still not taken', async () => {
        h.reply((_, index) => (index === 0 ? { content: JSON.stringify({ title: 'Half', priority: 'low' }), doneReason: 'length' } : call));
        const { value, record } = await typedCall(h.provider(), spec());
        assert.deepEqual(value, good);
        assert.equal(record.attempts, 2);
      });

      it('an oversized answer is not read, not echoed back whole, and not blamed on the prompt', async () => {
        const huge: FakeReply = { content: `{"title": "${'very '.repeat(70_000)}", "priority": "low"}` };
        const feedback = await recovers(huge);
        assert.match(feedback, /at \$: the answer was 350,\d{3} characters long \(about [\d,]+ tokens\), far more than this task needs/);
        assert.ok(assistant(h.chatRequests()[1]!).length < 2_000, 'the retry carries an excerpt, not 350 KB');
        await failsWith(huge, /characters long/);
      });

      if (!stream) {
        it('a 5 MB answer is reported as an oversized answer, not as a prompt too large for the model', async () => {
          const five = { content: `{"title": "${'x'.repeat(5 * 1024 * 1024)}", "priority": "low"}` };
          h.reply(() => five);
          await assert.rejects(typedCall(h.provider(), spec({ retryBudget: 1 })), (error: unknown) => {
            assert.ok(error instanceof TypedCallError, String(error));
            assert.match(error.message, /the answer was 5,242,\d{3} characters long/);
            assert.doesNotMatch(error.message, /prompt needs/);
            return true;
          });
          assert.ok(JSON.stringify(h.chatRequests()[1]!.messages).length < 5_000);
        });
      }

      it('reasoning without an answer says so', async () => {
        const feedback = await recovers({ thinking: 'The user wants a todo. {title: maybe "tests"} Let me think more.', content: '' });
        assert.match(feedback, /at \$: the model reasoned \(\d+ characters\) but gave no answer/);
        await failsWith({ thinking: 'Hmm.', content: '' }, /reasoned .* but gave no answer/);
      });

      it('prose where a tool call was asked says so', async () => {
        const feedback = await recovers({ content: 'Sure, I would make a todo called Write tests with high priority.' });
        assert.match(feedback, /at \$: the model answered in prose instead of calling `make_todo`/);
        await failsWith({ content: 'I cannot decide.' }, /answered in prose instead of calling/);
      });

      const readable: [string, string][] = [
        ['inline reasoning holding braces, then a fenced call', `<think>Maybe {"title": "x"}? No: {{ high }}</think>\n\`\`\`json\n{"name": "make_todo", "arguments": ${JSON.stringify(good)}}\n\`\`\``],
        ['the call in prose after a bracket', `Here [as asked] is my answer: {"name": "make_todo", "arguments": ${JSON.stringify(good)}} Hope it helps.`],
        ['repairable JSON (trailing comma, comment, Python literal)', '{"title": "Write tests", // the title\n "priority": "high",}'],
      ];
      for (const [what, content] of readable) {
        it(`reads ${what} on the first attempt`, async () => {
          h.reply(() => ({ content }));
          const { value, record } = await typedCall(h.provider(), spec());
          assert.deepEqual(value, good);
          assert.equal(record.attempts, 1);
        });
      }

      it('keeps separate reasoning out of the answer and in the record for the log', async () => {
        h.reply(() => ({ ...call, thinking: 'A todo about tests; priority high since {it matters}.' }));
        const { value, record } = await typedCall(h.provider(), spec());
        assert.deepEqual(value, good);
        assert.match(record.reasoning ?? '', /priority high since \{it matters\}/);
        if (name === 'ollama') assert.equal(h.chatRequests()[0]!.think, true, 'a model with the thinking capability is asked to think apart');
      });

      it('format mode: the schema goes out as the answer format, the answer is read and checked the same way', async () => {
        let sent: WireChatRequest | undefined;
        h.reply((request, index) => {
          sent ??= request;
          return { content: index === 0 ? JSON.stringify({ title: 'Write tests', priority: 'urgent' }) : JSON.stringify(good) };
        });
        const { value, record } = await typedCall(h.provider('format'), spec());
        assert.deepEqual(value, good);
        assert.equal(record.validationFailures, 1, 'the schema is checked after constrained decoding too');
        assert.equal(sent!.tools, undefined);
        const format = name === 'ollama' ? sent!.format : (sent as unknown as { response_format?: { json_schema?: { schema?: unknown } } }).response_format?.json_schema?.schema;
        assert.deepEqual(format, schema);
        assert.match(sent!.messages[0]!.content, /"calling the function `make_todo`" means answering with its arguments as one JSON object/);
        assert.match(lastUser(h.chatRequests()[1]!), /at \$\.priority: expected one of "low", "normal", "high", found "urgent"/);
      });

      if (stream) {
        it('a stream without its end is its own error, and is sent again', async () => {
          h.reply((_, index) => (index === 0 ? { content: 'x'.repeat(60), endWithoutDone: true } : call));
          await assert.rejects(h.provider().chat({ model: h.model, messages: [{ role: 'user', content: 'hi' }], stream: true }), (error: unknown) => {
            assert.ok(error instanceof ModelError && error.kind === 'unreachable' && error.connection === 'dropped');
            assert.match(error.message, /ended the stream before its final (line|event)/);
            return true;
          });
          const retried = withRetries(h.provider(), { retries: 2, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 10 });
          h.reply((_, index) => (index === 0 ? { content: 'x'.repeat(60), endWithoutDone: true } : call));
          const { value } = await typedCall(retried, spec());
          assert.deepEqual(value, good);
        });
      }
    });
  }
}
