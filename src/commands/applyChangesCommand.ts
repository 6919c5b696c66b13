import type { Choice } from '../review/reviewSession';
import type { StrataServices } from '../services';
import { type Command, objectArg } from './command';
import { requireReview } from './requireReview';

/**
 * Strata: Apply Reviewed Changes — writes the reviewed run as chosen, file by file. `resolutions` sets
 * choices first (path -> current | proposed | merge); a file not chosen takes its default (keep mine for a
 * hand edit, the new version otherwise).
 */
export class ApplyChangesCommand implements Command {
  readonly id = 'strata.applyChanges';

  constructor(private readonly services: StrataServices) {}

  async execute(rawArgs?: unknown): Promise<{ applied: true; mode: string }> {
    const session = requireReview(this.services);
    const resolutions = objectArg<{ resolutions: Record<string, Choice> }>(rawArgs).resolutions ?? {};
    for (const [path, choice] of Object.entries(resolutions)) {
      // A merge already open keeps its result; choosing it again would only reopen the editor.
      if (choice === 'merge' && session.resolutions.get(path) === 'merge') continue;
      await session.choose(path, choice);
    }
    session.apply();
    return { applied: true, mode: session.mode };
  }
}
