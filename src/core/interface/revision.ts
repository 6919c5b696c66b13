import type { Issue } from '../diagnostics/issue';
import type { PhaseContext, PhaseRevision } from '../pipeline/phase';
import { moduleTarget, PLAN_TARGET, sharedOf, type InterfacePlan, type ModuleAnswer } from './plan';

/** How the calls of a revised Interface phase share a later phase's problems. */
export interface RevisionRouting {
  /** The plan call revises its answer with every problem: it decides which operations exist. */
  planContext(context: PhaseContext): PhaseContext;
  /**
   * A module call revises its answer with the problems that name its operations or DTOs; with none, it
   * revises with all of them when its part of the plan changed, and is asked afresh otherwise.
   */
  moduleContext(context: PhaseContext, module: string, plan: InterfacePlan): PhaseContext;
  /** The earlier answer of a module no problem names and whose part of the plan stayed, when it still passes its checks. */
  kept(module: string, plan: InterfacePlan, validate: (answer: ModuleAnswer) => Issue[]): ModuleAnswer | undefined;
}

const NO_REVISION: RevisionRouting = {
  planContext: (context) => context,
  moduleContext: (context) => context,
  kept: () => undefined,
};

export function routeRevision(revision: PhaseRevision | undefined): RevisionRouting {
  if (!revision) return NO_REVISION;
  const previousPlan = revision.previous(PLAN_TARGET) as InterfacePlan | undefined;
  const previous = (module: string) => revision.previous(moduleTarget(module)) as ModuleAnswer | undefined;
  const routed = (module: string): Issue[] => {
    const answer = previous(module);
    const names = [...(answer?.operations.map((operation) => operation.id) ?? []), ...(answer?.dtos.map((dto) => dto.name) ?? [])];
    return revision.issues.filter((issue) => names.some((name) => new RegExp(`\\b${name}\\b`).test(issue.message)));
  };
  const planChanged = (module: string, plan: InterfacePlan): boolean => {
    if (!previousPlan) return true;
    const part = (of: InterfacePlan) => JSON.stringify([of.modules.find((candidate) => candidate.name === module)?.operations, sharedOf(of, module), of.authentication]);
    return part(previousPlan) !== part(plan);
  };
  return {
    planContext: (context) => context,
    moduleContext: (context, module, plan) => {
      const issues = routed(module);
      if (issues.length > 0) return { ...context, revision: { ...revision, issues } };
      return planChanged(module, plan) ? context : { ...context, revision: undefined };
    },
    kept: (module, plan, validate) => {
      const answer = previous(module);
      if (!answer || routed(module).length > 0 || planChanged(module, plan)) return undefined;
      return validate(answer).some((issue) => issue.severity === 'error') ? undefined : answer;
    },
  };
}
