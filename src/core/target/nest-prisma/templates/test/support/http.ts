import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, beforeEach } from 'node:test';
// @strata createsAccounts
import { createAccount, type NewAccount } from '../../src/auth/accounts.js';
// @strata end
import { useClock } from './clock.js';
import { startServer, type TestServer } from './server.js';

/** A JSON body as the tests read it: any shape, checked by assertions rather than by types. */
export type Json = any;

export interface Reply {
  status: number;
  body: Json;
}

let baseUrl = '';
let server: TestServer | undefined;

/** The server the file's tests run against (started by `useServer`). */
export function testServer(): TestServer {
  if (!server) throw new Error('no server: call useServer() in the test file');
  return server;
}

/** The tests' own connection to the server's database, for what no route does (making staff, deactivating). */
const testDatabase = () => testServer().database;

/**
 * Starts the server on a fresh database before the file's tests; before each test empties it and sets
 * its clock to TEST_NOW (test/support/clock.ts), so no test depends on today's date; stops it after them.
 */
export function useServer(): void {
  before(async () => {
    server = await startServer();
    baseUrl = server.baseUrl;
  });
  beforeEach(async () => {
    await server?.reset();
    if (server) await useClock(server);
  });
  after(async () => {
    await server?.stop();
  });
}

export interface CallOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  query?: Record<string, unknown>;
  body?: unknown;
  /** More request headers. */
  headers?: Record<string, string>;
}

/** One HTTP call to the server; a JSON answer comes back parsed. */
export async function call(method: string, path: string, options: CallOptions = {}): Promise<Reply> {
  const url = new URL(path, baseUrl);
  for (const [name, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined && value !== null) url.searchParams.set(name, String(value));
  }
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await response.text();
  return { status: response.status, body: text ? parseBody(text) : undefined };
}

/** Makes a call `times` times in a row (`n` counts from 1) and answers the last reply: what a limit counts. */
export async function repeat(times: number, make: (n: number) => Promise<Reply>): Promise<Reply> {
  let last: Reply | undefined;
  for (let n = 1; n <= times; n++) last = await make(n);
  return last!;
}

