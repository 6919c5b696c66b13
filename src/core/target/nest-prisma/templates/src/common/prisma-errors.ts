import { type ArgumentsHost, Catch, ConflictException, type ExceptionFilter, type HttpException, Logger, NotFoundException } from '@nestjs/common';
import type { Response } from 'express';
import { Prisma } from '../generated/prisma/client.js';

/**
 * The refusal a known Prisma error stands for when a service let it through: writes that race (the record
 * deleted, a unique value taken, a referenced record removed between a check and the write) answer what
 * they mean, never 500. P2025 (the record to change is gone) 404; P2002 (unique value taken), P2003 (a
 * record it refers to is gone) and P2034 (a conflicting concurrent write) 409.
 */
export function refusalFor(error: Prisma.PrismaClientKnownRequestError): HttpException | undefined {
  switch (error.code) {
    case 'P2025':
      return new NotFoundException('The record was not found');
    case 'P2002':
      return new ConflictException('A record with this value already exists');
    case 'P2003':
      return new ConflictException('A record this one refers to does not exist');
    case 'P2034':
      return new ConflictException('The write conflicted with another one; try again');
    default:
      return undefined;
  }
}

/** Global: Prisma's known errors as their refusals; any other stays a 500 (logged), as Nest answers it. */
@Catch(Prisma.PrismaClientKnownRequestError)
export class PrismaErrorFilter implements ExceptionFilter<Prisma.PrismaClientKnownRequestError> {
  private readonly logger = new Logger('PrismaErrorFilter');

  catch(error: Prisma.PrismaClientKnownRequestError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const refusal = refusalFor(error);
    if (refusal) {
      response.status(refusal.getStatus()).json(refusal.getResponse());
      return;
    }
    this.logger.error(error);
    response.status(500).json({ statusCode: 500, message: 'Internal server error' });
  }
}
