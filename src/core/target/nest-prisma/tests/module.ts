import type { DtoSchema, Operation } from '../../../interface/types';
import type { ScenarioRequest, TestScenario } from '../../../scenarios/types';
import { fromValue } from './code';
import { print, WIDTH } from '../printer/layout';
import { quote } from '../printer/literals';
import { invalidRequests } from './invalid';
import { isPage, PAGE_SIZE_MAX } from '../../../interface/validatePaging';
import { deletionOf } from '../../../database/deletion';
import { grantsOf, ownScoped, sessionActors } from '../../../interface/access';
import { routesOf } from '../../../scenarios/accounts';
import type { ActingAccount } from '../../../scenarios/actingAs';
import {
  callCode,
  callerOf,
  type Caller,
  clockCode,
  clockHelpers,
  givenCode,
  missingPathCode,
  pathCode,
  placeholderParams,
  needsToken,
  resolver,
  type TestRenderContext,
  titleLiteral,
  Variables,
  withArticle,
  words,
} from './steps';

/** `test/<module>.e2e.test.ts`. */
export const moduleTestFile = (module: string): string => `test/${module}.e2e.test.ts`;

const IT = '  ';
const BODY = '    ';

/** What a module's test file imports, collected while its tests are rendered. */
class Needs {
  readonly http = new Set<string>(['call', 'expectStatus', 'useServer']);
  readonly tokens = new Set<string>();
  /** Helpers of test/support/clock.ts (`now`, `advanceClock`, `setClock`). */
  clock: string[] = [];
  assert = false;
  randomUUID = false;

  imports(): string[] {
    return [
      ...(this.assert ? ["import assert from 'node:assert/strict';"] : []),
      ...(this.randomUUID ? ["import { randomUUID } from 'node:crypto';"] : []),
      "import { describe, it } from 'node:test';",
      `import { ${[...this.http].sort().join(', ')} } from './support/http.js';`,
      ...(this.tokens.size > 0 ? [`import { ${[...this.tokens].sort().join(', ')} } from './support/tokens.js';`] : []),
      ...(this.clock.length > 0 ? [`import { ${this.clock.join(', ')} } from './support/clock.js';`] : []),
    ];
  }
}

/**
 * One module's end-to-end tests: per operation, the model's success scenarios and the checks that
 * follow from the Interface artifact alone: a deleted resource is gone, 400 on invalid input, 401 on
 * every token that is not a valid one of the actor, 403 or 404 on another account's resource, 404 on
 * one that does not exist.
 */
export function renderModuleTests(module: string, scenarios: readonly TestScenario[], context: TestRenderContext): string {
  const needs = new Needs();
  const operationIds = new Set(context.api.operations.filter((candidate) => candidate.module === module).map((candidate) => candidate.id));
  // Every scenario part the derived tests reuse is also rendered in its own success test, so this is exact.
  needs.clock = clockHelpers(scenarios.filter((scenario) => operationIds.has(scenario.operation)));
  const blocks: string[] = [];
  for (const operation of context.api.operations.filter((candidate) => candidate.module === module)) {
    const own = scenarios.filter((scenario) => scenario.operation === operation.id);
    // The mechanical tests build on a scenario that succeeds, never on one set up to be refused.
    const first = own.find((scenario) => scenario.expect.refusal === undefined && scenario.expect.status === operation.status);
    const tests: string[] = [
      ...own.map((scenario) => successTest(scenario, operation, context, needs)),
      goneTest(operation, first, scenarios, context, needs),
      pagingTest(operation, own, context, needs),
      ...badRequestTests(operation, first, context, needs),
      ...unauthorizedTests(operation, context, needs),
      ...crossAccountTests(operation, scenarios, context, needs),
      createdAccountTest(operation, first, context, needs),
      missingTest(operation, first, context, needs),
    ].filter((test) => test !== '');
    blocks.push(`describe(${quote(`${operation.method} ${operation.path} (${operation.id})`)}, () => {\n${tests.join('\n\n')}\n});`);
  }
  return `${needs.imports().join('\n')}\n\nuseServer();\n\n${blocks.join('\n\n')}\n`;
}

function test(title: string, lines: string[]): string {
  return `${IT}it(${titleLiteral(title)}, async () => {\n${lines.join('\n')}\n${IT}});`;
}

