import type { Operation } from '../../interface/types';
import type { ScenarioRequest, TestScenario } from '../types';
import { fromValue, print, quote } from './code';
import { invalidRequests } from './invalid';
import { callCode, givenCode, pathCode, placeholderParams, resolver, signsIn, type TestRenderContext, titleLiteral, Variables, words } from './steps';

/** `test/<module>.e2e.test.ts`. */
export const moduleTestFile = (module: string): string => `test/${module}.e2e.test.ts`;

const IT = '  ';
const BODY = '    ';

/**
 * One module's end-to-end tests: per operation, the model's success scenarios and the checks that
 * follow from the Interface artifact alone (400 on invalid input, 401 without a valid token, 403 or 404
 * on another account's resource).
 */
export function renderModuleTests(module: string, scenarios: readonly TestScenario[], context: TestRenderContext): string {
  const helpers = new Set<string>(['call', 'expectStatus', 'useServer']);
  let usesAssert = false;
  const blocks: string[] = [];
  for (const operation of context.api.operations.filter((candidate) => candidate.module === module)) {
    const own = scenarios.filter((scenario) => scenario.operation === operation.id);
    const tests: string[] = [
      ...own.map((scenario) => successTest(scenario, operation, context, helpers)),
      ...badRequestTests(operation, own[0], context, helpers),
      ...unauthorizedTests(operation, context, helpers),
      crossAccountTest(operation, own[0], context, helpers, () => (usesAssert = true)),
    ].filter((test) => test !== '');
    blocks.push(`describe(${quote(`${operation.method} ${operation.path} (${operation.id})`)}, () => {\n${tests.join('\n\n')}\n});`);
  }
  const imports = [
    ...(usesAssert ? ["import assert from 'node:assert/strict';"] : []),
    "import { describe, it } from 'node:test';",
    `import { ${[...helpers].sort().join(', ')} } from './support/http.js';`,
  ];
  return `${imports.join('\n')}\n\nuseServer();\n\n${blocks.join('\n\n')}\n`;
}

function test(title: string, lines: string[]): string {
  return `${IT}it(${titleLiteral(title)}, async () => {\n${lines.join('\n')}\n${IT}});`;
}

/** The caller of an operation: a fresh account of its actor, or nobody for guest operations. */
function signUpLine(operation: Operation, variable: string, context: TestRenderContext, helpers: Set<string>): string[] {
  if (!signsIn(context, operation.actor)) return [];
  helpers.add('signUp');
  return [`${BODY}const ${variable} = await signUp(${quote(operation.actor)});`];
}

function successTest(scenario: TestScenario, operation: Operation, context: TestRenderContext, helpers: Set<string>): string {
  const lines = signUpLine(operation, 'session', context, helpers);
  const session = lines.length ? 'session' : undefined;
  const { lines: given, given: variables } = givenCode(scenario.given, session, new Variables(), context, BODY);
  lines.push(...given);
  const resolve = resolver(session, variables);
  const prefix = `${BODY}const reply = await `;
  lines.push(`${prefix}${callCode(operation, scenario.request, session && `${session}.token`, resolve, BODY, prefix)};`);
  lines.push(`${BODY}expectStatus(reply, ${operation.status});`);
  if (scenario.expect.body !== undefined) {
    helpers.add('expectSubset');
    lines.push(`${BODY}expectSubset(reply.body, ${print(fromValue(scenario.expect.body, resolve), BODY, 'expectSubset(reply.body, '.length + 2)});`);
  }
  if (operation.response) {
    helpers.add('expectNoSecrets');
    lines.push(`${BODY}expectNoSecrets(reply.body);`);
  }
  return test(scenario.title, lines);
}

/**
 * 400s from the DTOs. Path parameters come from the first scenario's setup when there is one, so only
 * the broken part of the request can be the reason.
 */
function badRequestTests(operation: Operation, first: TestScenario | undefined, context: TestRenderContext, helpers: Set<string>): string[] {
  const invalid = invalidRequests(operation, context.dtos);
  if (invalid.length === 0) return [`${IT}// No 400 test: ${operation.id} takes no input that could be invalid.`];
  return invalid.map((request) => {
    const lines = signUpLine(operation, 'session', context, helpers);
    const session = lines.length ? 'session' : undefined;
    let params = placeholderParams(operation);
    let resolve = resolver(session, new Map());
    if (request.part !== 'params' && operation.params.length > 0 && first) {
      const setup = givenCode(first.given, session, new Variables(), context, BODY);
      lines.push(...setup.lines);
      params = { ...params, ...first.request.params };
      resolve = resolver(session, setup.given);
    }
    const call: ScenarioRequest =
      request.part === 'params' ? { params: { ...params, ...request.value } } : request.part === 'body' ? { params, body: request.value } : { params, query: request.value };
    const prefix = `${BODY}const reply = await `;
    lines.push(`${prefix}${callCode(operation, call, session && `${session}.token`, resolve, BODY, prefix)};`);
    if (request.mentions.length) {
      helpers.add('expectBadRequest');
      lines.push(`${BODY}expectBadRequest(reply, ${request.mentions.map(quote).join(', ')});`);
    } else lines.push(`${BODY}expectStatus(reply, 400);`);
    return test(request.title, lines);
  });
}

