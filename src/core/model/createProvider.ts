import type { StrataSettings } from '../config/settings';
import type { ModelProvider } from './chat';
import { ModelError } from './errors';
import { OllamaProvider } from './ollamaProvider';
import { OpenAICompatibleProvider } from './openaiCompatibleProvider';

/** The provider the settings name; the API key comes from secret storage, never from settings. */
export function createProvider(settings: StrataSettings, apiKey: string | undefined): ModelProvider {
  if (settings.provider === 'ollama') return new OllamaProvider({ host: settings.ollamaHost });
  if (settings.openaiBaseUrl === '') {
    throw new ModelError('http', 'No OpenAI-compatible base URL is set: set "strata.openaiCompatible.baseUrl" (e.g. http://127.0.0.1:8000/v1).');
  }
  return new OpenAICompatibleProvider({ baseUrl: settings.openaiBaseUrl, apiKey });
}

/** Ollama lists `name:latest` for a model pulled as `name`; both spellings mean the same model. */
export function sameModel(a: string, b: string): boolean {
  const withTag = (name: string) => (name.includes(':') ? name : `${name}:latest`);
  return withTag(a) === withTag(b);
}