function parseBody(text: string): Json {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const PASSWORD = 'correct-horse-battery-9';

export type Actor = 'member' | 'admin'; // @strata slot actor

/** A new account: identifier, password and the other columns it needs (a sign-up body, for actors who sign up). */
export type Account = Record<string, Json>;

/** A signed-up account and its bearer token. */
export interface Session {
  actor: Actor;
  token: string;
  id: number; // @strata slot sessionId
  /** What it signed up with. */
  account: Account;
}

const accountFactories: Record<Actor, (unique: string) => Account> = {
  member: (unique) => ({ email: `member-${unique}@example.test`, password: PASSWORD }), admin: (unique) => ({ email: `admin-${unique}@example.test`, password: PASSWORD }), // @strata slot accountFactories
};

/** Where each actor who registers themselves signs up. */
const signUpPaths: Partial<Record<Actor, string>> = { member: '/auth/members/signup' }; // @strata slot signUpPaths

/** Where each actor logs in (actors sharing an account model share it). */
const loginPaths: Record<Actor, string> = { member: '/auth/login', admin: '/auth/login' }; // @strata slot loginPaths

/** The column each actor logs in with. */
const identifiers: Record<Actor, string> = { member: 'email', admin: 'email' }; // @strata slot identifiers

let accountsMade = 0;

/** A valid new account whose identifiers nobody used yet (a sign-up body, for actors who sign up). */
export function newAccount(actor: Actor): Account {
  accountsMade += 1;
  return accountFactories[actor](`${accountsMade}-${randomBytes(4).toString('hex')}`);
}

/** Signs up a fresh account of `actor`, who must be one who registers themselves. */
export async function signUp(actor: Actor): Promise<Session> {
  const path = signUpPaths[actor];
  if (!path) throw new Error(`${actor}s do not sign up; use newSession`);
  const account = newAccount(actor);
  const reply = await call('POST', path, { body: account });
  expectStatus(reply, 201);
  return { actor, token: reply.body.accessToken, id: reply.body.id, account };
}

/** Logs `account` in as `actor`. */
export async function logIn(actor: Actor, account: Account): Promise<Session> {
  const reply = await call('POST', loginPaths[actor], { body: { [identifiers[actor]]: account[identifiers[actor]], password: account.password } });
  expectStatus(reply, 200);
  return { actor, token: reply.body.accessToken, id: reply.body.id, account };
}

/**
 * A fresh account of `actor` with its token: signed up where the actor signs up; otherwise made the way
 * the create-account script makes staff accounts, then logged in.
 */
export async function newSession(actor: Actor): Promise<Session> {
  if (signUpPaths[actor]) return signUp(actor);
  // @strata createsAccounts
  const account = newAccount(actor);
  await createAccount(testDatabase(), actor as keyof NewAccount, account as never);
  return logIn(actor, account);
  // @strata end
  // @strata !createsAccounts
  throw new Error(`${actor}s have no way to an account`);
  // @strata end
}

// @strata deactivates
const deactivators: Partial<Record<Actor, (id: Session['id']) => Promise<void>>> = {
  member: async () => {}, // @strata slot deactivators
};

/** Deactivates the session's account, as staff would: it must no longer log in or call anything. */
export async function deactivate(session: Session): Promise<void> {
  const deactivator = deactivators[session.actor];
  if (!deactivator) throw new Error(`${session.actor} accounts cannot be deactivated`);
  await deactivator(session.id);
}

// @strata end
/** Fails unless the reply has one of `statuses`, showing what came back. */
export function expectStatus(reply: Reply, ...statuses: number[]): void {
  assert.ok(statuses.includes(reply.status), `expected status ${statuses.join(' or ')}, got ${reply.status}: ${JSON.stringify(reply.body)}`);
}

/** A refusal the API declares: its status, and the code that says which rule refused. */
export function expectRefusal(reply: Reply, status: number, code: string): void {
  expectStatus(reply, status);
  assert.equal(reply.body?.code, code, `expected the refusal "${code}", got: ${JSON.stringify(reply.body)}`);
  assert.equal(typeof reply.body?.message, 'string', 'a refusal says why');
}

/**
 * A 400 of the validation pipe, `{ message: string[], error: 'Bad Request', statusCode: 400 }`, with a
 * message starting with each of `mentions` (a property name, or a whole message).
 */
export function expectBadRequest(reply: Reply, ...mentions: string[]): void {
  expectStatus(reply, 400);
  const messages: string[] = Array.isArray(reply.body?.message) ? reply.body.message : [];
  assert.ok(messages.length > 0, `expected a list of messages: ${JSON.stringify(reply.body)}`);
  assert.equal(reply.body.error, 'Bad Request');
  for (const mention of mentions) {
    assert.ok(
      messages.some((message) => message.startsWith(mention)),
      `expected a message starting with "${mention}", got: ${messages.join('; ')}`,
    );
  }
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Fails unless `actual` contains `expected`: objects need the listed keys only, arrays the same length
 * with each item matched the same way, date-times the same instant; anything else is compared exactly.
 */
export function expectSubset(actual: unknown, expected: unknown): void {
  const problems: string[] = [];
  compare(actual, expected, 'body', problems);
  if (problems.length > 0) assert.fail(`${problems.join('\n')}\nbody: ${JSON.stringify(actual, null, 2)}`);
}

function compare(actual: unknown, expected: unknown, path: string, problems: string[]): void {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) problems.push(`${path}: expected a list of ${expected.length}, got ${JSON.stringify(actual)}`);
    else if (actual.length !== expected.length) problems.push(`${path}: expected ${expected.length} items, got ${actual.length}`);
    else expected.forEach((item, i) => compare(actual[i], item, `${path}[${i}]`, problems));
  } else if (isObject(expected)) {
    if (!isObject(actual)) problems.push(`${path}: expected an object, got ${JSON.stringify(actual)}`);
    else {
      for (const [key, value] of Object.entries(expected)) {
        if (key in actual) compare(actual[key], value, `${path}.${key}`, problems);
        else problems.push(`${path}.${key}: missing`);
      }
    }
  } else if (typeof expected === 'string' && typeof actual === 'string' && ISO_DATE_TIME.test(expected) && ISO_DATE_TIME.test(actual)) {
    if (Date.parse(actual) !== Date.parse(expected)) problems.push(`${path}: expected ${expected}, got ${actual}`);
  } else if (actual !== expected) {
    problems.push(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keys no answer may carry: the password and the secret columns. */
const SECRETS = new Set(['password']); // @strata slot secrets

/** Fails if a secret-named key appears anywhere in `body`. */
export function expectNoSecrets(body: unknown): void {
  const found: string[] = [];
  const visit = (value: unknown, path: string): void => {
    if (Array.isArray(value)) value.forEach((item, i) => visit(item, `${path}[${i}]`));
    else if (isObject(value)) {
      for (const [key, item] of Object.entries(value)) {
        if (SECRETS.has(key)) found.push(`${path}.${key}`);
        visit(item, `${path}.${key}`);
      }
    }
  };
  visit(body, 'body');
  assert.deepEqual(found, [], `secrets in the answer: ${found.join(', ')}`);
}
