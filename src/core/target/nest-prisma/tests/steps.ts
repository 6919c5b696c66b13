import type { DatabaseArtifact } from '../../../database/types';
import type { DtoSchema, InterfaceArtifact, Operation } from '../../../interface/types';
import { type ActorKind, sessionActors } from '../../../interface/access';
import { authOf } from '../../../scenarios/accounts';
import { type ActingAccount, otherAccounts, scenarioCaller } from '../../../scenarios/actingAs';
import { parseRelativeDate } from '../../../scenarios/dates';
import { parseRef, SESSION } from '../../../scenarios/refs';
import { type ClockMove, type GivenStep, REPETITION, type ScenarioRequest, type ScenarioValue, type TestScenario } from '../../../scenarios/types';
import { relativeDateCode, type Resolve, fromValue } from './code';
import { type Printable, print, raw } from '../printer/layout';
import { accessor, quote } from '../printer/literals';

/** What the test renderers share: the artifacts, looked up by name. */
export interface TestRenderContext {
  api: InterfaceArtifact;
  database: DatabaseArtifact;
  operations: ReadonlyMap<string, Operation>;
  dtos: ReadonlyMap<string, DtoSchema>;
  /** Analyze actors: their kinds decide default scopes and who is a guest. */
  actors?: readonly ActorKind[];
}

export function renderContext(api: InterfaceArtifact, database: DatabaseArtifact, actors?: readonly ActorKind[]): TestRenderContext {
  return { api, database, operations: new Map(api.operations.map((op) => [op.id, op])), dtos: new Map(api.dtos.map((dto) => [dto.name, dto])), actors };
}

export const signsIn = (context: TestRenderContext, actor: string): boolean => authOf(context.api, actor) !== undefined;

/** Whether calling the operation needs a token: some actor it admits signs in. */
export const needsToken = (context: TestRenderContext, operation: Operation): boolean => sessionActors(context.api, operation, context.actors).length > 0;

const RESERVED = new Set(
  (
    'arguments await break case catch class const continue debugger default delete do else enum eval export extends false finally for function if ' +
    'implements import in instanceof interface let new null package private protected public return static super switch this throw true try typeof ' +
    'undefined var void while with yield assert describe it call signUp newSession newAccount logIn deactivate testServer useServer expectStatus expectSubset ' +
    'expectBadRequest expectNoSecrets expectUnauthorized expectNotOpenTo expectRefusal randomUUID PASSWORD session owner intruder reply original reread other ' +
    'now setClock advanceClock TEST_NOW repeat each n'
  ).split(' '),
);

/** Variable names inside one test: given-step names where free, else with a suffix. */
export class Variables {
  private readonly used = new Set(RESERVED);

  take(name: string): string {
    let variable = name;
    for (let n = 2; this.used.has(variable); n++) variable = `${name}${n === 2 ? 'Reply' : `Reply${n}`}`;
    this.used.add(variable);
    return variable;
  }
}

/**
 * Resolves `$session.<field>` against the session variable (`id`, or a field it signed up with),
 * `$<account>.<field>` against that account's session, and `$<given>.<field>` against the body of the
 * given step's reply.
 */
export function resolver(session: string | undefined, given: ReadonlyMap<string, string>, accounts: ReadonlyMap<string, string> = new Map()): Resolve {
  const sessionField = (variable: string | undefined, field: string) => (field === 'id' ? `${variable}.id` : `${variable}.account${accessor(field)}`);
  return (ref) => {
    if (ref.name === SESSION) return sessionField(session, ref.fields[0] ?? 'id');
    const account = accounts.get(ref.name);
    if (account !== undefined) return sessionField(account, ref.fields[0] ?? 'id');
    return `${given.get(ref.name) ?? ref.name}.body${ref.fields.map(accessor).join('')}`;
  };
}

/** The path with its parameters filled in: a plain string, or a template literal around references. */
export function pathCode(operation: Operation, params: Record<string, ScenarioValue>, resolve: Resolve): string {
  return pathWith(operation, (name) => {
    const value = params[name] ?? null;
    const date = parseRelativeDate(value);
    if (date) return { code: `encodeURIComponent(${relativeDateCode(date)})` };
    const ref = parseRef(value);
    if (!ref) return { text: encodeURIComponent(String(value)) };
    const type = operation.params.find((param) => param.name === name)?.type;
    return { code: type === 'integer' ? resolve(ref) : `encodeURIComponent(${resolve(ref)})` };
  });
}

