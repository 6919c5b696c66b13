import { Injectable } from '@nestjs/common';

/**
 * The time as the backend reads it: services call `this.clock.now()`, never `new Date()` or
 * `Date.now()`, and the time columns Prisma would stamp (`@default(now())`, `@updatedAt`) are
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
