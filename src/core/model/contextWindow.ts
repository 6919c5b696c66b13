import type { ChatRequest, ContextWindow, JsonSchema } from './chat';
import { estimatePromptTokens, estimateTokens } from './tokens';

/** Expected answers are multiplied by this: an answer a little longer than the last must still fit. */
export const ANSWER_SAFETY = 1.5;
/** The least room left for an answer; a prompt that leaves less cannot be sent. */
export const MIN_ANSWER_TOKENS = 512;
/**
 * Answer tokens per prompt token expected of an agent until one of its answers has been seen. Strata's
 * answers grow with what the prompt carries (requirements, data model, API): on the reference apps they
 * run from 0.05 (service bodies) to 2 (API design) times the prompt.
 */
const FIRST_ANSWER_RATIO = 1;
/** What a thinking model reasons at least, on top of its answer. */
const MIN_THINKING_TOKENS = 1024;
/**
 * Ollama's common default context: every call is planned to fit it, prompt, answer and a retry, so a
 * small local model can finish a run.
 */
export const SMALL_MODEL_WINDOW = 8192;
/** The window when the server does not say how much the model holds. */
export const UNKNOWN_LIMIT = 8192;
/** Items expected of a top-level array of unknown length, and of a nested one. */
const TOP_ITEMS = 3;
const NESTED_ITEMS = 2;
/** Server counts kept per model for the calibration. */
const KEPT_RATIOS = 16;

/**
 * Sizes each call's `num_ctx` to its prompt plus its expected answer, as Ollama needs it: the window
 * holds both, and an answer that does not fit is cut off (`done_reason: "length"`). The prompt is
 * Strata's estimate, calibrated by the server's own `prompt_eval_count` (the largest ratio of recent
 * calls: a prompt served partly from the cache counts fewer tokens, never more). The answer is expected
 * from the schema, from the prompt (times the agent's largest answer-to-prompt ratio so far), from the
 * model's earlier answer in the request (a retry), and from the largest earlier answer for the same
 * target (its `eval_count`; twice that after a cut-off), times ANSWER_SAFETY, plus room to reason for a
 * thinking model. Windows come in a few sizes (4K, 6K, 8K, 12K, 16K …): Ollama reloads a model whose
 * `num_ctx` changes, so fewer distinct sizes mean fewer reloads.
 */
export class ContextPlanner {
  private readonly ratios = new Map<string, number[]>();
  private readonly answers = new Map<string, number>();
  private readonly answerRatios = new Map<string, number>();

  plan(request: ChatRequest, limit: number | undefined, thinking: boolean): ContextWindow {
    const schema = request.tool?.parameters ?? request.format;
    const calibration = this.calibration(request.model);
    const promptTokens = Math.ceil(promptEstimate(request) * calibration);
    const messageTokens = Math.ceil(estimatePromptTokens(request.messages) * calibration);
    const earlier = request.messages.filter((message) => message.role === 'assistant').map((message) => estimateTokens(message.content));
    const expected = Math.max(
      MIN_ANSWER_TOKENS,
      schema ? answerTokensFromSchema(schema) : 0,
      Math.ceil(messageTokens * (this.answerRatios.get(agentKey(request)) ?? FIRST_ANSWER_RATIO)),
      ...earlier,
      this.answers.get(answerKey(request)) ?? 0,
    );
    const answerTokens = Math.ceil(expected * ANSWER_SAFETY) + (thinking ? Math.max(MIN_THINKING_TOKENS, expected) : 0);
    return { numCtx: windowSize(promptTokens + answerTokens, limit), promptTokens, answerTokens, limit };
  }

  /** A larger window for a call that was cut off: twice the room for the answer, within the model's limit; undefined when there is none. */
  enlarge(window: ContextWindow, outputTokens: number): ContextWindow | undefined {
    const max = window.limit ?? UNKNOWN_LIMIT;
    if (window.numCtx >= max) return undefined;
    const answerTokens = Math.max(window.answerTokens, outputTokens) * 2;
    const numCtx = Math.max(windowSize(window.promptTokens + answerTokens, window.limit), Math.min(max, window.numCtx * 2));
    return { ...window, numCtx, answerTokens };
  }

