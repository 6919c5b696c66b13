import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { renderAuth } from '../../../../src/core/target/nest-prisma/auth/auth';
import { renderApp } from '../../../../src/core/target/nest-prisma/project/app';
import type { ScaffoldInput } from '../../../../src/core/target/nest-prisma/project/scaffold';
import { todoAnalysis } from '../../../fixtures/todo/analyzeArtifact';
import { todoArtifact } from '../../../fixtures/todo/databaseArtifact';
import { scriptedApi } from '../../../fixtures/todo/fixtures';
import { loadRendered, noDecorator, StubBadRequest, StubForbidden, StubHttpException, StubUnauthorized } from './loadRendered';
import { rolesApp } from './rolesApp';
import { TWO_ACTORS } from './twoActors';

const todo = (): ScaffoldInput => ({ analysis: todoAnalysis(), database: todoArtifact(), api: scriptedApi(), databaseId: 'sqlite' });

/** The HTTP error a call of the generated code ends in: `[status, message]`, or `'ok'`. */
async function outcome(call: () => unknown): Promise<'ok' | [number, unknown]> {
  try {
    await call();
    return 'ok';
  } catch (error) {
    if (error instanceof StubHttpException) return [error.status, error.body];
    throw error;
  }
}

describe('generated request parsing and auth, run', () => {
  it('parseDateTime turns RFC 3339 date-times into Dates and hands anything else on unchanged', () => {
    const { parseDateTime } = loadRendered(renderApp(todo()).get('src/common/date-time.ts')!);
    const accepted: [string, string][] = [
      ['2024-03-03T10:00:00Z', '2024-03-03T10:00:00.000Z'],
      ['2024-03-03T10:00:00.5+01:00', '2024-03-03T09:00:00.500Z'],
      // Any number of fractional digits, kept to the millisecond; T and Z in either case.
      ['2024-03-03T10:00:00.1234Z', '2024-03-03T10:00:00.123Z'],
      ['2024-03-03T10:00:00.123456789+02:00', '2024-03-03T08:00:00.123Z'],
      ['2024-03-03t10:00:00z', '2024-03-03T10:00:00.000Z'],
      ['2024-03-03T10:00:00.123-05:30', '2024-03-03T15:30:00.123Z'],
      ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
      ['0000-02-29T12:00:00Z', '0000-02-29T12:00:00.000Z'],
      ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
    ];
    for (const [text, iso] of accepted) {
      const date = parseDateTime(text);
      assert.ok(date instanceof Date, text);
      assert.equal(date.toISOString(), iso, text);
    }
    const refused = [
      5,
      true,
      null,
      undefined,
      '2024',
      'March 3, 2024',
      '2024-03-03',
      '2024-03-03T10:00:00',
      '2024-03-03 10:00:00Z',
      // Seconds are required; a leap second has no Date.
      '2024-03-03T10:00Z',
      '2024-03-03T10:00:60Z',
      '2024-03-03T10:00:00.Z',
      '+275760-09-13T00:00:00.000Z',
      '2024-02-30T00:00:00Z',
      '2023-02-29T00:00:00Z',
      '2024-13-01T00:00:00Z',
      '2024-01-01T25:00:00Z',
      '2024-01-01T00:00:00+24:00',
      '9999-12-31T23:59:00-01:00',
      '0000-01-01T00:30:00+01:00',
    ];
    for (const value of refused) assert.equal(parseDateTime(value), value, String(value));
  });

  it('IntParam reads the raw path text: a positive Int, else 400 naming the parameter', async () => {
    const { IntParam } = loadRendered(renderApp(todo()).get('src/common/int-param.ts')!, {
      '@nestjs/common': { BadRequestException: StubBadRequest, createParamDecorator: (factory: unknown) => factory },
    });
    const read = (id: unknown) => IntParam('id', { switchToHttp: () => ({ getRequest: () => ({ params: { id } }) }) });
    assert.deepEqual([read('1'), read('42'), read('007'), read('2147483647')], [1, 42, 7, 2147483647]);
    for (const text of ['1e3', '1.0', 'abc', '99999999999', '99999999999999999999', '2147483648', '0', '-1', '0x10', ' 7', '', ['1'], undefined]) {
      assert.deepEqual(await outcome(() => read(text)), [400, ['id must be a positive integer']], JSON.stringify(text));
    }
  });

  it('the guard takes the scheme in any case, checks the claim types and refuses the token of an unknown account', async () => {
    const { MemberGuard } = loadRendered(renderAuth(todo()).get('src/auth/guards.ts')!, {
      '../common/access.js': { ActorGuard: noDecorator },
      '@nestjs/common': { Injectable: noDecorator, UnauthorizedException: StubUnauthorized, ForbiddenException: StubForbidden },
    });
    const tokens: Record<string, object> = {
      alice: { sub: 1, actor: 'member', email: 'alice@example.com' },
      ghost: { sub: 99, actor: 'member', email: 'ghost@example.com' },
      admin: { sub: 1, actor: 'admin', email: 'alice@example.com' },
      textSub: { sub: '1', actor: 'member', email: 'alice@example.com' },
      fractionSub: { sub: 1.5, actor: 'member', email: 'alice@example.com' },
      noSub: { actor: 'member', email: 'alice@example.com' },
      numberEmail: { sub: 1, actor: 'member', email: 7 },
    };
    const jwt = { verifyAsync: async (token: string) => tokens[token] ?? Promise.reject(new Error('invalid signature')) };
    const lookups: unknown[] = [];
    const prisma = {
      user: {
        findUnique: async (query: { where: { id: number } }) => {
          lookups.push(query);
          return query.where.id === 1 ? { id: 1 } : null;
        },
      },
    };
    const guard = new MemberGuard(jwt, prisma);
    const run = async (authorization?: string) => {
      const request: Record<string, any> = { headers: authorization === undefined ? {} : { authorization } };
      const result = await outcome(() => guard.canActivate({ switchToHttp: () => ({ getRequest: () => request }) }));
      return result === 'ok' ? request.caller : result;
    };

    for (const header of ['Bearer alice', 'bearer alice', 'BEARER   alice']) assert.deepEqual(await run(header), { actor: 'member', id: 1, email: 'alice@example.com' }, header);
    assert.deepEqual(lookups[0], { where: { id: 1 }, select: { id: true } });
    for (const header of [undefined, '', 'Basic alice', 'Bearer', 'Bearer alice extra', 'Beareralice']) assert.deepEqual(await run(header), [401, 'Missing bearer token'], String(header));
    for (const token of ['forged', 'admin', 'textSub', 'fractionSub', 'noSub', 'numberEmail']) assert.deepEqual(await run(`Bearer ${token}`), [401, 'Invalid or expired token'], token);
    assert.deepEqual(await run('Bearer ghost'), [401, 'Unknown account']);
  });

  it('a string-id guard wants a non-empty string sub', async () => {
    const auth = renderAuth({ database: TWO_ACTORS.database, api: TWO_ACTORS.api, databaseId: 'sqlite' });
    const { AdminGuard } = loadRendered(auth.get('src/auth/guards.ts')!, {
      '../common/access.js': { ActorGuard: noDecorator }, '@nestjs/common': { Injectable: noDecorator, UnauthorizedException: StubUnauthorized, ForbiddenException: StubForbidden } });
    const id = '3f1e0c1a-0000-4000-8000-000000000000';
    const tokens: Record<string, object> = { good: { sub: id, actor: 'admin', username: 'root' }, empty: { sub: '', actor: 'admin', username: 'root' }, numeric: { sub: 1, actor: 'admin', username: 'root' } };
    const guard = new AdminGuard({ verifyAsync: async (token: string) => tokens[token] }, { staffMember: { findUnique: async () => ({ id }) } });
    const request: Record<string, any> = { headers: { authorization: 'Bearer good' } };
    await guard.canActivate({ switchToHttp: () => ({ getRequest: () => request }) });
    assert.deepEqual(request.caller, { actor: 'admin', id, username: 'root' });
    for (const token of ['empty', 'numeric']) {
      const refused = { headers: { authorization: `Bearer ${token}` } };
      assert.deepEqual(await outcome(() => guard.canActivate({ switchToHttp: () => ({ getRequest: () => refused }) })), [401, 'Invalid or expired token'], token);
    }
  });

  it('several actors on one account model: the role decides the actor, a deactivation or a role change ends a token at once, another actor gets 403', async () => {
    const { database, api } = rolesApp();
    const guards = loadRendered(renderAuth({ database, api, databaseId: 'sqlite' }).get('src/auth/guards.ts')!, {
      '../common/access.js': { ActorGuard: noDecorator },
      '@nestjs/common': { Injectable: noDecorator, UnauthorizedException: StubUnauthorized, ForbiddenException: StubForbidden },
    });
    const accounts = new Map<number, { id: number; role: string; active: boolean }>([
      [1, { id: 1, role: 'DOCTOR', active: true }],
      [2, { id: 2, role: 'RECEPTIONIST', active: true }],
      [3, { id: 3, role: 'DOCTOR', active: false }],
    ]);
    const tokens: Record<string, object> = {
      doctor: { sub: 1, actor: 'doctor', email: 'd@example.com' },
      receptionist: { sub: 2, actor: 'receptionist', email: 'r@example.com' },
      // A token issued when account 2 was a doctor: its role has changed since.
      formerDoctor: { sub: 2, actor: 'doctor', email: 'r@example.com' },
      deactivated: { sub: 3, actor: 'doctor', email: 'x@example.com' },
    };
    const jwt = { verifyAsync: async (token: string) => tokens[token] ?? Promise.reject(new Error('invalid signature')) };
    const selects: unknown[] = [];
    const prisma = {
      account: {
        findUnique: async (query: { where: { id: number }; select: unknown }) => {
          selects.push(query.select);
          return accounts.get(query.where.id) ?? null;
        },
      },
    };
    const run = async (guard: string, token: string) => {
      const request: Record<string, any> = { headers: { authorization: `Bearer ${token}` } };
      const result = await outcome(() => new guards[guard](jwt, prisma).canActivate({ switchToHttp: () => ({ getRequest: () => request }) }));
      return result === 'ok' ? request.caller : result;
    };
    assert.deepEqual(await run('DoctorGuard', 'doctor'), { actor: 'doctor', id: 1, email: 'd@example.com' });
    assert.deepEqual(selects[0], { id: true, role: true, active: true });
    assert.deepEqual(await run('DoctorOrReceptionistGuard', 'receptionist'), { actor: 'receptionist', id: 2, email: 'r@example.com' });
    assert.deepEqual(await run('DoctorGuard', 'receptionist'), [403, 'This route is not open to receptionist accounts']);
    assert.deepEqual(await run('DoctorGuard', 'formerDoctor'), [401, 'Invalid or expired token']);
    assert.deepEqual(await run('DoctorGuard', 'deactivated'), [401, 'This account is deactivated']);
  });

  it('the shared login signs an account in as the actor its role names, and refuses a deactivated one', async () => {
    const { database, api } = rolesApp();
    const { AuthService } = loadRendered(renderAuth({ database, api, databaseId: 'sqlite' }).get('src/auth/auth.service.ts')!, {
      '@nestjs/common': { Injectable: noDecorator, UnauthorizedException: StubUnauthorized, ConflictException: StubHttpException },
      '../generated/prisma/client.js': { Prisma: { PrismaClientKnownRequestError: class {} } },
      './password.js': { dummyPasswordHash: () => 'dummy', needsRehash: () => false, hashPassword: async (text: string) => `hashed:${text}`, verifyPassword: async (text: string, hash: string) => hash === `hashed:${text}` },
    });
    const rows: Record<string, { id: number; email: string; passwordHash: string; role: string; active: boolean }> = {
      'd@example.com': { id: 1, email: 'd@example.com', passwordHash: 'hashed:pw', role: 'DOCTOR', active: true },
      'off@example.com': { id: 3, email: 'off@example.com', passwordHash: 'hashed:pw', role: 'DOCTOR', active: false },
    };
    const created: unknown[] = [];
    const prisma = {
      account: {
        findUnique: async (query: { where: { email: string } }) => rows[query.where.email] ?? null,
        create: async (query: { data: Record<string, unknown> }) => (created.push(query.data), { id: 9, ...query.data }),
      },
    };
    const signed: unknown[] = [];
    const service = new AuthService(prisma, { signAsync: async (claims: unknown) => (signed.push(claims), 'token') });
    assert.deepEqual(await service.logInAccount({ email: 'd@example.com', password: 'pw' }), { accessToken: 'token', tokenType: 'Bearer', id: 1, actor: 'doctor' });
    assert.deepEqual(signed[0], { sub: 1, actor: 'doctor', email: 'd@example.com' });
    assert.deepEqual(await outcome(() => service.logInAccount({ email: 'off@example.com', password: 'pw' })), [401, 'This account is deactivated']);
    assert.deepEqual(await outcome(() => service.logInAccount({ email: 'd@example.com', password: 'wrong' })), [401, 'Invalid email or password']);
    // Patients sign up; the role is the code's, never the request's.
    await service.signUpPatient({ email: 'p@example.com', password: 'long-enough', name: 'Pat' });
    assert.deepEqual(created[0], { email: 'p@example.com', passwordHash: 'hashed:long-enough', name: 'Pat', role: 'PATIENT' });
    assert.equal(typeof service.signUpDoctor, 'undefined');
  });

  it('the auth module signs with the checked JWT_SECRET and JWT_EXPIRES_IN (the checks themselves run in the generated hardening tests)', () => {
    const source = renderAuth(todo()).get('src/auth/auth.module.ts')!;
    let options: { secret?: string; signOptions?: { algorithm?: string; expiresIn?: string } } | undefined;
    loadRendered(source, {
      '@nestjs/common': { Global: noDecorator, Module: noDecorator },
      '@nestjs/jwt': { JwtModule: { register: (given: typeof options) => (options = given) } },
      '../config/environment.js': { loadEnvironment: () => ({ JWT_SECRET: 'a-checked-secret-of-enough-characters', JWT_EXPIRES_IN: '90m' }) },
      './auth.controller.js': { AuthController: class {} },
      './auth.service.js': { AuthService: class {} },
      './guards.js': { MemberGuard: class {} },
    });
    assert.equal(options?.secret, 'a-checked-secret-of-enough-characters');
    assert.deepEqual(options?.signOptions, { algorithm: 'HS256', expiresIn: '90m' });
    assert.doesNotMatch(source, /process\.env/);
  });

  it('login checks a password against a dummy hash when the account is unknown, and answers as for a wrong password', async () => {
    const auth = renderAuth(todo());
    // The cost tests use (N=2^14); the default (2^17) is checked against the running backend by its hardening tests.
    const password = loadRendered(auth.get('src/auth/password.ts')!, { 'node:crypto': crypto, '../config/environment.js': { loadEnvironment: () => ({ PASSWORD_HASH_COST: 14 }) } });
    const stored = await password.hashPassword('correct horse');
    const shape = (hash: string) => {
      const [scheme, cost, ...rest] = hash.split('$');
      return [scheme, cost, ...rest.map((part) => Buffer.from(part, 'base64').length)];
    };
    // Same scheme, cost and sizes as a real hash, so checking it costs the same scrypt run.
    assert.deepEqual(shape(password.dummyPasswordHash()), ['scrypt', 'N=16384,r=8,p=1', 16, 64]);
    assert.deepEqual(shape(stored), ['scrypt', 'N=16384,r=8,p=1', 16, 64]);
    assert.equal(await password.verifyPassword('correct horse', password.dummyPasswordHash()), false);
    assert.equal(await password.verifyPassword('correct horse', stored), true);
    assert.equal(password.needsRehash(stored), false);
    // The older format (no cost stored, Node's default N=2^14) still verifies, and asks to be re-hashed.
    const salt = crypto.randomBytes(16);
    const legacy = `scrypt$${salt.toString('base64')}$${crypto.scryptSync('correct horse', salt, 64).toString('base64')}`;
    assert.equal(await password.verifyPassword('correct horse', legacy), true);
    assert.equal(await password.verifyPassword('wrong horse', legacy), false);
    assert.equal(password.needsRehash(legacy), true);
    // A stored cost out of bounds (a tampered row) is refused rather than run.
    assert.equal(await password.verifyPassword('correct horse', stored.replace('N=16384', 'N=1073741824')), false);
    assert.equal(await password.verifyPassword('correct horse', stored.replace('N=16384', 'N=16000')), false);

    const checked: string[] = [];
    const updates: unknown[] = [];
    const { AuthService } = loadRendered(auth.get('src/auth/auth.service.ts')!, {
      '@nestjs/common': { ConflictException: StubHttpException, Injectable: noDecorator, UnauthorizedException: StubUnauthorized },
      '../generated/prisma/client.js': { Prisma: { PrismaClientKnownRequestError: class {} } },
      './password.js': {
        ...password,
        verifyPassword: (given: string, hash: string) => {
          checked.push(hash);
          return password.verifyPassword(given, hash);
        },
      },
    });
    const accounts: Record<string, { id: number; email: string; passwordHash: string }> = {
      'alice@example.com': { id: 1, email: 'alice@example.com', passwordHash: stored },
      'bob@example.com': { id: 2, email: 'bob@example.com', passwordHash: legacy },
    };
    const user = {
      findUnique: async ({ where }: { where: { email: string } }) => accounts[where.email] ?? null,
      update: async (args: { where: { id: number }; data: { passwordHash: string } }) => updates.push(args),
    };
    const service = new AuthService({ user }, { signAsync: async () => 'token' });
    assert.deepEqual(await outcome(() => service.logInMember({ email: 'nobody@example.com', password: 'correct horse' })), [401, 'Invalid email or password']);
    assert.deepEqual(await outcome(() => service.logInMember({ email: 'alice@example.com', password: 'wrong password' })), [401, 'Invalid email or password']);
    assert.deepEqual(checked, [password.dummyPasswordHash(), stored]);
    assert.deepEqual(await service.logInMember({ email: 'alice@example.com', password: 'correct horse' }), { accessToken: 'token', tokenType: 'Bearer', id: 1 });
    assert.deepEqual(updates, [], 'a hash at the current cost stays');
    assert.deepEqual(await service.logInMember({ email: 'bob@example.com', password: 'correct horse' }), { accessToken: 'token', tokenType: 'Bearer', id: 2 });
    const [upgrade] = updates as { where: { id: number }; data: { passwordHash: string } }[];
    assert.deepEqual(upgrade?.where, { id: 2 });
    assert.match(upgrade!.data.passwordHash, /^scrypt\$N=16384,r=8,p=1\$/);
    assert.equal(await password.verifyPassword('correct horse', upgrade!.data.passwordHash), true);
  });
});
