import type { Issue } from '../diagnostics/issue';
import type { CallLedger, CallRecord } from './accounting';
import type { ChatMessage, ChatResult, JsonSchema, ModelProvider } from './chat';
import { failureFeedback, readAnswer } from './answer';
import { isCancelled, ModelError } from './errors';
import { reasoningExcerpt } from './reasoning';
import { mergeReply, partOf, partsOf, partsSchema, partsToAsk } from './answerParts';
import { checkAgainstSchema } from './schemaCheck';
import { estimatePromptTokens } from './tokens';

export interface TypedCallSpec<T> {
  agent: string;
  target: string;
  model: string;
  system: string;
  prompt: string;
  /** The function the model is asked to call; its parameters are `schema`. */
  tool: { name: string; description: string };
  schema: JsonSchema;
  /** The phase's own rules, run once the value fits the schema; issues of severity `error` need a retry. */
  validate?: (value: T) => Issue[];
  /**
   * The earlier phases the run can still go back to. Only problems whose `needs` names one of them stop
   * the loop early and are offered a way out; otherwise the loop spends its whole budget on them.
   */
  goBackTo?: ReadonlySet<string>;
  /** Retries after the first attempt. */
  retryBudget: number;
  signal?: AbortSignal;
  /** Stream the answer (default true): only a streamed answer lets the idle limit fire on a stall. */
  stream?: boolean;
}

export interface TypedCallResult<T> {
  value: T;
  record: CallRecord;
}

/**
 * The model did not give a valid value within the budget; carries the last problems (as text, and as
 * issues with their paths and `needs`) and the accounting. `needsEarlierPhase` is set when the loop stopped
 * early because only problems an earlier phase must fix were left (see `Issue.needs`).
 */
export class TypedCallError extends Error {
  constructor(
    message: string,
    readonly record: CallRecord,
    readonly problems: string[],
    readonly issues: Issue[] = [],
    readonly needsEarlierPhase = false,
  ) {
    super(message);
    this.name = 'TypedCallError';
  }
}

/** At most this many problems are listed in one feedback message. */
const FEEDBACK_LIMIT = 15;
/** At most this many settled problems are recalled in one feedback message. */
const SETTLED_LIMIT = 8;

/**
 * Asks a model for a value of a JSON schema. Function calling first; a call written as text is
 * recovered; the value is checked against the schema (Ajv) and then by the phase's validator. On
 * failure the model gets its own answer back with every error located at its JSON path and tries
 * again. The conversation stays four messages long however many retries there are.
 */
