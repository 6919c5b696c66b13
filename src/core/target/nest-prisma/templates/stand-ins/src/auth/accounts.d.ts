import type { PrismaService } from '../prisma/prisma.service.js';

/** Printed by auth/accounts.ts for the actors whose accounts staff make; what templates use of it. */
export interface NewAccount {
  admin: { email: string; password: string };
}
export declare function createAccount<A extends keyof NewAccount>(prisma: PrismaService, actor: A, account: NewAccount[A]): Promise<void>;
