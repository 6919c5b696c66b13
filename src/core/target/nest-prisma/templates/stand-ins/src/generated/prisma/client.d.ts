/** Written by `prisma generate` in the project; the part of it templates use. */
export declare namespace Prisma {
  class PrismaClientKnownRequestError extends Error {
    constructor(message: string, options: { code: string; clientVersion: string; meta?: Record<string, unknown> });
    code: string;
    meta?: Record<string, unknown>;
    clientVersion: string;
  }
}

/** The client of the data model (its model delegates are the printers' business); the raw queries and the rest templates use. */
export declare class PrismaClient {
  constructor(options: { adapter: unknown });
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
  $transaction<T extends readonly Promise<unknown>[]>(operations: [...T]): Promise<{ [K in keyof T]: Awaited<T[K]> }>;
  $extends(extension: { query: Record<string, Record<string, (params: any) => Promise<unknown>>> }): unknown;
  $disconnect(): Promise<void>;
}
