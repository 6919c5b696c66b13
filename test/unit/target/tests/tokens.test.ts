import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as ts from 'typescript';
import type { InterfaceArtifact } from '../../../../src/core/interface/types';
import { renderTests } from '../../../../src/core/target/nest-prisma/tests/tests';
import type { TestArtifact } from '../../../../src/core/scenarios/types';
import { todoArtifact } from '../../../fixtures/todo/databaseArtifact';
import { scriptedApi } from '../../../fixtures/todo/fixtures';

const SECRET = 'e2e-test-secret';

type Claims = Record<string, unknown>;
interface Attempt {
  what: string;
  token?: string;
}
interface Session {
  actor: string;
  token: string;
  id: number | string;
  account: Record<string, unknown>;
}
interface TokenSupport {
  signToken(claims: Claims, secret?: string): string;
  claimsOf(token: string): Claims;
  refusedTokens(actor: string): Promise<Attempt[]>;
  expectUnauthorized(method: string, path: string, actor: string): Promise<void>;
  expectNotOpenTo(method: string, path: string, others: string[]): Promise<void>;
}

const hmac = (data: string, secret: string) => crypto.createHmac('sha256', secret).update(data).digest('base64url');
const part = (token: string, index: number): Claims => JSON.parse(Buffer.from(token.split('.')[index]!, 'base64url').toString('utf8'));
/** Whether the server (HS256, its secret) would accept the token's signature. */
const signedByServer = (token: string) => {
  const [header, payload, signature] = token.split('.');
  return part(token, 0).alg === 'HS256' && signature === hmac(`${header}.${payload}`, SECRET);
};

/**
 * Runs the rendered `test/support/tokens.ts` (transpiled to CommonJS) against stand-ins for `http.js`:
 * sign-ups answer tokens signed like the server's, with ids of `idType`; calls answer what `answer` says.
 */
function loadTokens(api: InterfaceArtifact, idType: 'number' | 'string', answer: (method: string, path: string, token?: string) => number = () => 401): TokenSupport {
  const source = renderTests({ scenarios: [] } as TestArtifact, api, todoArtifact()).get('test/support/tokens.ts')!;
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } });
  let made = 0;
  const loaded = { exports: {} as TokenSupport };
  const http = {
    newAccount: (actor: string) => ({ email: `${actor}-${++made}@example.test` }),
    async newSession(actor: string): Promise<Session> {
      made += 1;
      const id = idType === 'number' ? made : `id-${made}`;
      const email = `${actor}-${made}@example.test`;
      const now = Math.floor(Date.now() / 1000);
      return { actor, id, account: { email }, token: loaded.exports.signToken({ sub: id, actor, email, iat: now, exp: now + 43200 }) };
    },
    async call(method: string, path: string, options: { token?: string }) {
      return { status: answer(method, path, options.token), body: { ok: true } };
    },
  };
  const modules: Record<string, unknown> = { './http.js': http, './server.js': { JWT_SECRET: SECRET }, 'node:crypto': crypto, 'node:assert/strict': assert };
  const load = new Function('require', 'module', 'exports', outputText) as (require: (name: string) => unknown, module: object, exports: object) => void;
  load((name) => modules[name], loaded, loaded.exports);
  return loaded.exports;
}

const todoApi = (): InterfaceArtifact => scriptedApi();

