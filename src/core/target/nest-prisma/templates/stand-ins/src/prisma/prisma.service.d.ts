import type { Clock } from '../common/clock.js';

/** Printed by project/app.ts (a PrismaClient for the data model); the raw queries templates use. */
export declare class PrismaService {
  constructor(clock: Clock);
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
  $transaction<T extends readonly Promise<unknown>[]>(operations: [...T]): Promise<{ [K in keyof T]: Awaited<T[K]> }>;
  $disconnect(): Promise<void>;
}
