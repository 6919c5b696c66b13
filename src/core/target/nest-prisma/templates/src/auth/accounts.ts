import type { PrismaService } from '../prisma/prisma.service.js';
import { hashPassword } from './password.js';

/** What a new account of each actor who does not sign up is made of: its identifier, the columns it needs, a password. */
export interface NewAccount {
  admin: { email: string; password: string }; // @strata slot shapes
}

export type AccountActor = keyof NewAccount;

/** The fields of each such account besides the password, with their JSON types: what the create-account script asks for. */
export const ACCOUNT_FIELDS: { [A in AccountActor]: Record<Exclude<keyof NewAccount[A], 'password'>, 'string' | 'integer' | 'number' | 'boolean' | 'date-time'> } = {
  admin: { email: 'string' }, // @strata slot kinds
};

/** The shortest password each actor's accounts may have. */
export const MIN_PASSWORD_LENGTH: Record<AccountActor, number> = { admin: 8 }; // @strata slot minLengths

/**
 * Makes an account of `actor`, storing only the hash of its password. For accounts made outside the API:
 * the first administrator (`npm run create-account`) and the tests' staff. A taken identifier fails with
 * Prisma's P2002.
 */
export async function createAccount<A extends AccountActor>(prisma: PrismaService, actor: A, account: NewAccount[A]): Promise<void> {
  if (account.password.length < MIN_PASSWORD_LENGTH[actor]) throw new Error(`the password needs at least ${MIN_PASSWORD_LENGTH[actor]} characters`);
  switch (actor) {
    case 'admin': return; // @strata slot cases
  }
}