describe('test phase: rendered token support (test/support/tokens.ts)', () => {
  it('signs HS256 JWTs as any JWT library does (the jwt.io example)', () => {
    const { signToken, claimsOf } = loadTokens(todoApi(), 'number');
    const token = signToken({ sub: '1234567890', name: 'John Doe', iat: 1516239022 }, 'your-256-bit-secret');
    assert.equal(
      token,
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    );
    assert.deepEqual(claimsOf(token), { sub: '1234567890', name: 'John Doe', iat: 1516239022 });
  });

  it('refuses tokens that each break one thing about a real token of the actor', async () => {
    const attempts = await loadTokens(todoApi(), 'number').refusedTokens('member');
    const token = (what: string) => {
      const found = attempts.find((attempt) => attempt.what === what);
      assert.ok(found?.token, `no attempt "${what}" with a token`);
      return found.token;
    };
    assert.deepEqual(attempts[0], { what: 'no token' });
    assert.equal(token('a token that is not a JWT'), 'not-a-valid-token');

    const forged = token('the right claims signed with another secret');
    assert.equal(signedByServer(forged), false);
    assert.deepEqual(Object.keys(part(forged, 1)).sort(), ['actor', 'email', 'exp', 'iat', 'sub']);
    assert.equal(part(forged, 1).actor, 'member');

    // A real signature over another real account's claims: only the signature check can tell.
    const tampered = token("another account's claims under this token's signature");
    assert.equal(signedByServer(tampered), false);
    const [header, payload, signature] = tampered.split('.');
    assert.notEqual(signature, hmac(`${header}.${payload}`, SECRET));
    assert.equal(part(tampered, 1).actor, 'member');

    const expired = token('an expired token');
    assert.equal(signedByServer(expired), true);
    assert.ok((part(expired, 1).exp as number) < Date.now() / 1000);

    const unsigned = token('an unsigned token (alg none)');
    assert.equal(part(unsigned, 0).alg, 'none');
    assert.match(unsigned, /\.$/);

    const ghost = token('a token of an account that does not exist');
    assert.equal(signedByServer(ghost), true);
    assert.equal(part(ghost, 1).sub, 2147483647);
    assert.equal(part(ghost, 1).actor, 'member');

    const wrongType = token('a token whose sub is of the wrong type');
    assert.equal(signedByServer(wrongType), true);
    assert.equal(typeof part(wrongType, 1).sub, 'string');

    const otherActor = token('a token issued to another actor');
    assert.equal(signedByServer(otherActor), true);
    assert.notEqual(part(otherActor, 1).actor, 'member');
    // Real tokens of other actors are signed in: they get 403 (expectNotOpenTo), not 401.
    assert.equal(attempts.length, 9);
  });

  it('with string ids and several actors: a fresh UUID for a missing account, a number as the wrong type, no real token of another actor', async () => {
    const api = todoApi();
    api.authentication.push({ actor: 'admin', model: 'User', identifier: 'email', password: 'passwordHash', path: '/admin' });
    const attempts = await loadTokens(api, 'string').refusedTokens('member');
    const claims = (what: string) => part(attempts.find((attempt) => attempt.what === what)!.token!, 1);
    assert.match(String(claims('a token of an account that does not exist').sub), /^[0-9a-f]{8}-[0-9a-f]{4}-/);
    assert.equal(claims('a token whose sub is of the wrong type').sub, 1);
    assert.ok(attempts.every((attempt) => attempt.token?.split('.').length !== 3 || part(attempt.token, 1).actor !== 'admin'));
  });

  it('a real token of each actor the route is not for must get 403; a 401 or a 200 fails, naming the actor', async () => {
    const api = todoApi();
    api.authentication.push({ actor: 'admin', model: 'User', identifier: 'email', password: 'passwordHash', path: '/admin' }, { actor: 'auditor', model: 'User', identifier: 'email', password: 'passwordHash', path: '/audit' });
    const actorOf = (token?: string) => (token ? part(token, 1).actor : undefined);
    await loadTokens(api, 'number', () => 403).expectNotOpenTo('GET', '/todos', ['admin', 'auditor']);
    const leaky = loadTokens(api, 'number', (_method, _path, token) => (actorOf(token) === 'auditor' ? 200 : actorOf(token) === 'admin' ? 401 : 403));
    await assert.rejects(leaky.expectNotOpenTo('GET', '/todos', ['admin', 'auditor']), (error: Error) => {
      assert.match(error.message, /GET \/todos answered other than 403 to:\na real admin token: 401 \{"ok":true\}\na real auditor token: 200 \{"ok":true\}/);
      return true;
    });
  });

  it('fails naming every token that was not answered 401, and passes when all were', async () => {
    const expired = (token?: string) => token?.split('.').length === 3 && (part(token, 1).exp as number) < Date.now() / 1000;
    const expiredGetsIn = loadTokens(todoApi(), 'number', (_method, _path, token) => (expired(token) ? 200 : 401));
    await assert.rejects(expiredGetsIn.expectUnauthorized('GET', '/todos', 'member'), (error: Error) => {
      assert.match(error.message, /GET \/todos answered other than 401 to:\nan expired token: 200 \{"ok":true\}/);
      assert.doesNotMatch(error.message, /another secret/);
      return true;
    });
    await loadTokens(todoApi(), 'number').expectUnauthorized('GET', '/todos', 'member');
  });
});
