import { describeRequestError } from '../providers/fetchWithSignal';
import { DEFAULT_PROBE_TIMEOUT_MS, type ModelServer, sameModel } from '../providers/modelServer';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface ConnectionReport {
  ok: boolean;
  server: string;
  model: string;
  checks: Check[];
}

/**
 * Checks that the configured server answers and has the configured model. Each failed check is one
 * line a user can act on. (Tool support, context length and a typed round trip join with the model layer.)
 */
export async function diagnoseConnection(server: ModelServer, model: string, signal?: AbortSignal): Promise<ConnectionReport> {
  const checks: Check[] = [];
  let models: string[] | undefined;
  try {
    models = await server.listModels(signal);
    checks.push({ name: 'reachable', ok: true, detail: `${server.label} answered with ${models.length} model(s)` });
  } catch (error) {
    checks.push({ name: 'reachable', ok: false, detail: describeRequestError(error, server.label, DEFAULT_PROBE_TIMEOUT_MS) });
  }
  if (models) {
    const found = models.some((name) => sameModel(name, model));
    checks.push({
      name: 'model installed',
      ok: found,
      detail: found
        ? `model "${model}" is available`
        : `model "${model}" is not on the server (has: ${models.slice(0, 8).join(', ') || 'none'})`,
    });
  }
  return { ok: checks.every((check) => check.ok), server: server.label, model, checks };
}

export function formatReport(report: ConnectionReport): string {
  const lines = report.checks.map((check) => `${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}`);
  return [`${report.ok ? 'Model connection is ready' : 'Model connection has problems'} (${report.server}, model ${report.model})`, ...lines].join('\n');
}
