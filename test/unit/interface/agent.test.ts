import * as assert from 'node:assert/strict';
import { AnalyzePhase } from '../../../src/core/analyze/agent';
import { DEFAULT_SETTINGS } from '../../../src/core/config/settings';
import { DatabasePhase } from '../../../src/core/database/agent';
import { InterfacePhase } from '../../../src/core/interface/agent';
import { renderOpenApi } from '../../../src/core/interface/render/openapi';
import type { InterfaceArtifact } from '../../../src/core/interface/types';
import type { ChatRequest } from '../../../src/core/model/chat';
import { runPipeline } from '../../../src/core/pipeline/pipeline';
import { MemoryProjectFiles } from '../../../src/core/project/projectFiles';
import { ScriptedModel } from '../../fakes/scriptedModel';
import { todoAnalysis } from '../../fixtures/todo/analyzeArtifact';
import { todoArtifact } from '../../fixtures/todo/databaseArtifact';
import { scriptedApi, TODO_SCRIPTED } from '../../fixtures/todo/fixtures';

const settings = { ...DEFAULT_SETTINGS, retryBudget: 2 };
const requirements = 'A multi-user todo service: people sign up and manage their own todos.';
const phases = () => [new AnalyzePhase(requirements), new DatabasePhase(requirements), new InterfacePhase(requirements)];
const todoApi = (): InterfaceArtifact => scriptedApi();

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

describe('interface phase', () => {
  it('runs after Analyze and Database and writes openapi.json and its artifact', async () => {
    const model = new ScriptedModel(TODO_SCRIPTED);
    const target = new MemoryProjectFiles();
    const result = await runPipeline(phases(), { target, provider: model, settings });
    assert.equal(result.outcome, 'succeeded', JSON.stringify(result.issues));
    assert.deepEqual(result.issues, []);
    assert.deepEqual(model.asked.at(-1), { agent: 'interface', target: 'api design' });
    assert.deepEqual(JSON.parse(target.files.get('.strata/interface.json')!), todoApi());
    const expected = renderOpenApi(todoApi(), { title: 'Todo service', summary: todoAnalysis().summary, database: todoArtifact() });
    assert.equal(target.files.get('openapi.json'), expected);
  });

  it('asks with the define_api tool, the section ids, actor kinds and a compact data model with back-relations', async () => {
    const model = new ScriptedModel(TODO_SCRIPTED);
    const requests = recording(model);
    await runPipeline(phases(), { target: new MemoryProjectFiles(), provider: model, settings });
    const request = requests.find((candidate) => candidate.purpose?.agent === 'interface')!;
    assert.equal(request.tool?.name, 'define_api');
    const prompt = request.messages.at(-1)!.content;
    assert.match(prompt, /Section ids: accounts \(Sign-up and login\), todos \(Managing todos\)/);
    assert.match(prompt, /member \(member\)/);
    assert.match(prompt, /Nobody can read or change another person's todos\./);
    assert.match(prompt, /passwordHash String \[secret\]/);
    assert.match(prompt, /owner User \[relation via ownerId\]/);
    assert.match(prompt, /todos Todo\[\](;|\n|$)/, 'the back-relation added by code is offered for nesting, without its generated description');
    assert.match(prompt, /description String\?/);
    assert.match(request.messages[0]!.content, /never expose secret columns/i);
  });

  it('sends a rule broken by the model back at its path, and accepts the fix', async () => {
    let calls = 0;
    const model = new ScriptedModel((agent) => {
      if (agent === 'analyze') return todoAnalysis();
      if (agent === 'database') return todoArtifact();
      const api = todoApi();
      if (calls++ === 0) api.dtos[3]!.properties.push({ name: 'ownerHash', type: 'string' });
      return api;
    });
    const requests = recording(model);
    const result = await runPipeline(phases(), { target: new MemoryProjectFiles(), provider: model, settings });
    assert.equal(result.outcome, 'succeeded', JSON.stringify(result.issues));
    const retry = requests.filter((request) => request.purpose?.agent === 'interface')[1]!;
    assert.match(retry.messages.at(-1)!.content, /at \$\.dtos\[3\]\.properties\[7\]\.name: "ownerHash" looks like a credential/);
  });

  it('fails with a clear issue and writes nothing without a data model', async () => {
    const target = new MemoryProjectFiles();
    const model = new ScriptedModel(TODO_SCRIPTED);
    const result = await runPipeline([new InterfacePhase(requirements)], { target, provider: model, settings });
    assert.equal(result.outcome, 'failed');
    assert.equal(result.stoppedAt, 'interface');
    assert.match(result.issues[0]!.message, /needs the data model: run the Database phase before it/);
    assert.deepEqual(model.asked, []);
    assert.equal(target.files.size, 0);
  });
});
