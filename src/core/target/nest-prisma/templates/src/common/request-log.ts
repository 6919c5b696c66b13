import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';

/** A request id a client or proxy may send along; anything else is replaced by a fresh one. */
const GIVEN_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * One line per answered request: method, path (without the query string), status, time and request id.
 * Never headers or bodies, so no token or password reaches the log. The id comes from `x-request-id`
 * when it is well-formed, else is made here, and goes back in the response's `x-request-id`.
 */
export function logRequests(): (request: Request, response: Response, next: NextFunction) => void {
  const logger = new Logger('HTTP');
  return (request, response, next) => {
    const given = request.headers['x-request-id'];
    const id = typeof given === 'string' && GIVEN_ID.test(given) ? given : randomUUID();
    response.setHeader('x-request-id', id);
    const started = performance.now();
    response.on('finish', () => {
      logger.log(`${request.method} ${request.path} ${response.statusCode} ${(performance.now() - started).toFixed(1)} ms id=${id}`);
    });
    next();
  };
}