/** Without a token, with a token that is not one, and with a token of another actor. */
function unauthorizedTests(operation: Operation, context: TestRenderContext, helpers: Set<string>): string[] {
  if (!signsIn(context, operation.actor)) return [];
  const path = pathCode(operation, placeholderParams(operation), resolver(undefined, new Map()));
  const method = quote(operation.method);
  const lines = [`${BODY}expectStatus(await call(${method}, ${path}), 401);`, `${BODY}expectStatus(await call(${method}, ${path}, { token: 'not-a-valid-token' }), 401);`];
  const other = context.api.authentication.find((spec) => spec.actor !== operation.actor);
  if (other) {
    helpers.add('signUp');
    lines.push(`${BODY}const other = await signUp(${quote(other.actor)});`);
    lines.push(`${BODY}expectStatus(await call(${method}, ${path}, { token: other.token }), 401);`);
  }
  return [test(`401 without a valid ${operation.actor} token`, lines)];
}

/**
 * Another account's resource: the first scenario's setup runs as `owner`, then `intruder` calls the
 * operation with the owner's references and must get 403 or 404; a mutation must leave the resource
 * as the owner reads it.
 */
function crossAccountTest(operation: Operation, first: TestScenario | undefined, context: TestRenderContext, helpers: Set<string>, usesAssert: () => void): string {
  if (operation.params.length === 0 || !signsIn(context, operation.actor)) return '';
  const skip = (reason: string) => `${IT}// No test on another ${operation.actor}'s ${words(operation.model, 'resource')}: ${reason}.`;
  if (!first) return skip('there is no scenario to take its setup from');
  if (!operation.errors.some((error) => error.status === 403 || error.status === 404)) return skip(`${operation.id} documents neither 403 nor 404`);
  const params = first.request.params ?? {};
  if (!Object.values(params).some((value) => typeof value === 'string' && value.startsWith('$'))) return skip('the first scenario does not take its path parameters from its setup');

  helpers.add('signUp');
  const lines = [`${BODY}const owner = await signUp(${quote(operation.actor)});`];
  const setup = givenCode(first.given, 'owner', new Variables(), context, BODY);
  lines.push(...setup.lines);
  const resolve = resolver('owner', setup.given);
  const reader = operation.method === 'GET' ? undefined : readerOf(operation, context);
  const read = reader && callCode(reader, { params }, 'owner.token', resolve, BODY, `${BODY}const original = await `);
  if (read) lines.push(`${BODY}const original = await ${read};`, `${BODY}expectStatus(original, ${reader.status});`);
  lines.push(`${BODY}const intruder = await signUp(${quote(operation.actor)});`);
  const prefix = `${BODY}const reply = await `;
  lines.push(`${prefix}${callCode(operation, first.request, 'intruder.token', resolve, BODY, prefix)};`);
  lines.push(`${BODY}expectStatus(reply, 403, 404);`);
  if (read) {
    usesAssert();
    lines.push(`${BODY}const reread = await ${read};`, `${BODY}assert.deepEqual(reread.body, original.body, ${quote(`the owner's ${words(operation.model, 'resource')} changed`)});`);
  }
  const noun = `another ${operation.actor}'s ${words(operation.model, 'resource')}`;
  return test(read ? `403 or 404 on ${noun}, which stays unchanged` : `403 or 404 on ${noun}`, lines);
}

/** A GET of the same path and actor that needs nothing but the path parameters. */
function readerOf(operation: Operation, context: TestRenderContext): Operation | undefined {
  return context.api.operations.find((candidate) => {
    if (candidate.method !== 'GET' || candidate.path !== operation.path || candidate.actor !== operation.actor || !candidate.response) return false;
    const query = candidate.query ? context.dtos.get(candidate.query) : undefined;
    return !query?.properties.some((property) => !property.optional);
  });
}
