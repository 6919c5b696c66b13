import type { AnalyzeArtifact } from '../analyze/types';
import { describeDataModel } from '../database/describe';
import { namedModels } from '../database/relevant';
import type { DatabaseArtifact } from '../database/types';
import { describeGrants, grantsOf } from '../interface/access';
import type { DtoSchema, InterfaceArtifact, Operation } from '../interface/types';
import { authOf, sessionFields } from './accounts';
import { describeDto } from './dtoText';
import { TEST_NOW } from './dates';
import type { ScenarioPart } from './parts';
import { VALUE_RULES } from './schema';

/** `Tuesday, 09:00`: what a rule about opening hours or weekdays needs to know of the test clock's start. */
function weekdayOf(instant: string): string {
  const date = new Date(instant);
  return `a ${date.toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' })}, ${instant.slice(11, 16)}`;
}

export const TEST_SYSTEM = [
  'You write end-to-end test scenarios for an HTTP API: success cases, and one scenario per refusal an operation declares (checks of invalid input, missing or forged tokens, other accounts, ids that do not exist and reads after a delete are generated for you).',
  'A refusal scenario sets up, with given steps, exactly the state its rule refuses, then expects { "status": <its status>, "refusal": "<its code>" } and no body.',
  'Each scenario runs against a fresh account that owns nothing yet: create everything it needs with given steps, then call the operation once.',
  'Refer to what an earlier given step answered as "$<name>.<field>" ("$todo.id", list items by index: "$page.items.0.id"), to the caller as "$session.id".',
  'An operation several actors may call is called by its own actor unless the scenario sets "as" (e.g. "as": "receptionist"). For rules between people ("first come, first served", "only the holder may", "someone else booked it") name several accounts in "accounts" ({"alice": "patient", "bob": "patient"}), make steps "as": "alice", refer to "$alice.id".',
  'To reach a limit ("at most 200 entries per event"), make one given step with "times": 200 (and "eachAs": "attendee" when every repetition must be a different account; "{n}" in its strings counts 1, 2, …), never 200 steps.',
  'Send only values the DTOs accept. A declared refusal no valid request can reach (the DTO already refuses the value with 400) goes in "unreachable" with why, not in a scenario.',
  `Values in "query", "body" and "expect.body": ${VALUE_RULES}`,
  `Time: every test starts with the server's clock standing still at ${TEST_NOW} (${weekdayOf(TEST_NOW)}, UTC). Write dates relative to it: "$now", "$now-1d" (overdue), "$now+21d", "$now-90d", "$now+2h", "$now+30min" (units d, h, min, s), never today's date.`,
  'Calendar dates ("date" properties) are days of that clock: "$today", "$today+21d", "$today-1d" (whole days). Decimals are strings, and expected ones carry exactly their scale of digits ("12.50").',
  'Move the clock before a given step or the request with "clock": {"advance": "21d"} or {"set": "$todo.dueAt"}, to show what changes with time; "$now" then reads the moved clock.',
  'Expected bodies are subsets: list only the properties that show the point, but list every item of a list, in the order the request asks for. Expected dates compare exactly.',
  'Records made without moving the clock share one creation time: to show an order by creation time, advance the clock between the given steps ({"advance": "1min"}).',
  'Show the business rules: filters, sorting, paging, defaults, state changes. Never expect passwords or other secrets.',
  'Where a rule hides a record from a caller (another person\'s, an archived one) and the operation documents 404, a scenario may expect { "status": 404 } and no body.',
  'Computed values (counts, values from the clock) are expected like the others: set up what changes them (a second comment, a moved clock) and expect the exact value.',
].join('\n');

/**
 * What the model needs for one operation's scenarios, and no more, so the call stays small whatever the
 * size of the API: the operation, the operations that write the tables it touches (to set things up),
 * the DTOs they take (in full) and answer (their property names), what `$session` holds, those tables, and
 * the requirement section the operation serves.
 */