export async function typedCall<T>(provider: ModelProvider, spec: TypedCallSpec<T>, ledger?: CallLedger): Promise<TypedCallResult<T>> {
  const started = Date.now();
  const record: CallRecord = {
    agent: spec.agent,
    target: spec.target,
    model: spec.model,
    ok: false,
    attempts: 0,
    parseFailures: 0,
    validationFailures: 0,
    inputTokens: 0,
    outputTokens: 0,
    tokens: 'provider',
    durationMs: 0,
  };
  const counted = new Set<string>();
  const finish = (): CallRecord => {
    record.durationMs = Date.now() - started;
    record.tokens = counted.size > 1 ? 'mixed' : counted.has('estimate') ? 'estimate' : 'provider';
    ledger?.add(record);
    return record;
  };

  const opening: ChatMessage[] = [
    { role: 'system', content: spec.system },
    { role: 'user', content: `${spec.prompt}\n\nAnswer by calling the function \`${spec.tool.name}\` once, with arguments that match its JSON schema.` },
  ];
  let messages = opening;
  // The parts of `current` (the answer so far, replies merged in) the pending retry asks for; undefined: the whole answer.
  let asked: string[] | undefined;
  let current: unknown;
  let problems: string[] = [];
  let issues: Issue[] = [];
  // Problems only an earlier phase can fix that feedback has already named once.
  const named = new Set<string>();
  // Every problem feedback has named in this call, so later feedback can say which are settled.
  const told = new Set<string>();
  // Whether the last answer failed only on problems an earlier phase must fix.
  let onlyNeeds = false;

  for (let attempt = 1; attempt <= spec.retryBudget + 1; attempt++) {
    if (spec.signal?.aborted) {
      record.error = 'cancelled';
      finish();
      throw new ModelError('cancelled', `${spec.agent}/${spec.target} was cancelled`);
    }
    record.attempts = attempt;
    let result: ChatResult;
    try {
      result = await provider.chat({
        model: spec.model,
        messages,
        // A retry asking for parts is answered in parts: the schema says which (Ollama's `format` constrains to it).
        tool: { name: spec.tool.name, description: spec.tool.description, parameters: asked ? partsSchema(spec.schema, asked) : spec.schema },
        signal: spec.signal,
        // Streamed unless told otherwise, so the idle limit can tell a stalled answer from a long one.
        stream: spec.stream ?? true,
        purpose: { agent: spec.agent, target: spec.target },
      });
    } catch (error) {
      record.error = error instanceof Error ? error.message : String(error);
      finish();
      throw isCancelled(error) ? new ModelError('cancelled', `${spec.agent}/${spec.target} was cancelled`) : error;
    }
    record.inputTokens += result.usage.inputTokens;
    record.outputTokens += result.usage.outputTokens;
    counted.add(result.usage.counted);

    const answer = readAnswer(result, spec.tool.name);
    if (answer.reasoning) record.reasoning = reasoningExcerpt(answer.reasoning);
    // A reply to a retry that asked for parts: merged into the answer so far, or the whole answer given again.
    const reply = answer.ok && asked ? mergeReply(current, answer.value, asked, spec.schema) : undefined;
    let feedback: string;
    if (!answer.ok || reply?.kind === 'unusable') {
      record.parseFailures++;
      const error = answer.ok ? partsMissing(asked!, reply!.kind === 'unusable' ? reply!.ignored : []) : answer.error;
      feedback = answer.ok ? `Your answer could not be used (at $: ${error}).` : failureFeedback(answer, spec.tool.name);
      if (asked) {
        // The answer so far stands: the same parts are asked for again, with why the reply was not used.
        messages = partsRetry(opening, current, asked, `${feedback}\n${partsFeedback(issues, asked, spec.tool.name)}`);
        continue;
      }
      onlyNeeds = false;
      problems = [error];
      issues = [{ severity: 'error', source: spec.agent, path: '$', message: error }];
      messages = [...opening, { role: 'assistant', content: answer.text }, { role: 'user', content: feedback }];
      continue;
    }
    const value = reply ? reply.value : answer.value;
    const ignored = reply?.kind === 'merged' ? reply.ignored : [];
    const schemaErrors = checkAgainstSchema(spec.schema, value);
    const ruleErrors = schemaErrors.length === 0 && spec.validate ? spec.validate(value as T).filter((issue) => issue.severity === 'error') : [];
    if (schemaErrors.length === 0 && ruleErrors.length === 0) {
      record.ok = true;
      return { value: value as T, record: finish() };
    }
    record.validationFailures++;
    current = value;
    issues = [...schemaErrors.map((error): Issue => ({ severity: 'error', source: spec.agent, path: error.path, message: `expected ${error.expected}, found ${error.found}` })), ...ruleErrors];
    problems = issues.map(formatIssue);
    // Nothing but problems of an earlier phase's making, one of them back after feedback named it: asking
    // again cannot help (the model can only trade it for another error), so the pipeline goes back.
    const blocked = ruleErrors.filter((issue) => issue.needs !== undefined && spec.goBackTo?.has(issue.needs));
    onlyNeeds = schemaErrors.length === 0 && ruleErrors.every((issue) => issue.needs !== undefined);
    if (onlyNeeds && blocked.length === ruleErrors.length && blocked.some((issue) => named.has(needsKey(issue)))) {
      const phases = [...new Set(blocked.map((issue) => issue.needs))].join(', ');
      record.error = `stopped after ${attempt} attempt(s): only the ${phases} phase can fix what is left`;
      const final = finish();
      throw new TypedCallError(`${spec.agent}/${spec.target}: ${record.error}: ${problems.slice(0, 5).join('; ')}`, final, problems, issues, true);
    }
    for (const issue of blocked) named.add(needsKey(issue));
    // A long list drowns a small model: the first ones, and how many more there are; only their parts are asked for.
    asked = partsToAsk(issues.slice(0, FEEDBACK_LIMIT).map((issue) => issue.path), value, spec.schema, estimatePromptTokens(opening, spec.schema));
    const shown = (asked ? issues.filter((issue) => asked!.includes(partOf(issue.path))) : issues).slice(0, FEEDBACK_LIMIT);
    feedback = [
      asked
        ? `Your answer has ${problems.length} problem(s). The parts of it shown above hold ${shown.length === problems.length ? 'them' : `the first ${shown.length}`}; everything else of your answer is kept as it was:`
        : `Your answer has ${problems.length} problem(s). Fix each one at its path and keep everything else as it was:`,
      ...shown.map((issue) => `- ${formatIssue(issue)}`),
      ...(problems.length > shown.length ? [`- … and ${problems.length - shown.length} more; fix these first.`] : []),
      ...(blocked.length > 0 ? [wayOut(blocked)] : []),
      ...(ignored.length > 0 ? [`Not asked for, so not used: ${ignored.join(', ')}.`] : []),
      asked ? partsInstruction(asked, spec.tool.name) : `Call \`${spec.tool.name}\` again with the whole corrected value.`,
    ].join('\n');
    // Only an answer whose rules ran tells which earlier problems are gone (a schema error hides them).
    if (schemaErrors.length === 0) {
      feedback += settled(told, problems);
      for (const issue of shown) told.add(formatIssue(issue));
    }
    // Short on purpose: the task, the model's own last answer (or the parts of it to replace), and what is wrong with it.
    messages = asked ? partsRetry(opening, value, asked, feedback) : [...opening, { role: 'assistant', content: reply ? JSON.stringify(value) : answer.text }, { role: 'user', content: feedback }];
  }

  record.error = `no valid answer after ${record.attempts} attempt(s)`;
  const final = finish();
  // A budget spent on an answer that only an earlier phase can fix is a stop for that phase too.
  throw new TypedCallError(`${spec.agent}/${spec.target}: ${record.error}; last problems: ${problems.slice(0, 5).join('; ')}`, final, problems, issues, onlyNeeds);
}

