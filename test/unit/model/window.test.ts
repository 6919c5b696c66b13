import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_SETTINGS } from '../../../src/core/config/settings';
import { FEEDBACK_TOKENS } from '../../../src/core/model/answerParts';
import type { ModelProvider } from '../../../src/core/model/chat';
import { SMALL_MODEL_WINDOW } from '../../../src/core/model/contextWindow';
import { generateBackend } from '../../../src/core/backend/generate';
import { MemoryProjectFiles } from '../../../src/core/project/projectFiles';
import { measuring } from '../../fakes/measuringProvider';
import { ScriptedModel } from '../../fakes/scriptedModel';
import { realizeCodePaths, WeakModel } from '../../fakes/weakModel';
import { fixtureApp } from '../../fixtures/fixtureApp';


interface Window {
  target: string;
  prompt: number;
  answer: number;
  retry: boolean;
}

/** Runs an app and keeps every request's window (prompt and answer, as the provider counted them). */
async function callWindows(app: string, provider: ModelProvider): Promise<Window[]> {
  const windows: Window[] = [];
  const measured = measuring(provider, (request, usage) => {
    const target = `${request.purpose?.agent}/${request.purpose?.target}`;
    windows.push({ target, prompt: usage.inputTokens, answer: usage.outputTokens, retry: request.messages.some((message) => message.role === 'assistant') });
  });
  const fixture = fixtureApp(app);
  const summary = await generateBackend({ requirements: readFileSync(fixture.requirements, 'utf8'), target: new MemoryProjectFiles(), provider: measured, settings: { ...DEFAULT_SETTINGS, model: 'scripted' } });
  assert.equal(summary.outcome, 'succeeded', `${app}: ${JSON.stringify(summary.issues.slice(0, 3))}`);
  return windows;
}

const show = (window: Window) => `${window.target}${window.retry ? ' (retry)' : ''}: prompt ${window.prompt} + answer ${window.answer}`;

describe(`Every call fits a small model's ${SMALL_MODEL_WINDOW}-token window`, function () {
  this.timeout(60_000);

  for (const app of ['todo', 'blog', 'clinic', 'ticketing', 'timesheet', 'todo-tags', 'todo-tags-comments', 'clinic-rooms']) {
    it(`${app}: each call's prompt and scripted answer leave room for a retry`, async () => {
      const windows = await callWindows(app, new ScriptedModel(fixtureApp(app).scripted));
      assert.deepEqual(new Set(windows.map((window) => window.target.split('/')[0])), new Set(['analyze', 'database', 'interface', 'test', 'realize']));
      const over = windows.filter((window) => window.prompt + window.answer + FEEDBACK_TOKENS > SMALL_MODEL_WINDOW);
      assert.deepEqual(over.map(show), []);
    });
  }

  // The largest apps, with a weak model whose retries ask back parts of its answers (and sometimes get the whole answer).
  for (const [app, seed] of [['clinic', 3], ['ticketing', 5]] as const) {
    it(`${app}: every call and retry of a realistic weak model (seed ${seed}) fits`, async () => {
      const weak = new WeakModel(new ScriptedModel(fixtureApp(app).scripted), { rawSuccess: 0.3, seed, codePaths: realizeCodePaths, realistic: true });
      const windows = await callWindows(app, weak);
      for (const phase of ['test', 'realize']) assert.ok(windows.some((window) => window.retry && window.target.startsWith(`${phase}/`)), `the seed makes the ${phase} phase retry`);
      assert.deepEqual(windows.filter((window) => window.prompt + window.answer > SMALL_MODEL_WINDOW).map(show), []);
    });
  }
});
