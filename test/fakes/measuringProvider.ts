import type { ChatRequest, ModelProvider, Usage } from '../../src/core/model/chat';

/**
 * `inner`, telling `seen` of every answered request with what the provider counted: the benches and the
 * window tests measure prompts and answers through it.
 */
export function measuring(inner: ModelProvider, seen: (request: ChatRequest, usage: Usage) => void): ModelProvider {
  return {
    id: inner.id,
    label: inner.label,
    listModels: (signal) => inner.listModels(signal),
    describe: (model, signal) => inner.describe(model, signal),
    chat: async (request) => {
      const result = await inner.chat(request);
      seen(request, result.usage);
      return result;
    },
  };
}
