import type { AuthRoutes } from '../../../interface/auth';
import { propertyKey, quote } from '../printer/literals';

/**
 * `test/support/tokens.ts` of the generated backend: bearer tokens a guard must refuse. Besides garbage,
 * tokens that look right (the claims the server issues, read from a real token) but are forged with
 * another secret, carry another account's claims under a real signature, expired, are unsigned, name an
 * account that does not exist or claims of the wrong type, or name an actor the API does not have: 401. A
 * guard that only decodes tokens lets most of them through. Real tokens of actors a route is not for get
 * 403 (\`expectNotOpenTo\`). HS256 is signed with node:crypto: no dependency.
 */

export function renderTokenSupport(accounts: readonly AuthRoutes[]): string {
  const identifiers = accounts.map((routes) => `${propertyKey(routes.spec.actor)}: ${quote(routes.spec.identifier)}`);
  return `import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { type Actor, call, type Json, newAccount, newSession } from './http.js';
import { JWT_SECRET } from './server.js';

/** A bearer token to try, and what is wrong with it, for the failure message. */
export interface Attempt {
  what: string;
  /** None at all when undefined. */
  token?: string;
}

const base64url = (json: Json): string => Buffer.from(JSON.stringify(json)).toString('base64url');

/** A JWT as the server signs its own: HS256 (HMAC-SHA256) over \`header.payload\`, base64url. */
export function signToken(claims: Record<string, Json>, secret: string = JWT_SECRET): string {
  const unsigned = \`\${base64url({ alg: 'HS256', typ: 'JWT' })}.\${base64url(claims)}\`;
  return \`\${unsigned}.\${createHmac('sha256', secret).update(unsigned).digest('base64url')}\`;
}

/** The claims of a token, read without checking it. */
export function claimsOf(token: string): Record<string, Json> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
}

/** The claim naming each actor's login identifier, next to \`sub\` and \`actor\`. */
const identifiers: Record<Actor, string> = { ${identifiers.join(', ')} };

/**
 * Tokens a guard admitting \`actor\` must answer with 401. The forged ones start from the claims of a real
 * token of a fresh account (\`{ sub, actor, <identifier>, iat, exp }\`), so only what each one breaks is wrong.
 */
export async function refusedTokens(actor: Actor): Promise<Attempt[]> {
  const session = await newSession(actor);
  const victim = await newSession(actor);
  const claims = claimsOf(session.token);
  const [header, , signature] = session.token.split('.');
  const now = Math.floor(Date.now() / 1000);
  const identifier = identifiers[actor];
  const attempts: Attempt[] = [
    { what: 'no token' },
    { what: 'a token that is not a JWT', token: 'not-a-valid-token' },
    { what: 'the right claims signed with another secret', token: signToken(claims, \`\${JWT_SECRET}-not\`) },
    { what: "another account's claims under this token's signature", token: \`\${header}.\${victim.token.split('.')[1]}.\${signature}\` },
    { what: 'an expired token', token: signToken({ ...claims, iat: now - 7200, exp: now - 3600 }) },
    { what: 'an unsigned token (alg none)', token: \`\${base64url({ alg: 'none', typ: 'JWT' })}.\${base64url(claims)}.\` },
    {
      what: 'a token of an account that does not exist',
      token: signToken({ ...claims, sub: typeof claims.sub === 'number' ? 2147483647 : randomUUID(), [identifier]: newAccount(actor)[identifier] }),
    },
    { what: 'a token whose sub is of the wrong type', token: signToken({ ...claims, sub: typeof claims.sub === 'number' ? String(claims.sub) : 1 }) },
    { what: 'a token issued to another actor', token: signToken({ ...claims, actor: \`\${actor}-impostor\` }) },
  ];
  return attempts;
}

/**
 * Calls \`method path\` with a real token of each of \`others\` (actors the route is not for); fails unless
 * each one got 403: signed in, but not as anyone the route admits.
 */
export async function expectNotOpenTo(method: string, path: string, others: Actor[]): Promise<void> {
  const admitted: string[] = [];
  for (const other of others) {
    const reply = await call(method, path, { token: (await newSession(other)).token });
    if (reply.status !== 403) admitted.push(\`a real \${other} token: \${reply.status} \${JSON.stringify(reply.body)}\`);
  }
  assert.deepEqual(admitted, [], \`\${method} \${path} answered other than 403 to:\\n\${admitted.join('\\n')}\`);
}

/** Calls \`method path\` with each of \`actor\`'s refused tokens; fails unless every one got 401, naming those that did not. */
export async function expectUnauthorized(method: string, path: string, actor: Actor): Promise<void> {
  const accepted: string[] = [];
  for (const attempt of await refusedTokens(actor)) {
    const reply = await call(method, path, { token: attempt.token });
    if (reply.status !== 401) accepted.push(\`\${attempt.what}: \${reply.status} \${JSON.stringify(reply.body)}\`);
  }
  assert.deepEqual(accepted, [], \`\${method} \${path} answered other than 401 to:\\n\${accepted.join('\\n')}\`);
}
`;
}
