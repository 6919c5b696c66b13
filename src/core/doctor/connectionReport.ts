import type { OutputModeSetting } from '../config/settings';
import type { ModelProvider } from '../model/chat';
import { sameModel } from '../model/createProvider';
import { ModelError } from '../model/errors';
import { DEFAULT_TIMEOUTS, formatSeconds, LIMIT_NAMES, limitExceeded } from '../model/limits';
import { type OutputMode, resolveOutputMode } from '../model/outputMode';
import { typedCall } from '../model/typedCall';
import { type AppCalls, describeLargestCall, largestCall } from './largestCall';

export interface Check {
  name: 'reachable' | 'model installed' | 'output mode' | 'thinking' | 'context length' | 'typed round trip';
  ok: boolean;
  detail: string;
}

export interface ConnectionReport {
  ok: boolean;
  server: string;
  model: string;
  checks: Check[];
}

export interface DiagnoseOptions {
  signal?: AbortSignal;
  /** Hears each check as soon as it is decided, in order (the report comes only at the end). */
  onCheck?: (check: Check) => void;
  /** Limit of each probe check (reachable, tool support), retries included; default the probe limit. */
  probeTimeoutMs?: number;
  /** Limit of the typed round trip, retries included; default the load allowance (the model may have to load first). */
  roundTripTimeoutMs?: number;
  /** strata.outputMode, as the provider was given it (default auto). */
  outputMode?: OutputModeSetting;
  /** A reference app's calls (asked for only once the model is known): the context check says what window its largest call would get. */
  appCalls?: () => Promise<AppCalls | undefined>;
}

/** Strata's prompts are sized for this; smaller windows truncate schemas and feedback. */
export const MIN_CONTEXT_TOKENS = 8192;

const ROUND_TRIP_SCHEMA = {
  type: 'object',
  properties: { sum: { type: 'integer', description: 'the sum of the two numbers' } },
  required: ['sum'],
  additionalProperties: false,
};

/**
 * Checks, in order, that the server answers, has the model, how answers will be asked for (tools or
 * format, from strata.outputMode and the model's capabilities), whether it thinks, that its context is
 * large enough (and, given a reference app's calls, the window its largest call would get), and that
 * one tiny typed call comes back valid. Stops at the first failure,
 * since later checks depend on earlier ones. Each failure is one line a user can act on. Each check
 * that asks the server has its own time limit (retries of a provider wrapped in `withRetries` count
 * within it), and `onCheck` hears each check as it is decided.
 */
