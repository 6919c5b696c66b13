import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/** The largest Prisma Int (32-bit); a larger id would fail in the database rather than be not found. */
const INT_MAX = 2147483647;

/**
 * `@IntParam('id')`: the path parameter as a positive Int, or 400. It reads the raw text, which
 * `@Param('id', ParseIntPipe)` never sees: the global ValidationPipe first turns it into a number,
 * so `1e3`, `1.0` and `99999999999` would arrive as 1000, 1 and an id Prisma cannot take.
 */
export const IntParam = createParamDecorator((name: string, context: ExecutionContext): number => {
  const text = context.switchToHttp().getRequest<Request>().params[name];
  // Digits only, so Number() never sees what it would also read (1e3, 0x10, 1.0, " 7").
  const value = typeof text === 'string' && /^\d{1,10}$/.test(text) ? Number(text) : 0;
  if (value < 1 || value > INT_MAX) throw new BadRequestException([`${name} must be a positive integer`]);
  return value;
});
