import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_SETTINGS, type OutputModeSetting } from '../../../src/core/config/settings';
import type { CallRecord } from '../../../src/core/model/accounting';
import { createProvider } from '../../../src/core/model/createProvider';
import { generateBackend } from '../../../src/core/backend/generate';
import { MemoryProjectFiles } from '../../../src/core/project/projectFiles';
import { type FakeModel, FakeOllamaServer, type FakeReply, type WireChatRequest } from '../../fakes/fakeOllamaServer';
import { fixtureResponder, phaseOf } from '../../fakes/fixtureResponder';
import { ScriptedModel } from '../../fakes/scriptedModel';
import { TODO_REQUIREMENTS, TODO_SCRIPTED } from '../../fixtures/todo/fixtures';

/**
 * The todo app generated through the fake Ollama while each phase's first answer fails the way real
 * local models fail. Every run must end with the same backend as the scripted model writes, each
 * failure costing at most one attempt of its phase.
 */
type Fault = (normal: FakeReply, request: WireChatRequest) => FakeReply;

/** The call a normal reply makes, written out as text (tools) or as it came (format). */
const asText = (normal: FakeReply): string =>
  normal.toolCalls?.length ? JSON.stringify({ name: normal.toolCalls[0]!.name, arguments: normal.toolCalls[0]!.arguments }) : (normal.content ?? '');

const FAULTS: Record<string, Fault> = {
  'reasoning without an answer': () => ({ thinking: 'The actors are {users}; I should list the requirements [first]…', content: '' }),
  'prose instead of a call': () => ({ content: 'I would model users and todos, each todo owned by one user.' }),
  'a stream that ends without its last line': (normal) => ({ ...normal, endWithoutDone: true }),
  'inline reasoning with braces, then the call fenced with a trailing comma and a comment': (normal) => ({
    content: `<think>Maybe {"name": "draft"} first? No: {{ just answer }}</think>\n\`\`\`json\n// the call\n${asText(normal).replace(/}$/, ',}')}\n\`\`\``,
  }),
  'a cut-off by num_predict': (normal) => ({ content: asText(normal).slice(0, 200), doneReason: 'length' }),
  'an oversized answer': () => ({ content: `{"notes": "${'and again '.repeat(30_000)}"}` }),
  'JSON after a bracket in prose': (normal) => ({ content: `[draft 2] Here is my answer: ${asText(normal)} Let me know.` }),
};

/** Each phase's first request gets its fault; `always` phases get theirs on every request. */
function faultyResponder(faults: Partial<Record<string, string>>, always: Partial<Record<string, Fault>> = {}): (request: WireChatRequest) => FakeReply {
  const normal = fixtureResponder(TODO_SCRIPTED);
  const seen = new Set<string>();
  return (request) => {
    const phase = phaseOf(request) ?? '';
    const reply = normal(request);
    if (always[phase]) return always[phase]!(reply, request);
    const fault = faults[phase];
    if (!fault || seen.has(phase)) return reply;
    seen.add(phase);
    return FAULTS[fault]!(reply, request);
  };
}

async function generateThrough(model: FakeModel, responder: (request: WireChatRequest) => FakeReply, outputMode: OutputModeSetting = 'auto', configure?: (server: FakeOllamaServer) => void) {
  const server = await new FakeOllamaServer([model]).start();
  configure?.(server);
  server.responder = responder;
  const records: CallRecord[] = [];
  try {
    const settings = { ...DEFAULT_SETTINGS, model: model.name, ollamaHost: server.url, outputMode };
    const target = new MemoryProjectFiles();
    const summary = await generateBackend({
      requirements: readFileSync(TODO_REQUIREMENTS, 'utf8'),
      target,
      provider: createProvider(settings, undefined),
      settings,
      onEvent: (event) => event.type === 'call' && records.push(event.record),
    });
    return { summary, target, records, requests: server.chatRequests };
  } finally {
    await server.stop();
  }
}

let scripted: Map<string, string>;
/** Files of the backend, without Strata's own records (which name the model). */
const backend = (files: Map<string, string>) => new Map([...files].filter(([file]) => !file.startsWith('.strata/')));

