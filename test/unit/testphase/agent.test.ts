import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../../src/core/config/settings';
import type { InterfaceArtifact } from '../../../src/core/interface/types';
import type { ChatRequest } from '../../../src/core/model/chat';
import type { PipelineEvent } from '../../../src/core/pipeline/events';
import type { Phase, PhaseResult } from '../../../src/core/pipeline/phase';
import type { PhaseId } from '../../../src/core/pipeline/phaseId';
import { runPipeline } from '../../../src/core/pipeline/pipeline';
import { MemoryProjectFiles } from '../../../src/core/project/projectFiles';
import { TestPhase } from '../../../src/core/test/agent';
import type { TestArtifact } from '../../../src/core/test/types';
import { ScriptedModel } from '../../fakes/scriptedModel';
import { WeakModel } from '../../fakes/weakModel';
import { todoAnalysis } from '../../fixtures/todo/analyzeArtifact';
import { todoArtifact } from '../../fixtures/todo/databaseArtifact';
import { scriptedAnswer, TODO_SCRIPTED } from '../../fixtures/todo/fixtures';

const settings = { ...DEFAULT_SETTINGS, retryBudget: 5 };
const todoApi = (): InterfaceArtifact => scriptedAnswer('interface', 'api_design.json');
const todoScenarios = (): TestArtifact => scriptedAnswer('test', 'scenarios_todos.json');

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
  it('asks for the todos scenarios from the fixture, saves them and writes the test files', async () => {
    const model = new ScriptedModel(TODO_SCRIPTED);
    const prompts = recordPrompts(model);
    const events: PipelineEvent[] = [];
    const target = new MemoryProjectFiles();
    const result = await runPipeline([...earlier(), new TestPhase()], { target, provider: model, settings, onEvent: (event) => events.push(event) });
    assert.equal(result.outcome, 'succeeded', JSON.stringify(result.issues));
    assert.deepEqual(model.asked, [{ agent: 'test', target: 'scenarios todos' }]);
    for (const file of ['test/support/server.ts', 'test/support/http.ts', 'test/auth.e2e.test.ts', 'test/todos.e2e.test.ts', '.strata/test.json']) {
      assert.ok(result.written.includes(file), file);
    }
    assert.deepEqual(JSON.parse((await target.read('.strata/test.json'))!), todoScenarios());
    const progress = events.filter((event) => event.type === 'progress' && event.phase === 'test').map((event) => event.type === 'progress' && [event.completed, event.total]);
    assert.deepEqual(progress, [[0, 1], [1, 1]]);

    const prompt = prompts.get('scenarios todos')!;
    assert.match(prompt, /- listTodos: GET \/todos, by member \(own records\)\. List the caller's todos, filtered, sorted and paged\. Takes query TodoListQuery\. Answers 200 with TodoPage\./);
    assert.match(prompt, /- deleteTodo: DELETE \/todos\/\{id\}, by member \(own records\)\. Soft-delete one of the caller's todos\. Takes path id \(integer\)\. Answers 204 without a body\./);
    assert.match(prompt, /- pageSize: integer, 1\.\.100, optional, default 20\n/);
    assert.match(prompt, /- title: string, 1-200 characters\n/);
    assert.match(prompt, /- member: a fresh account per scenario; \$session\.id, \$session\.email, \$session\.password\./);
    assert.match(prompt, /- A todo is overdue when its due date has passed and it is not done\./);
    assert.doesNotMatch(prompt, /An email can be registered only once/, 'only the sections the operations serve');
  });

  it('asks once per module, side by side, and merges the scenarios in module order', async () => {
    const api = todoApi();
    api.dtos.push({ name: 'Health', kind: 'response', description: 'Up or not.', properties: [{ name: 'ok', type: 'boolean' }] });
    api.operations.push({ id: 'health', module: 'status', section: 'status', summary: 'Is it up?', method: 'GET', path: '/health', actor: 'guest', params: [], response: 'Health', status: 200, errors: [] });
    const health: TestArtifact = { scenarios: [{ operation: 'health', title: 'says it is up', given: [], request: {}, expect: { status: 200, body: { ok: true } } }] };
    let running = 0;
    let most = 0;
    const model = new ScriptedModel((_agent, target) => (target === 'scenarios status' ? health : todoScenarios()));
    const chat = model.chat.bind(model);
    model.chat = async (request) => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 20));
      running--;
      return chat(request);
    };
    const target = new MemoryProjectFiles();
    const result = await runPipeline([...earlier(api), new TestPhase()], { target, provider: model, settings: { ...settings, concurrency: 2 } });
    assert.equal(result.outcome, 'succeeded', JSON.stringify(result.issues));
    assert.deepEqual(model.asked.map((purpose) => purpose.target).sort(), ['scenarios status', 'scenarios todos']);
    assert.equal(most, 2, 'the two modules are asked at the same time');
    const saved = JSON.parse((await target.read('.strata/test.json'))!) as TestArtifact;
    assert.deepEqual(saved.scenarios.map((scenario) => scenario.operation), [...todoScenarios().scenarios.map((scenario) => scenario.operation), 'health']);
    assert.ok(result.written.includes('test/status.e2e.test.ts'));
  });

  it('says which artifacts it needs when they are missing', async () => {
    const result = await runPipeline([new Earlier('database', todoArtifact()), new TestPhase()], { target: new MemoryProjectFiles(), provider: new ScriptedModel(TODO_SCRIPTED), settings });
    assert.equal(result.outcome, 'failed');
    assert.equal(result.stoppedAt, 'test');
    assert.deepEqual(result.issues.map((issue) => issue.message), ['the Test phase needs the interface artifact of this run; run the interface phase first']);
  });

  it('fails with the located problems when the model keeps breaking a rule', async () => {
    const broken = todoScenarios();
    broken.scenarios[10]!.request.params = { id: '$todoo.id' };
    const result = await runPipeline([...earlier(), new TestPhase()], { target: new MemoryProjectFiles(), provider: new ScriptedModel(() => broken), settings: { ...settings, retryBudget: 1 } });
    assert.equal(result.outcome, 'failed');
    assert.equal(result.issues.length, 1);
    assert.equal(result.issues[0]!.path, '$.scenarios[10].request.params.id');
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
      const result = await runPipeline([...earlier(), new TestPhase()], { target: new MemoryProjectFiles(), provider: model, settings });
      assert.equal(result.outcome, 'succeeded', `seed ${seed}: ${JSON.stringify(result.issues)}`);
      assert.ok(model.stats.repairs >= 1, `seed ${seed}: repaired ${model.stats.repairs}`);
    }
  });
});
