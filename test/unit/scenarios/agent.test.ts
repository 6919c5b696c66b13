import * as assert from 'node:assert/strict';
import { nestPrisma } from '../../../src/core/target/nest-prisma';
import { DEFAULT_SETTINGS } from '../../../src/core/config/settings';
import type { InterfaceArtifact } from '../../../src/core/interface/types';
import type { ChatRequest } from '../../../src/core/model/chat';
import type { PipelineEvent } from '../../../src/core/pipeline/events';
import type { Phase, PhaseResult } from '../../../src/core/pipeline/phase';
import type { PhaseId } from '../../../src/core/phaseId';
import { runPipeline } from '../../../src/core/pipeline/pipeline';
import { MemoryProjectFiles } from '../../../src/core/project/projectFiles';
import { TestPhase } from '../../../src/core/scenarios/agent';
import { RETRY_ROOM } from '../../../src/core/model/callPlan';
import { SMALL_MODEL_WINDOW } from '../../../src/core/model/contextWindow';
import { estimatePromptTokens } from '../../../src/core/model/tokens';
import { TEST_SYSTEM } from '../../../src/core/scenarios/prompt';
import { TEST_SCHEMA } from '../../../src/core/scenarios/schema';
import type { TestArtifact, TestScenario } from '../../../src/core/scenarios/types';
import { ScriptedModel } from '../../fakes/scriptedModel';
import { WeakModel } from '../../fakes/weakModel';
import { todoAnalysis } from '../../fixtures/todo/analyzeArtifact';
import { todoArtifact } from '../../fixtures/todo/databaseArtifact';
import { scriptedApi, TODO_SCRIPTED, scriptedScenarios } from '../../fixtures/todo/fixtures';

const settings = { ...DEFAULT_SETTINGS, retryBudget: 5 };
const todoApi = (): InterfaceArtifact => scriptedApi();
const todoScenarios = (): TestArtifact => scriptedScenarios('todos');

/** Stands in for an earlier phase of the run: hands over a fixed artifact. */
class Earlier implements Phase {
  constructor(
    readonly id: PhaseId,
    private readonly artifact: unknown,
  ) {}

  async run(): Promise<PhaseResult> {
    return { artifact: this.artifact, files: new Map(), issues: [] };
  }
}

const earlier = (api: InterfaceArtifact = todoApi()): Phase[] => [new Earlier('analyze', todoAnalysis()), new Earlier('database', todoArtifact()), new Earlier('interface', api)];

/** Records the prompts the model is given, by target. */
function recordPrompts(model: ScriptedModel): Map<string, string> {
  const prompts = new Map<string, string>();
  const chat = model.chat.bind(model);
  model.chat = async (request: ChatRequest) => {
    prompts.set(request.purpose!.target, request.messages.at(-1)!.content);
    return chat(request);
  };
  return prompts;
}

