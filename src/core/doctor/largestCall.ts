import type { ChatRequest, ContextWindow, ModelInfo } from '../model/chat';
import { ContextPlanner } from '../model/contextWindow';
import { asFormatRequest, type OutputMode } from '../model/outputMode';

/** The calls of a reference app, as a scripted run of it sent them (appCalls.ts records them). */
export interface AppCalls {
  app: string;
  requests: ChatRequest[];
}

export interface LargestCall {
  request: ChatRequest;
  window: ContextWindow;
}

/**
 * The call of `calls` that needs the most room, and the window Strata would give it on this model in
 * this output mode: what a fresh run plans before the server has counted anything.
 */
export function largestCall(calls: AppCalls, info: ModelInfo, mode: OutputMode): LargestCall | undefined {
  const planner = new ContextPlanner();
  let largest: LargestCall | undefined;
  for (const request of calls.requests) {
    const asked = mode === 'format' ? asFormatRequest(request) : request;
    const window = planner.plan(asked, info.contextLength, info.supportsThinking === true);
    if (!largest || window.promptTokens + window.answerTokens > largest.window.promptTokens + largest.window.answerTokens) largest = { request, window };
  }
  return largest;
}

/** One line for the doctor: which call, the window, and whether the model's limit leaves it short. */
export function describeLargestCall(app: string, largest: LargestCall): string {
  const { window, request } = largest;
  const expected = window.promptTokens + window.answerTokens;
  const name = request.purpose ? `${request.purpose.agent}/${request.purpose.target}` : (request.tool?.name ?? 'a call');
  const short = window.numCtx < expected ? `, less than the ${fmt(expected)} it expects: its answer may be cut off` : '';
  return `the ${app} app's largest call (${name}) would get num_ctx ${fmt(window.numCtx)} (prompt ~${fmt(window.promptTokens)} + answer ~${fmt(window.answerTokens)} tokens${short})`;
}

const fmt = (tokens: number) => tokens.toLocaleString('en-US');