export function scenarioPrompt(tested: Operation, api: InterfaceArtifact, database: DatabaseArtifact, analysis?: AnalyzeArtifact, part?: Pick<ScenarioPart, 'successes' | 'refusals'>): string {
  const actors = new Set(grantsOf(tested, analysis?.actors).map((grant) => grant.actor));
  const rules = sectionRules([tested], analysis);
  // The tables scenarios set up: the operation's own, those its rules, path or answer name (a post's
  // "commentCount" names comments), and those a set-up body points at (added by setUpOperations). A table
  // merely related to them stays out: each one listed brings its operations and DTOs into the prompt.
  const models = new Set([...(tested.model ? [tested.model] : []), ...namedModels(database, `${rules}\n${tested.path}\n${answerWords(tested, api)}`)]);
  const helpers = setUpOperations(tested, api, database, models);
  const describe = (operation: Operation) => describeOperation(operation, describeGrants(api, operation, analysis?.actors));

  const parts = [taskOf(tested, part), '', 'Operation to test:', describe(tested)];
  if (helpers.length) parts.push('', 'Operations you may call in given steps (to set things up):', ...helpers.map(describeHelper));
  const requests = usedDtos([tested], api, true);
  // The bodies set-up steps send, in full; their queries (filters of lists) are only named.
  const setup = usedDtos(helpers.map((operation) => ({ ...operation, query: undefined })), api, false).filter((dto) => !requests.includes(dto) && dto.kind !== 'response');
  const answers = usedDtos(helpers, api, true).filter((dto) => !requests.includes(dto) && dto.kind === 'response');
  if (requests.length + setup.length) parts.push('', 'DTOs (request values must satisfy them; the server rejects unknown properties):', ...[...requests, ...setup].map((dto) => describeDto(dto, true)));
  if (answers.length) parts.push('', 'What the given steps answer (refer to a field as "$<step name>.<field>"):', ...answers.map(describeFields));
  const sessions = [...actors].map((actor) => {
    const fields = sessionFields(api, database, actor);
    if (!fields) {
      const signing = api.authentication.map((spec) => spec.actor);
      const as = signing.length ? ` Given steps of operations for ${signing.join(' or ')} set "as": "${signing[0]}" (one account per actor and scenario).` : '';
      return `- ${actor}: a guest, no $session.${as}`;
    }
    const made = authOf(api, actor)?.signUp === false ? ' (made by staff: it exists before the scenario starts)' : '';
    return `- ${actor}: a fresh account per scenario${made}; ${[...fields.keys()].map((field) => `$session.${field}`).join(', ')}.`;
  });
  parts.push('', 'Callers:', ...sessions);
  if (models.size > 0) parts.push('', `What the server stores (set it up through the operations above, never directly):\n${describeDataModel(database, models, { relationLists: false })}`);
  if (rules) parts.push('', 'Requirements this operation serves:', rules);
  return parts.join('\n');
}

/**
 * The operations set-up steps may call: those that write the tables in `models`, and reads without a path
 * parameter (a list, "/me") that find what a write did not answer. A body that takes the key of another
 * table (a post's categoryId) needs a record there first, so that table joins `models`, until none is
 * added; an account table is not added (accounts are the scenario's, made for it).
 */
function setUpOperations(tested: Operation, api: InterfaceArtifact, database: DatabaseArtifact, models: Set<string>): Operation[] {
  const dtos = new Map(api.dtos.map((dto) => [dto.name, dto]));
  const tables = new Map(database.models.map((model) => [model.name, model]));
  // An account a body points at (a slot's doctorId) is one of the scenario's accounts, not a record to make.
  const accountTables = new Set(api.authentication.map((spec) => spec.model));
  for (;;) {
    const helpers = api.operations.filter(
      (operation) => operation.id !== tested.id && (!operation.model || models.has(operation.model)) && (operation.method !== 'GET' || operation.params.length === 0),
    );
    const before = models.size;
    for (const operation of [tested, ...helpers]) {
      const body = operation.body ? dtos.get(operation.body) : undefined;
      const table = body?.model ? tables.get(body.model) : undefined;
      if (!body || !table) continue;
      const keys = new Set(body.properties.flatMap((property) => (property.column ? [property.column] : [])));
      for (const field of table.fields) if (field.relation?.fields.some((key) => keys.has(key)) && !accountTables.has(field.type)) models.add(field.type);
    }
    if (models.size === before) return helpers;
  }
}

