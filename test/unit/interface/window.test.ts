import * as assert from 'node:assert/strict';
import { nestPrisma } from '../../../src/core/target/nest-prisma';
import { readFileSync } from 'node:fs';
import { AnalyzePhase } from '../../../src/core/analyze/agent';
import { DEFAULT_SETTINGS } from '../../../src/core/config/settings';
import { DatabasePhase } from '../../../src/core/database/agent';
import { InterfacePhase } from '../../../src/core/interface/agent';
import type { ModelProvider } from '../../../src/core/model/chat';
import { runPipeline } from '../../../src/core/pipeline/pipeline';
import { MemoryProjectFiles } from '../../../src/core/project/projectFiles';
import { SMALL_MODEL_WINDOW } from '../../../src/core/model/contextWindow';
import { measuring } from '../../fakes/measuringProvider';
import { ScriptedModel } from '../../fakes/scriptedModel';
import { WeakModel } from '../../fakes/weakModel';
import { fixtureApp } from '../../fixtures/fixtureApp';


/** The largest prompt + answer of any Interface request (retries included), as the provider counted them. */
async function largestInterfaceWindow(app: string, provider: (scripted: ScriptedModel) => ModelProvider): Promise<{ tokens: number; target: string }> {
  const fixture = fixtureApp(app);
  const inner = provider(new ScriptedModel(fixture.scripted));
  let largest = { tokens: 0, target: '' };
  const measured = measuring(inner, (request, usage) => {
    const tokens = usage.inputTokens + usage.outputTokens;
    if (request.purpose?.agent === 'interface' && tokens > largest.tokens) largest = { tokens, target: request.purpose.target };
  });
  const requirements = readFileSync(fixture.requirements, 'utf8');
  const phases = [new AnalyzePhase(requirements, nestPrisma), new DatabasePhase(requirements, nestPrisma), new InterfacePhase(requirements, nestPrisma)];
  const result = await runPipeline(phases, { target: new MemoryProjectFiles(), provider: measured, settings: { ...DEFAULT_SETTINGS, model: 'scripted' } });
  assert.equal(result.outcome, 'succeeded', `${app}: ${JSON.stringify(result.issues.slice(0, 2))}`);
  return largest;
}

describe('interface phase: every call fits an 8K context', function () {
  this.timeout(60_000);

  for (const app of ['todo', 'blog', 'clinic', 'ticketing', 'timesheet', 'todo-tags', 'todo-tags-comments', 'clinic-rooms']) {
    it(`${app}: the plan and every module call, right first time and with the weak-model simulator's retries`, async () => {
      const windows = [await largestInterfaceWindow(app, (scripted) => scripted)];
      for (const seed of [1, 5, 15]) windows.push(await largestInterfaceWindow(app, (scripted) => new WeakModel(scripted, { rawSuccess: 0.3, seed })));
      for (const window of windows) assert.ok(window.tokens <= SMALL_MODEL_WINDOW, `${app}: ${window.target} needs ${window.tokens} tokens`);
    });
  }
});
