import type { Choice } from '../review/reviewSession';
import type { StrataServices } from '../services';
import { type Command, objectArg } from './command';
import { requireReview } from './requireReview';

/**
 * Strata: Choose for a Reviewed File… — what happens to one file of the pending review: keep mine (the
 * default for a hand edit), take the new one, or merge both in the merge editor (its result stays in memory
 * until the run is applied). Without a path the files are listed; without a choice the choices are.
 */
export class ChooseForFileCommand implements Command {
  readonly id = 'strata.chooseForFile';

  constructor(private readonly services: StrataServices) {}

  async execute(rawArgs?: unknown): Promise<{ path: string; choice: Choice; mergeResult?: string } | undefined> {
    const session = requireReview(this.services);
    const { path, choice } = objectArg<{ path: string; choice: Choice }>(rawArgs);
    if (path === undefined) {
      await session.chooseInteractively();
      return undefined;
    }
    const chosen = choice ?? (await session.pickChoice(path));
    if (chosen === undefined) return undefined;
    if (choice !== undefined) await session.choose(path, chosen);
    return { path, choice: chosen, ...(chosen === 'merge' ? { mergeResult: session.mergeOutput(path).toString() } : {}) };
  }
}
