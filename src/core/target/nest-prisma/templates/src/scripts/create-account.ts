/**
 * Makes an account of an actor who does not sign up, e.g. the first admin of a new installation: // @strata slot summary
 *
 *   ACCOUNT_PASSWORD='a long secret' npm run create-account -- admin --email ann@example.com // @strata slot example
 *
 * against the database of DATABASE_URL (as the server). The password comes from ACCOUNT_PASSWORD, never
 * from a flag: flags stay in shell history and show in the process list.
 */
import { parseArgs } from 'node:util';
import { Prisma } from '../generated/prisma/client.js';
import { Clock } from '../common/clock.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { ACCOUNT_FIELDS, type AccountActor, createAccount, MIN_PASSWORD_LENGTH, type NewAccount } from '../auth/accounts.js';

function fail(message: string, code = 2): never {
  console.error(`create-account: ${message}`);
  process.exit(code);
}

const actors = Object.keys(ACCOUNT_FIELDS) as AccountActor[];
const [actor, ...rest] = process.argv.slice(2);
if (!actor || !(actors as string[]).includes(actor)) fail(`name the actor first: one of ${actors.join(', ')}`);
const fields: Record<string, string> = ACCOUNT_FIELDS[actor as AccountActor];
const { values } = (() => {
  try {
    return parseArgs({ args: rest, options: Object.fromEntries(Object.keys(fields).map((name) => [name, { type: 'string' as const }])), strict: true });
  } catch (error) {
    return fail((error as Error).message);
  }
})();
const account: Record<string, unknown> = {};
for (const [name, type] of Object.entries(fields)) {
  const text = (values as Record<string, string | undefined>)[name];
  if (text === undefined) fail(`--${name} is required (fields of a ${actor}: ${Object.keys(fields).map((field) => `--${field}`).join(' ')})`);
  if (type === 'integer' || type === 'number') {
    account[name] = Number(text);
    if (!Number.isFinite(account[name]) || (type === 'integer' && !Number.isSafeInteger(account[name]))) fail(`--${name} must be a${type === 'integer' ? 'n integer' : ' number'}`);
  } else if (type === 'boolean') {
    if (text !== 'true' && text !== 'false') fail(`--${name} must be true or false`);
    account[name] = text === 'true';
  } else if (type === 'date-time') {
    account[name] = new Date(text);
    if (Number.isNaN((account[name] as Date).getTime())) fail(`--${name} must be an ISO 8601 date-time`);
  } else account[name] = text;
}
const password = process.env.ACCOUNT_PASSWORD;
if (!password) fail('set ACCOUNT_PASSWORD to the new account\'s password (it is never read from a flag)');
if (password.length < MIN_PASSWORD_LENGTH[actor as AccountActor]) fail(`ACCOUNT_PASSWORD needs at least ${MIN_PASSWORD_LENGTH[actor as AccountActor]} characters`);

const prisma = new PrismaService(new Clock());
try {
  await createAccount(prisma, actor as AccountActor, { ...account, password } as NewAccount[AccountActor]);
  console.log(`Created the ${actor} account ${String(Object.values(account)[0])}.`);
} catch (error) {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') fail('an account with that identifier exists already', 1);
  throw error;
} finally {
  await prisma.$disconnect();
}
