import type { AuthRoutes } from '../../../interface/auth';
import { quote } from '../printer/literals';

const delegateOf = (model: string): string => model[0]!.toLowerCase() + model.slice(1);


/** Largest body the server takes by default, in KiB (BODY_LIMIT_KB of src/config/environment.ts). */
const BODY_LIMIT_KB = 100;

/**
 * `test/hardening.e2e.test.ts`: what every generated backend has around its routes, whatever its API:
 * security headers, health, body depth, size and text limits, the throttle on logins, the configuration
 * checked at start, Swagger UI off in production, the token lifetime from configuration, and the global
 * guard that refuses a route naming no actor. The request-limit tests send to the login of the first
 * account (or, without accounts, to the health route, which has no body to read).
 */
export function renderHardeningTests(accounts: readonly AuthRoutes[]): string {
  const account = accounts[0];
  const login = account?.login.path;
  const identifier = account?.spec.identifier;
  // Any route reads a JSON body first: without accounts the 413 is shown on a POST to /health.
  const target = login ?? '/health';
  /** Makes \`account\` on the server named \`server\`: signs up, or is made as the create-account script would. */
  const made = (server: string) =>
    account!.signup
      ? `assert.equal((await send(${server}.baseUrl, 'POST', ${quote(account!.signup.path)}, account)).status, 201);`
      : `await createStaffAccount(${server}, ${quote(account!.spec.actor)}, account);`;
  const authTests = account
    ? `
  it('answers 429 with Retry-After once a client has made THROTTLE_AUTH_LIMIT login attempts, even with the right password', async () => {
    const server = await startServer({ env: { THROTTLE_AUTH_LIMIT: '3' } });
    try {
      const account = newAccount(${quote(account.spec.actor)});
      ${account.signup ? `const signUp = await send(server.baseUrl, 'POST', ${quote(account.signup.path)}, account);
      assert.equal(signUp.status, 201, await signUp.text());` : `await createStaffAccount(server, ${quote(account.spec.actor)}, account);`}
      for (let attempt = 1; attempt <= 3; attempt++) {
        const wrong = await send(server.baseUrl, 'POST', ${quote(login!)}, { ${identifier}: account[${quote(identifier!)}], password: 'wrong-password-123' });
        assert.equal(wrong.status, 401, \`attempt \${attempt}\`);
      }
      const right = await send(server.baseUrl, 'POST', ${quote(login!)}, { ${identifier}: account[${quote(identifier!)}], password: account.password });
      assert.equal(right.status, 429);
      assert.ok(Number(right.headers.get('retry-after')) > 0, \`Retry-After: \${right.headers.get('retry-after')}\`);
    } finally {
      await server.stop();
    }
  });

  it('hashes passwords with scrypt at N=2^17, r=8, p=1 by default, the cost stored in the hash', async () => {
    const server = await startServer({ env: { PASSWORD_HASH_COST: '17' } });
    try {
      const account = newAccount(${quote(account.spec.actor)});
      ${made('server')}
      assert.match(await storedHash(server, account), /^scrypt\\$N=131072,r=8,p=1\\$[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+$/);
    } finally {
      await server.stop();
    }
  });

  it('still lets in a password hashed in the older format, and re-hashes it at the current cost', async () => {
    const server = testServer();
    const account = newAccount(${quote(account.spec.actor)});
    ${made('server')}
    // The format before the cost was stored: scrypt$<salt>$<hash>, at Node's default cost (N=2^14, r=8, p=1).
    const salt = randomBytes(16);
    const legacy = \`scrypt$\${salt.toString('base64')}$\${scryptSync(String(account.password), salt, 64).toString('base64')}\`;
    await accounts(server).update({ where: { ${account.idField.name}: await accountId(server, account) }, data: { ${account.spec.password}: legacy } });
    const login = () => send(server.baseUrl, 'POST', ${quote(login!)}, { ${identifier}: account[${quote(identifier!)}], password: account.password });
    assert.equal((await login()).status, 200);
    assert.match(await storedHash(server, account), /^scrypt\\$N=\\d+,r=8,p=1\\$/);
    assert.notEqual(await storedHash(server, account), legacy);
    assert.equal((await login()).status, 200);
  });

  it('signs tokens for JWT_EXPIRES_IN', async () => {
    const server = await startServer({ env: { JWT_EXPIRES_IN: '90s' } });
    try {
      const account = newAccount(${quote(account.spec.actor)});
      ${account.signup ? `const reply = await send(server.baseUrl, 'POST', ${quote(account.signup.path)}, account);
      assert.equal(reply.status, 201);` : `await createStaffAccount(server, ${quote(account.spec.actor)}, account);
      const reply = await send(server.baseUrl, 'POST', ${quote(login!)}, { ${identifier}: account[${quote(identifier!)}], password: account.password });
      assert.equal(reply.status, 200);`}
      const { accessToken } = (await reply.json()) as { accessToken: string };
      const claims = JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString()) as { iat: number; exp: number };
      assert.equal(claims.exp - claims.iat, 90);
    } finally {
      await server.stop();
    }
  });
`
    : '';
  const staff = account && !account.signup;
  return `import assert from 'node:assert/strict';
${account ? "import { randomBytes, scryptSync } from 'node:crypto';\n" : ''}import { describe, it } from 'node:test';
import { ForbiddenException, UseGuards, type ArgumentsHost, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessGuard, ActorGuard, Public } from '../src/common/access.js';
import { PrismaErrorFilter } from '../src/common/prisma-errors.js';
import { Prisma } from '../src/generated/prisma/client.js';
${staff ? "import { createAccount } from '../src/auth/accounts.js';\n" : ''}import { call, expectStatus${account ? ', newAccount' : ''}, testServer, useServer } from './support/http.js';
import { CLOCK_ROUTE, CLOCK_SECRET_HEADER, startServer${account ? ', type TestServer' : ''} } from './support/server.js';

useServer();

const testBaseUrl = (): string => testServer().baseUrl;

/** A request with a raw body, or a JSON value, to any server. */
async function send(baseUrl: string, method: string, path: string, body?: unknown): Promise<Response> {
  const text = typeof body === 'string' || body === undefined ? body : JSON.stringify(body);
  return fetch(new URL(path, baseUrl), { method, headers: text === undefined ? {} : { 'content-type': 'application/json' }, body: text });
}
${staff ? `
/** An account of an actor who does not sign up, made on \`server\` as the create-account script makes them. */
async function createStaffAccount(server: TestServer, actor: string, account: Record<string, unknown>): Promise<void> {
  await createAccount(server.database, actor as never, account as never);
}
` : ''}
${account ? `/** The account model's rows, through the tests' own database client. */
interface AccountRows {
  findFirst(args: { where: Record<string, unknown> }): Promise<Record<string, unknown> | null>;
  update(args: { where: Record<string, unknown>; data: Record<string, unknown> }): Promise<unknown>;
}
const accounts = (server: TestServer): AccountRows => (server.database as unknown as Record<string, AccountRows>)[${quote(delegateOf(account.spec.model))}]!;

async function accountId(server: TestServer, account: Record<string, unknown>): Promise<unknown> {
  const row = await accounts(server).findFirst({ where: { ${identifier}: account[${quote(identifier!)}] } });
  return row?.[${quote(account.idField.name)}];
}

/** The password hash stored for the account. */
async function storedHash(server: TestServer, account: Record<string, unknown>): Promise<string> {
  const row = await accounts(server).findFirst({ where: { ${identifier}: account[${quote(identifier!)}] } });
  return String(row?.[${quote(account.spec.password)}]);
}

` : ''}/** \`depth\` arrays inside each other: what class-transformer used to recurse into until the stack overflowed. */
const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

describe('hardening', () => {
  it('answers with security headers, a request id and no X-Powered-By', async () => {
    const response = await fetch(new URL('/health', testBaseUrl()));
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    assert.match(response.headers.get('strict-transport-security') ?? '', /max-age=\\d+/);
    assert.equal(response.headers.get('x-frame-options'), 'SAMEORIGIN');
    assert.equal(response.headers.get('x-powered-by'), null);
    assert.match(response.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
    const traced = await fetch(new URL('/health', testBaseUrl()), { headers: { 'x-request-id': 'trace-42' } });
    assert.equal(traced.headers.get('x-request-id'), 'trace-42');
  });

  it('is live at /health and ready at /health/ready, with its database', async () => {
    const live = await call('GET', '/health');
    expectStatus(live, 200);
    assert.deepEqual(live.body, { status: 'ok' });
    const ready = await call('GET', '/health/ready');
    expectStatus(ready, 200);
    assert.deepEqual(ready.body, { status: 'ok', database: 'up' });
  });
${login ? `
  it('answers 400, not 500, to a body nested 5,000 levels deep', async () => {
    const reply = await send(testBaseUrl(), 'POST', ${quote(login)}, \`{"${identifier}":\${nested(5000)},"password":"x"}\`);
    assert.equal(reply.status, 400, await reply.text());
  });

  it('answers 400 to text with a NUL character or a lone surrogate', async () => {
    for (const password of ['before\\u0000after', 'half \\uD800 a pair']) {
      const reply = await call('POST', ${quote(login)}, { body: { ${identifier}: 'someone@example.test', password } });
      expectStatus(reply, 400);
      assert.match(JSON.stringify(reply.body), /NUL character or an unpaired surrogate/);
    }
  });
` : ''}
  it('answers 413 to a body over ${BODY_LIMIT_KB} KiB', async () => {
    const reply = await send(testBaseUrl(), 'POST', ${quote(target)}, JSON.stringify({ password: 'x'.repeat(${BODY_LIMIT_KB} * 1024) }));
    assert.equal(reply.status, 413);
  });
${authTests}
  it('refuses to start with an unknown NODE_ENV or a secret that is only white space, naming the problem', async () => {
    await assert.rejects(startServer({ environment: 'prod' }), /NODE_ENV must be one of development, production, test/);
    await assert.rejects(startServer({ env: { JWT_SECRET: ' '.repeat(32) } }), /JWT_SECRET must not contain white space/);
    await assert.rejects(startServer({ env: { JWT_SECRET: 'a'.repeat(40) } }), /JWT_SECRET must mix at least 10 different characters/);
  });

  it('has no Swagger UI or OpenAPI document in production unless SWAGGER=on', async () => {
    // Production refuses the cheap password cost of the other tests.
    const production = await startServer({ environment: 'production', env: { PASSWORD_HASH_COST: '17' } });
    try {
      assert.equal((await fetch(new URL('/docs', production.baseUrl))).status, 404);
      assert.equal((await fetch(new URL('/openapi.json', production.baseUrl))).status, 404);
      assert.equal((await fetch(new URL('/health', production.baseUrl))).status, 200);
    } finally {
      await production.stop();
    }
    assert.equal((await fetch(new URL('/openapi.json', testBaseUrl()))).status, 200);
  });

  it('reads date-times as RFC 3339, with one parser: any fractional digits, either case, offsets; seconds required', async () => {
    const server = testServer();
    const setClock = (now: string) =>
      fetch(new URL(CLOCK_ROUTE, server.baseUrl), {
        method: 'PUT',
        headers: { 'content-type': 'application/json', [CLOCK_SECRET_HEADER]: server.clockSecret },
        body: JSON.stringify({ now }),
      });
    const read: [string, string][] = [
      ['2030-01-15T09:00:00.123456+01:00', '2030-01-15T08:00:00.123Z'],
      ['2030-01-15t09:00:00.5z', '2030-01-15T09:00:00.500Z'],
      ['2030-01-15T09:00:00-02:30', '2030-01-15T11:30:00.000Z'],
    ];
    for (const [given, instant] of read) {
      const reply = await setClock(given);
      assert.equal(reply.status, 200, given);
      assert.deepEqual(await reply.json(), { now: instant });
    }
    for (const given of ['2030-01-15T09:00Z', '2030-02-30T09:00:00Z', '2030-01-15T24:00:00Z', '2030-01-15T09:00:00', '2030-01-15T09:00:00+25:00']) {
      assert.equal((await setClock(given)).status, 400, given);
    }
  });

  it('answers a write that lost a race (record gone, value taken, reference gone) with 404 or 409, never 500', () => {
    const filter = new PrismaErrorFilter();
    const answer = (code: string): number => {
      let status = 0;
      const response = {
        status(given: number) {
          status = given;
          return response;
        },
        json: () => response,
      };
      const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
      filter.catch(new Prisma.PrismaClientKnownRequestError(\`race \${code}\`, { code, clientVersion: '7.10.0' }), host);
      return status;
    };
    assert.deepEqual(['P2025', 'P2002', 'P2003', 'P2034'].map(answer), [404, 409, 409, 409]);
  });

  it('refuses a route that names no actor and is not public, or whose only guard admits no actor, and lets the others through', () => {
    const guard = new AccessGuard(new Reflector());
    class AdmitsAnActor implements CanActivate {
      canActivate(): boolean {
        return true;
      }
    }
    // As \`@ActorGuard()\` marks the guards of src/auth/guards.ts.
    ActorGuard()(AdmitsAnActor);
    /** A guard that says nothing of who may call, such as a throttle. */
    class SaysNothingOfWho implements CanActivate {
      canActivate(): boolean {
        return true;
      }
    }
    class Routes {
      forgotten(): void {}
      open(): void {}
      guarded(): void {}
      throttledOnly(): void {}
    }
    const method = (name: keyof Routes) => Object.getOwnPropertyDescriptor(Routes.prototype, name)!;
    // As \`@Public()\` and \`@UseGuards(...)\` on the methods would.
    Public()(Routes.prototype, 'open', method('open'));
    UseGuards(AdmitsAnActor)(Routes.prototype, 'guarded', method('guarded'));
    UseGuards(SaysNothingOfWho)(Routes.prototype, 'throttledOnly', method('throttledOnly'));
    const route = (name: keyof Routes) =>
      ({ getHandler: () => Routes.prototype[name], getClass: () => Routes }) as unknown as ExecutionContext;
    assert.throws(() => guard.canActivate(route('forgotten')), ForbiddenException);
    assert.throws(() => guard.canActivate(route('throttledOnly')), ForbiddenException);
    assert.equal(guard.canActivate(route('open')), true);
    assert.equal(guard.canActivate(route('guarded')), true);
  });
});
`;
}