/**
 * The path with ids that cannot exist: 2147483647 (the largest 32-bit integer, past any autoincrement
 * id a test makes) for integer parameters, a fresh `randomUUID()` for string ones.
 */
export function missingPathCode(operation: Operation): { code: string; usesRandomUUID: boolean } {
  let usesRandomUUID = false;
  const code = pathWith(operation, (name) => {
    if (operation.params.find((param) => param.name === name)?.type !== 'string') return { text: '2147483647' };
    usesRandomUUID = true;
    return { code: 'randomUUID()' };
  });
  return { code, usesRandomUUID };
}

/** A string literal of the path, or a template literal when a parameter is code. */
function pathWith(operation: Operation, valueOf: (name: string) => { text: string } | { code: string }): string {
  const parts = operation.path.split(/(\{[^}]+\})/).map((part): { text: string } | { code: string } => {
    const name = /^\{([^}]+)\}$/.exec(part)?.[1];
    return name === undefined ? { text: part } : valueOf(name);
  });
  if (parts.every((part) => 'text' in part)) return quote(parts.map((part) => ('text' in part ? part.text : '')).join(''));
  return `\`${parts.map((part) => ('text' in part ? part.text.replace(/[`\\$]/g, (c) => `\\${c}`) : `\${${part.code}}`)).join('')}\``;
}

/** Path parameters that make any path valid: the validation and guards run before the handler looks anything up. */
export function placeholderParams(operation: Operation): Record<string, ScenarioValue> {
  return Object.fromEntries(operation.params.map((param) => [param.name, param.type === 'integer' ? 1 : 'unknown']));
}

/**
 * `call('METHOD', path, { token, query, body })`, wrapped when it does not fit after `prefix`. The path
 * is the operation's with the request's parameters unless given as code.
 */
export function callCode(
  operation: Operation,
  request: ScenarioRequest,
  token: string | undefined,
  resolve: Resolve,
  indent: string,
  prefix: string,
  path = pathCode(operation, request.params ?? {}, resolve),
  counter?: string,
): string {
  const entries: [string, Printable][] = [];
  if (token) entries.push(['token', raw(token)]);
  if (request.query && Object.keys(request.query).length > 0) entries.push(['query', fromValue(request.query, resolve, counter)]);
  if (request.body !== undefined) entries.push(['body', fromValue(request.body, resolve, counter)]);
  const head = `call(${quote(operation.method)}, ${path}`;
  if (entries.length === 0) return `${head})`;
  return `${head}, ${print({ entries }, indent, prefix.length - indent.length + head.length + 4)})`;
}

/** Who runs a test: an actor, under a name in the scenario (its label), signed in as `session` (undefined for guests). */
export interface Caller {
  actor: string;
  /** The name the scenario knows the caller by: an account of its `accounts`, or the actor's name. */
  label?: string;
  session: string | undefined;
}

/**
 * The caller of a scenario's request: its `as`, or the operation's own actor. A guest call has no session.
 */
export function callerOf(scenario: TestScenario | undefined, operation: Operation, context: TestRenderContext): ActingAccount | undefined {
  if (!needsToken(context, operation)) return undefined;
  const acting = scenario ? scenarioCaller(context.api, scenario, operation) : undefined;
  if (acting) return acting;
  const actor = sessionActors(context.api, operation, context.actors)[0]!;
  return { label: actor, actor };
}

/**
 * Given steps as statements. First every other account the scenario uses gets a session (a fresh
 * account each); then each step is made as the caller's `session` (guest operations without a token),
 * or, for a step with `as`, as that account. Returns the statements, the variable of each step and of
 * each account, and whether they make any account.
 */
