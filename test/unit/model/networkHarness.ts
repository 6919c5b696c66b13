import type { Context } from 'mocha';
import type { ModelProvider } from '../../../src/core/model/chat';
import { ModelError } from '../../../src/core/model/errors';
import type { Timeouts } from '../../../src/core/model/limits';
import { OllamaProvider } from '../../../src/core/model/ollamaProvider';
import { OpenAICompatibleProvider } from '../../../src/core/model/openaiCompatibleProvider';
import { FakeOllamaServer, type Responder } from '../../fakes/fakeOllamaServer';
import { FakeOpenAIServer } from '../../fakes/fakeOpenAIServer';
import type { FakeFault } from '../../fakes/loopbackServer';

/** One fake server per provider, seen through what the time-limit and retry tests need. */
export interface NetworkHarness {
  model: string;
  /** Routes of the list probe and of chat calls, as `failNext` takes them. */
  routes: { list: string; chat: string };
  provider(timeouts?: Partial<Timeouts>): ModelProvider;
  set responder(responder: Responder);
  failNext(route: string, ...faults: FakeFault[]): void;
  /** When each chat request arrived. */
  chatTimes(): number[];
  url(): string;
  stop(): Promise<void>;
}

export const NETWORK_HARNESSES: Record<'ollama' | 'openai-compatible', () => Promise<NetworkHarness>> = {
  ollama: async () => {
    const server = await new FakeOllamaServer([{ name: 'qwen2.5-coder:7b', capabilities: ['completion', 'tools'], contextLength: 32768 }]).start();
    return {
      model: 'qwen2.5-coder:7b',
      routes: { list: 'GET /api/tags', chat: 'POST /api/chat' },
      provider: (timeouts) => new OllamaProvider({ host: server.url, timeouts }),
      set responder(responder: Responder) {
        server.responder = responder;
      },
      failNext: (route, ...faults) => void server.failNext(route, ...faults),
      chatTimes: () => server.requests.filter((request) => request.path === '/api/chat').map((request) => request.at),
      url: () => server.url,
      stop: () => server.stop(),
    };
  },
  'openai-compatible': async () => {
    const server = await new FakeOpenAIServer(['qwen2.5-coder-32b']).start();
    return {
      model: 'qwen2.5-coder-32b',
      routes: { list: 'GET /v1/models', chat: 'POST /v1/chat/completions' },
      provider: (timeouts) => new OpenAICompatibleProvider({ baseUrl: server.url, timeouts }),
      set responder(responder: Responder) {
        server.responder = responder;
      },
      failNext: (route, ...faults) => void server.failNext(route, ...faults),
      chatTimes: () => server.requests.filter((request) => request.path === '/v1/chat/completions').map((request) => request.at),
      url: () => server.url,
      stop: () => server.stop(),
    };
  },
};

const forceGc = (globalThis as { gc?: () => void }).gc;

/** Skips the test, saying why, when the run was not started with --expose-gc. */
export function needsGc(context: Context): void {
  if (forceGc) return;
  console.warn(`      (skipped "${context.currentTest?.title}": run mocha with --node-option=expose-gc to force garbage collections)`);
  context.skip();
}

/** Forces garbage collections at these offsets (ms) while a request is pending; returns a stop function. */
export function collectGarbageAt(...offsets: number[]): () => void {
  const timers = offsets.map((offset) =>
    setTimeout(() => {
      forceGc!();
    }, offset),
  );
  return () => timers.forEach(clearTimeout);
}

/** Makes a call expected to fail; returns its ModelError and how long it took from the moment it was made. */
export async function failure(call: () => Promise<unknown>): Promise<{ error: ModelError; ms: number }> {
  const started = Date.now();
  try {
    await call();
  } catch (error) {
    if (!(error instanceof ModelError)) throw error;
    const ms = Date.now() - started;
    if (process.env.STRATA_TIMINGS) console.log(`      [${ms} ms] ${error.message}`);
    return { error, ms };
  }
  throw new Error('the call succeeded; it was expected to fail');
}

export const hi = [{ role: 'user' as const, content: 'hi' }];
