import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { partsAskedBy, partsOf } from '../../../src/core/model/answerParts';
import { DEFAULT_SETTINGS } from '../../../src/core/config/settings';
import type { DatabaseArtifact } from '../../../src/core/database/types';
import type { Issue } from '../../../src/core/diagnostics/issue';
import type { ModuleAnswer } from '../../../src/core/interface/plan';
import type { ChatRequest, ChatResult, ModelProvider } from '../../../src/core/model/chat';
import { TypedCallError, typedCall } from '../../../src/core/model/typedCall';
import { readCheckpoint } from '../../../src/core/pipeline/checkpoint';
import type { PipelineEvent } from '../../../src/core/pipeline/events';
import { generateBackend } from '../../../src/core/backend/generate';
import { MemoryProjectFiles } from '../../../src/core/project/projectFiles';
import { fixturePath, ScriptedModel } from '../../fakes/scriptedModel';
import { fixtureApp } from '../../fixtures/fixtureApp';

const settings = { ...DEFAULT_SETTINGS, model: 'scripted', retryBudget: 5 };
const todo = fixtureApp('todo');
const clinic = fixtureApp('clinic');

/** Records every request, then lets the scripted model answer it. */
class Recording implements ModelProvider {
  readonly id = 'scripted';
  readonly label = 'recording';
  readonly requests: ChatRequest[] = [];
  constructor(private readonly inner: ModelProvider) {}
  listModels(): Promise<string[]> {
    return this.inner.listModels();
  }
  describe(model: string) {
    return this.inner.describe(model);
  }
  chat(request: ChatRequest): Promise<ChatResult> {
    this.requests.push(request);
    return this.inner.chat(request);
  }
  targets(agent: string): string[] {
    return this.requests.filter((request) => request.purpose?.agent === agent).map((request) => request.purpose!.target);
  }
}

/** A model that reads the prompt: while the operation declares the refusal, its scenarios claim no valid request reaches it. */
function claiming(scripted: ModelProvider, operation: string, code: string, why: string): ModelProvider {
  return {
    id: 'scripted',
    label: 'claiming',
    listModels: () => scripted.listModels(),
    describe: (model) => scripted.describe(model),
    chat: async (request) => {
      const asked = request.messages.find((message) => message.role === 'user')!.content;
      if (request.purpose?.target !== `scenarios ${operation}` || !asked.includes(code)) return scripted.chat(request);
      // The claim is part of the whole answer; a retry asking for parts of it gets those parts of the claiming answer.
      const parts = partsAskedBy(request.tool?.parameters);
      const result = await scripted.chat(parts ? { ...request, tool: { ...request.tool!, parameters: {} } } : request);
      const call = result.toolCalls[0]!;
      const claimed = { ...(call.arguments as object), unreachable: [{ refusal: code, why }] };
      return { ...result, toolCalls: [{ ...call, arguments: parts ? partsOf(claimed, parts) : claimed }] };
    },
  };
}

/** The todo app's answers, with `dueAt` missing from the data model until a revision asks for it (when `revisedHasIt`). */
function todoWithoutDueAt(revisedHasIt: boolean): Recording {
  return new Recording(
    new ScriptedModel((agent, target) => {
      const answer = JSON.parse(readFileSync(fixturePath(todo.scripted, agent, agent === 'database' ? 'data model' : target), 'utf8'));
      if (agent === 'database' && (target === 'data model' || !revisedHasIt)) {
        const model = (answer as DatabaseArtifact).models.find((candidate) => candidate.name === 'Todo')!;
        model.fields = model.fields.filter((field) => field.name !== 'dueAt');
        model.indexes = model.indexes?.filter((index) => !index.includes('dueAt'));
      }
      return answer;
    }),
  );
}

