import { Ollama } from 'ollama';
import type { StrataSettings } from '../config/settings';
import { fetchWithSignal } from './fetchWithSignal';

/** What Strata needs to know about a model server before it sends work to it. */
export interface ModelServer {
  /** Human-readable name with its address, e.g. `Ollama at http://127.0.0.1:11434`. */
  readonly label: string;
  listModels(signal?: AbortSignal): Promise<string[]>;
}

export const DEFAULT_PROBE_TIMEOUT_MS = 4_000;

/** Ollama's native API (not `/v1`, which ignores the context length a call asks for). */
export class OllamaServer implements ModelServer {
  readonly label: string;

  constructor(private readonly host: string, private readonly timeoutMs = DEFAULT_PROBE_TIMEOUT_MS) {
    this.label = `Ollama at ${host}`;
  }

  async listModels(signal?: AbortSignal): Promise<string[]> {
    const client = new Ollama({ host: this.host, fetch: fetchWithSignal(signal, this.timeoutMs) });
    const { models } = await client.list();
    return models.map((model) => model.name).sort();
  }
}

/** Any server speaking OpenAI's `/v1` API: vLLM, LM Studio, llama.cpp server, gateways. */
export class OpenAICompatibleServer implements ModelServer {
  readonly label: string;

  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string | undefined,
    private readonly timeoutMs = DEFAULT_PROBE_TIMEOUT_MS,
  ) {
    this.label = `OpenAI-compatible server at ${baseUrl}`;
  }

  async listModels(signal?: AbortSignal): Promise<string[]> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.apiKey) headers.authorization = `Bearer ${this.apiKey}`;
    const response = await fetchWithSignal(signal, this.timeoutMs)(`${this.baseUrl}/models`, { headers });
    if (!response.ok) {
      const body = (await response.text()).slice(0, 300);
      throw Object.assign(new Error(body || response.statusText), { status_code: response.status, error: body });
    }
    const json = (await response.json()) as { data?: { id?: unknown }[] };
    return (json.data ?? []).map((model) => String(model.id)).sort();
  }
}

export class ProviderNotConfiguredError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProviderNotConfiguredError';
  }
}

export function createModelServer(settings: StrataSettings, apiKey: string | undefined): ModelServer {
  if (settings.provider === 'ollama') return new OllamaServer(settings.ollamaHost);
  if (settings.openaiBaseUrl === '') {
    throw new ProviderNotConfiguredError(
      'No OpenAI-compatible base URL is set: set "strata.openaiCompatible.baseUrl" (e.g. http://127.0.0.1:8000/v1).',
    );
  }
  return new OpenAICompatibleServer(settings.openaiBaseUrl, apiKey);
}

/** Ollama lists `name:latest` for a model pulled as `name`; both spellings mean the same model. */
export function sameModel(a: string, b: string): boolean {
  const withTag = (name: string) => (name.includes(':') ? name : `${name}:latest`);
  return withTag(a) === withTag(b);
}