describe('test phase: agent', () => {
  it('asks for the scenarios of each operation from the fixture, saves them and writes the test files', async () => {
    const model = new ScriptedModel(TODO_SCRIPTED);
    const prompts = recordPrompts(model);
    const events: PipelineEvent[] = [];
    const target = new MemoryProjectFiles();
    const result = await runPipeline([...earlier(), new TestPhase(nestPrisma)], { target, provider: model, settings, onEvent: (event) => events.push(event) });
    assert.equal(result.outcome, 'succeeded', JSON.stringify(result.issues));
    const operations = todoApi().operations.map((operation) => operation.id);
    assert.deepEqual(model.asked.map((purpose) => purpose.target).sort(), operations.map((id) => `scenarios ${id}`).sort());
    for (const file of ['test/support/server.ts', 'test/support/http.ts', 'test/auth.e2e.test.ts', 'test/todos.e2e.test.ts', '.strata/test.json']) {
      assert.ok(result.written.includes(file), file);
    }
    assert.deepEqual(JSON.parse((await target.read('.strata/test.json'))!), todoScenarios());
    const progress = events.filter((event) => event.type === 'progress' && event.phase === 'test').map((event) => event.type === 'progress' && event.completed);
    assert.deepEqual(progress, [0, 1, 2, 3, 4, 5]);

    const prompt = prompts.get('scenarios listTodos')!;
    assert.match(prompt, /^Write the scenarios of listTodos: at least one success/);
    assert.match(prompt, /Operation to test:\n- listTodos: GET \/todos, by member \(own records\)\. List the caller's todos, filtered, sorted and paged\. Takes query TodoListQuery\. Answers 200 with TodoPage\./);
    // Set-up operations: the writes of the tables it reads, in one line each; never the other reads.
    assert.match(prompt, /- createTodo: POST \/todos, by member\. Takes body CreateTodoBody\. Answers 201 Todo\./);
    assert.match(prompt, /- deleteTodo: DELETE \/todos\/\{id\}, by member\. Takes path id\. Answers 204\./);
    assert.doesNotMatch(prompt, /- getTodo:/);
    assert.match(prompt, /- pageSize: integer, 1\.\.100, optional, default 20\n/);
    assert.match(prompt, /- title: string, 1-200 characters\n/);
    assert.match(prompt, /- member: a fresh account per scenario; \$session\.id, \$session\.email, \$session\.password\./);
    assert.match(prompt, /- A todo is overdue when its due date has passed and it is not done\./);
    assert.doesNotMatch(prompt, /An email can be registered only once/, 'only the section the operation serves');
    // What set-up steps answer is named, not described, unless the operation's own DTOs describe it.
    assert.match(prompts.get('scenarios deleteTodo')!, /What the given steps answer \(refer to a field as "\$<step name>\.<field>"\):\n(- .*\n)*- Todo: id, title, description, dueAt, done, createdAt, updatedAt\n/);
  });

  it('asks once per operation, side by side, and merges the scenarios in the order of the API', async () => {
    const api = todoApi();
    api.dtos.push({ name: 'Health', kind: 'response', description: 'Up or not.', properties: [{ name: 'ok', type: 'boolean' }] });
    api.operations.push({ id: 'health', module: 'status', section: 'status', summary: 'Is it up?', method: 'GET', path: '/health', actor: 'guest', params: [], response: 'Health', status: 200, errors: [] });
    const health: TestArtifact = { scenarios: [{ operation: 'health', title: 'says it is up', given: [], request: {}, expect: { status: 200, body: { ok: true } } }] };
    let running = 0;
    let most = 0;
    const model = new ScriptedModel((_agent, target) => (target === 'scenarios health' ? health : { scenarios: todoScenarios().scenarios.filter((scenario) => target === `scenarios ${scenario.operation}`) }));
    const chat = model.chat.bind(model);
    model.chat = async (request) => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 20));
      running--;
      return chat(request);
    };
    const target = new MemoryProjectFiles();
    const result = await runPipeline([...earlier(api), new TestPhase(nestPrisma)], { target, provider: model, settings: { ...settings, concurrency: 2 } });
    assert.equal(result.outcome, 'succeeded', JSON.stringify(result.issues));
    assert.equal(model.asked.length, 6);
    assert.equal(most, 2, 'two operations are asked at the same time, as the concurrency allows');
    const saved = JSON.parse((await target.read('.strata/test.json'))!) as TestArtifact;
    assert.deepEqual(saved.scenarios.map((scenario) => scenario.operation), [...todoScenarios().scenarios.map((scenario) => scenario.operation), 'health']);
    assert.ok(result.written.includes('test/status.e2e.test.ts'));
  });

  it('asks an operation whose scenarios would not fit a small window in parts: its successes, then its refusals in groups, merged back in order', async () => {
    const api = todoApi();
    const update = api.operations.find((operation) => operation.id === 'updateTodo')!;
    const codes = Array.from({ length: 20 }, (_, i) => `rule-${i + 1}-broken`);
    update.refusals = codes.map((code) => ({ code, status: 409, message: `The todo breaks the ${code} rule of the house, which says a great many things about todos` }));
    const successes = todoScenarios().scenarios.filter((scenario) => scenario.operation === 'updateTodo');
    const refusal = (code: string): TestScenario => ({
      operation: 'updateTodo',
      title: `refuses what ${code} forbids`,
      given: [{ name: 'todo', operation: 'createTodo', body: { title: 'Water plants' } }],
      request: { params: { id: '$todo.id' }, body: { done: true } },
      expect: { status: 409, refusal: code },
    });
    const model = new ScriptedModel(TODO_SCRIPTED);
    const prompts = recordPrompts(model);
    const chat = model.chat.bind(model);
    // Answers a part with what its tool description asks for: the successes, or the refusals it names.
    model.chat = async (request: ChatRequest) => {
      if (!request.purpose!.target.startsWith('scenarios updateTodo')) return chat(request);
      prompts.set(request.purpose!.target, request.messages.at(-1)!.content);
      const asked = request.tool!.description!;
      const named = [...asked.matchAll(/"(rule-\d+-broken)"/g)].map((match) => match[1]!);
      const scenarios = [...(/: its successes/.test(asked) ? successes : []), ...named.map(refusal)];
      return { content: '', toolCalls: [{ name: request.tool!.name, arguments: { scenarios } }], finishReason: 'stop', usage: { inputTokens: 0, outputTokens: 0, counted: 'estimate' } };
    };
    const target = new MemoryProjectFiles();
    const result = await runPipeline([...earlier(api), new TestPhase(nestPrisma)], { target, provider: model, settings });
    assert.equal(result.outcome, 'succeeded', JSON.stringify(result.issues.slice(0, 3)));
    const parts = [...prompts.keys()].filter((name) => name.startsWith('scenarios updateTodo')).sort();
    assert.ok(parts.length >= 3, parts.join('; '));
    assert.deepEqual(parts, parts.map((_, i) => `scenarios updateTodo, part ${i + 1} of ${parts.length}`));
    assert.match(prompts.get(parts[0]!)!, /^Write the scenarios of updateTodo that succeed: at least one, more where its rules are worth showing\. Its other refusals are asked for apart/);
    // Each later part names its own refusals, and together they are every refusal once, in order.
    const asked = parts.slice(1).map((part) => [...prompts.get(part)!.split('\n')[0]!.matchAll(/"(rule-\d+-broken)"/g)].map((match) => match[1]));
    assert.deepEqual(asked.flat(), codes);
    for (const part of parts) {
      assert.ok(estimatePromptTokens([{ role: 'system', content: TEST_SYSTEM }, { role: 'user', content: prompts.get(part)! }], TEST_SCHEMA) < SMALL_MODEL_WINDOW - RETRY_ROOM, part);
    }
    const saved = JSON.parse((await target.read('.strata/test.json'))!) as TestArtifact;
    assert.deepEqual(
      saved.scenarios.filter((scenario) => scenario.operation === 'updateTodo').map((scenario) => scenario.expect.refusal ?? scenario.title),
      [...successes.map((scenario) => scenario.title), ...codes],
    );
  });

  it('refuses a scenario of another operation in the answer for one operation', async () => {
    const model = new ScriptedModel(() => todoScenarios());
    const result = await runPipeline([...earlier(), new TestPhase(nestPrisma)], { target: new MemoryProjectFiles(), provider: model, settings: { ...settings, retryBudget: 0 } });
    assert.equal(result.outcome, 'failed');
    assert.ok(result.issues.some((issue) => /^here test only createTodo; listTodos is asked for on its own$/.test(issue.message)), JSON.stringify(result.issues.slice(0, 3)));
  });

  it('says which artifacts it needs when they are missing', async () => {
    const result = await runPipeline([new Earlier('database', todoArtifact()), new TestPhase(nestPrisma)], { target: new MemoryProjectFiles(), provider: new ScriptedModel(TODO_SCRIPTED), settings });
    assert.equal(result.outcome, 'failed');
    assert.equal(result.stoppedAt, 'test');
    assert.deepEqual(result.issues.map((issue) => issue.message), ['the Test phase needs the interface artifact of this run; run the interface phase first']);
  });

  it('fails with the located problems when the model keeps breaking a rule', async () => {
    const broken = todoScenarios();
    const get = broken.scenarios.findIndex((scenario) => scenario.operation === 'getTodo');
    broken.scenarios[get]!.request.params = { id: '$todoo.id' };
    const perOperation = new ScriptedModel((_agent, target) => ({ scenarios: broken.scenarios.filter((scenario) => target === `scenarios ${scenario.operation}`) }));
    const result = await runPipeline([...earlier(), new TestPhase(nestPrisma)], { target: new MemoryProjectFiles(), provider: perOperation, settings: { ...settings, retryBudget: 1 } });
    assert.equal(result.outcome, 'failed');
    assert.equal(result.issues.length, 1);
    assert.equal(result.issues[0]!.path, '$.scenarios[0].request.params.id', 'the path in the getTodo answer');
    assert.match(result.issues[0]!.message, /^"\$todoo\.id" refers to no earlier given step named "todoo"; refer to \$todo or \$session/);
  });

  it('converges with a weak model: the feedback names the damaged operation names and references', async () => {
    const scenarioReferences = (value: unknown): string[] =>
      ((value as TestArtifact | undefined)?.scenarios ?? []).flatMap((scenario, s) => [
        `$.scenarios[${s}].operation`,
        ...(scenario.given ?? []).map((_step, g) => `$.scenarios[${s}].given[${g}].operation`),
        ...(typeof scenario.request?.params?.id === 'string' ? [`$.scenarios[${s}].request.params.id`] : []),
      ]);
    for (const seed of [1, 2, 3, 4, 5]) {
      const model = new WeakModel(new ScriptedModel(TODO_SCRIPTED), { rawSuccess: 0, seed, referencePaths: scenarioReferences });
      const result = await runPipeline([...earlier(), new TestPhase(nestPrisma)], { target: new MemoryProjectFiles(), provider: model, settings });
      assert.equal(result.outcome, 'succeeded', `seed ${seed}: ${JSON.stringify(result.issues)}`);
      assert.ok(model.stats.repairs >= 1, `seed ${seed}: repaired ${model.stats.repairs}`);
    }
  });
});
