import type { PrismaService } from '../prisma/prisma.service.js';

/** Printed by auth/accounts.ts for the actors whose accounts staff make; what templates use of it. */
export interface NewAccount {
  admin: { email: string; password: string };
}
export type AccountActor = keyof NewAccount;
export declare const ACCOUNT_FIELDS: { [A in AccountActor]: Record<Exclude<keyof NewAccount[A], 'password'>, 'string' | 'integer' | 'number' | 'boolean' | 'date-time'> };
export declare const MIN_PASSWORD_LENGTH: Record<AccountActor, number>;
export declare function createAccount<A extends AccountActor>(prisma: PrismaService, actor: A, account: NewAccount[A]): Promise<void>;
