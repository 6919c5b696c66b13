import * as assert from 'node:assert/strict';
import { nestPrisma } from '../../../src/core/target/nest-prisma';
import { readFileSync } from 'node:fs';
import { AnalyzePhase } from '../../../src/core/analyze/agent';
import { DEFAULT_SETTINGS } from '../../../src/core/config/settings';
import { DatabasePhase } from '../../../src/core/database/agent';
import { InterfacePhase } from '../../../src/core/interface/agent';
import type { InterfacePlan, ModuleAnswer } from '../../../src/core/interface/plan';
import { renderOpenApi } from '../../../src/core/target/nest-prisma/api/openapi';
import type { ChatRequest, ModelProvider } from '../../../src/core/model/chat';
import { readCheckpoint } from '../../../src/core/pipeline/checkpoint';
import type { PipelineEvent } from '../../../src/core/pipeline/events';
import { generateBackend } from '../../../src/core/backend/generate';
import { runPipeline } from '../../../src/core/pipeline/pipeline';
import { formatText } from '../../../src/core/project/formatting';
import { MemoryProjectFiles } from '../../../src/core/project/projectFiles';
import { fixturePath, ScriptedModel } from '../../fakes/scriptedModel';
import { fixtureApp } from '../../fixtures/fixtureApp';
import { todoAnalysis } from '../../fixtures/todo/analyzeArtifact';
import { todoArtifact } from '../../fixtures/todo/databaseArtifact';
import { scriptedApi, TODO_SCRIPTED } from '../../fixtures/todo/fixtures';

const settings = { ...DEFAULT_SETTINGS, retryBudget: 2 };
const requirements = 'A multi-user todo service: people sign up and manage their own todos.';
const phases = () => [new AnalyzePhase(requirements, nestPrisma), new DatabasePhase(requirements, nestPrisma), new InterfacePhase(requirements, nestPrisma)];
const blog = fixtureApp('blog');
const blogPhases = () => {
  const text = readFileSync(blog.requirements, 'utf8');
  return [new AnalyzePhase(text, nestPrisma), new DatabasePhase(text, nestPrisma), new InterfacePhase(text, nestPrisma)];
};

/** Keeps every request the model gets, to read the prompts and the retry feedback. */
function recording(model: ScriptedModel): ChatRequest[] {
  const requests: ChatRequest[] = [];
  const chat = model.chat.bind(model);
  model.chat = async (request) => {
    requests.push(request);
    return chat(request);
  };
  return requests;
}

/** The blog's scripted answers, with `change` applied to an Interface answer before it is given (the nth time that target is asked, from 0). */
function blogModel(change: (target: string, answer: unknown, nth: number) => void = () => undefined): ScriptedModel {
  const asked = new Map<string, number>();
  return new ScriptedModel((agent, target) => {
    const answer = JSON.parse(readFileSync(fixturePath(blog.scripted, agent, target), 'utf8'));
    if (agent === 'interface') {
      const nth = asked.get(target) ?? 0;
      asked.set(target, nth + 1);
      change(target, answer, nth);
    }
    return answer;
  });
}

const userPrompt = (request: ChatRequest) => request.messages.find((message) => message.role === 'user')!.content;
const interfaceTargets = (model: ScriptedModel) => model.asked.filter((call) => call.agent === 'interface').map((call) => call.target);

