import type { ReviewSession } from '../review/reviewSession';
import type { StrataServices } from '../services';
import { UserFacingError } from './requireWorkspace';

/** The review waiting for a decision; the commands that decide one say plainly when there is none. */
export function requireReview(services: StrataServices): ReviewSession {
  const session = services.reviews.current;
  if (!session) throw new UserFacingError('No Strata run is waiting for a review.');
  return session;
}
