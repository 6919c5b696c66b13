import { DEFAULT_SETTINGS, parseHttpUrl, type StrataSettings } from '../config/settings';
import type { ModelProvider } from './chat';
import { timeoutsFrom } from './limits';
import { OllamaProvider } from './ollamaProvider';
import { OpenAICompatibleProvider } from './openaiCompatibleProvider';
import { type RetryListener, retryPolicyFrom, withRetries } from './retry';
import { ScriptedModel } from './scriptedProvider';

export const MODEL_SPEC_HELP = 'ollama:NAME, openai:NAME or scripted:FIXTURE_DIR[,FIXTURE_DIR…]';

export interface ModelChoice {
  provider: ModelProvider;
  /** Settings with the provider and model the spec names. */
  settings: StrataSettings;
}

/**
 * A model named on a command line: `ollama:qwen2.5-coder:7b` (host from `host` or OLLAMA_HOST),
 * `openai:gpt-4.1-mini` (base URL from `host` or STRATA_OPENAI_BASE_URL, key from STRATA_API_KEY), or
 * `scripted:DIR` (answers from fixture files; for tests, benchmarks and demos without a model).
 * Server providers get the time limits of `base` (strata.timeouts.*) and retry transient faults as
 * its strata.network.* says, telling `onRetry` of each retry.
 */
export function parseModelSpec(
  spec: string,
  base: StrataSettings = DEFAULT_SETTINGS,
  host?: string,
  env: NodeJS.ProcessEnv = process.env,
  onRetry?: RetryListener,
): ModelChoice {
  const colon = spec.indexOf(':');
  const kind = colon < 0 ? spec : spec.slice(0, colon);
  const name = colon < 0 ? '' : spec.slice(colon + 1);
  if (name === '') throw new Error(`--model needs ${MODEL_SPEC_HELP}; got "${spec}"`);
  switch (kind) {
    case 'ollama': {
      const ollamaHost = trimmedUrl(host ?? env.OLLAMA_HOST ?? base.ollamaHost, 'the Ollama host');
      const provider = withRetries(new OllamaProvider({ host: ollamaHost, timeouts: timeoutsFrom(base), outputMode: base.outputMode }), retryPolicyFrom(base), onRetry);
      return { provider, settings: { ...base, provider: 'ollama', ollamaHost, model: name, phaseModels: {} } };
    }
    case 'openai': {
      const openaiBaseUrl = trimmedUrl(host ?? env.STRATA_OPENAI_BASE_URL ?? base.openaiBaseUrl, 'the OpenAI-compatible base URL (--host or STRATA_OPENAI_BASE_URL)');
      return {
        provider: withRetries(
          new OpenAICompatibleProvider({ baseUrl: openaiBaseUrl, apiKey: env.STRATA_API_KEY, timeouts: timeoutsFrom(base), outputMode: base.outputMode }),
          retryPolicyFrom(base),
          onRetry,
        ),
        settings: { ...base, provider: 'openai-compatible', openaiBaseUrl, model: name, phaseModels: {} },
      };
    }
    case 'scripted':
      return { provider: new ScriptedModel(name), settings: { ...base, model: 'scripted', phaseModels: {} } };
    default:
      throw new Error(`--model needs ${MODEL_SPEC_HELP}; "${kind}" is not a provider`);
  }
}

function trimmedUrl(value: string, what: string): string {
  if (!parseHttpUrl(value)) throw new Error(`${what} must be an http(s) URL; got "${value}"`);
  return value.replace(/\/+$/, '');
}
