import type { ChatResult } from './chat';
import { jsonFromText } from './jsonFromText';
import { splitReasoning } from './reasoning';
import { estimateTokens } from './tokens';

/**
 * Why an answer could not be used, each with its own message to the user and feedback to the model:
 * - `cut-off`: the server stopped it (`done_reason`/`finish_reason` "length"): never parsed, since a
 *   cut-off value may look whole;
 * - `oversized`: far larger than any task asks for (a model repeating itself); not read, not echoed back;
 * - `reasoning-only`: the model reasoned and never answered;
 * - `text-not-call`: prose where a tool call was asked, with no JSON in it;
 * - `empty`: nothing at all;
 * - `unreadable`: JSON that is not closed or cannot be repaired.
 */
export type AnswerFailure = 'cut-off' | 'oversized' | 'reasoning-only' | 'text-not-call' | 'empty' | 'unreadable';

export type Answer =
  | { ok: true; value: unknown; text: string; reasoning: string }
  | { ok: false; kind: AnswerFailure; error: string; text: string; reasoning: string };

/** An answer longer than this is not read: no typed answer of Strata's comes near (the largest are ~80 KB). */
export const OVERSIZED_CHARS = 256 * 1024;
/** How much of an answer that cannot be used is shown back to the model. */
const ECHO_CHARS = 1500;

/**
 * The arguments of the requested tool call, or JSON recovered from text (a call written out, JSON in
 * a fence or in prose, after any reasoning), with the text the model is shown of its own answer
 * (reasoning left out) and the reasoning for the log.
 */
export function readAnswer(result: ChatResult, toolName: string): Answer {
  const call = result.toolCalls.find((candidate) => candidate.name === toolName) ?? result.toolCalls[0];
  const split = splitReasoning(result.content);
  const reasoning = [result.thinking?.trim() ?? '', split.reasoning].filter(Boolean).join('\n\n');
  const raw = call ? (call.rawArguments ?? JSON.stringify(call.arguments ?? null)) : split.answer;
  const failed = (kind: AnswerFailure, error: string, text = raw): Answer => ({ ok: false, kind, error, text, reasoning });

  if (result.finishReason === 'length') {
    const room = result.window ? `, the ${result.window.numCtx}-token context of the call being full` : '';
    return failed('cut-off', `the answer was cut off after ${result.usage.outputTokens} tokens (the server stopped it${room})`, excerpt(raw));
  }
  if (raw.length > OVERSIZED_CHARS) {
    return failed('oversized', `the answer was ${raw.length.toLocaleString('en-US')} characters long (about ${estimateTokens(raw).toLocaleString('en-US')} tokens), far more than this task needs`, excerpt(raw));
  }
  if (call) {
    if (call.rawArguments === undefined) return { ok: true, value: call.arguments, text: raw, reasoning };
    const recovered = jsonFromText(call.rawArguments);
    return recovered.ok ? { ok: true, value: recovered.value, text: raw, reasoning } : failed('unreadable', recovered.error);
  }
  if (split.answer === '') {
    return reasoning
      ? failed('reasoning-only', `the model reasoned (${reasoning.length.toLocaleString('en-US')} characters) but gave no answer`, '')
      : failed('empty', 'the answer was empty', '');
  }
  const recovered = jsonFromText(split.answer);
  if (recovered.ok) return { ok: true, value: unwrapTextCall(recovered.value, toolName), text: split.answer, reasoning };
  if (result.outputMode !== 'format' && !/[{[]/.test(split.answer)) {
    return failed('text-not-call', `the model answered in prose instead of calling \`${toolName}\``, excerpt(split.answer));
  }
  return failed('unreadable', recovered.error);
}

/** What the model is told when its answer could not be used: the cause at `$`, then what to do. */
export function failureFeedback(answer: Extract<Answer, { ok: false }>, toolName: string): string {
  const call = `\`${toolName}\``;
  const cause = `Your answer could not be used (at $: ${answer.error}).`;
  switch (answer.kind) {
    case 'cut-off':
      return `${cause} It did not fit in the room the model has. Call ${call} again with a shorter answer: brief descriptions, no comments, nothing repeated, only what the schema asks for.`;
    case 'oversized':
      return `${cause} It was not read. Call ${call} again with only what the schema asks for, each item once.`;
    case 'reasoning-only':
      return `${cause} Keep the reasoning short and call ${call} with the whole value.`;
    case 'text-not-call':
      return `${cause} Call the function ${call} once, with arguments that match its JSON schema, and no text around it.`;
    case 'empty':
      return `${cause} Call ${call} once, with arguments that match its JSON schema.`;
    case 'unreadable':
      return `Your answer could not be read as JSON (at $: ${answer.error}). Call ${call} again with complete, valid JSON arguments.`;
  }
}

/** The start of an answer that cannot be used, so the model sees what it wrote without the prompt growing by all of it. */
function excerpt(text: string): string {
  return text.length <= ECHO_CHARS ? text : `${text.slice(0, ECHO_CHARS)}… [${(text.length - ECHO_CHARS).toLocaleString('en-US')} more characters not shown]`;
}

/** A call written as text often comes as `{"name": tool, "arguments": {...}}` (or `parameters`). */
function unwrapTextCall(value: unknown, toolName: string): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const object = value as Record<string, unknown>;
  const inner = (object.function as Record<string, unknown> | undefined) ?? object;
  if (inner.name === toolName) {
    const args = inner.arguments ?? inner.parameters;
    if (typeof args === 'string') {
      const parsed = jsonFromText(args);
      return parsed.ok ? parsed.value : args;
    }
    if (args !== undefined) return args;
  }
  return value;
}
