import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../../src/core/config/settings';
import type { Issue } from '../../../src/core/diagnostics/issue';
import { FEEDBACK_TOKENS, mergeReply, partOf, partsAskedBy, partsSchema, partsToAsk } from '../../../src/core/model/answerParts';
import type { ChatRequest, JsonSchema } from '../../../src/core/model/chat';
import { createProvider } from '../../../src/core/model/createProvider';
import { SMALL_MODEL_WINDOW } from '../../../src/core/model/contextWindow';
import { checkAgainstSchema } from '../../../src/core/model/schemaCheck';
import { typedCall } from '../../../src/core/model/typedCall';
import { FakeOllamaServer, type WireChatRequest } from '../../fakes/fakeOllamaServer';
import { ScriptedModel } from '../../fakes/scriptedModel';

/** A module's answer as Realize asks for it: shared helpers and one body per method. */
type Module = { helpers: string; operations: { id: string; body: string }[] };

const schema: JsonSchema = {
  type: 'object',
  required: ['helpers', 'operations'],
  additionalProperties: false,
  properties: {
    helpers: { type: 'string' },
    operations: {
      type: 'array',
      items: { type: 'object', required: ['id', 'body'], additionalProperties: false, properties: { id: { type: 'string' }, body: { type: 'string' } } },
    },
  },
};

const HELPERS = `function shared(): number {\n  return ${'1 + '.repeat(200)}1;\n}`;
const right = (): Module => ({
  helpers: HELPERS,
  operations: ['listA', 'getA', 'createA', 'deleteA'].map((id) => ({ id, body: `return this.${id}Impl(); // ${'x'.repeat(120)}` })),
});

/** Every body must call its own implementation; `broken` marks one that does not. */
const validate = (value: Module): Issue[] =>
  value.operations.flatMap((operation, index) =>
    operation.body.includes(`this.${operation.id}Impl()`) ? [] : [{ severity: 'error' as const, source: 'test', path: `$.operations[${index}].body`, message: `line 1: ${operation.id} must call this.${operation.id}Impl()` }],
  );

const broken = (module: Module, index: number): Module => {
  const copy = structuredClone(module);
  copy.operations[index]!.body = 'return undefined;';
  return copy;
};

/** A model answering from a list, whatever it is asked; the requests kept. */
function listed(answers: unknown[]): { model: ScriptedModel; requests: ChatRequest[] } {
  let i = 0;
  const model = new ScriptedModel(() => answers[Math.min(i++, answers.length - 1)]);
  const requests: ChatRequest[] = [];
  const chat = model.chat.bind(model);
  // Answers exactly what the list says (the list plays the model), parts or whole.
  model.chat = (request) => (requests.push(request), chat({ ...request, tool: { ...request.tool!, parameters: {} } }));
  return { model, requests };
}

const call = (model: ScriptedModel) =>
  typedCall<Module>(model, { agent: 'realize', target: 'module a', model: 'm', system: 's', prompt: 'p', tool: { name: 'implement_module', description: 'd' }, schema, validate, retryBudget: 4 });

