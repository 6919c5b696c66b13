import { patternOf } from '../interface/pattern';
import type { AnalyzeArtifact } from '../analyze/types';
import type { DatabaseArtifact } from '../database/types';
import type { Issue } from '../diagnostics/issue';
import { IDENTIFIER_MAX, lengthProblem } from '../names/limits';
import { grantsOf } from '../interface/access';
import type { DtoProperty, DtoSchema, InterfaceArtifact, Operation, PropertyType } from '../interface/types';
import { authOf, secretNames, sessionFields } from './accounts';
import { describeProperty } from './dtoText';
import { decimalShape, isCalendarDate, isDecimalText, withScale } from '../interface/values';
import { DURATION_EXAMPLES, durationProblem, looksRelative, parseDuration, parseRelativeDate, RELATIVE_DATE_EXAMPLES, RELATIVE_DAY_EXAMPLES, relativeDateProblem } from './dates';
import { compatible, followFields, parseRef, SESSION } from './refs';
import { type ActingAccount, accountNamed, otherAccounts, scenarioCaller } from './actingAs';
import type { ScenarioPart } from './parts';
import { counted } from './repetition';
import { type GivenStep, REPEAT_MAX, REPETITION, type ScenarioRequest, type ScenarioValue, type TestArtifact, type TestScenario } from './types';

export interface ScenarioContext {
  api: InterfaceArtifact;
  database: DatabaseArtifact;
  analysis?: AnalyzeArtifact;
  /** When set, the scenarios are this module's: they test its operations and every one of them. */
  module?: string;
  /** When set, the scenarios test this one operation (the Test phase asks per operation). */
  operation?: string;
  /** With `operation`, when its scenarios are asked in parts: what this part holds (its successes, these refusals). */
  part?: Pick<ScenarioPart, 'successes' | 'refusals'>;
}

const CAMEL = /^[a-z][A-Za-z0-9]*$/;
/** `$session` is the caller, `$now` the test clock (`$today` is refused as a date, so not a name either). */
const RESERVED_NAMES = new Set([SESSION, 'now', 'today']);
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const isIsoDateTime = (value: string): boolean => ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));

const key = (path: string, name: string): string => (/^[A-Za-z_$][\w$]*$/.test(name) ? `${path}.${name}` : `${path}[${JSON.stringify(name)}]`);
const show = (value: unknown): string => (value === undefined ? 'nothing' : JSON.stringify(value));
const isRecord = (value: unknown): value is Record<string, ScenarioValue> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What `$name.field` values may refer to at one point of a scenario. */
interface Scope {
  /** Earlier given steps by name. */
  given: Map<string, Operation>;
  /** Fields of `$session`, or undefined when the scenario's operation is for guests. */
  session: Map<string, PropertyType | undefined> | undefined;
  /** Fields of the other accounts the scenario acts as (`$alice`, `$receptionist`), by name. */
  accounts: Map<string, Map<string, PropertyType | undefined>>;
}

/** Whether values are sent (request: every constraint applies) or expected in a response (types and enums only). */
type Mode = 'input' | 'expect';

/**
 * The rules a module's scenarios must follow so that they fail only when the backend is wrong: they
 * call real operations with data the server's validation accepts, refer only to responses they have,
 * and expect what the operation can answer. Each problem is reported at its artifact path.
 */