/** The caller of a test: a fresh account of the scenario's caller (or the operation's actor), or nobody for guest operations. */
function sessionLine(acting: ActingAccount | undefined, variable: string, needs: Needs): string[] {
  if (!acting) return [];
  needs.http.add('newSession');
  return [`${BODY}const ${variable} = await newSession(${quote(acting.actor)});`];
}

/** The caller of tests built on `scenario` (or on nothing), signed in as `variable`: its session line and who it is. */
function callerSetup(scenario: TestScenario | undefined, operation: Operation, variable: string, context: TestRenderContext, needs: Needs): { lines: string[]; caller: Caller } {
  const acting = callerOf(scenario, operation, context);
  const lines = sessionLine(acting, variable, needs);
  return { lines, caller: { actor: acting?.actor ?? operation.actor, label: acting?.label, session: acting ? variable : undefined } };
}

/** The given steps of a scenario as `caller`; other accounts need `newSession`. */
function setupCode(scenario: TestScenario, caller: Caller, variables: Variables, context: TestRenderContext, needs: Needs): { lines: string[]; given: Map<string, string>; accounts: Map<string, string> } {
  const setup = givenCode(scenario, caller, variables, context, BODY);
  if (setup.signsUp) needs.http.add('newSession');
  if (setup.repeats) needs.http.add('repeat');
  return setup;
}

/** A scenario of the model's: the call succeeds with what it expects, or is refused by the rule it names. */
function successTest(scenario: TestScenario, operation: Operation, context: TestRenderContext, needs: Needs): string {
  const { lines, caller } = callerSetup(scenario, operation, 'session', context, needs);
  const session = caller.session;
  const { lines: given, given: variables, accounts } = setupCode(scenario, caller, new Variables(), context, needs);
  lines.push(...given);
  const resolve = resolver(session, variables, accounts);
  lines.push(...clockCode(scenario.request.clock, resolve, BODY));
  const prefix = `${BODY}const reply = await `;
  lines.push(`${prefix}${callCode(operation, scenario.request, session && `${session}.token`, resolve, BODY, prefix)};`);
  const refusal = (operation.refusals ?? []).find((candidate) => candidate.code === scenario.expect.refusal);
  if (refusal) {
    needs.http.add('expectRefusal');
    lines.push(`${BODY}expectRefusal(reply, ${refusal.status}, ${quote(refusal.code)});`);
    return test(scenario.title, lines);
  }
  if (scenario.expect.status === 404) {
    lines.push(`${BODY}expectStatus(reply, 404);`);
    return test(scenario.title, lines);
  }
  lines.push(`${BODY}expectStatus(reply, ${operation.status});`);
  if (scenario.expect.body !== undefined) {
    needs.http.add('expectSubset');
    lines.push(`${BODY}expectSubset(reply.body, ${print(fromValue(scenario.expect.body, resolve), BODY, 'expectSubset(reply.body, '.length + 2)});`);
  }
  if (operation.response) {
    needs.http.add('expectNoSecrets');
    lines.push(`${BODY}expectNoSecrets(reply.body);`);
  }
  return test(scenario.title, lines);
}

/**
 * 400s from the DTOs. Path parameters come from the first scenario's setup when there is one, so only
 * the broken part of the request can be the reason.
 */
function badRequestTests(operation: Operation, first: TestScenario | undefined, context: TestRenderContext, needs: Needs): string[] {
  const invalid = invalidRequests(operation, context.dtos, context.database);
  if (invalid.length === 0) return [`${IT}// No 400 test: ${operation.id} takes no input that could be invalid.`];
  return invalid.map((request) => {
    const { lines, caller } = callerSetup(first, operation, 'session', context, needs);
    const session = caller.session;
    let params = placeholderParams(operation);
    let resolve = resolver(session, new Map());
    if (request.part !== 'params' && operation.params.length > 0 && first) {
      const setup = setupCode(first, caller, new Variables(), context, needs);
      lines.push(...setup.lines);
      params = { ...params, ...first.request.params };
      resolve = resolver(session, setup.given, setup.accounts);
    }
    const call: ScenarioRequest =
      request.part === 'params' ? { params: { ...params, ...request.value } } : request.part === 'body' ? { params, body: request.value } : { params, query: request.value };
    const prefix = `${BODY}const reply = await `;
    lines.push(`${prefix}${callCode(operation, call, session && `${session}.token`, resolve, BODY, prefix)};`);
    if (request.mentions.length) {
      needs.http.add('expectBadRequest');
      const flat = `${BODY}expectBadRequest(reply, ${request.mentions.map(quote).join(', ')});`;
      // One message per line once they no longer fit on one.
      lines.push(flat.length <= WIDTH ? flat : [`${BODY}expectBadRequest(`, ...['reply', ...request.mentions.map(quote)].map((argument) => `${BODY}  ${argument},`), `${BODY});`].join('\n'));
    } else lines.push(`${BODY}expectStatus(reply, 400);`);
    return test(request.title, lines);
  });
}