describe('interface phase', () => {
  it('asks for a plan, then each module call, and writes openapi.json and the merged artifact', async () => {
    const model = new ScriptedModel(TODO_SCRIPTED);
    const target = new MemoryProjectFiles();
    const events: PipelineEvent[] = [];
    const result = await runPipeline(phases(), { target, provider: model, settings, onEvent: (event) => events.push(event) });
    assert.equal(result.outcome, 'succeeded', JSON.stringify(result.issues));
    assert.deepEqual(result.issues, []);
    assert.deepEqual(interfaceTargets(model), ['api plan', 'module todos part 1', 'module todos part 2']);
    assert.deepEqual(JSON.parse(target.files.get('.strata/interface.json')!), scriptedApi());
    const expected = renderOpenApi(scriptedApi(), { title: 'Todo service', summary: todoAnalysis().summary, database: todoArtifact() });
    assert.equal(target.files.get('openapi.json'), await formatText('openapi.json', expected), 'as rendered, then formatted');
    const progress = events.flatMap((event) => (event.type === 'progress' && event.phase === 'interface' ? [`${event.completed}/${event.total}`] : []));
    assert.deepEqual(progress, ['0/1', '1/3', '2/3', '3/3'], 'progress per call, once the plan says how many');
  });

  it('plans with the plan_api tool, the section ids, actor kinds and a compact data model with back-relations', async () => {
    const model = new ScriptedModel(TODO_SCRIPTED);
    const requests = recording(model);
    await runPipeline(phases(), { target: new MemoryProjectFiles(), provider: model, settings });
    const request = requests.find((candidate) => candidate.purpose?.target === 'api plan')!;
    assert.equal(request.tool?.name, 'plan_api');
    const prompt = userPrompt(request);
    assert.match(prompt, /Section ids: accounts \(Sign-up and login\), todos \(Managing todos\)/);
    assert.match(prompt, /member \(member\)/);
    assert.match(prompt, /Nobody can read or change another person's todos\./);
    assert.match(prompt, /passwordHash String \[secret\]/);
    assert.match(prompt, /owner User \[relation via ownerId\]/);
    assert.match(prompt, /todos Todo\[\](;|\n|$)/, 'the back-relation added by code is offered for nesting, without its generated description');
    assert.match(request.messages[0]!.content, /"authentication" entry for each actor that logs in/);
    assert.doesNotMatch(JSON.stringify(request.tool?.parameters), /"dtos"/, 'the plan schema asks for no DTO contents');
  });

  it('tells a module call its operations, its sections and tables, and the shared DTOs it defines or uses; another module\'s sections and operations stay out', async () => {
    const model = blogModel();
    const requests = recording(model);
    const result = await runPipeline(blogPhases(), { target: new MemoryProjectFiles(), provider: model, settings });
    assert.equal(result.outcome, 'succeeded', JSON.stringify(result.issues));
    const comments = requests.find((request) => request.purpose?.target === 'module comments')!;
    assert.equal(comments.tool?.name, 'define_module');
    assert.match(comments.messages[0]!.content, /Never expose secret columns/);
    const prompt = userPrompt(comments);
    assert.match(prompt, /- addComment: POST \/posts\/\{postId\}\/comments \(actor member, section comments\)\n- deleteComment: DELETE \/comments\/\{id\}/);
    assert.match(prompt, /## Comments\n/, 'its own section');
    assert.doesNotMatch(prompt, /## Writing posts|A published post with comments cannot go back to draft/, "the writing section is another module's");
    assert.doesNotMatch(prompt, /createPost|listMyPosts/, "the posts module's operations are not its concern");
    assert.match(prompt, /Shared DTOs to define here[^\n]*\n- Comment: a response DTO of Comment, used by posts/);
    assert.match(prompt, /Shared DTOs other modules define: use them by name, do not define them:\n- \{"name":"AuthorSummary","kind":"response"/, 'in full: posts defined it earlier');
    assert.match(prompt, /- Comment \(/, 'the Comment table is listed');
    // Posts is asked first: the Comment DTO it nests is only a name from the plan then.
    const posts = userPrompt(requests.find((request) => request.purpose?.target === 'module posts part 1')!);
    assert.match(posts, /- Comment: a response DTO of Comment, defined by the module comments \(not written yet\)/);
    assert.match(posts, /Its other operations are asked in other calls: createPost \(POST \/posts\), updatePost/);
    const second = userPrompt(requests.find((request) => request.purpose?.target === 'module posts part 2')!);
    assert.match(second, /DTOs the earlier calls of this module defined \(use them by name, do not define them again\): AuthorSummary \(a response DTO of User\), PostListQuery/);
  });

  it('a module call\'s prompt does not grow with the rest of the API', async () => {
    const prompts: string[] = [];
    for (const extra of [false, true]) {
      const model = blogModel((target, answer) => {
        if (!extra) return;
        // Another module the plan adds, with its own operation and DTO.
        if (target === 'api plan') (answer as InterfacePlan).modules.push({ name: 'tags', operations: [{ id: 'listTags', method: 'GET', path: '/tags', actor: 'guest', section: 'reading' }] });
      });
      const chat = model.chat.bind(model);
      model.chat = async (request) => {
        if (request.purpose?.target === 'module tags') {
          const tags: ModuleAnswer = {
            dtos: [{ name: 'TagList', kind: 'response', description: 'Tags in use.', properties: [{ name: 'total', type: 'integer' }] }],
            operations: [{ id: 'listTags', section: 'reading', summary: 'Tags in use', method: 'GET', path: '/tags', actor: 'guest', params: [], response: 'TagList', status: 200, errors: [] }],
          };
          return { content: '', toolCalls: [{ name: request.tool!.name, arguments: tags }], finishReason: 'stop', usage: { inputTokens: 0, outputTokens: 0, counted: 'estimate' } };
        }
        if (request.purpose?.target === 'module comments') prompts.push(userPrompt(request));
        return chat(request);
      };
      const result = await runPipeline(blogPhases(), { target: new MemoryProjectFiles(), provider: model, settings });
      assert.equal(result.outcome, 'succeeded', JSON.stringify(result.issues));
    }
    assert.equal(prompts.length, 2);
    assert.equal(prompts[1], prompts[0]);
  });

  it('sends a rule broken by the model back to the module call at its own path, and accepts the fix', async () => {
    let calls = 0;
    const model = new ScriptedModel((agent, target) => {
      if (agent === 'analyze') return todoAnalysis();
      if (agent === 'database') return todoArtifact();
      const answer = JSON.parse(readFileSync(fixturePath(TODO_SCRIPTED, agent, target), 'utf8'));
      if (target === 'module todos part 1' && calls++ === 0) (answer as ModuleAnswer).dtos[3]!.properties.push({ name: 'ownerHash', type: 'string' });
      return answer;
    });
    const requests = recording(model);
    const result = await runPipeline(phases(), { target: new MemoryProjectFiles(), provider: model, settings });
    assert.equal(result.outcome, 'succeeded', JSON.stringify(result.issues));
    const retry = requests.filter((request) => request.purpose?.target === 'module todos part 1')[1]!;
    assert.match(retry.messages.at(-1)!.content, /at \$\.dtos\[3\]\.properties\[7\]\.name: "ownerHash" looks like a credential/);
  });

  it('asks a call again when the merged API shows a problem in its answer that a later call caused', async () => {
    // comments defines a DTO named like the exception class of posts' refusal "post-has-comments".
    const model = blogModel((target, answer, nth) => {
      if (target === 'module comments') (answer as ModuleAnswer).dtos.push({ name: 'PostHasCommentsException', kind: 'response', description: 'A clash.', model: 'Comment', properties: [{ name: 'id', type: 'integer', column: 'id' }] });
      if (target === 'module posts part 2' && nth === 2) (answer as ModuleAnswer).operations[1]!.refusals![0]!.code = 'post-has-replies';
    });
    const requests = recording(model);
    const result = await runPipeline(blogPhases(), { target: new MemoryProjectFiles(), provider: model, settings });
    assert.equal(result.outcome, 'succeeded', JSON.stringify(result.issues));
    assert.deepEqual(interfaceTargets(model), ['api plan', 'module posts part 1', 'module posts part 2', 'module comments', 'module posts part 2', 'module posts part 2']);
    const feedback = requests.filter((request) => request.purpose?.target === 'module posts part 2').at(-1)!.messages.at(-1)!.content;
    assert.match(feedback, /at \$\.operations\[1\]\.refusals\[0\]\.code: "post-has-comments" becomes the class PostHasCommentsException, which is the DTO PostHasCommentsException/);
  });

  it('a run cancelled between module calls leaves the workspace untouched and asks no further call', async () => {
    const controller = new AbortController();
    const inner = blogModel();
    const provider: ModelProvider = {
      id: 'scripted',
      label: 'cancelling',
      listModels: () => inner.listModels(),
      describe: (name) => inner.describe(name),
      chat: async (request) => {
        const result = await inner.chat(request);
        if (request.purpose?.target === 'module posts part 1') controller.abort();
        return result;
      },
    };
    const target = new MemoryProjectFiles('/memory', { 'notes.txt': 'mine\n' });
    const before = new Map(target.files);
    const result = await runPipeline(blogPhases(), { target, provider, settings, signal: controller.signal, checkpoint: { requirements: 'blog' } });
    assert.equal(result.outcome, 'cancelled');
    assert.deepEqual(new Map(target.files), before);
    assert.deepEqual(interfaceTargets(inner), ['api plan', 'module posts part 1']);
  });

  it('a resumed run replays the finished module calls and asks only for the one that failed', async () => {
    const failing = blogModel((target, answer) => {
      // The comments call never answers validly.
      if (target === 'module comments') (answer as ModuleAnswer).operations = [];
    });
    const text = readFileSync(blog.requirements, 'utf8');
    const target = new MemoryProjectFiles();
    const failed = await generateBackend({ requirements: text, target, provider: failing, settings: { ...settings, model: 'scripted', retryBudget: 0 } });
    assert.equal(failed.outcome, 'failed');
    assert.equal(failed.stoppedAt, 'interface');
    const checkpoint = (await readCheckpoint(target))!;
    assert.deepEqual(Object.keys(checkpoint.answers).filter((key) => key.startsWith('interface/')), ['interface/api plan', 'interface/module posts part 1', 'interface/module posts part 2']);
    const model = blogModel();
    const resumed = await generateBackend({ requirements: text, target, provider: model, settings: { ...settings, model: 'scripted' }, resume: checkpoint });
    assert.equal(resumed.outcome, 'succeeded', JSON.stringify(resumed.issues));
    assert.deepEqual(interfaceTargets(model), ['module comments']);
    assert.deepEqual(JSON.parse(target.files.get('.strata/interface.json')!), blog.api());
  });

  it('fails with a clear issue and writes nothing without a data model', async () => {
    const target = new MemoryProjectFiles();
    const model = new ScriptedModel(TODO_SCRIPTED);
    const result = await runPipeline([new InterfacePhase(requirements, nestPrisma)], { target, provider: model, settings });
    assert.equal(result.outcome, 'failed');
    assert.equal(result.stoppedAt, 'interface');
    assert.match(result.issues[0]!.message, /needs the data model: run the Database phase before it/);
    assert.deepEqual(model.asked, []);
    assert.equal(target.files.size, 0);
  });
});