/** What the call asks for: every scenario of the operation, or one part of them (its successes, or some refusals). */
function taskOf(tested: Operation, part: Pick<ScenarioPart, 'successes' | 'refusals'> | undefined): string {
  const all = (tested.refusals ?? []).length;
  if (!part || (part.successes && part.refusals.length === all)) {
    return `Write the scenarios of ${tested.id}: at least one success, more where its rules are worth showing, and one for each refusal it declares.`;
  }
  const codes = part.refusals.map((code) => `"${code}"`).join(', ');
  if (part.successes) {
    return `Write the scenarios of ${tested.id} that succeed: at least one, more where its rules are worth showing${part.refusals.length ? `, and one for each of the refusals ${codes}` : ''}. Its other refusals are asked for apart: write no scenario of them here.`;
  }
  return `Write the scenarios of ${tested.id} that show ${part.refusals.length === 1 ? `the refusal ${codes}` : `the refusals ${codes}, one each`}. Its successes and other refusals are asked for apart: write no scenario of them here.`;
}

/** The property names of what the operation answers, nested DTOs included, as words: `commentCount` -> `comment count`. */
function answerWords(operation: Operation, api: InterfaceArtifact): string {
  return usedDtos([{ ...operation, query: undefined, body: undefined }], api, true)
    .flatMap((dto) => dto.properties.map((property) => property.name.replace(/([a-z0-9])([A-Z])/g, '$1 $2')))
    .join(' ');
}

/** A set-up operation in one line: who calls it, what it takes and answers. */
function describeHelper(operation: Operation): string {
  const input = inputsOf(operation, false);
  const answer = operation.response ? `${operation.status} ${operation.responseList ? `a list of ${operation.response}` : operation.response}` : `${operation.status}`;
  const who = grantsOf(operation).map((grant) => grant.actor);
  return `- ${operation.id}: ${operation.method} ${operation.path}, by ${who.join(', ')}.${input.length ? ` Takes ${input.join('; ')}.` : ''} Answers ${answer}.`;
}

/** What an operation takes, `path id (integer)` or, without `types`, `path id`; its query and body DTOs by name. */
function inputsOf(operation: Operation, types: boolean): string[] {
  const params = operation.params.map((param) => (types ? `${param.name} (${param.type})` : param.name));
  return [params.length ? `path ${params.join(', ')}` : '', operation.query ? `query ${operation.query}` : '', operation.body ? `body ${operation.body}` : ''].filter(Boolean);
}

/** A response DTO as the names a reference may follow: `SlotView: id, doctor (DoctorSummary), startsAt`. */
function describeFields(dto: DtoSchema): string {
  return `- ${dto.name}: ${dto.properties.map((property) => (property.type === 'object' ? `${property.name} (${property.list ? 'list of ' : ''}${property.dto})` : property.name)).join(', ')}`;
}

function describeOperation(operation: Operation, who: string): string {
  const input = inputsOf(operation, true);
  const answer = operation.response ? `${operation.status} with ${operation.responseList ? `a list of ${operation.response}` : operation.response}` : `${operation.status} without a body`;
  const refusals = (operation.refusals ?? []).map((refusal) => `${refusal.status} "${refusal.code}" (${refusal.message.replace(/\.$/, '')})`);
  return `- ${operation.id}: ${operation.method} ${operation.path}, by ${who}. ${operation.summary}${input.length ? ` Takes ${input.join('; ')}.` : ''} Answers ${answer}.${refusals.length ? ` Refuses: ${refusals.join('; ')}.` : ''}`;
}

/** DTOs the operations name (their responses only when `responses`), with the response DTOs nested in them. */
function usedDtos(operations: readonly Operation[], api: InterfaceArtifact, responses: boolean): DtoSchema[] {
  const byName = new Map(api.dtos.map((dto) => [dto.name, dto]));
  const names = new Set<string>();
  const add = (name: string | undefined): void => {
    if (!name || names.has(name) || !byName.has(name)) return;
    names.add(name);
    for (const property of byName.get(name)!.properties) if (property.type === 'object') add(property.dto);
  };
  for (const operation of operations) [operation.query, operation.body, responses ? operation.response : undefined].forEach(add);
  return [...names].map((name) => byName.get(name)!);
}

function sectionRules(operations: readonly Operation[], analysis: AnalyzeArtifact | undefined): string {
  if (!analysis) return '';
  const ids = new Set(operations.map((operation) => operation.section));
  return analysis.sections
    .filter((section) => ids.has(section.id))
    .map((section) => `## ${section.title}\n${section.body}\n${section.rules.map((rule) => `- ${rule}`).join('\n')}`)
    .join('\n\n');
}
