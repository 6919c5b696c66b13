import type { DatabaseId } from '../../../config/settings';
import { databaseFlags, template } from '../printer/templates';
import { ACCESS_FILE, APP_FILE, ENVIRONMENT_FILE, HEALTH_FILE, PRISMA_ERRORS_FILE, REQUEST_LIMITS_FILE, REQUEST_LOG_FILE } from '../../../names/generated';

/**
 * What every generated backend has around its routes, whatever its API: configuration checked at start,
 * security headers, body limits, throttling, request logs, health, and a global guard that refuses any
 * route that names neither its actors nor itself public. Project-relative path -> content.
 */

/** Deepest nesting of arrays and objects a request body may have; DTOs nest a few levels at most. */
export const MAX_BODY_DEPTH = 32;

/** `signsIn`: some actor has an account, so tokens are signed and production needs JWT_SECRET. */
export function renderHardening(databaseId: DatabaseId, signsIn: boolean): Map<string, string> {
  return new Map([
    [ENVIRONMENT_FILE, renderEnvironment(databaseId, signsIn)],
    [ACCESS_FILE, ACCESS_SOURCE],
    [REQUEST_LIMITS_FILE, REQUEST_LIMITS],
    [REQUEST_LOG_FILE, REQUEST_LOG],
    [PRISMA_ERRORS_FILE, PRISMA_ERRORS_SOURCE],
    [HEALTH_FILE, HEALTH],
    [APP_FILE, APP],
    ['src/main.ts', MAIN],
  ]);
}

function renderEnvironment(databaseId: DatabaseId, signsIn: boolean): string {
  return template('src/config/environment.ts', { ...databaseFlags(databaseId), signsIn });
}

export const ACCESS_SOURCE = template('src/common/access.ts');

const REQUEST_LIMITS = template('src/common/request-limits.ts');

const REQUEST_LOG = template('src/common/request-log.ts');

export const PRISMA_ERRORS_SOURCE = template('src/common/prisma-errors.ts');

const HEALTH = template('src/health/health.controller.ts');

const APP = template('src/app.ts');

const MAIN = template('src/main.ts');
