import { RequestGuard } from './requestGuard';

/** A model as the picker shows it: what it weighs, how it is quantised, and what it can do. */
export interface CatalogModel {
  name: string;
  /** Bytes on disk. */
  sizeBytes?: number;
  /** "7.6B" as the server says. */
  parameterSize?: string;
  /** "Q4_K_M". */
  quantization?: string;
  family?: string;
  /** Undefined when /api/show did not answer for it. */
  supportsTools?: boolean;
  supportsThinking?: boolean;
  contextLength?: number;
}

interface TagsAnswer {
  models?: { name?: string; size?: number; details?: { parameter_size?: string; quantization_level?: string; family?: string } }[];
}

interface ShowAnswer {
  capabilities?: string[];
  model_info?: Record<string, unknown>;
}

/**
 * The models an Ollama server has, with their details: /api/tags gives size, parameters and quantisation,
 * /api/show each one's capabilities (tools, thinking) and context length. Each request is held to the
 * probe limit; a model whose /api/show fails is listed without capabilities rather than dropped.
 */
export async function ollamaCatalog(host: string, probeMs: number, signal?: AbortSignal): Promise<CatalogModel[]> {
  const base = host.replace(/\/+$/, '');
  const tags = await probeJson<TagsAnswer>(`${base}/api/tags`, undefined, `Ollama at ${base}`, probeMs, signal);
  const models = (tags.models ?? []).filter((model): model is typeof model & { name: string } => typeof model.name === 'string');
  const shown = await Promise.all(
    models.map((model) => probeJson<ShowAnswer>(`${base}/api/show`, { model: model.name }, `Ollama at ${base}`, probeMs, signal).catch(() => undefined)),
  );
  return models
    .map((model, index): CatalogModel => {
      const show = shown[index];
      const context = Object.entries(show?.model_info ?? {}).find(([key]) => key.endsWith('.context_length'))?.[1];
      return {
        name: model.name,
        ...(typeof model.size === 'number' ? { sizeBytes: model.size } : {}),
        ...(model.details?.parameter_size ? { parameterSize: model.details.parameter_size } : {}),
        ...(model.details?.quantization_level ? { quantization: model.details.quantization_level } : {}),
        ...(model.details?.family ? { family: model.details.family } : {}),
        ...(show ? { supportsTools: (show.capabilities ?? []).includes('tools'), supportsThinking: (show.capabilities ?? []).includes('thinking') } : {}),
        ...(typeof context === 'number' ? { contextLength: context } : {}),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** One line of what a model is: "7.6B · Q4_K_M · 4.4 GB · tools · thinking · 32K context". */
export function describeCatalogModel(model: CatalogModel): string {
  const parts: string[] = [];
  if (model.parameterSize) parts.push(model.parameterSize);
  if (model.quantization) parts.push(model.quantization);
  if (model.sizeBytes !== undefined) parts.push(`${(model.sizeBytes / 1e9).toFixed(1)} GB`);
  if (model.supportsTools !== undefined) parts.push(model.supportsTools ? 'tools' : 'no tools (JSON format mode)');
  if (model.supportsThinking) parts.push('thinking');
  if (model.contextLength !== undefined) parts.push(`${model.contextLength >= 1024 ? `${Math.round(model.contextLength / 1024)}K` : model.contextLength} context`);
  return parts.join(' · ');
}

async function probeJson<T>(url: string, body: unknown, where: string, probeMs: number, signal?: AbortSignal): Promise<T> {
  const guard = RequestGuard.probe(where, probeMs, signal);
  try {
    const response = await guard.fetch(url, body === undefined ? undefined : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`${where} answered ${response.status} for ${new URL(url).pathname}`);
    return (await response.json()) as T;
  } catch (error) {
    throw guard.failure(error);
  } finally {
    guard.dispose();
  }
}
