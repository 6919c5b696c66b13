import type { ModelProvider } from '../model/chat';
import { sameModel } from '../model/createProvider';
import { typedCall } from '../model/typedCall';

export interface Check {
  name: 'reachable' | 'model installed' | 'tool support' | 'context length' | 'typed round trip';
  ok: boolean;
  detail: string;
}

export interface ConnectionReport {
  ok: boolean;
  server: string;
  model: string;
  checks: Check[];
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
 * Checks, in order, that the server answers, has the model, that the model calls tools, that its
 * context is large enough, and that one tiny typed call comes back valid. Stops at the first failure,
 * since later checks depend on earlier ones. Each failure is one line a user can act on.
 */
export async function diagnoseConnection(provider: ModelProvider, model: string, signal?: AbortSignal): Promise<ConnectionReport> {
  const checks: Check[] = [];
  const report = () => ({ ok: checks.every((check) => check.ok), server: provider.label, model, checks });
  const fail = (name: Check['name'], error: unknown) => {
    checks.push({ name, ok: false, detail: error instanceof Error ? error.message : String(error) });
    return report();
  };

  let models: string[];
  try {
    models = await provider.listModels(signal);
  } catch (error) {
    return fail('reachable', error);
  }
  checks.push({ name: 'reachable', ok: true, detail: `${provider.label} answered with ${models.length} model(s)` });

  if (!models.some((name) => sameModel(name, model))) {
    return fail('model installed', `model "${model}" is not on the server (has: ${models.slice(0, 8).join(', ') || 'none'})`);
  }
  checks.push({ name: 'model installed', ok: true, detail: `model "${model}" is available` });

  let info;
  try {
    info = await provider.describe(model, signal);
  } catch (error) {
    return fail('tool support', error);
  }
  if (!info.supportsTools) return fail('tool support', `model "${model}" does not support tool calling: choose one that does`);
  checks.push({ name: 'tool support', ok: true, detail: 'the model supports tool calling' });

  if (info.contextLength !== undefined && info.contextLength < MIN_CONTEXT_TOKENS) {
    return fail('context length', `model "${model}" holds only ${info.contextLength} tokens of context; Strata needs at least ${MIN_CONTEXT_TOKENS}`);
  }
  checks.push({
    name: 'context length',
    ok: true,
    detail: info.contextLength === undefined ? 'the server does not report the context length' : `context length ${info.contextLength} tokens`,
  });

  try {
    const { value, record } = await typedCall<{ sum: number }>(provider, {
      agent: 'doctor',
      target: 'round trip',
      model,
      system: 'You answer by calling the function you are given.',
      prompt: 'Add 2 and 3.',
      tool: { name: 'report_sum', description: 'Report the sum of two numbers.' },
      schema: ROUND_TRIP_SCHEMA,
      retryBudget: 2,
      signal,
    });
    checks.push({ name: 'typed round trip', ok: true, detail: `a typed call came back valid (sum ${value.sum}) in ${record.attempts} attempt(s), ${record.durationMs} ms` });
  } catch (error) {
    return fail('typed round trip', error);
  }
  return report();
}

export function formatReport(report: ConnectionReport): string {
  const lines = report.checks.map((check) => `${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}`);
  return [`${report.ok ? 'Model connection is ready' : 'Model connection has problems'} (${report.server}, model ${report.model})`, ...lines].join('\n');
}
