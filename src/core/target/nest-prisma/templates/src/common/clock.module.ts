import { timingSafeEqual } from 'node:crypto';
import { BadRequestException, Body, Controller, Global, Headers, HttpCode, Module, NotFoundException, Put } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from './access.js';
import { Clock, TestClock } from './clock.js';
import { instantOf } from './date-time.js';

/**
 * The test clock is on only in a server the end-to-end tests start: NODE_ENV is `test` and
 * TEST_CLOCK_SECRET holds that run's secret. Anywhere else the clock is the system's and the
 * route below is not registered at all. Read once, when the module loads.
 */
const SECRET = process.env.NODE_ENV === 'test' ? (process.env.TEST_CLOCK_SECRET ?? '') : '';

/** `PUT /__test__/clock` with `{ "now": "<ISO 8601>" }` and the secret in `x-test-clock-secret`: sets the clock. */
@Controller('__test__/clock')
@Public()
@SkipThrottle()
export class TestClockController {
  constructor(private readonly clock: Clock) {}

  @Put()
  @HttpCode(200)
  set(@Headers('x-test-clock-secret') secret: string | undefined, @Body() body: { now?: unknown } | undefined): { now: string } {
    // Without the secret the route answers as if it did not exist.
    if (!isSecret(secret)) throw new NotFoundException('Cannot PUT /__test__/clock');
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

/** Global: every service injects the one `Clock`. */
@Global()
@Module({
  providers: [{ provide: Clock, useValue: SECRET ? new TestClock() : new Clock() }],
  controllers: SECRET ? [TestClockController] : [],
  exports: [Clock],
})
export class ClockModule {}
