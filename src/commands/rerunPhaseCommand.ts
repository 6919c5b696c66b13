import { isPhaseId } from '../core/phaseId';
import type { StrataServices } from '../services';
import { type Command, objectArg } from './command';
import { requireReview } from './requireReview';
import { UserFacingError } from './requireWorkspace';

/**
 * Strata: Rerun a Phase with an Instruction… — from a review: nothing is written, the phase runs again (and
 * the phases after it) with the instruction told to its calls, and the new result is reviewed in turn.
 */
export class RerunPhaseCommand implements Command {
  readonly id = 'strata.rerunPhase';

  constructor(private readonly services: StrataServices) {}

  async execute(rawArgs?: unknown): Promise<{ phase: string; instruction: string } | undefined> {
    const session = requireReview(this.services);
    const { phase, instruction } = objectArg<{ phase: string; instruction: string }>(rawArgs);
    if (phase === undefined || instruction === undefined) {
      await session.askRerun();
      return undefined;
    }
    if (!isPhaseId(phase)) throw new UserFacingError(`"${phase}" is not a phase: analyze, database, interface, test or realize.`);
    if (instruction.trim() === '') throw new UserFacingError('Say what the phase should do differently.');
    session.rerun(phase, instruction.trim());
    return { phase, instruction: instruction.trim() };
  }
}
