import type { DatabaseArtifact } from '../../../database/types';

/**
 * The generated backend's clock: one `Clock` provider (global `ClockModule`) that every service and
 * every piece of generated code that needs the current time reads, so the end-to-end tests can set it.
 * The test clock is a separate provider registered only in a server the tests start: `NODE_ENV=test`
 * and a per-run secret in `TEST_CLOCK_SECRET`, which `PUT /__test__/clock` requires in a header. In any
 * other environment the route is not registered and the clock is the system's.
 *
 * Tokens are not on this clock: JWT `iat`/`exp` are issued and checked against the system time, so a
 * test that moves the clock by weeks keeps its sessions, and the tests' expired tokens stay expired.
 */
export const CLOCK_FILE = 'src/common/clock.ts';
export const CLOCK_MODULE_FILE = 'src/common/clock.module.ts';

/** The test-only route, the header carrying the secret, and the variable holding it: the contract with `test/support`. */
export const TEST_CLOCK_ROUTE = '/__test__/clock';
export const TEST_CLOCK_HEADER = 'x-test-clock-secret';
export const TEST_CLOCK_SECRET_ENV = 'TEST_CLOCK_SECRET';

export function renderClockFiles(): Map<string, string> {
  return new Map([
    [CLOCK_FILE, CLOCK],
    [CLOCK_MODULE_FILE, CLOCK_MODULE],
  ]);
}

const CLOCK = `import { Injectable } from '@nestjs/common';

/**
 * The time as the backend reads it: services call \`this.clock.now()\`, never \`new Date()\` or
 * \`Date.now()\`, and the time columns Prisma would stamp (\`@default(now())\`, \`@updatedAt\`) are
 * filled from it too, so the end-to-end tests can set it and move it.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

/**
 * The clock of a server the end-to-end tests start (see clock.module.ts): it stands still at the
 * instant the tests set, so the times they expect are exact.
 */
export class TestClock extends Clock {
  private instant = new Date().getTime();

  override now(): Date {
    return new Date(this.instant);
  }

  set(instant: Date): void {
    this.instant = instant.getTime();
  }
}
`;

const CLOCK_MODULE = `import { timingSafeEqual } from 'node:crypto';
import { BadRequestException, Body, Controller, Global, Headers, HttpCode, Module, NotFoundException, Put } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from './access.js';
import { Clock, TestClock } from './clock.js';
import { instantOf } from './date-time.js';

/**
 * The test clock is on only in a server the end-to-end tests start: NODE_ENV is \`test\` and
 * ${TEST_CLOCK_SECRET_ENV} holds that run's secret. Anywhere else the clock is the system's and the
 * route below is not registered at all. Read once, when the module loads.
 */
const SECRET = process.env.NODE_ENV === 'test' ? (process.env.${TEST_CLOCK_SECRET_ENV} ?? '') : '';

/** \`PUT ${TEST_CLOCK_ROUTE}\` with \`{ "now": "<ISO 8601>" }\` and the secret in \`${TEST_CLOCK_HEADER}\`: sets the clock. */
@Controller('${TEST_CLOCK_ROUTE.slice(1)}')
@Public()
@SkipThrottle()
export class TestClockController {
  constructor(private readonly clock: Clock) {}

  @Put()
  @HttpCode(200)
  set(@Headers('${TEST_CLOCK_HEADER}') secret: string | undefined, @Body() body: { now?: unknown } | undefined): { now: string } {
    // Without the secret the route answers as if it did not exist.
    if (!isSecret(secret)) throw new NotFoundException('Cannot PUT ${TEST_CLOCK_ROUTE}');
    const instant = typeof body?.now === 'string' ? instantOf(body.now) : undefined;
    if (!instant) throw new BadRequestException(['now must be an ISO 8601 date-time']);
    (this.clock as TestClock).set(instant);
    return { now: instant.toISOString() };
  }
}

function isSecret(given: string | undefined): boolean {
  const expected = Buffer.from(SECRET);
  const actual = Buffer.from(given ?? '');
  return expected.length > 0 && actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Global: every service injects the one \`Clock\`. */
@Global()
@Module({
  providers: [{ provide: Clock, useValue: SECRET ? new TestClock() : new Clock() }],
  controllers: SECRET ? [TestClockController] : [],
  exports: [Clock],
})
export class ClockModule {}
`;

/** Per model, the DateTime columns Prisma would stamp with the system time: `@default(now())` and `@updatedAt`. */
export function stampedColumns(database: DatabaseArtifact): { model: string; created: string[]; updated: string[] }[] {
  return database.models
    .map((model) => ({
      model: model.name,
      created: model.fields.filter((field) => field.type === 'DateTime' && !field.list && field.default?.kind === 'now' && !field.updatedAt).map((field) => field.name),
      updated: model.fields.filter((field) => field.type === 'DateTime' && !field.list && field.updatedAt).map((field) => field.name),
    }))
    .filter((entry) => entry.created.length > 0 || entry.updated.length > 0);
}