export function validateScenarios(artifact: TestArtifact, context: ScenarioContext): Issue[] {
  const { api, database, module } = context;
  const issues: Issue[] = [];
  const error = (path: string, message: string, needs?: 'interface'): void => {
    issues.push({ severity: 'error', source: 'test', path, message, ...(needs ? { needs } : {}) });
  };
  const operations = new Map(api.operations.map((operation) => [operation.id, operation]));
  const dtos = new Map(api.dtos.map((dto) => [dto.name, dto]));
  const secrets = new Set(secretNames(database));
  const only = context.operation;
  const tested = api.operations.filter((operation) => (only ? operation.id === only : module ? operation.module === module : true));
  const testedIds = tested.map((operation) => operation.id);

  const refType = (value: string, path: string, scope: Scope): PropertyType | 'list' | undefined => {
    const ref = parseRef(value)!;
    if (ref.name === SESSION) {
      if (!scope.session) {
        error(path, `"${value}": this operation is called without signing in, so there is no $session; use a literal value or a given step's field`);
        return undefined;
      }
      if (ref.fields.length !== 1 || !scope.session.has(ref.fields[0]!)) {
        error(path, `"${value}": $session has only ${[...scope.session.keys()].map((field) => `$session.${field}`).join(', ')}`);
        return undefined;
      }
      return scope.session.get(ref.fields[0]!);
    }
    const account = scope.accounts.get(ref.name);
    if (account) {
      if (ref.fields.length !== 1 || !account.has(ref.fields[0]!)) {
        error(path, `"${value}": $${ref.name} has only ${[...account.keys()].map((field) => `$${ref.name}.${field}`).join(', ')}`);
        return undefined;
      }
      return account.get(ref.fields[0]!);
    }
    const step = scope.given.get(ref.name);
    if (!step) {
      const names = [...scope.given.keys(), ...scope.accounts.keys()].map((name) => `$${name}`);
      if (scope.session) names.push('$session');
      error(path, `"${value}" refers to no earlier given step named "${ref.name}"; ${names.length ? `refer to ${names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names[0]}` : 'add a given step with that name before this value'}`);
      return undefined;
    }
    const response = step.response ? dtos.get(step.response) : undefined;
    if (!step.response) {
      error(path, `"${value}": ${step.id} answers ${step.status} without a body, there is nothing to refer to`);
      return undefined;
    }
    if (!response) return undefined;
    if (ref.fields.length === 0) {
      error(path, `"${value}" names a whole response; name one field of it, e.g. "$${ref.name}.${response.properties[0]?.name ?? 'id'}"`);
      return undefined;
    }
    const target = followFields(ref.fields, response, Boolean(step.responseList), dtos);
    if (!target.ok) {
      error(path, `"${value}": ${target.problem}`);
      return undefined;
    }
    return target.type;
  };

  /** Checks one value against a DTO property; refs stand for values of the referenced field's type. */
  const checkValue = (value: ScenarioValue, property: DtoProperty, path: string, scope: Scope, mode: Mode): void => {
    if (typeof value === 'string' && looksRelative(value)) {
      const date = parseRelativeDate(value);
      if (!date) return void error(path, relativeDateProblem(value));
      const wanted = property.list ? undefined : property.type;
      if (wanted === 'date' && !date.day) error(path, `"${value}" is an instant, but ${property.name} is a calendar date: write "$today" with whole days, e.g. ${RELATIVE_DAY_EXAMPLES}`);
      else if (wanted === 'date-time' && date.day) error(path, `"${value}" is a calendar date, but ${property.name} is a date-time: write ${RELATIVE_DATE_EXAMPLES}`);
      else if (wanted && !compatible(date.day ? 'date' : 'date-time', wanted)) error(path, `"${value}" is a ${date.day ? 'date' : 'date-time'}, but ${property.name} takes ${describeProperty(property)}`);
      return;
    }
    if (typeof value === 'string' && parseRef(value)) {
      const type = refType(value, path, scope);
      const wanted = property.list ? undefined : property.type;
      if (type && wanted && !compatible(type, wanted)) error(path, `"${value}" is a ${type}, but ${property.name} takes ${describeProperty(property)}`);
      return;
    }
    const expected = describeProperty(property);
    if (value === null) {
      if (!property.nullable) error(path, `${property.name} cannot be null; give ${expected}${mode === 'input' && property.optional ? ', or leave it out' : ''}`);
      return;
    }
    if (property.list) {
      if (!Array.isArray(value)) return void error(path, `${property.name} is a list: give ${expected}; found ${show(value)}`);
      value.forEach((item, i) => checkValue(item, { ...property, list: false, nullable: false }, `${path}[${i}]`, scope, mode));
      return;
    }
    const wrong = (): void => error(path, `${property.name} must be ${expected}; found ${show(value)}`);
    switch (property.type) {
      case 'string': {
        if (typeof value !== 'string') return wrong();
        if (property.enum && !property.enum.includes(value)) return wrong();
        if (mode === 'expect') return;
        if (property.format === 'email' && !EMAIL.test(value)) return wrong();
        if (property.minLength !== undefined && value.length < property.minLength) return wrong();
        if (property.maxLength !== undefined && value.length > property.maxLength) return wrong();
        if (patternOf(property)?.test(value) === false) return wrong();
        return;
      }
      case 'integer':
      case 'duration':
      case 'number': {
        if (typeof value !== 'number' || !Number.isFinite(value) || (property.type !== 'number' && !Number.isInteger(value))) return wrong();
        if (mode === 'expect') return;
        const minimum = property.type === 'duration' ? (property.minimum ?? 0) : property.minimum;
        if (minimum !== undefined && value < minimum) return wrong();
        if (property.maximum !== undefined && value > property.maximum) return wrong();
        return;
      }
      case 'date':
        if (!isCalendarDate(value)) wrong();
        return;
      case 'decimal': {
        // The server answers exactly `scale` digits after the point, and the tests compare text exactly.
        const shape = decimalShape(property);
        if (mode === 'expect') {
          if (!isDecimalText(value, shape) || value !== withScale(value, shape.scale)) {
            error(path, `${property.name} is answered with exactly ${shape.scale} digits after the point${typeof value === 'string' && isDecimalText(value, shape) ? `: expect "${withScale(value, shape.scale)}"` : `; found ${show(value)}`}`);
          }
          return;
        }
        if (!isDecimalText(value, shape, property)) wrong();
        return;
      }
      case 'boolean':
        if (typeof value !== 'boolean') wrong();
        return;
      case 'date-time':
        if (typeof value !== 'string' || !isIsoDateTime(value)) wrong();
        return;
      case 'object': {
        const nested = property.dto ? dtos.get(property.dto) : undefined;
        if (!isRecord(value)) return wrong();
        if (nested) checkObject(value, nested, path, scope, mode);
        return;
      }
    }
  };

  /** An object against a DTO: known keys only; in requests every required property present. */
  const checkObject = (value: Record<string, ScenarioValue>, dto: DtoSchema, path: string, scope: Scope, mode: Mode): void => {
    const properties = new Map(dto.properties.map((property) => [property.name, property]));
    for (const [name, item] of Object.entries(value)) {
      const property = properties.get(name);
      if (mode === 'expect' && secrets.has(name)) error(key(path, name), `never expect "${name}": secrets must not leave the server, remove it`);
      else if (!property && name === 'clock' && isRecord(item) && ('advance' in item || 'set' in item)) {
        error(
          key(path, name),
          mode === 'input'
            ? 'a clock move goes on the given step or the request itself, next to "body" and "query" ({"operation": ..., "clock": {"advance": "1d"}, "body": {...}}), not inside them'
            : 'an expected body cannot move the clock: put the move on the request ("request": {"clock": {"advance": "1d"}, ...}) and expect what the moved clock gives',
        );
      }
      else if (!property) error(key(path, name), `${dto.name} has no property "${name}"${mode === 'input' ? ' (the server rejects unknown properties)' : ''}; its properties: ${[...properties.keys()].join(', ') || 'none'}`);
      else checkValue(item, property, key(path, name), scope, mode);
    }
    if (mode === 'input') {
      for (const property of dto.properties) {
        if (!property.optional && !(property.name in value)) error(key(path, property.name), `missing: ${dto.name} requires ${property.name} (${describeProperty(property)})`);
      }
    }
  };

  /** A clock move: exactly one of a positive `advance` or a `set` to an instant (ISO, `$now...` or a given step's date-time). */
  const checkClock = (move: unknown, path: string, scope: Scope): void => {
    const shape = `{"advance": "21d"} (${DURATION_EXAMPLES}) or {"set": "$now+21d"} (an ISO date-time, a "$now" date or a given step's date-time field)`;
    if (!isRecord(move)) return void error(path, `a clock move is an object: ${shape}; found ${show(move)}`);
    const keys = Object.keys(move);
    const unknown = keys.filter((name) => name !== 'advance' && name !== 'set');
    if (unknown.length > 0) return void error(key(path, unknown[0]!), `a clock move has only "advance" or "set": ${shape}`);
    if (keys.length !== 1) return void error(path, `give exactly one of "advance" and "set": ${shape}`);
    if ('advance' in move) {
      if (parseDuration(move.advance) === undefined) error(`${path}.advance`, durationProblem(move.advance));
      return;
    }
    const at = `${path}.set`;
    const target = move.set;
    if (typeof target !== 'string') return void error(at, `set takes an instant as a string: "$now+21d", "$loan.dueAt" or an ISO date-time; found ${show(target)}`);
    if (looksRelative(target)) {
      const date = parseRelativeDate(target);
      if (!date) error(at, relativeDateProblem(target));
      else if (date.day) error(at, `"${target}" is a calendar date; the clock is set to an instant: ${RELATIVE_DATE_EXAMPLES}`);
      return;
    }
    if (parseRef(target)) {
      const type = refType(target, at, scope);
      if (type && type !== 'date-time') error(at, `"${target}" is a ${type}; the clock is set to a date-time, e.g. "$${parseRef(target)!.name}.dueAt" or ${RELATIVE_DATE_EXAMPLES}`);
      return;
    }
    if (!isIsoDateTime(target)) error(at, `"${target}" is not an instant: give ${RELATIVE_DATE_EXAMPLES}, a given step's date-time field or an ISO date-time such as "2030-01-02T03:04:05.000Z"`);
  };

  const checkRequest = (request: ScenarioRequest, operation: Operation, path: string, scope: Scope): void => {
    if (request.clock !== undefined) checkClock(request.clock, `${path}.clock`, scope);
    const params = request.params ?? {};
    const declared = new Map(operation.params.map((param) => [param.name, param]));
    for (const param of operation.params) {
      if (!(param.name in params)) error(key(`${path}.params`, param.name), `missing: ${operation.method} ${operation.path} needs the path parameter ${param.name} (${param.type}), usually "$<given step>.id"`);
    }
    for (const [name, value] of Object.entries(params)) {
      const param = declared.get(name);
      const at = key(`${path}.params`, name);
      if (!param) {
        error(at, `${operation.method} ${operation.path} has no path parameter "${name}"${operation.params.length ? `; its parameters: ${operation.params.map((p) => p.name).join(', ')}` : '; remove params'}`);
        continue;
      }
      checkValue(value, { name, type: param.type }, at, scope, 'input');
    }
    for (const part of ['query', 'body'] as const) {
      const value = request[part];
      const dtoName = operation[part];
      if (!dtoName) {
        if (value !== undefined && Object.keys(value).length > 0) error(`${path}.${part}`, `${operation.id} takes no ${part === 'query' ? 'query parameters' : 'request body'}; remove ${part}`);
        continue;
      }
      const dto = dtos.get(dtoName);
      if (dto) checkObject(value ?? {}, dto, `${path}.${part}`, scope, 'input');
    }
  };

  const checkExpectedBody = (body: ScenarioValue, operation: Operation, path: string, scope: Scope): void => {
    const response = operation.response ? dtos.get(operation.response) : undefined;
    if (!operation.response) return void error(path, `${operation.id} answers ${operation.status} without a body; leave expect.body out`);
    if (!response) return;
    const item = (value: ScenarioValue, at: string) => {
      if (isRecord(value)) checkObject(value, response, at, scope, 'expect');
      else error(at, `expected a ${response.name} object (or a subset of its properties); found ${show(value)}`);
    };
    if (operation.responseList) {
      if (!Array.isArray(body)) return void error(path, `${operation.id} answers a list of ${response.name}: expect an array, one object per item, in order`);
      body.forEach((value, i) => item(value, `${path}[${i}]`));
    } else item(body, path);
  };

  const actors = context.analysis?.actors;
  /** Whether calling the operation needs a token (it is not public). */
  const signsInFor = (operation: Operation): boolean => grantsOf(operation, actors).some((grant) => authOf(api, grant.actor) && actors?.find((actor) => actor.name === grant.actor)?.kind !== 'guest');

  const unknownAccount = (name: string, scenario: TestScenario): string => {
    const names = [...Object.keys(scenario.accounts ?? {}), ...api.authentication.map((spec) => spec.actor)].map((label) => `"${label}"`);
    return `"${name}" is neither an account of the scenario's "accounts" nor an actor that signs in${names.length ? `; name one of ${names.join(', ')}` : ''}, or leave "as" out`;
  };

  /** The scenario's accounts name actors that sign in, and its caller is one the operation allows; returns the caller. */
  const checkAccounts = (scenario: TestScenario, operation: Operation, path: string): ActingAccount | undefined => {
    for (const [label, actor] of Object.entries(scenario.accounts ?? {})) {
      const at = key(`${path}.accounts`, label);
      if (!CAMEL.test(label) || RESERVED_NAMES.has(label)) error(at, `account names are camelCase words other than "session", "now" and "today", e.g. "alice" or "otherPatient"; found "${label}"`);
      else if (!authOf(api, actor)) error(at, `"${actor}" is not an actor that signs in; accounts are of ${api.authentication.map((spec) => `"${spec.actor}"`).join(', ') || 'no actor'}`);
    }
    const grants = grantsOf(operation, actors);
    if (scenario.as === undefined) return scenarioCaller(api, scenario, operation);
    const caller = accountNamed(api, scenario, scenario.as);
    if (!caller) {
      error(`${path}.as`, unknownAccount(scenario.as, scenario));
      return undefined;
    }
    if (!grants.some((grant) => grant.actor === caller.actor)) {
      error(`${path}.as`, `${operation.id} is for the ${grants.map((grant) => grant.actor).join(' or ')}, not the ${caller.actor} ("${scenario.as}"); another actor's 403 is tested by code: act as one it allows`);
    }
    return caller;
  };

  /**
   * A repeated step: `times` within its bounds (the schema says so too), `eachAs` an actor that signs in and
   * only with `times`, `{n}` only where it counts. Returns the account `eachAs` makes each time, undefined
   * when the step names none, false when the step is too wrong to check further.
   */
  const checkRepetition = (step: GivenStep, at: string): ActingAccount | undefined | false => {
    if (JSON.stringify(step.params ?? {}).includes(REPETITION)) error(`${at}.params`, `"${REPETITION}" counts only in "query" and "body"; a path parameter names one record, e.g. "$<given step>.id"`);
    const counts = JSON.stringify([step.query, step.body]).includes(REPETITION);
    if (step.times === undefined) {
      if (step.eachAs !== undefined) error(`${at}.eachAs`, `"eachAs" makes each repetition by a new account; set "times" too, or use "as" for one call`);
      else if (counts) error(at, `"${REPETITION}" counts the repetitions of a step with "times"; this step is made once, so write the value itself`);
      return step.eachAs === undefined ? undefined : false;
    }
    if (!Number.isInteger(step.times) || step.times < 2 || step.times > REPEAT_MAX) {
      error(`${at}.times`, `"times" is a whole number from 2 to ${REPEAT_MAX}; found ${show(step.times)}`);
      return false;
    }
    if (step.eachAs === undefined) return undefined;
    if (step.as !== undefined) {
      error(`${at}.as`, `"eachAs" already says who makes each repetition; leave "as" out`);
      return false;
    }
    if (!authOf(api, step.eachAs)) {
      error(`${at}.eachAs`, `"${step.eachAs}" is not an actor that signs in; each repetition's new account is of ${api.authentication.map((spec) => `"${spec.actor}"`).join(', ') || 'no actor'}`);
      return false;
    }
    return { label: step.eachAs, actor: step.eachAs };
  };

  /** Why a scenario does not belong in this part of the operation's scenarios, if it does not. */
  const outsidePart = (scenario: TestScenario): string | undefined => {
    const part = context.part;
    if (!part) return undefined;
    const asked = part.refusals.map((code) => `"${code}"`).join(', ');
    const here = part.successes ? `here write its successes${asked ? ` and the refusals ${asked}` : ''}` : `here write only the refusal${part.refusals.length > 1 ? 's' : ''} ${asked}`;
    const refusal = scenario.expect.refusal;
    if (refusal === undefined && !part.successes) return `its successes are asked for apart; ${here}`;
    const declared = (context.api.operations.find((operation) => operation.id === scenario.operation)?.refusals ?? []).some((candidate) => candidate.code === refusal);
    if (refusal !== undefined && declared && !part.refusals.includes(refusal)) return `"${refusal}" is asked for apart; ${here}`;
    return undefined;
  };

  const covered = new Set<string>();
  /** `<operation>\n<code>` of every refusal a scenario shows. */
  const refused = new Set<string>();
  const titles = new Set<string>();
  artifact.scenarios.forEach((scenario, s) => {
    const path = `$.scenarios[${s}]`;
    const operation = operations.get(scenario.operation);
    if (!operation) return void error(`${path}.operation`, `unknown operation "${scenario.operation}"; test one of ${testedIds.join(', ')}`);
    if (only && operation.id !== only) return void error(`${path}.operation`, `here test only ${only}; ${operation.id} is asked for on its own`);
    if (module && operation.module !== module) return void error(`${path}.operation`, `${operation.id} belongs to the module "${operation.module}"; here test only ${testedIds.join(', ')}`);
    if (scenario.expect.refusal === undefined && scenario.expect.status !== 404) covered.add(operation.id);
    else refused.add(`${operation.id}\n${scenario.expect.refusal}`);
    const elsewhere = outsidePart(scenario);
    if (elsewhere) error(`${path}.expect`, elsewhere);
    if (!scenario.title.trim()) error(`${path}.title`, 'say what the scenario shows, e.g. "lists only overdue todos"');
    else if (titles.has(`${operation.id}\n${scenario.title.trim()}`)) error(`${path}.title`, `another scenario of ${operation.id} has the title "${scenario.title}"; make each title say what differs`);
    titles.add(`${operation.id}\n${scenario.title.trim()}`);

    const caller = checkAccounts(scenario, operation, path);
    const scope: Scope = { given: new Map(), session: caller && sessionFields(api, database, caller.actor), accounts: new Map() };
    for (const account of otherAccounts(api, scenario, caller)) scope.accounts.set(account.label, sessionFields(api, database, account.actor) ?? new Map());
    scenario.given.forEach((step, g) => {
      const at = `${path}.given[${g}]`;
      const long = lengthProblem(step.name, IDENTIFIER_MAX, 'given names', 'they become variables of the generated test');
      if (long) error(`${at}.name`, long);
      else if (!CAMEL.test(step.name) || RESERVED_NAMES.has(step.name)) error(`${at}.name`, `given names are camelCase words other than "session", "now" and "today", e.g. "todo" or "overdueTodo"; found "${step.name}"`);
      else if (scope.given.has(step.name)) error(`${at}.name`, `the name "${step.name}" is used by an earlier given step; give each step its own name`);
      else if (scope.accounts.has(step.name) || (scenario.accounts && step.name in scenario.accounts)) error(`${at}.name`, `"${step.name}" names an account of the scenario; give the step another name, e.g. "${step.name}Booking"`);
      const stepOperation = operations.get(step.operation);
      if (!stepOperation) return void error(`${at}.operation`, `unknown operation "${step.operation}"`);
      const repeated = checkRepetition(step, at);
      if (repeated === false) return;
      const acting = repeated ?? (step.as === undefined ? caller : accountNamed(api, scenario, step.as));
      if (step.as !== undefined && !acting) return void error(`${at}.as`, unknownAccount(step.as, scenario));
      const allowed = grantsOf(stepOperation, actors).map((grant) => grant.actor);
      if (signsInFor(stepOperation) && !(acting && allowed.includes(acting.actor))) {
        const wanted = `"as": "${allowed[0]}"`;
        const message =
          step.as !== undefined
            ? `this step is made as ${acting ? `a ${acting.actor}` : 'nobody'}; set ${wanted}`
            : caller
              ? `this scenario is signed in as a ${caller.actor}; use operations of the ${caller.actor} or of guests, or set ${wanted} to make this call as a ${allowed[0]}`
              : `this scenario runs without signing in; use operations of guests, or set ${wanted} to make this call as a ${allowed[0]}`;
        return void error(`${at}.${step.as !== undefined ? 'as' : 'operation'}`, `${stepOperation.id} is for the ${allowed.join(' or ')}, but ${message}`);
      }
      // Values are checked as the last repetition sends them: its number is the longest.
      checkRequest(step.times === undefined ? step : counted(step, step.times), stepOperation, at, scope);
      scope.given.set(step.name, stepOperation);
    });
    checkRequest(scenario.request, operation, `${path}.request`, scope);
    if (scenario.expect.refusal !== undefined) {
      const refusal = (operation.refusals ?? []).find((candidate) => candidate.code === scenario.expect.refusal);
      const declared = (operation.refusals ?? []).map((candidate) => `"${candidate.code}" (${candidate.status})`);
      if (!refusal) error(`${path}.expect.refusal`, `${operation.id} declares no refusal "${scenario.expect.refusal}"${declared.length ? `; its refusals: ${declared.join(', ')}` : '; it refuses nothing by rule, so test its success'}`);
      else if (scenario.expect.status !== refusal.status) error(`${path}.expect.status`, `"${refusal.code}" is refused with ${refusal.status}: expect ${refusal.status}`);
      if (scenario.expect.body !== undefined) error(`${path}.expect.body`, 'a refusal answers its code and message, which the test checks: leave "body" out');
    } else if (scenario.expect.status === 404) {
      // Not found for this caller: another account's record, an archived one, a filter naming someone else's.
      if (!operation.errors.some((entry) => entry.status === 404)) error(`${path}.expect.status`, `${operation.id} documents no 404; expect ${operation.status}, or a refusal it declares with "refusal"`);
      if (scenario.expect.body !== undefined) error(`${path}.expect.body`, 'a 404 answers no body worth checking: leave "body" out');
    } else {
      if (scenario.expect.status !== operation.status) {
        const refusals = (operation.refusals ?? []).filter((candidate) => candidate.status === scenario.expect.status);
        error(`${path}.expect.status`, refusals.length
          ? `${scenario.expect.status} is a refusal of ${operation.id}: name it in "refusal" (${refusals.map((candidate) => `"${candidate.code}"`).join(' or ')})`
          : `${operation.id} succeeds with ${operation.status}; expect ${operation.status}, or a refusal it declares with "refusal"`);
      }
      if (scenario.expect.body !== undefined) checkExpectedBody(scenario.expect.body, operation, `${path}.expect.body`, scope);
    }
  });

  // A refusal claimed unreachable needs the Interface phase to drop it; it needs no scenario meanwhile.
  const claimed = new Set<string>();
  (artifact.unreachable ?? []).forEach((entry, u) => {
    const at = `$.unreachable[${u}]`;
    const owner = tested.find((operation) => (operation.refusals ?? []).some((refusal) => refusal.code === entry.refusal));
    if (!owner) return void error(`${at}.refusal`, `"${entry.refusal}" is not a refusal of ${testedIds.join(', ')}; list only a declared refusal no valid request reaches`);
    if (context.part && !context.part.refusals.includes(entry.refusal)) return void error(`${at}.refusal`, `"${entry.refusal}" is asked for apart; list here only the refusals asked for`);
    claimed.add(`${owner.id}\n${entry.refusal}`);
    // Worded as a finding for the Interface phase, which reads it when the run goes back; the Test model is told
    // by the feedback's way out to leave a rightful claim as it is.
    error(
      at,
      `the scenarios say no valid request reaches ${owner.id}'s refusal "${entry.refusal}" (${entry.why.trim().replace(/\.$/, '')}): only the API design can change that ` +
        `(drop the refusal where the request's own limits already answer 400, or add the operation that sets up the state it refuses)`,
      'interface',
    );
  });

  for (const operation of tested) {
    const part = context.part;
    if (!covered.has(operation.id) && (part?.successes ?? true)) error('$.scenarios', `no scenario tests ${operation.id} (${operation.method} ${operation.path}) succeeding; add at least one`);
    for (const refusal of (operation.refusals ?? []).filter((candidate) => !part || part.refusals.includes(candidate.code))) {
      if (!refused.has(`${operation.id}\n${refusal.code}`) && !claimed.has(`${operation.id}\n${refusal.code}`)) {
        error(
          '$.scenarios',
          `no scenario shows ${operation.id} refusing "${refusal.code}" (${refusal.message.replace(/\.$/, '')}): add one that sets up that state and expects { "status": ${refusal.status}, "refusal": "${refusal.code}" }` +
            ' (if no valid request can reach it, list it in "unreachable" with why instead)',
        );
      }
    }
  }
  return issues;
}
