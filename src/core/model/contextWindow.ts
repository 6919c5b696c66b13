import type { ChatRequest, ContextWindow, JsonSchema } from './chat';
import { estimatePromptTokens, estimateTokens } from './tokens';

/** Expected answers are multiplied by this: an answer a little longer than the last must still fit. */
export const ANSWER_SAFETY = 1.5;
/** The least room left for an answer; a prompt that leaves less cannot be sent. */
export const MIN_ANSWER_TOKENS = 512;
/** What a thinking model reasons at least, on top of its answer. */
const MIN_THINKING_TOKENS = 1024;
const STEP = 1024;
const MIN_CONTEXT = 4096;
/** The window when the server does not say how much the model holds. */
export const UNKNOWN_LIMIT = 8192;
/** Items an array of unknown length is expected to hold in a first answer. */
const TYPICAL_ITEMS = 4;
/** Server counts kept per model for the calibration. */
const KEPT_RATIOS = 16;

/**
 * Sizes each call's `num_ctx` to its prompt plus its expected answer, as Ollama needs it: the window
 * holds both, and an answer that does not fit is cut off (`done_reason: "length"`). The prompt is
 * Strata's estimate, calibrated by the server's own `prompt_eval_count` (the largest ratio of recent
 * calls: a prompt served partly from the cache counts fewer tokens, never more). The answer is expected
 * from the schema, from the model's earlier answer in the request (a retry), and from the largest
 * earlier answer for the same target (its `eval_count`; twice that after a cut-off), times
 * ANSWER_SAFETY, plus room to reason for a thinking model.
 */
export class ContextPlanner {
  private readonly ratios = new Map<string, number[]>();
  private readonly answers = new Map<string, number>();

  plan(request: ChatRequest, limit: number | undefined, thinking: boolean): ContextWindow {
    const schema = request.tool?.parameters ?? request.format;
    const promptTokens = Math.ceil(estimatePromptTokens(request.messages, schema) * this.calibration(request.model));
    const earlier = request.messages.filter((message) => message.role === 'assistant').map((message) => estimateTokens(message.content));
    const expected = Math.max(MIN_ANSWER_TOKENS, schema ? answerTokensFromSchema(schema) : 0, ...earlier, this.answers.get(answerKey(request)) ?? 0);
    const answerTokens = Math.ceil(expected * ANSWER_SAFETY) + (thinking ? Math.max(MIN_THINKING_TOKENS, expected) : 0);
    const max = limit ?? UNKNOWN_LIMIT;
    const numCtx = Math.min(max, Math.max(MIN_CONTEXT, Math.ceil((promptTokens + answerTokens) / STEP) * STEP));
    return { numCtx, promptTokens, answerTokens, limit };
  }

  /** A larger window for a call that was cut off: twice the room for the answer, within the model's limit; undefined when there is none. */
  enlarge(window: ContextWindow, outputTokens: number): ContextWindow | undefined {
    const max = window.limit ?? UNKNOWN_LIMIT;
    if (window.numCtx >= max) return undefined;
    const answerTokens = Math.max(window.answerTokens, outputTokens) * 2;
    const numCtx = Math.min(max, Math.max(window.numCtx * 2, Math.ceil((window.promptTokens + answerTokens) / STEP) * STEP));
    return { ...window, numCtx, answerTokens };
  }

  /** Learns from a finished call: the server's prompt count against Strata's estimate, and the answer's size for its target. */
  observe(request: ChatRequest, counts: { promptEvalCount?: number; evalCount?: number; cutOff: boolean }): void {
    const estimate = estimatePromptTokens(request.messages, request.tool?.parameters ?? request.format);
    if (counts.promptEvalCount && counts.promptEvalCount > 0 && estimate > 0) {
      const kept = this.ratios.get(request.model) ?? [];
      kept.push(counts.promptEvalCount / estimate);
      this.ratios.set(request.model, kept.slice(-KEPT_RATIOS));
    }
    if (counts.evalCount && counts.evalCount > 0) {
      const key = answerKey(request);
      const size = counts.cutOff ? counts.evalCount * 2 : counts.evalCount;
      this.answers.set(key, Math.max(this.answers.get(key) ?? 0, size));
    }
  }

  /** Server tokens per estimated token for this model (1 until the server has counted). */
  calibration(model: string): number {
    const kept = this.ratios.get(model);
    if (!kept?.length) return 1;
    return Math.min(2.5, Math.max(0.5, ...kept));
  }
}

function answerKey(request: ChatRequest): string {
  return `${request.model}\n${request.purpose?.agent ?? ''}/${request.purpose?.target ?? request.tool?.name ?? ''}`;
}

/**
 * Tokens of a typical value of `schema`, compact: every property present, strings of their usual
 * length, arrays of unknown length with a few items. A first guess; earlier answers replace it.
 */
export function answerTokensFromSchema(schema: JsonSchema): number {
  return estimateTokens('x'.repeat(typicalChars(schema, 0)));
}

function typicalChars(schema: JsonSchema, depth: number): number {
  if (depth > 12) return 8;
  const alternatives = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(alternatives) && alternatives.length > 0) return Math.max(...alternatives.map((one) => typicalChars(one, depth + 1)));
  if (Array.isArray(schema.enum)) return Math.max(4, ...schema.enum.map((value) => JSON.stringify(value).length));
  const type = Array.isArray(schema.type) ? schema.type.find((one) => one !== 'null') : schema.type;
  if (type === 'object' || schema.properties) {
    const properties = Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>);
    return 2 + properties.reduce((sum, [key, child]) => sum + key.length + 4 + typicalChars(child, depth + 1), 0);
  }
  if (type === 'array') {
    const items = (schema.items ?? {}) as JsonSchema;
    const count = Math.max(typeof schema.minItems === 'number' ? schema.minItems : 0, Math.min(TYPICAL_ITEMS, typeof schema.maxItems === 'number' ? schema.maxItems : TYPICAL_ITEMS));
    return 2 + count * (typicalChars(items, depth + 1) + 1);
  }
  if (type === 'string') return 2 + Math.min(typeof schema.maxLength === 'number' ? schema.maxLength : 40, 40);
  if (type === 'integer' || type === 'number') return 4;
  if (type === 'boolean') return 5;
  return 8;
}
