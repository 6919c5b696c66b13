import type { ChatRequest, ChatResult, ModelProvider } from '../core/model/chat';
import { isPhaseId, type PhaseId } from '../core/phaseId';

/** What the live view hears of each request a phase sends. */
export interface RequestObserver {
  /** Sent; `feedback` is the retry's last user message (undefined for a first attempt). */
  request(phase: PhaseId, target: string, feedback: string | undefined): void;
  text(phase: PhaseId, target: string, delta: string): void;
  answered(phase: PhaseId, target: string, result: ChatResult): void;
}

/**
 * The run's provider, seen from outside: every request of a phase is reported (a retry with the feedback
 * it carries) and its answer streams to the observer as it arrives. It asks the model nothing itself and
 * passes requests through unchanged but for the streamed-text callback, which it chains.
 */
export function observedProvider(inner: ModelProvider, observer: RequestObserver): ModelProvider {
  return {
    id: inner.id,
    label: inner.label,
    listModels: (signal) => inner.listModels(signal),
    describe: (model, signal) => inner.describe(model, signal),
    async chat(request: ChatRequest): Promise<ChatResult> {
      const phase = request.purpose?.agent;
      if (!isPhaseId(phase)) return inner.chat(request);
      const target = request.purpose!.target;
      // typedCall's conversation: system + task, then (a retry) its earlier answer and the feedback.
      const last = request.messages.at(-1);
      const feedback = request.messages.length > 2 && last?.role === 'user' ? last.content : undefined;
      observer.request(phase, target, feedback);
      // The view shows whatever the model sends as it comes: reasoning, text, a tool call's arguments.
      const result = await inner.chat({
        ...request,
        onText: (delta) => {
          request.onText?.(delta);
          observer.text(phase, target, delta);
        },
        onReasoning: (delta) => {
          request.onReasoning?.(delta);
          observer.text(phase, target, delta);
        },
        onToolArguments: (delta) => {
          request.onToolArguments?.(delta);
          observer.text(phase, target, delta);
        },
      });
      observer.answered(phase, target, result);
      return result;
    },
  };
}
