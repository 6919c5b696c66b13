/** Written by `prisma generate` in the project; the part of it templates use. */
export declare namespace Prisma {
  class PrismaClientKnownRequestError extends Error {
    constructor(message: string, options: { code: string; clientVersion: string; meta?: Record<string, unknown> });
    code: string;
    meta?: Record<string, unknown>;
    clientVersion: string;
  }
}