  /** Learns from a finished call: the server's prompt count against Strata's estimate, and the answer's size for its target and agent. */
  observe(request: ChatRequest, counts: { promptEvalCount?: number; evalCount?: number; cutOff: boolean }): void {
    const estimate = promptEstimate(request);
    if (counts.promptEvalCount && counts.promptEvalCount > 0 && estimate > 0) {
      const kept = this.ratios.get(request.model) ?? [];
      kept.push(counts.promptEvalCount / estimate);
      this.ratios.set(request.model, kept.slice(-KEPT_RATIOS));
    }
    if (counts.evalCount && counts.evalCount > 0) {
      const size = counts.cutOff ? counts.evalCount * 2 : counts.evalCount;
      const key = answerKey(request);
      this.answers.set(key, Math.max(this.answers.get(key) ?? 0, size));
      const messages = estimatePromptTokens(request.messages) * this.calibration(request.model);
      const agent = agentKey(request);
      // The first answer seen replaces the first guess; later ones only raise it.
      if (messages > 0) this.answerRatios.set(agent, Math.max(this.answerRatios.has(agent) ? this.answerRatios.get(agent)! : 0, size / messages));
    }
  }

  /** Server tokens per estimated token for this model (1 until the server has counted). */
  calibration(model: string): number {
    const kept = this.ratios.get(model);
    if (!kept?.length) return 1;
    return Math.min(5, Math.max(0.5, ...kept));
  }
}

/** The smallest window of the ladder 4K, 6K, 8K, 12K, 16K, 24K … that holds `tokens`, within `limit`. */
export function windowSize(tokens: number, limit: number | undefined): number {
  let size = 4096;
  while (size < tokens) size = size % 3 === 0 ? (size / 3) * 4 : (size / 2) * 3;
  return Math.min(size, limit ?? UNKNOWN_LIMIT);
}

/**
 * Strata's estimate of the prompt as the server counts it: the messages, and the tool offered (the
 * template renders it into the prompt). A `format` schema is a grammar for decoding, not prompt text.
 */
function promptEstimate(request: ChatRequest): number {
  return estimatePromptTokens(request.messages, request.tool?.parameters);
}

function agentKey(request: ChatRequest): string {
  return `${request.model}\n${request.purpose?.agent ?? request.tool?.name ?? ''}`;
}

function answerKey(request: ChatRequest): string {
  return `${request.model}\n${request.purpose?.agent ?? ''}/${request.purpose?.target ?? request.tool?.name ?? ''}`;
}

/**
 * Tokens of a typical value of `schema`, compact: every property present, strings of their usual
 * length, arrays of unknown length with a few items. A first guess; earlier answers replace it.
 */
export function answerTokensFromSchema(schema: JsonSchema): number {
  return estimateTokens('x'.repeat(Math.ceil(typicalChars(schema, 0))));
}

function typicalChars(schema: JsonSchema, depth: number): number {
  if (depth > 12) return 8;
  const alternatives = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(alternatives) && alternatives.length > 0) return Math.max(...alternatives.map((one) => typicalChars(one, depth + 1)));
  if (Array.isArray(schema.enum)) return Math.max(4, ...schema.enum.map((value) => JSON.stringify(value).length));
  const type = Array.isArray(schema.type) ? schema.type.find((one) => one !== 'null') : schema.type;
  if (type === 'object' || schema.properties) {
    const required = new Set((schema.required ?? []) as string[]);
    const properties = Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>);
    // An optional property is there about half the time.
    return 2 + properties.reduce((sum, [key, child]) => sum + (required.has(key) ? 1 : 0.5) * (key.length + 4 + typicalChars(child, depth + 1)), 0);
  }
  if (type === 'array') {
    const items = (schema.items ?? {}) as JsonSchema;
    const typical = depth <= 1 ? TOP_ITEMS : NESTED_ITEMS;
    const count = Math.max(typeof schema.minItems === 'number' ? schema.minItems : 0, Math.min(typical, typeof schema.maxItems === 'number' ? schema.maxItems : typical));
    return 2 + count * (typicalChars(items, depth + 1) + 1);
  }
  if (type === 'string') return 2 + Math.min(typeof schema.maxLength === 'number' ? schema.maxLength : 40, 40);
  if (type === 'integer' || type === 'number') return 4;
  if (type === 'boolean') return 5;
  return 8;
}
