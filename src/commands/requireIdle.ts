import { RUN_REFUSED } from '../pipeline/runWithProgress';
import type { StrataServices } from '../services';
import { UserFacingError } from './requireWorkspace';

/** One run per window: a command that would start a second one says so before it asks anything. */
export function requireIdle(services: StrataServices): void {
  if (services.running.active) throw new UserFacingError(RUN_REFUSED);
}
