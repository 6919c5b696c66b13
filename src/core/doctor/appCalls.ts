import { DEFAULT_SETTINGS } from '../config/settings';
import type { ChatRequest, ChatResult, ModelInfo, ModelProvider } from '../model/chat';
import { ScriptedModel } from '../model/scriptedProvider';
import { generateBackend } from '../backend/generate';
import { MemoryProjectFiles } from '../project/projectFiles';
import type { AppCalls } from './largestCall';

/**
 * The model calls a reference app's generation makes, recorded from a scripted run in memory (nothing
 * is written): what `strata doctor` sizes against the model. Needs the engine (compilers), so only the
 * command line imports it, never the extension's activation path.
 */
export async function recordAppCalls(app: string, requirements: string, scriptedDir: string): Promise<AppCalls> {
  const recorder = new RecordingProvider(new ScriptedModel(scriptedDir));
  const summary = await generateBackend({ requirements, target: new MemoryProjectFiles(), provider: recorder, settings: { ...DEFAULT_SETTINGS, model: 'scripted' }, format: false });
  if (summary.outcome !== 'succeeded') throw new Error(`the scripted ${app} run ${summary.outcome} in ${summary.stoppedAt ?? 'a phase'}`);
  return { app, requests: recorder.requests };
}

class RecordingProvider implements ModelProvider {
  readonly id = 'scripted';
  readonly label: string;
  readonly requests: ChatRequest[] = [];

  constructor(private readonly inner: ModelProvider) {
    this.label = inner.label;
  }

  listModels(signal?: AbortSignal): Promise<string[]> {
    return this.inner.listModels(signal);
  }

  describe(model: string, signal?: AbortSignal): Promise<ModelInfo> {
    return this.inner.describe(model, signal);
  }

  chat(request: ChatRequest): Promise<ChatResult> {
    this.requests.push(request);
    return this.inner.chat(request);
  }
}