export async function diagnoseConnection(provider: ModelProvider, model: string, options: AbortSignal | DiagnoseOptions = {}): Promise<ConnectionReport> {
  const { signal, onCheck, probeTimeoutMs = DEFAULT_TIMEOUTS.probeMs, roundTripTimeoutMs = DEFAULT_TIMEOUTS.loadMs, outputMode = 'auto', appCalls } =
    options instanceof AbortSignal ? { signal: options } : (options as DiagnoseOptions);
  const checks: Check[] = [];
  const report = () => ({ ok: checks.every((check) => check.ok), server: provider.label, model, checks });
  const add = (check: Check) => {
    checks.push(check);
    onCheck?.(check);
  };
  const fail = (name: Check['name'], error: unknown) => {
    add({ name, ok: false, detail: error instanceof Error ? error.message : String(error) });
    return report();
  };
  const probe = <T>(task: (signal: AbortSignal) => Promise<T>) =>
    within(probeTimeoutMs, signal, () => limitExceeded(provider.label, 'probe', probeTimeoutMs), task);

  let models: string[];
  try {
    models = await probe((checkSignal) => provider.listModels(checkSignal));
  } catch (error) {
    return fail('reachable', error);
  }
  add({ name: 'reachable', ok: true, detail: `${provider.label} answered with ${models.length} model(s)` });

  if (!models.some((name) => sameModel(name, model))) {
    return fail('model installed', `model "${model}" is not on the server (has: ${models.slice(0, 8).join(', ') || 'none'})`);
  }
  add({ name: 'model installed', ok: true, detail: `model "${model}" is available` });

  let info;
  try {
    info = await probe((checkSignal) => provider.describe(model, checkSignal));
  } catch (error) {
    return fail('output mode', error);
  }
  let mode: OutputMode;
  try {
    mode = resolveOutputMode(outputMode, info);
  } catch (error) {
    return fail('output mode', error);
  }
  add({
    name: 'output mode',
    ok: true,
    detail:
      mode === 'tools'
        ? 'tools: the model calls a function whose parameters are the schema'
        : `format: answers are JSON constrained to the schema (${outputMode === 'format' ? 'strata.outputMode is "format"' : 'the model lists no "tools" capability'})`,
  });
  add({
    name: 'thinking',
    ok: true,
    detail: info.supportsThinking
      ? 'a thinking model: it is asked to think (think: true), its reasoning kept out of answers and shown in the log'
      : 'no "thinking" capability listed; reasoning written into an answer is still cut out of it',
  });

  if (info.contextLength !== undefined && info.contextLength < MIN_CONTEXT_TOKENS) {
    return fail('context length', `model "${model}" holds only ${info.contextLength} tokens of context; Strata needs at least ${MIN_CONTEXT_TOKENS}`);
  }
  let sizing: string | undefined;
  try {
    const calls = await appCalls?.();
    const largest = calls && largestCall(calls, info, mode);
    sizing = largest && describeLargestCall(calls.app, largest);
  } catch (error) {
    sizing = `the reference app could not be sized: ${error instanceof Error ? error.message : String(error)}`;
  }
  add({
    name: 'context length',
    ok: true,
    detail: [info.contextLength === undefined ? 'the server does not report the context length' : `context length ${info.contextLength} tokens`, ...(sizing ? [sizing] : [])].join('; '),
  });

  try {
    const roundTripLimit = () =>
      new ModelError(
        'timeout',
        `the typed round trip did not finish within ${formatSeconds(roundTripTimeoutMs)} (load allowance, ${LIMIT_NAMES.load.setting})`,
        undefined,
        { limit: 'load' },
      );
    const { value, record } = await within(roundTripTimeoutMs, signal, roundTripLimit, (checkSignal) =>
      typedCall<{ sum: number }>(provider, {
        agent: 'doctor',
        target: 'round trip',
        model,
        system: 'You answer by calling the function you are given.',
        prompt: 'Add 2 and 3.',
        tool: { name: 'report_sum', description: 'Report the sum of two numbers.' },
        schema: ROUND_TRIP_SCHEMA,
        retryBudget: 2,
        signal: checkSignal,
      }),
    );
    add({ name: 'typed round trip', ok: true, detail: `a typed call came back valid (sum ${value.sum}) in ${record.attempts} attempt(s), ${record.durationMs} ms` });
  } catch (error) {
    return fail('typed round trip', error);
  }
  return report();
}

/**
 * Runs `task` with a signal that aborts after `ms` (or with `signal`); past `ms` it rejects with
 * `limit()` at once, whether or not the task has noticed. The timer is held here, not in an
 * `AbortSignal.timeout()` (see requestGuard.ts on why).
 */
async function within<T>(ms: number, signal: AbortSignal | undefined, limit: () => ModelError, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const forward = () => controller.abort(signal?.reason);
  if (signal?.aborted) forward();
  signal?.addEventListener('abort', forward, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = limit();
      controller.abort(error);
      reject(error);
    }, ms);
  });
  try {
    return await Promise.race([task(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', forward);
  }
}

export function formatReport(report: ConnectionReport): string {
  const lines = report.checks.map((check) => `${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}`);
  return [`${report.ok ? 'Model connection is ready' : 'Model connection has problems'} (${report.server}, model ${report.model})`, ...lines].join('\n');
}