export function givenCode(
  scenario: TestScenario,
  caller: Caller,
  variables: Variables,
  context: TestRenderContext,
  indent: string,
): { lines: string[]; given: Map<string, string>; accounts: Map<string, string>; signsUp: boolean; repeats: boolean } {
  const given = new Map<string, string>();
  const accounts = new Map<string, string>();
  const lines: string[] = [];
  let signsUp = false;
  const callerLabel = caller.session ? (caller.label ?? caller.actor) : undefined;
  if (callerLabel) accounts.set(callerLabel, caller.session!);
  for (const account of otherAccounts(context.api, scenario, callerLabel ? { label: callerLabel, actor: caller.actor } : undefined)) {
    const variable = variables.take(account.label);
    accounts.set(account.label, variable);
    lines.push(`${indent}const ${variable} = await newSession(${quote(account.actor)});`);
    signsUp = true;
  }
  // The caller's own label resolves through `session`, like `$session`.
  const named = new Map([...accounts].filter(([label]) => label !== callerLabel));
  let repeats = false;
  for (const step of scenario.given) {
    const operation = context.operations.get(step.operation)!;
    const resolve = resolver(caller.session, given, named);
    const token = needsToken(context, operation) ? `${accounts.get(step.as ?? callerLabel ?? '') ?? caller.session}.token` : undefined;
    const variable = variables.take(step.name);
    if (step.times !== undefined) {
      lines.push(...repeatedCode(step, operation, variable, token, resolve, context, indent));
      repeats = true;
      signsUp ||= step.eachAs !== undefined;
    } else {
      const prefix = `${indent}const ${variable} = await `;
      lines.push(...clockCode(step.clock, resolve, indent));
      lines.push(`${prefix}${callCode(operation, step, token, resolve, indent, prefix)};`);
      lines.push(`${indent}expectStatus(${variable}, ${operation.status});`);
    }
    given.set(step.name, variable);
  }
  return { lines, given, accounts: named, signsUp, repeats };
}

/**
 * A step made `times` times: `const entry = await repeat(200, async (n) => { … return reply; });` holding
 * the last reply; each repetition moves the clock if the step does, signs up a new account when the step
 * says `eachAs`, and counts with `n` in its strings.
 */
function repeatedCode(step: GivenStep, operation: Operation, variable: string, token: string | undefined, resolve: Resolve, context: TestRenderContext, indent: string): string[] {
  const inner = `${indent}  `;
  const counts = JSON.stringify([step.query, step.body]).includes(REPETITION);
  const lines = [`${indent}const ${variable} = await repeat(${step.times}, async (${counts ? 'n' : ''}) => {`];
  if (step.eachAs !== undefined) lines.push(`${inner}const each = await newSession(${quote(step.eachAs)});`);
  lines.push(...clockCode(step.clock, resolve, inner));
  const prefix = `${inner}const reply = await `;
  const eachToken = step.eachAs !== undefined && needsToken(context, operation) ? 'each.token' : token;
  lines.push(`${prefix}${callCode(operation, step, eachToken, resolve, inner, prefix, undefined, 'n')};`);
  lines.push(`${inner}expectStatus(reply, ${operation.status});`, `${inner}return reply;`, `${indent}});`);
  return lines;
}

/**
 * The statement moving the test clock before a call, if the request has a move: `await
 * advanceClock('21d');` or `await setClock(now('+21d'));` (an ISO literal, a given step's field).
 */
export function clockCode(move: ClockMove | undefined, resolve: Resolve, indent: string): string[] {
  if (!move) return [];
  if (move.advance !== undefined) return [`${indent}await advanceClock(${quote(move.advance)});`];
  if (move.set === undefined) return [];
  const date = parseRelativeDate(move.set);
  const ref = date ? undefined : parseRef(move.set);
  const instant = date ? relativeDateCode(date) : ref ? resolve(ref) : quote(move.set);
  return [`${indent}await setClock(${instant});`];
}

/** The helpers of `test/support/clock.ts` that rendering these scenarios calls, sorted. */
export function clockHelpers(scenarios: readonly TestScenario[]): string[] {
  const used = new Set<string>();
  const visit = (value: ScenarioValue | undefined): void => {
    const date = parseRelativeDate(value);
    if (date) used.add(date.day ? 'today' : 'now');
    else if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(visit);
  };
  for (const scenario of scenarios) {
    for (const request of [...scenario.given, scenario.request]) {
      if (request.clock?.advance !== undefined) used.add('advanceClock');
      else if (request.clock?.set !== undefined) {
        used.add('setClock');
        visit(request.clock.set);
      }
      [request.params, request.query, request.body].forEach((part) => visit(part));
    }
    visit(scenario.expect.body);
  }
  return [...used].sort();
}

/** A test title as a string literal. */
export const titleLiteral = quote;

/** `member` -> `a member`, `admin` -> `an admin`. */
export const withArticle = (word: string): string => `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;

/** `TodoItem` -> `todo item`, for titles. */
export function words(name: string | undefined, fallback: string): string {
  if (!name) return fallback;
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}