describe('the todo app through the fake Ollama, surviving what local models do', function () {
  this.timeout(120_000);

  before(async () => {
    const target = new MemoryProjectFiles();
    const summary = await generateBackend({ requirements: readFileSync(TODO_REQUIREMENTS, 'utf8'), target, provider: new ScriptedModel(TODO_SCRIPTED), settings: { ...DEFAULT_SETTINGS, model: 'scripted' } });
    assert.equal(summary.outcome, 'succeeded');
    scripted = backend(target.files);
  });

  it('tools and thinking: reasoning only, prose, a window too small for the reasoning, a stream without its end, reasoning and repairable JSON in text', async () => {
    const faults = {
      analyze: 'reasoning without an answer',
      database: 'prose instead of a call',
      test: 'a stream that ends without its last line',
      realize: 'inline reasoning with braces, then the call fenced with a trailing comma and a comment',
    };
    // The Interface phase reasons at length on every request: ~10,000 tokens that the first window cannot hold.
    const reasonsAtLength: Fault = (normal) => ({ ...normal, thinking: 'Which routes does a todo app need? {GET /todos} … '.repeat(800) });
    const run = await generateThrough(
      { name: 'qwen3:8b', capabilities: ['completion', 'tools', 'thinking'], contextLength: 32768 },
      faultyResponder(faults, { interface: reasonsAtLength }),
    );
    assert.equal(run.summary.outcome, 'succeeded', JSON.stringify(run.summary.issues));
    assert.deepEqual(backend(run.target.files), scripted, 'the same backend as the scripted model writes');
    const byAgent = (agent: string) => run.records.filter((record) => record.agent === agent);
    for (const agent of ['analyze', 'database']) assert.deepEqual(byAgent(agent).map((record) => [record.attempts, record.parseFailures]), [[2, 1]], agent);
    assert.deepEqual(byAgent('realize').map((record) => record.attempts), [1], 'reasoning and repairable JSON are read the first time');
    const interfaceWindows = run.requests.filter((request) => phaseOf(request) === 'interface').map((request) => request.options!.num_ctx!);
    assert.ok(interfaceWindows.length >= 2 && interfaceWindows.at(-1)! > interfaceWindows[0]!, `the interface call was asked again in a larger window: ${interfaceWindows.join(', ')}`);
    // The plan and the todos module's two calls.
    assert.deepEqual(byAgent('interface').map((record) => record.attempts), [1, 1, 1]);
    for (const record of byAgent('interface')) assert.match(record.reasoning ?? '', /Which routes does a todo app need/);
    assert.ok(run.requests.every((request) => request.think === true && request.tools?.length === 1 && request.format === undefined));
  });

  it('format mode (a model without tools): an oversized answer, a num_predict cut-off, JSON in prose, inline reasoning', async () => {
    const faults = {
      analyze: 'an oversized answer',
      database: 'a cut-off by num_predict',
      interface: 'JSON after a bracket in prose',
      test: 'inline reasoning with braces, then the call fenced with a trailing comma and a comment',
    };
    const run = await generateThrough({ name: 'gemma3:4b', capabilities: ['completion'], contextLength: 131072 }, faultyResponder(faults), 'auto', (server) => {
      // A server that lets an answer run past its window, so the oversized answer arrives whole.
      server.cutAtContext = false;
    });
    assert.equal(run.summary.outcome, 'succeeded', JSON.stringify(run.summary.issues));
    assert.deepEqual(backend(run.target.files), scripted);
    const failures = (agent: string) => run.records.filter((record) => record.agent === agent).map((record) => record.parseFailures);
    assert.deepEqual(failures('analyze'), [1]);
    assert.deepEqual(failures('database'), [1]);
    assert.deepEqual(failures('interface'), [0, 0, 0]);
    assert.ok(failures('test').every((count) => count === 0));
    assert.ok(run.requests.every((request) => request.tools === undefined && typeof request.format === 'object' && request.think === undefined));
    const analyzeRetry = run.requests.filter((request) => phaseOf(request) === 'analyze')[1]!;
    assert.ok(JSON.stringify(analyzeRetry.messages).length < 40_000, 'the oversized answer is not sent back whole');
  });
});
