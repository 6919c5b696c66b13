import { type AuthRoutes, passwordProperty } from '../../../interface/auth';
import { ACCOUNT_PASSWORD_ENV } from '../auth/accounts';
import { grantsOf } from '../../../interface/access';
import type { Operation } from '../../../interface/types';
import { accessor, propertyKey, quote } from '../printer/literals';
import { pathCode, placeholderParams, resolver, type TestRenderContext, titleLiteral, withArticle } from './steps';


const IT = '  ';
const BODY = '    ';

/**
 * Sign-up and login tests, from the AuthSpecs alone: the token answer, validation, duplicates, wrong
 * credentials, and a login token that opens one of the actor's routes.
 */
export function renderAuthTests(accounts: readonly AuthRoutes[], context: TestRenderContext): string {
  const blocks = accounts.flatMap((routes) => [...(routes.signup ? [signUpTests(routes, routes.signup)] : []), logInTests(routes, context), ...createAccountTests(routes)]);
  const http = ['call', 'expectBadRequest', 'expectNoSecrets', 'expectStatus', 'newAccount', 'newSession', 'PASSWORD', 'useServer'];
  if (accounts.some((routes) => routes.signup)) http.push('signUp');
  if (accounts.some((routes) => routes.spec.active)) http.push('deactivate');
  if (accounts.some((routes) => !routes.signup)) http.push('testServer');
  const created = accounts.some((routes) => !routes.signup);
  return `import assert from 'node:assert/strict';
${created ? "import { execFile } from 'node:child_process';\nimport path from 'node:path';\nimport { promisify } from 'node:util';\n" : ''}import { describe, it } from 'node:test';
import { ${http.sort((a, b) => a.localeCompare(b)).join(', ')} } from './support/http.js';

useServer();

/** Three base64url parts: a JWT. */
const JWT = /^[\\w-]+\\.[\\w-]+\\.[\\w-]+$/;
${created ? "\n/** The create-account script as built, seen from dist/test/. */\nconst SCRIPT = path.resolve(import.meta.dirname, '..', 'src', 'scripts', 'create-account.js');\n" : ''}
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

function signUpTests(routes: AuthRoutes, signupRoute: NonNullable<AuthRoutes['signup']>): string {
  const { actor } = routes.spec;
  const identifier = propertyKey(routes.spec.identifier);
  const signup = quote(signupRoute.path);
  const actorLiteral = quote(actor);
  const isEmail = signupRoute.body.properties.find((property) => property.name === routes.spec.identifier)?.format === 'email';
  const id = accessor(routes.spec.identifier);
  const tests: string[][] = [
    [`signs up ${withArticle(actor)} and answers a bearer token`, `const reply = await call('POST', ${signup}, { body: newAccount(${actorLiteral}) });`, 'expectStatus(reply, 201);', ...tokenChecks(routes)],
    [
      `400 on an invalid ${identifier}, a password one character too short and an unknown property`,
      // At the boundary: a minimum that is off by one lets this password through.
      `const body = { ...newAccount(${actorLiteral}), ${identifier}: ${isEmail ? "'not-an-email'" : "''"}, password: ${quote('x'.repeat(passwordProperty(routes.spec).minLength! - 1))}, unexpectedField: true };`,
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
  const role = routes.spec.role;
  const others = routes.group.filter((spec) => spec.actor !== actor && spec.role);
  if (role && others.length > 0) {
    // Signing up as a patient must never make a doctor: the role is not the caller's to send.
    tests.push([
      `400 when the sign-up names a role, so nobody signs up as ${withArticle(others[0]!.actor)}`,
      `const reply = await call('POST', ${signup}, { body: { ...newAccount(${actorLiteral}), ${propertyKey(role.column)}: ${quote(others[0]!.role!.value)} } });`,
      `expectBadRequest(reply, 'property ${role.column} should not exist');`,
    ]);
  }
  return block(`POST ${signupRoute.path} (${signupRoute.operationId})`, tests);
}

function logInTests(routes: AuthRoutes, context: TestRenderContext): string {
  const { actor } = routes.spec;
  const identifier = propertyKey(routes.spec.identifier);
  const login = quote(routes.login.path);
  const id = accessor(routes.spec.identifier);
  const guarded = guardedRoute(actor, context);
  const works = [
    `const session = await newSession(${quote(actor)});`,
    `const reply = await call('POST', ${login}, { body: { ${identifier}: session.account${id}, password: PASSWORD } });`,
    'expectStatus(reply, 200);',
    ...tokenChecks(routes),
    'assert.equal(reply.body.id, session.id);',
    ...(routes.group.length > 1 ? [`assert.equal(reply.body.actor, ${quote(actor)});`] : []),
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
      `const session = await newSession(${quote(actor)});`,
      `expectStatus(await call('POST', ${login}, { body: { ${identifier}: session.account${id}, password: \`\${PASSWORD}-wrong\` } }), 401);`,
      `expectStatus(await call('POST', ${login}, { body: { ${identifier}: newAccount(${quote(actor)})${id}, password: PASSWORD } }), 401);`,
    ],
  ];
  if (routes.spec.active && guarded) {
    const path = pathCode(guarded, placeholderParams(guarded), resolver(undefined, new Map()));
    tests.push([
      `a deactivated ${actor} can no longer log in, and its token stops working at once`,
      `const session = await newSession(${quote(actor)});`,
      'await deactivate(session);',
      `expectStatus(await call('POST', ${login}, { body: { ${identifier}: session.account${id}, password: PASSWORD } }), 401);`,
      `expectStatus(await call(${quote(guarded.method)}, ${path}, { token: session.token }), 401);`,
    ]);
  }
  return block(`POST ${routes.login.path} (${routes.login.operationId})${routes.group.length > 1 ? ` as ${withArticle(actor)}` : ''}`, tests);
}

/**
 * Actors who do not sign up get their accounts from staff, or the first one from \`npm run create-account\`:
 * the script (as built) makes an account that logs in, and refuses without a password.
 */
function createAccountTests(routes: AuthRoutes): string[] {
  if (routes.signup) return [];
  const { actor } = routes.spec;
  const identifier = propertyKey(routes.spec.identifier);
  const id = accessor(routes.spec.identifier);
  const flags = routes.fields.map((property) => `\`--${property.name}\`, String(account${accessor(property.name)})`).join(', ');
  return [
    block(`npm run create-account -- ${actor}`, [
      [
        `makes ${withArticle(actor)} account that logs in, with the password from ${ACCOUNT_PASSWORD_ENV}`,
        `const account = newAccount(${quote(actor)});`,
        `const env = { ...process.env, DATABASE_URL: testServer().databaseUrl, ${ACCOUNT_PASSWORD_ENV}: account.password };`,
        `const { stdout } = await promisify(execFile)(process.execPath, [SCRIPT, ${quote(actor)}, ${flags}], { env });`,
        `assert.match(stdout, /Created the ${actor} account/);`,
        `const reply = await call('POST', ${quote(routes.login.path)}, { body: { ${identifier}: account${id}, password: account.password } });`,
        'expectStatus(reply, 200);',
        ...(routes.group.length > 1 ? [`assert.equal(reply.body.actor, ${quote(actor)});`] : []),
      ],
      [
        `refuses without ${ACCOUNT_PASSWORD_ENV}: there is no default password`,
        `const account = newAccount(${quote(actor)});`,
        `const env = { ...process.env, DATABASE_URL: testServer().databaseUrl, ${ACCOUNT_PASSWORD_ENV}: '' };`,
        `const failed = await promisify(execFile)(process.execPath, [SCRIPT, ${quote(actor)}, ${flags}], { env }).then(() => undefined, (error: { code?: number }) => error);`,
        'assert.equal(failed?.code, 2);',
        `expectStatus(await call('POST', ${quote(routes.login.path)}, { body: { ${identifier}: account${id}, password: account.password } }), 401);`,
      ],
    ]),
  ];
}

/** A route of the actor to try a login token on: a plain GET without parameters if there is one. */
function guardedRoute(actor: string, context: TestRenderContext): Operation | undefined {
  const own = context.api.operations.filter((operation) => grantsOf(operation, context.actors).some((grant) => grant.actor === actor));
  return own.find((operation) => operation.method === 'GET' && operation.params.length === 0 && opensFully(operation, context)) ?? own.find((operation) => operation.params.length === 0) ?? own[0];
}

/** Called with a token and nothing else, the operation succeeds: a GET without path parameters or required query. */
function opensFully(operation: Operation, context: TestRenderContext): boolean {
  if (operation.method !== 'GET' || operation.params.length > 0) return false;
  const query = operation.query ? context.dtos.get(operation.query) : undefined;
  return !query?.properties.some((property) => !property.optional);
}
