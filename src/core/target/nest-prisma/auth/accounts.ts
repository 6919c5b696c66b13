import { passwordProperty } from '../../../interface/auth';
import type { DtoProperty } from '../../../interface/types';
import type { AuthActor } from './actors';

export const CREATE_ACCOUNT_SCRIPT = 'src/scripts/create-account.ts';
/** Where the script's password comes from: an environment variable, never a flag (flags land in shell history and `ps`). */
export const ACCOUNT_PASSWORD_ENV = 'ACCOUNT_PASSWORD';

/** The actors whose accounts someone else makes (staff): they get `createAccount` and the script. */
export const createdActors = (actors: readonly AuthActor[]): AuthActor[] => actors.filter((actor) => !actor.routes.signup);

const tsType = (property: DtoProperty): string =>
  property.type === 'integer' || property.type === 'number' ? 'number' : property.type === 'boolean' ? 'boolean' : property.type === 'date-time' ? 'Date' : 'string';

/**
 * `createAccount(prisma, actor, account)`: the one place an account of a staff actor is made outside its
 * API (the first administrator, and the tests' staff), with the password hashed as sign-up would.
 */
export function renderAccounts(actors: readonly AuthActor[]): string {
  const created = createdActors(actors);
  const shapes = created.map((actor) => {
    const fields = actor.routes.fields.map((property) => `${property.name}: ${tsType(property)}`);
    return `  ${actor.name}: { ${[...fields, 'password: string'].join('; ')} };`;
  });
  const kinds = created.map((actor) => {
    const fields = actor.routes.fields.map((property) => `${property.name}: '${property.type}'`);
    return `  ${actor.name}: { ${fields.join(', ')} },`;
  });
  const cases = created.map((actor) => {
    const { account } = actor;
    const data = [
      // Stored as sign-up stores it, so the login (which lower-cases an e-mail) finds it.
      ...actor.routes.fields.map((property) => `${property.column ?? property.name}: input.${property.name}${property.format === 'email' ? '.trim().toLowerCase()' : ''}`),
      `${account.password}: await hashPassword(input.password)`,
      ...(account.roleColumn && actor.roleValue !== undefined ? [`${account.roleColumn}: '${actor.roleValue}'`] : []),
    ];
    return `    case '${actor.name}': {
      const input = account as NewAccount['${actor.name}'];
      await prisma.${account.delegate}.create({ data: { ${data.join(', ')} }, select: { ${account.routes.idField.name}: true } });
      return;
    }`;
  });
  return `import type { PrismaService } from '../prisma/prisma.service.js';
import { hashPassword } from './password.js';

/** What a new account of each actor who does not sign up is made of: its identifier, the columns it needs, a password. */
export interface NewAccount {
${shapes.join('\n')}
}

export type AccountActor = keyof NewAccount;

/** The fields of each such account besides the password, with their JSON types: what the create-account script asks for. */
export const ACCOUNT_FIELDS: { [A in AccountActor]: Record<Exclude<keyof NewAccount[A], 'password'>, 'string' | 'integer' | 'number' | 'boolean' | 'date-time'> } = {
${kinds.join('\n')}
};

/** The shortest password each actor's accounts may have. */
export const MIN_PASSWORD_LENGTH: Record<AccountActor, number> = { ${created.map((actor) => `${actor.name}: ${passwordProperty(actor.routes.spec).minLength}`).join(', ')} };

/**
 * Makes an account of \`actor\`, storing only the hash of its password. For accounts made outside the API:
 * the first administrator (\`npm run create-account\`) and the tests' staff. A taken identifier fails with
 * Prisma's P2002.
 */
export async function createAccount<A extends AccountActor>(prisma: PrismaService, actor: A, account: NewAccount[A]): Promise<void> {
  if (account.password.length < MIN_PASSWORD_LENGTH[actor]) throw new Error(\`the password needs at least \${MIN_PASSWORD_LENGTH[actor]} characters\`);
  switch (actor) {
${cases.join('\n')}
  }
}
`;
}

/**
 * `npm run create-account -- <actor> --<field> <value> …`: the documented way to the first administrator
 * of a new installation. The password is read from ${ACCOUNT_PASSWORD_ENV}; nothing is hard-coded.
 */
export function renderCreateAccountScript(actors: readonly AuthActor[]): string {
  const example = createdActors(actors)[0]!;
  const flags = example.routes.fields.map((property) => `--${property.name} ${property.format === 'email' ? 'ann@example.com' : '…'}`).join(' ');
  return `/**
 * Makes an account of an actor who does not sign up, e.g. the first ${example.name} of a new installation:
 *
 *   ${ACCOUNT_PASSWORD_ENV}='a long secret' npm run create-account -- ${example.name} ${flags}
 *
 * against the database of DATABASE_URL (as the server). The password comes from ${ACCOUNT_PASSWORD_ENV}, never
 * from a flag: flags stay in shell history and show in the process list.
 */
import { parseArgs } from 'node:util';
import { Prisma } from '../generated/prisma/client.js';
import { Clock } from '../common/clock.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { ACCOUNT_FIELDS, type AccountActor, createAccount, MIN_PASSWORD_LENGTH, type NewAccount } from '../auth/accounts.js';

function fail(message: string, code = 2): never {
  console.error(\`create-account: \${message}\`);
  process.exit(code);
}

const actors = Object.keys(ACCOUNT_FIELDS) as AccountActor[];
const [actor, ...rest] = process.argv.slice(2);
if (!actor || !(actors as string[]).includes(actor)) fail(\`name the actor first: one of \${actors.join(', ')}\`);
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
  if (text === undefined) fail(\`--\${name} is required (fields of a \${actor}: \${Object.keys(fields).map((field) => \`--\${field}\`).join(' ')})\`);
  if (type === 'integer' || type === 'number') {
    account[name] = Number(text);
    if (!Number.isFinite(account[name]) || (type === 'integer' && !Number.isSafeInteger(account[name]))) fail(\`--\${name} must be a\${type === 'integer' ? 'n integer' : ' number'}\`);
  } else if (type === 'boolean') {
    if (text !== 'true' && text !== 'false') fail(\`--\${name} must be true or false\`);
    account[name] = text === 'true';
  } else if (type === 'date-time') {
    account[name] = new Date(text);
    if (Number.isNaN((account[name] as Date).getTime())) fail(\`--\${name} must be an ISO 8601 date-time\`);
  } else account[name] = text;
}
const password = process.env.${ACCOUNT_PASSWORD_ENV};
if (!password) fail('set ${ACCOUNT_PASSWORD_ENV} to the new account\\'s password (it is never read from a flag)');
if (password.length < MIN_PASSWORD_LENGTH[actor as AccountActor]) fail(\`${ACCOUNT_PASSWORD_ENV} needs at least \${MIN_PASSWORD_LENGTH[actor as AccountActor]} characters\`);

const prisma = new PrismaService(new Clock());
try {
  await createAccount(prisma, actor as AccountActor, { ...account, password } as NewAccount[AccountActor]);
  console.log(\`Created the \${actor} account \${String(Object.values(account)[0])}.\`);
} catch (error) {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') fail('an account with that identifier exists already', 1);
  throw error;
} finally {
  await prisma.$disconnect();
}
`;
}