/**
 * Every token the guard must refuse (`test/support/tokens.ts`): none, garbage, forged, expired (401);
 * and a real token of each actor with an account the operation does not admit (403).
 */
function unauthorizedTests(operation: Operation, context: TestRenderContext, needs: Needs): string[] {
  const admitted = sessionActors(context.api, operation, context.actors);
  if (admitted.length === 0) return [];
  needs.tokens.add('expectUnauthorized');
  const path = pathCode(operation, placeholderParams(operation), resolver(undefined, new Map()));
  const check = `${BODY}await expectUnauthorized(${quote(operation.method)}, ${path}, ${quote(admitted[0]!)});`;
  const tests = [test(`401 without a valid ${admitted.join(' or ')} token, including forged, tampered and expired ones`, [check])];
  const others = context.api.authentication.map((spec) => spec.actor).filter((actor, i, all) => !admitted.includes(actor) && all.indexOf(actor) === i);
  if (others.length > 0) {
    needs.tokens.add('expectNotOpenTo');
    tests.push(test(`403 for a signed-in ${others.join(' or ')}: the route is not theirs`, [`${BODY}await expectNotOpenTo(${quote(operation.method)}, ${path}, [${others.map(quote).join(', ')}]);`]));
  }
  return tests;
}

/**
 * Another account's resource, for each actor the operation gives only its own records: the setup of
 * the first scenario that actor calls runs as `owner`, then `intruder` (another account of the same
 * actor) calls the operation with the owner's references and must get 404 where it cannot read the
 * resource (a read, or a change of one its own read answers 404 for), else 403 or 404; a mutation must
 * leave the resource as the owner reads it. Actors reaching all records get no such test.
 */
function crossAccountTests(operation: Operation, scenarios: readonly TestScenario[], context: TestRenderContext, needs: Needs): string[] {
  if (operation.params.length === 0 || !needsToken(context, operation)) return [];
  const signedIn = sessionActors(context.api, operation, context.actors);
  return ownScoped(operation, context.actors)
    .filter((grant) => signedIn.includes(grant.actor))
    .map((grant) => {
      const first = scenarios.find((scenario) => scenario.operation === operation.id && scenario.expect.refusal === undefined && scenario.expect.status === operation.status && callerOf(scenario, operation, context)?.actor === grant.actor);
      return crossAccountTest(operation, grant.actor, first, context, needs);
    });
}

