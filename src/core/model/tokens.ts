import type { ChatMessage, ChatRequest, JsonSchema, Usage } from './chat';

/**
 * A tokenizer estimate for when a server does not count: about 3.5 characters per token for English
 * prose and JSON with BPE vocabularies, plus a few tokens of framing per message. Errs high, which is
 * the safe side when sizing a context window.
 */
export function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.ceil(text.length / 3.5);
}

export function estimatePromptTokens(messages: readonly ChatMessage[], schema?: JsonSchema): number {
  const framing = 4;
  const body = messages.reduce((sum, message) => sum + framing + estimateTokens(message.content), 0);
  return body + (schema ? estimateTokens(JSON.stringify(schema)) : 0);
}

/** Usage for a server that did not count: the prompt (with the schema it carried) and the answer's text. */
export function estimateUsage(request: ChatRequest, answer: string): Usage {
  return {
    inputTokens: estimatePromptTokens(request.messages, request.tool?.parameters ?? request.format),
    outputTokens: estimateTokens(answer),
    counted: 'estimate',
  };
}