describe('going back to an earlier phase (no dead-end feedback)', () => {
  describe('typedCall', () => {
    const schema = { type: 'object', properties: { column: { type: 'string' } }, required: ['column'] };
    const needsColumn = (value: { column: string }): Issue[] =>
      value.column === 'dueAt' ? [{ severity: 'error', source: 'interface', path: '$.column', message: 'Todo has no field "dueAt" (fields: id, title)', needs: 'database' }] : [];
    const spec = (answers: unknown[]) => {
      let i = 0;
      const provider = new Recording(new ScriptedModel(() => answers[Math.min(i++, answers.length - 1)]));
      return { provider, spec: { agent: 'interface', target: 't', model: 'm', system: 's', prompt: 'p', tool: { name: 'f', description: 'd' }, schema, validate: needsColumn, retryBudget: 5, goBackTo: new Set(['analyze', 'database']) } };
    };

    it('stops at the second answer that fails only on a problem an earlier phase must fix, and says so', async () => {
      const { provider, spec: call } = spec([{ column: 'dueAt' }]);
      const error = await typedCall(provider, call).then(
        () => assert.fail('expected a failure'),
        (caught: unknown) => caught,
      );
      assert.ok(error instanceof TypedCallError);
      assert.equal(error.needsEarlierPhase, true);
      assert.equal(error.record.attempts, 2, 'two answers, not the six of the budget');
      assert.deepEqual(error.issues.map((issue) => [issue.path, issue.needs]), [['$.column', 'database']]);
      const feedback = provider.requests[1]!.messages.at(-1)!.content;
      assert.match(feedback, /If a problem at \$\.column cannot be fixed within your answer because of what the database phase decided, fix the others and leave that part as it is: Strata then asks the database phase to change it\./);
    });

    it('where the run cannot go back (none left, or not to that phase), spends its budget and offers no way out', async () => {
      for (const goBackTo of [new Set<string>(), new Set(['analyze'])]) {
        const { provider, spec: call } = spec([{ column: 'dueAt' }]);
        const error = await typedCall(provider, { ...call, goBackTo }).catch((caught: unknown) => caught);
        assert.ok(error instanceof TypedCallError);
        assert.equal(error.record.attempts, 6);
        assert.equal(error.needsEarlierPhase, true, 'its last answer failed only on what the database phase must fix: the pipeline explains it so');
        assert.ok(provider.requests.slice(1).every((request) => !/Strata then asks/.test(request.messages.at(-1)!.content)));
      }
    });

    it('keeps asking while the model can still fix it within its answer', async () => {
      const { provider, spec: call } = spec([{ column: 'dueAt' }, { column: 'title' }]);
      const result = await typedCall<{ column: string }>(provider, call);
      assert.equal(result.value.column, 'title');
      assert.equal(result.record.attempts, 2);
    });

    it('stops when the problem comes back after the model traded it for another one (the loop a refusal no request can reach makes)', async () => {
      const validate = (value: { column: string }): Issue[] => [
        ...needsColumn(value),
        ...(value.column === 'bad' ? [{ severity: 'error' as const, source: 'interface', path: '$.column', message: 'must be one of title, id' }] : []),
      ];
      const { provider, spec: call } = spec([{ column: 'dueAt' }, { column: 'bad' }, { column: 'dueAt' }, { column: 'bad' }]);
      const error = await typedCall(provider, { ...call, validate }).catch((caught: unknown) => caught);
      assert.ok(error instanceof TypedCallError && error.needsEarlierPhase);
      assert.equal(error.record.attempts, 3);
    });

    it('does not stop early on a problem mixed with others the model must fix', async () => {
      const validate = (value: { column: string }): Issue[] => [...needsColumn(value), { severity: 'error', source: 'interface', path: '$.other', message: 'always wrong' }];
      const { provider, spec: call } = spec([{ column: 'dueAt' }]);
      const error = await typedCall(provider, { ...call, validate, retryBudget: 3 }).catch((caught: unknown) => caught);
      assert.ok(error instanceof TypedCallError);
      assert.equal(error.needsEarlierPhase, false);
      assert.equal(error.record.attempts, 4);
    });
  });

  describe('the pipeline', () => {
    const requirements = readFileSync(todo.requirements, 'utf8');

    it('goes back to Database when Interface needs a column it lacks, and finishes with the revised data model', async () => {
      const provider = todoWithoutDueAt(true);
      const events: PipelineEvent[] = [];
      const target = new MemoryProjectFiles();
      const summary = await generateBackend({ requirements, target, provider, settings, onEvent: (event) => events.push(event) });
      assert.equal(summary.outcome, 'succeeded', JSON.stringify(summary.issues));
      assert.equal(summary.backtracks, 1);
      const back = events.filter((event) => event.type === 'backtrack');
      assert.deepEqual(back.map((event) => [event.from, event.to, event.round, event.limit]), [['interface', 'database', 1, 2]]);
      assert.ok(back[0]!.issues.every((issue) => issue.needs === 'database' && /Todo has no field "dueAt"/.test(issue.message)));
      assert.deepEqual(provider.targets('database'), ['data model', 'data model, revised']);
      // The plan needs no column; the module call holding the Todo DTOs stops after two answers, and after going
      // back the plan accepted before is replayed and the module's two calls are asked.
      assert.deepEqual(provider.targets('interface'), ['api plan', 'module todos part 1', 'module todos part 1', 'module todos part 1', 'module todos part 2']);
      // The revision is asked with the earlier answer and the later phase's problems.
      const revision = provider.requests.find((request) => request.purpose?.target === 'data model, revised')!;
      const prompt = revision.messages.find((message) => message.role === 'user')!.content;
      assert.match(prompt, /Your earlier answer:\n\{"enums"/);
      assert.match(prompt, /The Interface phase builds on that answer and could not finish/);
      assert.match(prompt, /- Interface, at \$\.dtos\[\d+\]\.properties\[\d+\]\.column: Todo has no field "dueAt"/);
      const schema = target.files.get('prisma/schema/todos.prisma')!;
      assert.match(schema, /dueAt\s+DateTime\?/);
      const phases = events.filter((event) => event.type === 'phase-finished').map((event) => `${event.phase}:${event.ok}`);
      assert.deepEqual(phases, ['analyze:true', 'database:true', 'interface:false', 'database:true', 'interface:true', 'test:true', 'realize:true']);
    });

    it('stops after strata.backtracks goings-back, naming the phase and the limit', async () => {
      const provider = todoWithoutDueAt(false);
      const target = new MemoryProjectFiles('/memory', { 'notes.txt': 'mine\n' });
      const before = new Map(target.files);
      const summary = await generateBackend({ requirements, target, provider, settings });
      assert.equal(summary.outcome, 'failed');
      assert.equal(summary.stoppedAt, 'interface');
      assert.equal(summary.backtracks, 2);
      assert.deepEqual(provider.targets('database'), ['data model', 'data model, revised', 'data model, revised 2']);
      assert.match(summary.issues.map((issue) => issue.message).join('\n'), /^Only the Database phase can fix 3 problems of the Interface phase, e\.g\. at \$\.dtos\[\d+\]\.properties\[\d+\]\.column: Todo has no field "dueAt" \(fields: [^)]*\) \(in the Interface call "module todos part 1"\); the run already went back 2 time\(s\), the limit \(strata\.backtracks\)/);
      for (const [path, content] of before) assert.equal(target.files.get(path), content);
      assert.deepEqual([...target.files.keys()].filter((path) => !before.has(path) && !path.startsWith('.strata/resume/')), [], 'a failed run adds only its checkpoint');
    });

    it('tells the later phase when the earlier one kept its answer', async () => {
      const provider = todoWithoutDueAt(false);
      await generateBackend({ requirements, target: new MemoryProjectFiles(), provider, settings: { ...settings, backtracks: 1 } });
      const after = provider.requests.filter((request) => request.purpose?.agent === 'interface').at(-1)!;
      const prompt = after.messages.find((message) => message.role === 'user')!.content;
      assert.match(prompt, /Note: the Database phase was asked to change its answer for the problems below and kept it as it was/);
      assert.match(prompt, /Todo has no field "dueAt"/);
    });

    it('with going back switched off, fails at once and says so', async () => {
      const provider = todoWithoutDueAt(true);
      const summary = await generateBackend({ requirements, target: new MemoryProjectFiles(), provider, settings: { ...settings, backtracks: 0 } });
      assert.equal(summary.outcome, 'failed');
      assert.equal(summary.backtracks, 0);
      assert.deepEqual(provider.targets('database'), ['data model']);
      assert.match(summary.issues.map((issue) => issue.message).join('\n'), /going back is switched off \(strata\.backtracks is 0\)/);
    });

    it('a run that fails after going back keeps the revised answer in its checkpoint, where a resumed run asks for the original', async () => {
      const inner = todoWithoutDueAt(true);
      // Realize never answers validly: the run fails after the going-back.
      const provider = new Recording({
        ...inner,
        id: 'scripted',
        label: 'failing realize',
        listModels: () => inner.listModels(),
        describe: (model: string) => inner.describe(model),
        chat: (request: ChatRequest) =>
          request.purpose?.agent === 'realize' ? inner.chat(request).then((result) => ({ ...result, toolCalls: [{ name: request.tool!.name, arguments: { helpers: '', operations: [] } }] })) : inner.chat(request),
      });
      const target = new MemoryProjectFiles();
      const summary = await generateBackend({ requirements, target, provider, settings: { ...settings, retryBudget: 0 } });
      assert.equal(summary.outcome, 'failed');
      assert.equal(summary.stoppedAt, 'realize');
      const checkpoint = await readCheckpoint(target);
      const model = (checkpoint!.answers['database/data model'] as DatabaseArtifact).models.find((candidate) => candidate.name === 'Todo')!;
      assert.ok(model.fields.some((field) => field.name === 'dueAt'), 'the revised data model is what a resumed run replays');
      for (const target of ['api plan', 'module todos part 1', 'module todos part 2']) assert.ok(checkpoint!.answers[`interface/${target}`], `the Interface answer "${target}" accepted after going back is kept`);
      assert.ok(checkpoint!.answers['test/scenarios listTodos'], 'and the Test answers');
      // Resumed with a model that answers right: the revised data model is replayed where the original is asked for.
      const resumed = new Recording(new ScriptedModel(todo.scripted));
      const summary2 = await generateBackend({ requirements, target, provider: resumed, settings, resume: checkpoint });
      assert.equal(summary2.outcome, 'succeeded', JSON.stringify(summary2.issues));
      assert.equal(summary2.backtracks, 0);
      assert.deepEqual(resumed.requests.map((request) => `${request.purpose!.agent}/${request.purpose!.target}`), ['realize/module todos'], 'only Realize is asked');
      assert.match(target.files.get('prisma/schema/todos.prisma')!, /dueAt\s+DateTime\?/);
    });

    it('a revising phase that itself needs an earlier one goes back again, then revises once more with the first problems', async () => {
      // Test says a refusal of createTodo is unreachable -> Interface drops it but wants Todo.priority ->
      // Database adds it -> Interface revises again (still for Test's problem) and is valid now.
      const refusal = { code: 'title-too-long', status: 422 as const, message: 'A title has at most 200 characters.' };
      const scripted = new ScriptedModel((agent, target) => {
        const answer = JSON.parse(readFileSync(fixturePath(todo.scripted, agent, target.replace(/, revised( \d+)?$/, '')), 'utf8'));
        if (agent === 'database' && target.startsWith('data model, revised')) {
          (answer as DatabaseArtifact).models.find((model) => model.name === 'Todo')!.fields.push({ name: 'priority', type: 'Int', optional: true });
        }
        if (agent === 'interface' && target.startsWith('module todos part 1')) {
          const module = answer as ModuleAnswer;
          if (target === 'module todos part 1') module.operations.find((operation) => operation.id === 'createTodo')!.refusals = [refusal];
          else module.dtos.find((dto) => dto.name === 'CreateTodoBody')!.properties.push({ name: 'priority', type: 'integer', column: 'priority', optional: true });
        }
        return answer;
      });
      const provider = new Recording(claiming(scripted, 'createTodo', refusal.code, 'CreateTodoBody already limits title to 200 characters'));
      const events: PipelineEvent[] = [];
      const target = new MemoryProjectFiles();
      const summary = await generateBackend({ requirements, target, provider, settings, onEvent: (event) => events.push(event) });
      assert.equal(summary.outcome, 'succeeded', JSON.stringify(summary.issues.slice(0, 3)));
      assert.deepEqual(events.flatMap((event) => (event.type === 'backtrack' ? [`${event.from}->${event.to} ${event.round}`] : [])), ['test->interface 1', 'interface->database 2']);
      assert.deepEqual(provider.targets('database'), ['data model', 'data model, revised 2']);
      // The plan revises with every problem (it could add an operation); only the call holding createTodo is told
      // Test's problem; the other call kept its answer, which still passes its checks, without being asked.
      assert.deepEqual(provider.targets('interface'), [
        'api plan',
        'module todos part 1',
        'module todos part 2',
        'api plan, revised',
        'module todos part 1, revised',
        'module todos part 1, revised',
        'api plan, revised',
        'module todos part 1, revised',
      ]);
      const last = provider.requests.filter((request) => request.purpose?.agent === 'interface').at(-1)!;
      assert.match(last.messages.find((message) => message.role === 'user')!.content, /- Test, at \$\.unreachable\[0\]: the scenarios say no valid request reaches createTodo's refusal "title-too-long"/, 'still revising for the Test phase');
      assert.match(target.files.get('prisma/schema/todos.prisma')!, /priority\s+Int\?/);
      assert.doesNotMatch(target.files.get('openapi.json')!, /title-too-long/);
      assert.equal(provider.targets('test').filter((name) => name !== 'scenarios createTodo').length, 4, 'the other operations were asked once, then replayed');
    });

    it('a run cancelled while the earlier phase revises its answer leaves the target exactly as it was', async () => {
      const controller = new AbortController();
      const inner = todoWithoutDueAt(true);
      const provider: ModelProvider = {
        id: 'scripted',
        label: 'cancelling',
        listModels: () => inner.listModels(),
        describe: (model) => inner.describe(model),
        chat: (request) => {
          if (request.purpose?.target === 'data model, revised') controller.abort();
          return inner.chat(request);
        },
      };
      const target = new MemoryProjectFiles('/memory', { 'notes.txt': 'mine\n' });
      const before = new Map(target.files);
      const summary = await generateBackend({ requirements, target, provider, settings, signal: controller.signal });
      assert.equal(summary.outcome, 'cancelled');
      assert.deepEqual(new Map(target.files), before);
    });
  });

  describe('the clinic slots dead end, replayed', () => {
    // The played clinic run declared a refusal that repeats a limit the body already enforces (a slot of
    // 10 to 60 minutes): no valid scenario can reach it, so the Test phase looped until the run failed.
    const unreachable = { code: 'slot-length-out-of-range', status: 422 as const, message: 'A slot lasts from 10 to 60 minutes.' };

    it('goes back to Interface when the Test answer says the refusal is unreachable, Interface drops it, and the other operations keep their answers', async () => {
      const scripted = new ScriptedModel((agent, target) => {
        const file = fixturePath(clinic.scripted, agent, target.replace(/, revised$/, ''));
        const answer = JSON.parse(readFileSync(file, 'utf8'));
        if (agent === 'interface' && target === 'module slots part 1') {
          const publish = (answer as ModuleAnswer).operations.find((operation) => operation.id === 'publishSlot')!;
          publish.refusals = [...(publish.refusals ?? []), unreachable];
        }
        return answer;
      });
      const provider = new Recording(claiming(scripted, 'publishSlot', unreachable.code, 'PublishSlotBody takes durationMinutes from 10 to 60 only, so the server answers 400 before any rule runs'));
      const events: PipelineEvent[] = [];
      const target = new MemoryProjectFiles();
      const summary = await generateBackend({ requirements: readFileSync(clinic.requirements, 'utf8'), target, provider, settings, onEvent: (event) => events.push(event) });
      assert.equal(summary.outcome, 'succeeded', JSON.stringify(summary.issues.slice(0, 3)));
      const back = events.find((event) => event.type === 'backtrack');
      assert.ok(back && back.from === 'test' && back.to === 'interface');
      assert.match(back.issues.map((issue) => issue.message).join('\n'), /the scenarios say no valid request reaches publishSlot's refusal "slot-length-out-of-range" \(PublishSlotBody takes durationMinutes from 10 to 60 only/);
      const revision = provider.requests.find((request) => request.purpose?.target === 'module slots part 1, revised')!;
      assert.match(revision.messages.find((message) => message.role === 'user')!.content, /- Test, at \$\.unreachable\[0\]: the scenarios say no valid request reaches publishSlot's refusal "slot-length-out-of-range"/);
      // Only the plan and the call holding publishSlot revise; the other module calls keep their answers unasked.
      const first = ['api plan', 'module staff part 1', 'module staff part 2', 'module profile', 'module patients', 'module slots part 1', 'module slots part 2', 'module appointments part 1', 'module appointments part 2'];
      assert.deepEqual(provider.targets('interface'), [...first, 'api plan, revised', 'module slots part 1, revised']);
      const tests = provider.targets('test');
      assert.equal(tests.filter((name) => name === 'scenarios publishSlot').length, 3, 'publishSlot: two answers, then one after going back');
      assert.doesNotMatch(target.files.get('openapi.json')!, /slot-length-out-of-range/);
      // The other operations' scenarios (one call each, or one per part: a scripted answer each) were accepted
      // before going back and replayed after it: not asked again.
      const others = readdirSync(join(clinic.scripted, 'test')).filter((file) => file !== 'scenarios_publishSlot.json');
      assert.equal(others.length, 25);
      assert.equal(tests.filter((name) => name !== 'scenarios publishSlot').length, others.length);
      // One Realize call per part a module is written in (a scripted answer each), each asked once.
      assert.equal(summary.phases.find((phase) => phase.phase === 'realize')!.calls, readdirSync(join(clinic.scripted, 'realize')).length);
    });
  });
});
