import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_SETTINGS } from '../../../src/core/config/settings';
import type { ChatRequest, ModelProvider } from '../../../src/core/model/chat';
import { generateBackend } from '../../../src/core/pipeline/generate';
import { MemoryProjectFiles } from '../../../src/core/project/projectFiles';
import { REALIZE_WINDOW } from '../../../src/core/realize/parts';
import { ScriptedModel } from '../../fakes/scriptedModel';
import { realizeCodePaths, WeakModel } from '../../fakes/weakModel';
import { fixtureApp } from '../../fixtures/fixtureApp';

/** Room a retry adds to its call's window besides the parts it asks back (at most half the answer): the feedback and what it recalls. */
const FEEDBACK_ROOM = 600;

interface Window {
  target: string;
  prompt: number;
  answer: number;
  retry: boolean;
}

/** Runs an app and keeps every Realize request's window (prompt and answer, as the provider counted them). */
async function realizeWindows(app: string, provider: ModelProvider): Promise<Window[]> {
  const windows: Window[] = [];
  const measuring: ModelProvider = {
    ...provider,
    listModels: (signal) => provider.listModels(signal),
    describe: (model, signal) => provider.describe(model, signal),
    chat: async (request: ChatRequest) => {
      const result = await provider.chat(request);
      if (request.purpose?.agent === 'realize') {
        windows.push({ target: request.purpose.target, prompt: result.usage.inputTokens, answer: result.usage.outputTokens, retry: request.messages.some((message) => message.role === 'assistant') });
      }
      return result;
    },
  };
  const fixture = fixtureApp(app);
  const summary = await generateBackend({ requirements: readFileSync(fixture.requirements, 'utf8'), target: new MemoryProjectFiles(), provider: measuring, settings: { ...DEFAULT_SETTINGS, model: 'scripted' } });
  assert.equal(summary.outcome, 'succeeded', `${app}: ${JSON.stringify(summary.issues.slice(0, 3))}`);
  return windows;
}

const show = (window: Window) => `${window.target}${window.retry ? ' (retry)' : ''}: prompt ${window.prompt} + answer ${window.answer}`;

describe(`Realize calls fit a small model's ${REALIZE_WINDOW}-token window`, function () {
  this.timeout(60_000);

  for (const app of ['todo', 'blog', 'clinic', 'ticketing', 'timesheet']) {
    it(`${app}: each call's prompt and scripted answer leave room for a retry`, async () => {
      const windows = await realizeWindows(app, new ScriptedModel(fixtureApp(app).scripted));
      assert.ok(windows.length > 0);
      const over = windows.filter((window) => window.prompt + window.answer + FEEDBACK_ROOM > REALIZE_WINDOW);
      assert.deepEqual(over.map(show), []);
    });
  }

  // The largest modules, with a weak model whose retries ask back parts of its answers (and sometimes get the whole answer).
  for (const [app, seed] of [['clinic', 3], ['ticketing', 5]] as const) {
    it(`${app}: every call and retry of a realistic weak model (seed ${seed}) fits`, async () => {
      const weak = new WeakModel(new ScriptedModel(fixtureApp(app).scripted), { rawSuccess: 0.3, seed, codePaths: realizeCodePaths, realistic: true });
      const windows = await realizeWindows(app, weak);
      assert.ok(windows.some((window) => window.retry), 'the seed makes the Realize phase retry');
      assert.deepEqual(windows.filter((window) => window.prompt + window.answer > REALIZE_WINDOW).map(show), []);
    });
  }
});