/** A retry asking for parts: the task, the parts of the answer so far as the model's last word, and the feedback. */
function partsRetry(opening: readonly ChatMessage[], value: unknown, parts: readonly string[], feedback: string): ChatMessage[] {
  return [...opening, { role: 'assistant', content: JSON.stringify(partsOf(value, parts)) }, { role: 'user', content: feedback }];
}

function partsInstruction(parts: readonly string[], tool: string): string {
  return `Call \`${tool}\` again with a replacement for each of these parts, as one object keyed by their paths (${parts.map((part) => JSON.stringify(part)).join(', ')}): each fixed at the paths named, the rest of it as it was.`;
}

/** The same parts asked again after a reply that could not be used: the problems still open in them. */
function partsFeedback(issues: readonly Issue[], parts: readonly string[], tool: string): string {
  const open = issues.filter((issue) => parts.includes(partOf(issue.path))).slice(0, FEEDBACK_LIMIT);
  return [...(open.length ? ['The problems still open in the parts shown above:', ...open.map((issue) => `- ${formatIssue(issue)}`)] : []), partsInstruction(parts, tool)].join('\n');
}

/** Why a reply to a retry asking for parts was not used. */
function partsMissing(parts: readonly string[], ignored: readonly string[]): string {
  return `the reply has none of the parts asked for, keyed by their paths (${parts.join(', ')})${ignored.length ? `; it gave ${ignored.join(', ')}` : ''}`;
}

/** Only the last answer and its feedback are sent again: say which earlier problems are fixed, so they stay fixed. */
function settled(told: ReadonlySet<string>, problems: readonly string[]): string {
  const open = new Set(problems);
  const fixed = [...told].filter((problem) => !open.has(problem)).slice(-SETTLED_LIMIT);
  return fixed.length ? `\nFixed in your earlier answers of this call (keep them so):\n${fixed.map((problem) => `- ${problem}`).join('\n')}` : '';
}

/** What to do when a problem cannot be fixed here: say so by leaving it, and the earlier phase is asked. */
function wayOut(blocked: readonly Issue[]): string {
  const phases = [...new Set(blocked.map((issue) => issue.needs))].join(' or ');
  return `If a problem at ${[...new Set(blocked.map((issue) => issue.path ?? '$'))].slice(0, 3).join(', ')} cannot be fixed within your answer because of what the ${phases} phase decided, fix the others and leave that part as it is: Strata then asks the ${phases} phase to change it.`;
}

function needsKey(issue: Issue): string {
  return `${issue.needs}\n${issue.path ?? '$'}\n${issue.message}`;
}

function formatIssue(issue: Issue): string {
  return `at ${issue.path ?? '$'}: ${issue.message}`;
}
