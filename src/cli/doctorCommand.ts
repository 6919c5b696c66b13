import { DEFAULT_SETTINGS, parseHttpUrl } from '../core/config/settings';
import { diagnoseConnection } from '../core/doctor/connectionReport';
import type { ModelProvider } from '../core/model/chat';
import { OllamaProvider } from '../core/model/ollamaProvider';
import { OpenAICompatibleProvider } from '../core/model/openaiCompatibleProvider';
import type { ParsedArgs } from './args';

export const DOCTOR_USAGE = `strata doctor [--host URL] [--model NAME] [--provider ollama|openai-compatible] [--json]
  Checks the model server: reachable, model installed, tool support, context length, one typed round trip.
  --host      Ollama host, or the OpenAI-compatible base URL (default ${DEFAULT_SETTINGS.ollamaHost})
  --model     model name (default ${DEFAULT_SETTINGS.model})
  The OpenAI-compatible API key is read from STRATA_API_KEY.`;

/** Exit code 0 when every check holds; otherwise 1, with one line per problem on stderr. */
export async function doctorCommand(args: ParsedArgs, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const option = (name: string) => (typeof args.options.get(name) === 'string' ? (args.options.get(name) as string) : undefined);
  const provider = option('provider') ?? 'ollama';
  const host = option('host') ?? (provider === 'ollama' ? DEFAULT_SETTINGS.ollamaHost : undefined);
  const model = option('model') ?? DEFAULT_SETTINGS.model;
  if (!host || !parseHttpUrl(host)) {
    err(`strata doctor: --host needs an http(s) URL${host ? `, got "${host}"` : ''}`);
    return 2;
  }
  if (provider !== 'ollama' && provider !== 'openai-compatible') {
    err(`strata doctor: --provider must be ollama or openai-compatible, got "${provider}"`);
    return 2;
  }
  const server: ModelProvider =
    provider === 'ollama'
      ? new OllamaProvider({ host: host.replace(/\/+$/, ''), probeTimeoutMs: 4_000, requestTimeoutMs: 120_000 })
      : new OpenAICompatibleProvider({ baseUrl: host.replace(/\/+$/, ''), apiKey: process.env.STRATA_API_KEY, probeTimeoutMs: 4_000, requestTimeoutMs: 120_000 });

  const report = await diagnoseConnection(server, model);
  if (args.options.has('json')) {
    out(JSON.stringify(report, null, 2));
  } else {
    for (const check of report.checks.filter((c) => c.ok)) out(`ok   ${check.name}: ${check.detail}`);
    for (const check of report.checks.filter((c) => !c.ok)) err(`FAIL ${check.name}: ${check.detail}`);
  }
  return report.ok ? 0 : 1;
}