describe('retries ask only for the failing parts of an answer', () => {
  describe('paths to parts', () => {
    it('a problem is fixed in the array item that holds it, or outside arrays in its top-level property', () => {
      assert.equal(partOf('$.operations[3].body'), '$.operations[3]');
      assert.equal(partOf('$.dtos[4].properties[1].name'), '$.dtos[4]');
      assert.equal(partOf('$.helpers'), '$.helpers');
      assert.equal(partOf('$.auth.login.path'), '$.auth');
      assert.equal(partOf('$'), '$');
      assert.equal(partOf(undefined), '$');
    });

    it('asks for the whole answer where a part will not do: a problem at $, a property the schema lacks, or every property', () => {
      const value = right();
      assert.deepEqual(partsToAsk(['$.operations[1].body', '$.operations[1].id', '$.operations[2].body'], value, schema), ['$.operations[1]', '$.operations[2]']);
      assert.equal(partsToAsk(['$.operations[1].body', '$'], value, schema), undefined);
      assert.equal(partsToAsk(['$.extra'], { ...value, extra: 1 }, schema), undefined);
      assert.equal(partsToAsk(['$.helpers', '$.operations'], value, schema), undefined);
    });

    it('asks for the parts while they fit the window beside the task, twice (shown and answered), or up to half the answer; the rest comes next', () => {
      const value = right();
      const methods = ['$.operations[0].body', '$.operations[1].body', '$.operations[2].body', '$.operations[3].body'];
      // A short task: every failing part fits.
      assert.deepEqual(partsToAsk(['$.helpers', ...methods], value, schema, 1000), ['$.helpers', '$.operations[0]', '$.operations[1]', '$.operations[2]', '$.operations[3]']);
      // A task that fills the window: half the answer at most, and always the first part (the helpers are the larger half).
      const full = SMALL_MODEL_WINDOW - FEEDBACK_TOKENS;
      assert.deepEqual(partsToAsk(['$.helpers', ...methods], value, schema, full), ['$.helpers']);
      // Four methods of ~45 tokens and short helpers: two methods are half of it.
      assert.deepEqual(partsToAsk(methods, { ...value, helpers: 'const x = 1;' }, schema, full), ['$.operations[0]', '$.operations[1]']);
    });
  });

  describe('merging a reply', () => {
    const previous = broken(right(), 2);
    const parts = ['$.operations[2]'];

    it('puts each part back at its path and leaves the rest as it was', () => {
      const reply = mergeReply(previous, { '$.operations[2]': right().operations[2] }, parts, schema);
      assert.equal(reply.kind, 'merged');
      assert.deepEqual(reply.kind === 'merged' && reply.value, right());
      assert.equal(previous.operations[2]!.body, 'return undefined;', 'the earlier answer is not changed in place');
    });

    it('takes the whole answer given again as the whole answer', () => {
      assert.deepEqual(mergeReply(previous, right(), parts, schema), { kind: 'whole', value: right() });
    });

    it('ignores a part under a path it did not ask for, and a reply without any asked part is unusable', () => {
      const misnamed = mergeReply(previous, { '$.operations[2]': right().operations[2], '$.operations[3]': { id: 'deleteA', body: 'oops' } }, parts, schema);
      assert.deepEqual(misnamed.kind === 'merged' && [misnamed.value, misnamed.ignored], [right(), ['$.operations[3]']]);
      assert.deepEqual(mergeReply(previous, { '$.operations[1]': right().operations[2] }, parts, schema), { kind: 'unusable', ignored: ['$.operations[1]'] });
      assert.deepEqual(mergeReply(previous, 'not an object', parts, schema), { kind: 'unusable', ignored: [] });
      // A key written without its `$.` is the asked path all the same.
      assert.deepEqual(mergeReply(previous, { 'operations[2]': right().operations[2] }, parts, schema).kind, 'merged');
    });

    it('the schema of a reply holds just the asked parts, items of one array sharing one definition, and Ajv checks a reply with it', () => {
      const asked = ['$.helpers', '$.operations[0]', '$.operations[2]'];
      const partial = partsSchema(schema, asked);
      assert.deepEqual(partsAskedBy(partial), asked);
      assert.equal(partsAskedBy(schema), undefined);
      assert.deepEqual(partial.required, asked);
      const text = JSON.stringify(partial);
      assert.equal(text.split('"body":{').length - 1, 1, 'the method schema appears once');
      const reply = { '$.helpers': 'const x = 1;', '$.operations[0]': { id: 'listA', body: 'b' }, '$.operations[2]': { id: 'createA', body: 'b' } };
      assert.deepEqual(checkAgainstSchema(partial, reply), []);
      assert.deepEqual(
        checkAgainstSchema(partial, { ...reply, '$.operations[2]': { id: 'createA' } }).map((error) => error.path),
        ['$["$.operations[2]"].body'],
      );
    });
  });

  describe('the typed-call loop', () => {
    it('a retry carries only the failing part (with the feedback) under a schema of that part, and the reply is merged into the answer', async () => {
      const { model, requests } = listed([broken(right(), 2), { '$.operations[2]': right().operations[2] }]);
      const result = await call(model);
      assert.deepEqual(result.value, right());
      assert.deepEqual([result.record.attempts, result.record.validationFailures], [2, 1]);
      const retry = requests[1]!;
      assert.equal(retry.messages.length, 4);
      const shown = retry.messages[2]!;
      assert.equal(shown.role, 'assistant');
      assert.deepEqual(JSON.parse(shown.content), { '$.operations[2]': { id: 'createA', body: 'return undefined;' } });
      assert.doesNotMatch(JSON.stringify(retry.messages), /function shared/, 'the helpers, which are right, are not sent again');
      assert.match(retry.messages[3]!.content, /- at \$\.operations\[2\]\.body: line 1: createA must call this\.createAImpl\(\)\n/);
      assert.match(retry.messages[3]!.content, /again with a replacement for each of these parts, as one object keyed by their paths \("\$\.operations\[2\]"\)/);
      assert.deepEqual(partsAskedBy(retry.tool!.parameters), ['$.operations[2]']);
    });

    it('a model that answers a partial retry with the whole answer is taken at its word', async () => {
      const { model } = listed([broken(right(), 2), right()]);
      assert.deepEqual((await call(model)).value, right());
    });

    it('a part under a wrong path is not used (the answer keeps what it had there) and the same part is asked again', async () => {
      const { model, requests } = listed([broken(right(), 2), { '$.operations[3]': right().operations[2] }, { '$.operations[2]': right().operations[2] }]);
      const result = await call(model);
      assert.deepEqual(result.value, right(), 'operations[3] was never overwritten');
      assert.equal(result.record.attempts, 3);
      assert.match(requests[2]!.messages[3]!.content, /none of the parts asked for, keyed by their paths \(\$\.operations\[2\]\); it gave \$\.operations\[3\]/);
      assert.deepEqual(partsAskedBy(requests[2]!.tool!.parameters), ['$.operations[2]']);
    });

    it('a retry after a fix in one part recalls it as settled while it asks for the next', async () => {
      const twoBroken = broken(broken(right(), 1), 3);
      // Fixes [1] but not [3] (what a model does that fixes some of what it is told), then [3].
      const { model, requests } = listed([twoBroken, { '$.operations[1]': right().operations[1], '$.operations[3]': twoBroken.operations[3] }, { '$.operations[3]': right().operations[3] }]);
      assert.deepEqual((await call(model)).value, right());
      assert.deepEqual(partsAskedBy(requests[2]!.tool!.parameters), ['$.operations[3]']);
      assert.match(requests[2]!.messages[3]!.content, /Fixed in your earlier answers of this call \(keep them so\):\n- at \$\.operations\[1\]\.body: line 1: getA must call this\.getAImpl\(\)$/);
    });

    it('in format mode (Ollama without tools) the retry constrains the answer to the parts\' schema, and the parts come back as content', async () => {
      const server = await new FakeOllamaServer([{ name: 'gemma3:4b', capabilities: ['completion'], contextLength: 32768 }]).start();
      server.responder = (request: WireChatRequest) => {
        const asked = partsAskedBy(request.format as JsonSchema);
        return { content: JSON.stringify(asked ? { '$.operations[2]': right().operations[2] } : broken(right(), 2)) };
      };
      try {
        const provider = createProvider({ ...DEFAULT_SETTINGS, model: 'gemma3:4b', ollamaHost: server.url, outputMode: 'format' }, undefined);
        const result = await typedCall<Module>(provider, { agent: 'realize', target: 'module a', model: 'gemma3:4b', system: 's', prompt: 'p', tool: { name: 'implement_module', description: 'd' }, schema, validate, retryBudget: 4 });
        assert.deepEqual(result.value, right());
        const [first, retry] = server.chatRequests;
        assert.deepEqual(first!.format, schema);
        assert.equal(retry!.tools, undefined);
        assert.deepEqual((retry!.format as JsonSchema).required, ['$.operations[2]']);
        assert.match(retry!.messages[0]!.content, /Its arguments' JSON schema: \{"title":"replacements for parts of an earlier answer/);
      } finally {
        await server.stop();
      }
    });
  });
});
