import { type AuthRoutes, PASSWORD_PROPERTY } from '../../interface/auth';
import type { Operation } from '../../interface/types';
import { accessor, propertyKey, quote } from './code';
import { pathCode, placeholderParams, resolver, type TestRenderContext, titleLiteral, withArticle } from './steps';

export const AUTH_TEST_FILE = 'test/auth.e2e.test.ts';

const IT = '  ';
const BODY = '    ';

/**
 * Sign-up and login tests, from the AuthSpecs alone: the token answer, validation, duplicates, wrong
 * credentials, and a login token that opens one of the actor's routes.
 */
export function renderAuthTests(accounts: readonly AuthRoutes[], context: TestRenderContext): string {
  const blocks = accounts.flatMap((routes) => [signUpTests(routes), logInTests(routes, context)]);
  return `import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { call, expectBadRequest, expectNoSecrets, expectStatus, newAccount, PASSWORD, signUp, useServer } from './support/http.js';

useServer();

/** Three base64url parts: a JWT. */
const JWT = /^[\\w-]+\\.[\\w-]+\\.[\\w-]+$/;

${blocks.join('\n\n')}
`;
}

const block = (title: string, tests: string[][]): string =>
  `describe(${quote(title)}, () => {\n${tests.map(([name, ...lines]) => `${IT}it(${titleLiteral(name!)}, async () => {\n${lines.map((line) => `${BODY}${line}`).join('\n')}\n${IT}});`).join('\n\n')}\n});`;

function tokenChecks(routes: AuthRoutes): string[] {
  const idType = routes.token.properties.find((property) => property.name === 'id')?.type === 'string' ? 'string' : 'number';
  return [
    'assert.match(reply.body.accessToken, JWT);',
    "assert.equal(reply.body.tokenType, 'Bearer');",
    `assert.equal(typeof reply.body.id, '${idType}');`,
    'expectNoSecrets(reply.body);',
  ];
}

function signUpTests(routes: AuthRoutes): string {
  const { actor } = routes.spec;
  const identifier = propertyKey(routes.spec.identifier);
  const signup = quote(routes.signup.path);
  const actorLiteral = quote(actor);
  const isEmail = routes.signup.body.properties.find((property) => property.name === routes.spec.identifier)?.format === 'email';
  const id = accessor(routes.spec.identifier);
  const tests: string[][] = [
    [`signs up ${withArticle(actor)} and answers a bearer token`, `const reply = await call('POST', ${signup}, { body: newAccount(${actorLiteral}) });`, 'expectStatus(reply, 201);', ...tokenChecks(routes)],
    [
      `400 on an invalid ${identifier}, a password one character too short and an unknown property`,
      // At the boundary: a minimum that is off by one lets this password through.
      `const body = { ...newAccount(${actorLiteral}), ${identifier}: ${isEmail ? "'not-an-email'" : "''"}, password: ${quote('x'.repeat(PASSWORD_PROPERTY.minLength! - 1))}, unexpectedField: true };`,
      `const reply = await call('POST', ${signup}, { body });`,
      `expectBadRequest(reply, ${quote(routes.spec.identifier)}, 'password', 'property unexpectedField should not exist');`,
    ],
    [
      isEmail ? `409 when the ${identifier} is taken, in any letter case` : `409 when the ${identifier} is taken`,
      `const taken = newAccount(${actorLiteral});`,
      `expectStatus(await call('POST', ${signup}, { body: taken }), 201);`,
      isEmail
        ? `const reply = await call('POST', ${signup}, { body: { ...newAccount(${actorLiteral}), ${identifier}: taken${id}.toUpperCase() } });`
        : `const reply = await call('POST', ${signup}, { body: { ...newAccount(${actorLiteral}), ${identifier}: taken${id} } });`,
      'expectStatus(reply, 409);',
    ],
  ];
  return block(`POST ${routes.signup.path} (${routes.signup.operationId})`, tests);
}

function logInTests(routes: AuthRoutes, context: TestRenderContext): string {
  const { actor } = routes.spec;
  const identifier = propertyKey(routes.spec.identifier);
  const login = quote(routes.login.path);
  const id = accessor(routes.spec.identifier);
  const guarded = guardedRoute(actor, context);
  const works = [
    `const session = await signUp(${quote(actor)});`,
    `const reply = await call('POST', ${login}, { body: { ${identifier}: session.account${id}, password: PASSWORD } });`,
    'expectStatus(reply, 200);',
    ...tokenChecks(routes),
    'assert.equal(reply.body.id, session.id);',
  ];
  if (guarded) {
    const path = pathCode(guarded, placeholderParams(guarded), resolver(undefined, new Map()));
    const opened = `await call(${quote(guarded.method)}, ${path}, { token: reply.body.accessToken })`;
    works.push(opensFully(guarded, context) ? `expectStatus(${opened}, ${guarded.status});` : `assert.notEqual((${opened}).status, 401);`);
  }
  const tests: string[][] = [
    [guarded ? `logs ${withArticle(actor)} in with a token that opens ${guarded.method} ${guarded.path}` : `logs ${withArticle(actor)} in`, ...works],
    [
      `401 on a wrong password or an unknown ${identifier}`,
      `const session = await signUp(${quote(actor)});`,
      `expectStatus(await call('POST', ${login}, { body: { ${identifier}: session.account${id}, password: \`\${PASSWORD}-wrong\` } }), 401);`,
      `expectStatus(await call('POST', ${login}, { body: { ${identifier}: newAccount(${quote(actor)})${id}, password: PASSWORD } }), 401);`,
    ],
  ];
  return block(`POST ${routes.login.path} (${routes.login.operationId})`, tests);
}

/** A route of the actor to try a login token on: a plain GET without parameters if there is one. */
function guardedRoute(actor: string, context: TestRenderContext): Operation | undefined {
  const own = context.api.operations.filter((operation) => operation.actor === actor);
  return own.find((operation) => operation.method === 'GET' && operation.params.length === 0 && opensFully(operation, context)) ?? own.find((operation) => operation.params.length === 0) ?? own[0];
}

/** Called with a token and nothing else, the operation succeeds: a GET without path parameters or required query. */
function opensFully(operation: Operation, context: TestRenderContext): boolean {
  if (operation.method !== 'GET' || operation.params.length > 0) return false;
  const query = operation.query ? context.dtos.get(operation.query) : undefined;
  return !query?.properties.some((property) => !property.optional);
}
