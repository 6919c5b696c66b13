import type { RunOutcome } from '../core/pipeline/events';
import { readCheckpoint } from '../core/pipeline/checkpoint';
import { generateWithProgress } from '../pipeline/runWithProgress';
import type { StrataServices } from '../services';
import { type Command, objectArg } from './command';
import { confirmOverwrite } from './confirmOverwrite';
import { reportBackendRun } from './reportBackendRun';
import { requireIdle } from './requireIdle';
import { requireWorkspace, UserFacingError } from './requireWorkspace';

/**
 * Strata: Resume Generation — continues the run that failed in this workspace: the answers it kept in
 * `.strata/resume/` are reused and only what is missing is asked of the model.
 */
export class ResumeBackendCommand implements Command {
  readonly id = 'strata.resumeBackend';

  constructor(private readonly services: StrataServices) {}

  async execute(rawArgs?: unknown): Promise<{ outcome: RunOutcome; written: string[]; reused: number } | undefined> {
    const args = objectArg<{ overwrite: boolean }>(rawArgs);
    const files = requireWorkspace(this.services);
    requireIdle(this.services);
    const checkpoint = await readCheckpoint(files);
    if (!checkpoint) throw new UserFacingError('Nothing to resume: no failed run kept its work in this workspace (.strata/resume/).');
    const summary = await generateWithProgress(this.services, {
      requirements: checkpoint.requirements,
      target: files,
      resume: checkpoint,
      keepRequirementsOnFailure: true,
      command: 'VS Code: Resume Generation',
      confirmOverwrite: (conflicts) => args.overwrite ?? confirmOverwrite(this.services, conflicts),
    });
    reportBackendRun(this.services, summary);
    return { outcome: summary.outcome, written: summary.files, reused: summary.reused };
  }
}
