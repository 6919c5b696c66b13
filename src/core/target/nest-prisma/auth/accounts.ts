import { passwordProperty } from '../../../interface/auth';
import type { DtoProperty } from '../../../interface/types';
import { template } from '../printer/templates';
import type { AuthActor } from './actors';

export const CREATE_ACCOUNT_SCRIPT = 'src/scripts/create-account.ts';
/** Where the script's password comes from: an environment variable, never a flag (flags land in shell history and `ps`). */
export const ACCOUNT_PASSWORD_ENV = 'ACCOUNT_PASSWORD';

/** The actors whose accounts someone else makes (staff): they get `createAccount` and the script. */
export const createdActors = (actors: readonly AuthActor[]): AuthActor[] => actors.filter((actor) => !actor.routes.signup);

const tsType = (property: DtoProperty): string =>
  property.type === 'integer' || property.type === 'number' ? 'number' : property.type === 'boolean' ? 'boolean' : property.type === 'date-time' ? 'Date' : 'string';

/**
 * `src/auth/accounts.ts` (templates/src/auth/accounts.ts, the actors in its slots),
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
  return template(
    'src/auth/accounts.ts',
    {},
    {
      shapes: shapes.join('\n'),
      kinds: kinds.join('\n'),
      minLengths: `export const MIN_PASSWORD_LENGTH: Record<AccountActor, number> = { ${created.map((actor) => `${actor.name}: ${passwordProperty(actor.routes.spec).minLength}`).join(', ')} };`,
      cases: cases.join('\n'),
    },
  );
}

/**
 * `npm run create-account -- <actor> --<field> <value> …` (templates/src/scripts/create-account.ts): the
 * documented way to the first administrator of a new installation; its doc comment names an actor of the
 * project. The password is read from ${ACCOUNT_PASSWORD_ENV}; nothing is hard-coded.
 */
export function renderCreateAccountScript(actors: readonly AuthActor[]): string {
  const example = createdActors(actors)[0]!;
  const flags = example.routes.fields.map((property) => `--${property.name} ${property.format === 'email' ? 'ann@example.com' : '…'}`).join(' ');
  return template(
    'src/scripts/create-account.ts',
    {},
    {
      summary: ` * Makes an account of an actor who does not sign up, e.g. the first ${example.name} of a new installation:`,
      example: ` *   ${ACCOUNT_PASSWORD_ENV}='a long secret' npm run create-account -- ${example.name} ${flags}`,
    },
  );
}
