import * as assert from 'node:assert/strict';
import type { ChatRequest, ChatResult, ModelProvider } from '../../../src/core/model/chat';
import { ollamaCatalog, describeCatalogModel } from '../../../src/core/model/modelCatalog';
import { REQUIREMENTS_TEMPLATE, requirementsFromDocument } from '../../../src/commands/requirementsDocument';
import { namedFix } from '../../../src/diagnostics/namedFix';
import { OllamaProvider } from '../../../src/core/model/ollamaProvider';
import { observedProvider } from '../../../src/pipeline/observedProvider';
import { describeEvent, errorWithCause } from '../../../src/pipeline/runLog';
import { FakeOllamaServer } from '../../fakes/fakeOllamaServer';

describe('editor helpers', () => {
  describe('observed provider', () => {
    const answer: ChatResult = { content: '', toolCalls: [{ name: 'define_data_model', arguments: { models: [] } }], usage: { inputTokens: 40, outputTokens: 9, counted: 'provider' } };
    const inner: ModelProvider = {
      id: 'scripted',
      label: 'inner',
      listModels: async () => [],
      describe: async (model) => ({ name: model, supportsTools: true }),
      chat: async (request: ChatRequest) => {
        request.onReasoning?.('Thinking. ');
        request.onText?.('{"mo');
        request.onToolArguments?.('dels"');
        return answer;
      },
    };
    const opening = [
      { role: 'system' as const, content: 'system' },
      { role: 'user' as const, content: 'task' },
    ];

    it('reports each request of a phase (a retry with its feedback), its streamed text and its answer', async () => {
      const heard: string[] = [];
      const theirs: string[] = [];
      const provider = observedProvider(inner, {
        request: (phase, target, feedback) => heard.push(`request ${phase} ${target} ${feedback ?? '-'}`),
        text: (_phase, _target, delta) => heard.push(`text ${delta}`),
        answered: (_phase, _target, result) => heard.push(`answered ${result.usage.inputTokens}`),
      });
      await provider.chat({ model: 'm', messages: opening, purpose: { agent: 'database', target: 'data_model' }, onText: (delta) => theirs.push(delta) });
      await provider.chat({
        model: 'm',
        messages: [...opening, { role: 'assistant', content: '{}' }, { role: 'user', content: 'Your answer has 1 problem(s)' }],
        purpose: { agent: 'database', target: 'data_model' },
      });
      // Not a phase's request (the doctor's round trip): passed through unseen.
      await provider.chat({ model: 'm', messages: opening, purpose: { agent: 'doctor', target: 'sum' } });
      assert.deepEqual(heard, [
        'request database data_model -',
        'text Thinking. ',
        'text {"mo',
        'text dels"',
        'answered 40',
        'request database data_model Your answer has 1 problem(s)',
        'text Thinking. ',
        'text {"mo',
        'text dels"',
        'answered 40',
      ]);
      assert.deepEqual(theirs, ['{"mo'], "the caller's own text callback still hears the stream");
    });
  });

  it("Ollama streams a thinking model's reasoning to onReasoning as it arrives, apart from the answer", async () => {
    const server = await new FakeOllamaServer([{ name: 'qwen3:8b', capabilities: ['completion', 'tools', 'thinking'], contextLength: 32768 }]).start();
    try {
      server.responder = () => ({ thinking: 'The user wants a todo list; members own their todos.', content: 'done' });
      const reasoning: string[] = [];
      const result = await new OllamaProvider({ host: server.url }).chat({ model: 'qwen3:8b', messages: [{ role: 'user', content: 'hi' }], stream: true, onReasoning: (delta) => reasoning.push(delta) });
      assert.ok(reasoning.length > 1, 'in pieces');
      assert.equal(reasoning.join(''), 'The user wants a todo list; members own their todos.');
      assert.equal(result.content, 'done');
    } finally {
      await server.stop();
    }
  });

  describe('log lines', () => {
    it('says one line per call at info: phase, target, attempts, tokens, seconds', () => {
      const line = describeEvent({
        type: 'call',
        phase: 'interface',
        record: { agent: 'interface', target: 'module todos', model: 'm', ok: true, attempts: 3, parseFailures: 0, validationFailures: 2, inputTokens: 1234, outputTokens: 321, tokens: 'provider', durationMs: 4200 },
      });
      assert.deepEqual(line, { level: 'info', text: 'Interface call module todos: ok, 3 attempt(s), 1234 tokens in, 321 out, 4.2 s' });
    });

    it('logs a failed call and a failed phase as errors with their causes', () => {
      const call = describeEvent({
        type: 'call',
        phase: 'test',
        record: { agent: 'test', target: 'scenarios createTodo', model: 'm', ok: false, attempts: 1, parseFailures: 0, validationFailures: 0, inputTokens: 0, outputTokens: 0, tokens: 'provider', durationMs: 10, error: 'Ollama answered 503: server busy' },
      });
      assert.equal(call!.level, 'error');
      assert.match(call!.text, /: Ollama answered 503: server busy$/);
      const phase = describeEvent({ type: 'phase-finished', phase: 'realize', ok: false, issues: [{ severity: 'error', source: 'typescript', file: 'src/a.ts', message: 'bad' }], files: [], totals: { calls: 1, succeeded: 0, firstTry: 0, attempts: 1, parseFailures: 0, validationFailures: 1, inputTokens: 0, outputTokens: 0, durationMs: 0 } });
      assert.equal(phase!.level, 'error');
      assert.match(phase!.text, /\n {2}src\/a\.ts: bad$/);
      const cause = new Error('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:11434') });
      assert.match(errorWithCause(cause), /^fetch failed\n {2}caused by: connect ECONNREFUSED 127\.0\.0\.1:11434\n/);
    });
  });

  describe('requirements document', () => {
    it('holds nothing to run while only the template is there', () => {
      assert.equal(requirementsFromDocument(REQUIREMENTS_TEMPLATE), undefined);
      assert.equal(requirementsFromDocument('# Requirements\n\n- \n'), undefined);
    });

    it('gives the text without the template comment once something is said', () => {
      const text = REQUIREMENTS_TEMPLATE.replace('## Who uses it\n\n- ', '## Who uses it\n\n- Members sign up and log in.');
      const requirements = requirementsFromDocument(text)!;
      assert.match(requirements, /- Members sign up and log in\./);
      assert.doesNotMatch(requirements, /<!--|Strata reads this file/);
    });
  });

  it('offers a quick fix only where the message names exactly one', () => {
    assert.equal(namedFix("Property 'titel' does not exist on type '{ id: string; title: string; }'. Did you mean 'title'?"), 'title');
    assert.equal(namedFix("Cannot find name 'Todo'."), undefined);
  });

  describe('model catalog', () => {
    const server = new FakeOllamaServer([
      { name: 'qwen2.5-coder:7b', capabilities: ['completion', 'tools'], contextLength: 32768 },
      { name: 'deepseek-r1:8b', capabilities: ['completion', 'thinking'], contextLength: 131072 },
    ]);
    before(() => server.start());
    after(() => server.stop());

    it('lists size, quantisation, tools, thinking and context length from /api/tags and /api/show', async () => {
      const models = await ollamaCatalog(server.url, 5000);
      assert.deepEqual(
        models.map((model) => [model.name, describeCatalogModel(model)]),
        [
          ['deepseek-r1:8b', '7.6B · Q4_K_M · 4.7 GB · no tools (JSON format mode) · thinking · 128K context'],
          ['qwen2.5-coder:7b', '7.6B · Q4_K_M · 4.7 GB · tools · 32K context'],
        ],
      );
    });

    it('lists a model whose /api/show fails without its capabilities', async () => {
      server.failNext('POST /api/show', { status: 500 });
      const models = await ollamaCatalog(server.url, 5000);
      assert.equal(models.length, 2);
      assert.equal(models.filter((model) => model.supportsTools === undefined).length, 1);
    });
  });
});
