import type { StrataServices } from '../services';
import type { Command } from './command';
import { requireReview } from './requireReview';

/** Strata: Reject Reviewed Changes — the run under review writes nothing; the workspace stays exactly as it is. */
export class RejectChangesCommand implements Command {
  readonly id = 'strata.rejectChanges';

  constructor(private readonly services: StrataServices) {}

  execute(): { rejected: true; mode: string } {
    const session = requireReview(this.services);
    session.reject();
    return { rejected: true, mode: session.mode };
  }
}
