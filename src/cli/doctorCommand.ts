import { DEFAULT_SETTINGS, parseHttpUrl, type StrataSettings } from '../core/config/settings';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { recordAppCalls } from '../core/doctor/appCalls';
import { type Check, diagnoseConnection } from '../core/doctor/connectionReport';
import { createProvider } from '../core/model/createProvider';
import { formatSeconds } from '../core/model/limits';
import type { ParsedArgs } from './args';
import { NETWORK_USAGE, networkOptions } from './networkOptions';

export const DOCTOR_USAGE = `strata doctor [--host URL] [--model NAME] [--provider ollama|openai-compatible] [--app DIR] [--json] [network options]
  Checks the model server: reachable, model installed, output mode (tools or format), thinking, context
  length (with the window the largest call of a reference app would get), one typed round trip.
  Prints each check as it finishes (ok lines on stdout, FAIL on stderr, retries on stderr); --json prints
  the whole report at the end. Each server check has its own limit, retries included: --probe-timeout for
  reachable and the model's capabilities, --load-timeout for the round trip (the model may have to load first).
  --app       a reference app folder (requirements.md + scripted/) whose calls are sized; default the todo
              app beside this install (test/fixtures/todo), when there is one
  --host      Ollama host, or the OpenAI-compatible base URL (default ${DEFAULT_SETTINGS.ollamaHost})
  --model     model name (default ${DEFAULT_SETTINGS.model})
${NETWORK_USAGE}
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
  const network = networkOptions(args.options);
  if (network.error) {
    err(`strata doctor: ${network.error}`);
    return 2;
  }
  const url = host.replace(/\/+$/, '');
  const settings: StrataSettings = {
    ...DEFAULT_SETTINGS,
    ...network.settings,
    provider,
    model,
    ...(provider === 'ollama' ? { ollamaHost: url } : { openaiBaseUrl: url }),
  };
  const json = args.options.has('json');
  const server = createProvider(settings, process.env.STRATA_API_KEY, (retry) =>
    err(`retry ${retry.attempt - 1} of ${retry.of - 1} (${retry.operation}) in ${formatSeconds(retry.delayMs)}: ${retry.reason}`),
  );
  const print = (check: Check) => (check.ok ? out(`ok   ${check.name}: ${check.detail}`) : err(`FAIL ${check.name}: ${check.detail}`));

  const app = option('app') ?? findTodoApp(__dirname);
  const report = await diagnoseConnection(server, model, {
    outputMode: settings.outputMode,
    appCalls: app ? () => recordAppCalls(basename(app), readFileSync(join(app, 'requirements.md'), 'utf8'), join(app, 'scripted')) : undefined,
    onCheck: json ? undefined : print,
    probeTimeoutMs: settings.probeSeconds * 1000,
    roundTripTimeoutMs: settings.loadSeconds * 1000,
  });
  if (json) out(JSON.stringify(report, null, 2));
  return report.ok ? 0 : 1;
}

/** The todo reference app in the checkout this command runs from (dist/ or out/src/cli/ lie below it). */
function findTodoApp(from: string): string | undefined {
  for (let folder = resolve(from); ; folder = dirname(folder)) {
    const candidate = join(folder, 'test', 'fixtures', 'todo');
    if (existsSync(join(candidate, 'requirements.md'))) return candidate;
    if (dirname(folder) === folder) return undefined;
  }
}

