import type { StrataSettings } from '../config/settings';
import type { ModelProvider } from './chat';
import { ModelError } from './errors';
import { timeoutsFrom } from './limits';
import { OllamaProvider } from './ollamaProvider';
import { OpenAICompatibleProvider } from './openaiCompatibleProvider';
import { type RetryListener, retryPolicyFrom, withRetries } from './retry';

/**
 * The provider the settings name, with their time limits, and transient faults retried as
 * `strata.network.*` says (`onRetry` hears of each retry). The API key comes from secret storage,
 * never from settings.
 */
export function createProvider(settings: StrataSettings, apiKey: string | undefined, onRetry?: RetryListener): ModelProvider {
  const timeouts = timeoutsFrom(settings);
  if (settings.provider === 'ollama') return withRetries(new OllamaProvider({ host: settings.ollamaHost, timeouts, outputMode: settings.outputMode }), retryPolicyFrom(settings), onRetry);
  if (settings.openaiBaseUrl === '') {
    throw new ModelError('http', 'No OpenAI-compatible base URL is set: set "strata.openaiCompatible.baseUrl" (e.g. http://127.0.0.1:8000/v1).');
  }
  return withRetries(new OpenAICompatibleProvider({ baseUrl: settings.openaiBaseUrl, apiKey, timeouts, outputMode: settings.outputMode }), retryPolicyFrom(settings), onRetry);
}

/** Ollama lists `name:latest` for a model pulled as `name`; both spellings mean the same model. */
export function sameModel(a: string, b: string): boolean {
  const withTag = (name: string) => (name.includes(':') ? name : `${name}:latest`);
  return withTag(a) === withTag(b);
}