function crossAccountTest(operation: Operation, actor: string, first: TestScenario | undefined, context: TestRenderContext, needs: Needs): string {
  const skip = (reason: string) => `${IT}// No test on another ${actor}'s ${words(operation.model, 'resource')}: ${reason}.`;
  if (!first) return skip(`there is no scenario of the ${actor} to take its setup from`);
  if (!operation.errors.some((error) => error.status === 403 || error.status === 404)) return skip(`${operation.id} documents neither 403 nor 404`);
  // Only a record that belongs to an account is private to it: others may legitimately read shared ones.
  const account = context.api.authentication.find((spec) => spec.actor === actor)?.model;
  const model = context.database.models.find((candidate) => candidate.name === operation.model);
  if (!model || !model.fields.some((field) => field.relation && field.type === account)) {
    return skip(`${operation.model ?? 'its model'} has no owner relation to ${account ?? 'the account model'}, so it is not private to one account`);
  }
  // A path that names another record (POST /posts/{postId}/comments) acts on something others may use too.
  const foreign = operation.params.find((param) => {
    const field = param.column ? model.fields.find((candidate) => candidate.name === param.column) : undefined;
    return field !== undefined && !field.id && !field.unique && !model.id?.includes(field.name);
  });
  if (foreign) return skip(`its path parameter ${foreign.name} is not the key of ${withArticle(words(operation.model, 'resource'))} but of a record others may use too`);
  const params = first.request.params ?? {};
  if (!Object.values(params).some((value) => typeof value === 'string' && value.startsWith('$'))) return skip('the first scenario does not take its path parameters from its setup');

  const { lines, caller } = callerSetup(first, operation, 'owner', context, needs);
  const setup = setupCode(first, caller, new Variables(), context, needs);
  lines.push(...setup.lines);
  const resolve = resolver('owner', setup.given, setup.accounts);
  const reader = operation.method === 'GET' ? undefined : readerOf(operation, actor, context);
  const read = reader && callCode(reader, { params }, 'owner.token', resolve, BODY, `${BODY}const original = await `);
  if (read) lines.push(`${BODY}const original = await ${read};`, `${BODY}expectStatus(original, ${reader.status});`);
  lines.push(`${BODY}const intruder = await newSession(${quote(actor)});`);
  lines.push(...clockCode(first.request.clock, resolve, BODY));
  // What the intruder may read decides the answer: a record it cannot see is 404, so no answer tells it exists.
  // Its own read, or a public one (a guest's GET of the same path answers a signed-in caller too).
  const seer = reader ?? (operation.method === 'GET' ? undefined : readerOf(operation, undefined, context));
  const seen = seer && callCode(seer, { params }, 'intruder.token', resolve, BODY, `${BODY}const seen = await `);
  if (seen) lines.push(`${BODY}const seen = await ${seen};`);
  const prefix = `${BODY}const reply = await `;
  lines.push(`${prefix}${callCode(operation, first.request, 'intruder.token', resolve, BODY, prefix)};`);
  if (seen) lines.push(`${BODY}expectStatus(reply, ...(seen.status === 404 ? [404] : [403, 404]));`);
  else lines.push(`${BODY}expectStatus(reply, ${operation.method === 'GET' ? '404' : '403, 404'});`);
  if (read) {
    needs.assert = true;
    lines.push(`${BODY}const reread = await ${read};`, `${BODY}assert.deepEqual(reread.body, original.body, ${quote(`the owner's ${words(operation.model, 'resource')} changed`)});`);
  }
  const noun = `another ${actor}'s ${words(operation.model, 'resource')}`;
  const answer = operation.method === 'GET' ? `404 on ${noun}` : seen ? `404 on ${noun} it cannot read (403 or 404 when it can)` : `403 or 404 on ${noun}`;
  return test(read ? `${answer}, which stays unchanged` : answer, lines);
}

/** Whether `actor` may call the operation. */
const admits = (operation: Operation, actor: string | undefined, context: TestRenderContext): boolean =>
  actor === undefined ? !needsToken(context, operation) : grantsOf(operation, context.actors).some((grant) => grant.actor === actor);

/**
 * A GET of the same path that `actor` may call and that needs nothing but the path parameters; with
 * `only`, whether that operation is one (any actor).
 */
function readerOf(operation: Operation, actor: string | undefined, context: TestRenderContext, only?: Operation): Operation | undefined {
  return (only ? [only] : context.api.operations).find((candidate) => {
    if (candidate.method !== 'GET' || candidate.path !== operation.path || !candidate.response) return false;
    if (!only && !admits(candidate, actor, context)) return false;
    const query = candidate.query ? context.dtos.get(candidate.query) : undefined;
    return !query?.properties.some((property) => !property.optional);
  });
}

/**
 * The change of the same path (PATCH or PUT, same actor, 404 documented) and a body one of its
 * succeeding scenarios sent that needs nothing of that scenario's own setup: after a delete it must 404.
 */
function changerOf(operation: Operation, actor: string | undefined, scenarios: readonly TestScenario[], context: TestRenderContext): { changer: Operation; body: ScenarioRequest['body'] } | undefined {
  const changer = context.api.operations.find(
    (candidate) => (candidate.method === 'PATCH' || candidate.method === 'PUT') && candidate.path === operation.path && admits(candidate, actor, context) && candidate.errors.some((error) => error.status === 404),
  );
  if (!changer) return undefined;
  // References into another scenario's given steps cannot be resolved here; relative dates can.
  const standsAlone = (value: unknown): boolean =>
    typeof value === 'string' ? !value.startsWith('$') || value.startsWith('$now') : Array.isArray(value) ? value.every(standsAlone) : typeof value === 'object' && value !== null ? Object.values(value).every(standsAlone) : true;
  const scenario = scenarios.find(
    (candidate) => candidate.operation === changer.id && candidate.expect.refusal === undefined && candidate.expect.status === changer.status && !candidate.request.clock && callerOf(candidate, changer, context)?.actor === actor && standsAlone(candidate.request.body ?? {}),
  );
  return scenario && { changer, body: scenario.request.body };
}

/**
 * After the delete's first scenario succeeds, the resource is gone: a GET of the same path answers 404,
 * so does a change of it, and so does a second DELETE when the operation documents 404. Catches reads
 * and changes that forget a soft delete's mark and deletes that do not check it.
 */
function goneTest(operation: Operation, first: TestScenario | undefined, scenarios: readonly TestScenario[], context: TestRenderContext, needs: Needs): string {
  if (operation.method !== 'DELETE' || operation.params.length === 0 || !first) return '';
  const model = context.database.models.find((candidate) => candidate.name === operation.model);
  if (model && deletionOf(model).mode === 'archive') return archivedTest(operation, first, deletionOf(model).visibleTo, context, needs);
  const { lines, caller } = callerSetup(first, operation, 'session', context, needs);
  const session = caller.session;
  const actor = session ? caller.actor : undefined;
  const reader = readerOf(operation, actor, context);
  const change = changerOf(operation, actor, scenarios, context);
  const again = operation.errors.some((error) => error.status === 404);
  const noun = words(operation.model, 'resource');
  if (!reader && !again) return `${IT}// No test that a deleted ${noun} is gone: no GET ${operation.path} of the ${caller.actor}, and ${operation.id} documents no 404.`;
  const variables = new Variables();
  const setup = setupCode(first, caller, variables, context, needs);
  lines.push(...setup.lines);
  const resolve = resolver(session, setup.given, setup.accounts);
  const step = (name: string, called: Operation, request: ScenarioRequest, status: number) => {
    const variable = variables.take(name);
    const prefix = `${BODY}const ${variable} = await `;
    lines.push(`${prefix}${callCode(called, request, session && `${session}.token`, resolve, BODY, prefix)};`, `${BODY}expectStatus(${variable}, ${status});`);
  };
  lines.push(...clockCode(first.request.clock, resolve, BODY));
  step('deleted', operation, first.request, operation.status);
  if (reader) step('read', reader, { params: first.request.params ?? {} }, 404);
  if (change) step('changed', change.changer, { params: first.request.params ?? {}, body: change.body }, 404);
  if (again) step('again', operation, first.request, 404);
  const checks = [...(reader ? [`GET ${operation.path}`] : []), ...(change ? [change.changer.method] : []), ...(again ? ['a second DELETE'] : [])];
  const listed = checks.length > 1 ? `${checks.slice(0, -1).join(', on ')} and on ${checks.at(-1)}` : checks[0];
  return test(`a deleted ${noun} is gone: 404 on ${listed}`, lines);
}

/**
 * An operation that makes an account with a password (staff creating staff): after its first scenario,
 * the new account logs in with the identifier and password the request sent. A password stored as
 * text, or not stored, fails here.
 */
function createdAccountTest(operation: Operation, first: TestScenario | undefined, context: TestRenderContext, needs: Needs): string {
  const body = operation.body ? context.dtos.get(operation.body) : undefined;
  const spec = body && context.api.authentication.find((candidate) => candidate.model === body.model);
  const password = spec && body.properties.find((property) => property.format === 'password' && property.column === spec.password);
  const identifier = spec && body.properties.find((property) => property.column === spec.identifier);
  if (!spec || !password || !identifier || !first || first.request.body === undefined) return '';
  const sent = first.request.body;
  if (sent[password.name] === undefined || sent[identifier.name] === undefined) return '';
  // The login route as the auth code renders it, for the account model the body writes.
  const loginPath = routesOf(context.api, context.database, spec.actor)?.login.path;
  if (!loginPath) return '';
  const { lines, caller } = callerSetup(first, operation, 'session', context, needs);
  const setup = setupCode(first, caller, new Variables(), context, needs);
  lines.push(...setup.lines);
  const resolve = resolver(caller.session, setup.given, setup.accounts);
  lines.push(...clockCode(first.request.clock, resolve, BODY));
  const prefix = `${BODY}const created = await `;
  lines.push(`${prefix}${callCode(operation, first.request, caller.session && `${caller.session}.token`, resolve, BODY, prefix)};`, `${BODY}expectStatus(created, ${operation.status});`);
  const login = { [spec.identifier]: sent[identifier.name]!, password: sent[password.name]! };
  const loginOperation: Operation = { ...operation, method: 'POST', path: loginPath, params: [] };
  const head = `${BODY}const login = await `;
  lines.push(`${head}${callCode(loginOperation, { body: login }, undefined, resolve, BODY, head)};`, `${BODY}expectStatus(login, 200);`);
  return test(`the account it makes logs in with the password it was given, at POST ${loginPath}`, lines);
}

/**
 * After the delete's first scenario archives the record, it is kept for the actors who still see
 * archived ones and gone for the rest: a GET of the same path answers 200 to one of `visibleTo` and 404
 * to an actor that reaches every live record (or the public) but not archived ones. Actors who see only
 * their own records prove nothing here (they get 404 on others' records anyway), so they are not asked.
 */
function archivedTest(operation: Operation, first: TestScenario, visibleTo: readonly string[], context: TestRenderContext, needs: Needs): string {
  const noun = words(operation.model, 'resource');
  const reader = context.api.operations.find((candidate) => candidate.method === 'GET' && candidate.path === operation.path && candidate.response && readerOf(operation, undefined, context, candidate));
  if (!reader) return `${IT}// No test that an archived ${noun} is kept: there is no GET ${operation.path}.`;
  const grants = grantsOf(reader, context.actors);
  const signedIn = sessionActors(context.api, reader, context.actors);
  const keeper = grants.find((grant) => visibleTo.includes(grant.actor) && signedIn.includes(grant.actor));
  const hidden = grants.find((grant) => !visibleTo.includes(grant.actor) && (grant.scope === 'all' || !signedIn.includes(grant.actor)));
  if (!keeper && !hidden) return `${IT}// No test that an archived ${noun} is kept: GET ${operation.path} is for none of ${visibleTo.join(', ') || 'its keepers'} and for nobody who reaches every live one.`;
  const { lines, caller } = callerSetup(first, operation, 'session', context, needs);
  const variables = new Variables();
  const setup = setupCode(first, caller, variables, context, needs);
  lines.push(...setup.lines);
  const resolve = resolver(caller.session, setup.given, setup.accounts);
  lines.push(...clockCode(first.request.clock, resolve, BODY));
  const archived = variables.take('archived');
  lines.push(`${BODY}const ${archived} = await ${callCode(operation, first.request, caller.session && `${caller.session}.token`, resolve, BODY, `${BODY}const ${archived} = await `)};`, `${BODY}expectStatus(${archived}, ${operation.status});`);
  const read = (who: { actor: string }, status: number) => {
    let token: string | undefined;
    if (signedIn.includes(who.actor) && who.actor === caller.actor && caller.session) token = `${caller.session}.token`;
    else if (signedIn.includes(who.actor)) {
      const reader = variables.take(who.actor);
      needs.http.add('newSession');
      lines.push(`${BODY}const ${reader} = await newSession(${quote(who.actor)});`);
      token = `${reader}.token`;
    }
    const variable = variables.take(`as${who.actor[0]!.toUpperCase()}${who.actor.slice(1)}`);
    lines.push(`${BODY}const ${variable} = await ${callCode(reader, { params: first.request.params ?? {} }, token, resolve, BODY, `${BODY}const ${variable} = await `)};`, `${BODY}expectStatus(${variable}, ${status});`);
  };
  if (keeper) read(keeper, reader.status);
  if (hidden) read(hidden, 404);
  const parts = [...(keeper ? [`${withArticle(keeper.actor)} still reads it`] : []), ...(hidden ? [`${withArticle(hidden.actor)} gets 404`] : [])];
  return test(`an archived ${noun} is kept for history: ${parts.join(', ')}`, lines);
}

/**
 * Ids that cannot exist answer 404 when the operation documents it. The first scenario's setup runs
 * first, so a lookup that ignores the id would find something; its query and body make the rest valid.
 */
function missingTest(operation: Operation, first: TestScenario | undefined, context: TestRenderContext, needs: Needs): string {
  if (operation.params.length === 0 || !operation.errors.some((error) => error.status === 404)) return '';
  const noun = words(operation.model, 'resource');
  const { lines, caller } = callerSetup(first, operation, 'session', context, needs);
  const session = caller.session;
  let request: ScenarioRequest = {};
  let resolve = resolver(session, new Map());
  if (first) {
    const setup = setupCode(first, caller, new Variables(), context, needs);
    lines.push(...setup.lines);
    resolve = resolver(session, setup.given, setup.accounts);
    lines.push(...clockCode(first.request.clock, resolve, BODY));
    request = { query: first.request.query, body: first.request.body };
  } else {
    const needsInput = (dto: DtoSchema | undefined) => Boolean(dto?.properties.some((property) => !property.optional));
    if (needsInput(operation.query ? context.dtos.get(operation.query) : undefined) || needsInput(operation.body ? context.dtos.get(operation.body) : undefined)) {
      return `${IT}// No test on ${withArticle(noun)} that does not exist: there is no scenario to take a valid request from.`;
    }
    if (operation.body) request = { body: {} };
  }
  const path = missingPathCode(operation);
  if (path.usesRandomUUID) needs.randomUUID = true;
  const prefix = `${BODY}const reply = await `;
  lines.push(`${prefix}${callCode(operation, request, session && `${session}.token`, resolve, BODY, prefix, path.code)};`, `${BODY}expectStatus(reply, 404);`);
  return test(`404 on ${withArticle(noun)} that does not exist`, lines);
}

/**
 * A page answers what it says: built on a scenario that lists two or more items, the first and second
 * pages of one item are the default page's first and second items with the same total, and a page past
 * the end is empty.
 * Catches an offset or a take off by one, and a total counted over another set than the items.
 */
function pagingTest(operation: Operation, own: readonly TestScenario[], context: TestRenderContext, needs: Needs): string {
  if (!isPage(operation.response ? context.dtos.get(operation.response) : undefined)) return '';
  const listed = (scenario: TestScenario) => {
    const body = scenario.expect.body;
    return typeof body === 'object' && body !== null && !Array.isArray(body) && Array.isArray((body as { items?: unknown }).items) ? (body as { items: unknown[] }).items.length : 0;
  };
  const firstPage = (candidate: TestScenario) => [undefined, 1].includes(candidate.request.query?.page as number | undefined);
  const scenario = own.find((candidate) => candidate.expect.refusal === undefined && candidate.expect.status === operation.status && listed(candidate) >= 2 && firstPage(candidate));
  if (!scenario) return `${IT}// No paging test: no scenario of ${operation.id} lists two or more items.`;
  const { lines, caller } = callerSetup(scenario, operation, 'session', context, needs);
  const session = caller.session;
  const variables = new Variables();
  const setup = setupCode(scenario, caller, variables, context, needs);
  const [all, first, second, past] = ['listed', 'firstPage', 'secondPage', 'pastTheEnd'].map((name) => variables.take(name));
  lines.push(...setup.lines);
  const resolve = resolver(session, setup.given, setup.accounts);
  lines.push(...clockCode(scenario.request.clock, resolve, BODY));
  const token = session && `${session}.token`;
  const call = (name: string, query: Record<string, number>) => {
    const prefix = `${BODY}const ${name} = await `;
    return `${prefix}${callCode(operation, { params: scenario.request.params, query: { ...scenario.request.query, ...query } }, token, resolve, BODY, prefix)};`;
  };
  const largest = (operation.query ? context.dtos.get(operation.query) : undefined)?.properties.find((property) => property.name === 'pageSize')?.maximum ?? PAGE_SIZE_MAX;
  // A page may say more than where it is (a doctor's day: the room beside the appointments): that is the
  // same on every page, so it is taken from the default page.
  const more = context.dtos.get(operation.response!)!.properties.some((property) => !['items', 'total', 'page', 'pageSize'].includes(property.name));
  // A page asked for, answered 200 with exactly these items and the total of the default page.
  const page = (name: string, query: { page: number; pageSize: number }, items: string) => [
    call(name, query),
    `${BODY}expectStatus(${name}, ${operation.status});`,
    `${BODY}assert.deepEqual(${name}.body, { ${more ? `...${all}.body, ` : ''}items: [${items}], total: ${all}.body.total, page: ${query.page}, pageSize: ${query.pageSize} });`,
  ];
  needs.assert = true;
  lines.push(
    call(all!, {}),
    `${BODY}expectStatus(${all}, ${operation.status});`,
    ...page(first!, { page: 1, pageSize: 1 }, `${all}.body.items[0]`),
    ...page(second!, { page: 2, pageSize: 1 }, `${all}.body.items[1]`),
    ...page(past!, { page: 2, pageSize: largest }, ''),
  );
  return test('pages: pages of one hold the first and the second item, and a page past the end is empty, with the same total', lines);
}
