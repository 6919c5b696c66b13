import type { Issue } from '../diagnostics/issue';
import type { PhaseContext, PhaseRevision } from '../pipeline/phase';
import { moduleCalls, PLAN_TARGET, sharedOf, type InterfacePlan, type ModuleAnswer, type ModuleCall } from './plan';

/** How the calls of a revised Interface phase share a later phase's problems. */
export interface RevisionRouting {
  /** The plan call revises its answer with every problem: it decides which operations exist. */
  planContext(context: PhaseContext): PhaseContext;
  /**
   * A module call revises its answer with the problems that name its operations or DTOs; with none, it
   * revises with all of them when its part of the plan changed, and is asked afresh otherwise.
   */
  moduleContext(context: PhaseContext, call: ModuleCall, plan: InterfacePlan): PhaseContext;
  /** The earlier answer of a module no problem names and whose part of the plan stayed, when it still passes its checks. */
  kept(call: ModuleCall, plan: InterfacePlan, validate: (answer: ModuleAnswer) => Issue[]): ModuleAnswer | undefined;
}

const NO_REVISION: RevisionRouting = {
  planContext: (context) => context,
  moduleContext: (context) => context,
  kept: () => undefined,
};

export function routeRevision(revision: PhaseRevision | undefined): RevisionRouting {
  if (!revision) return NO_REVISION;
  const previousPlan = revision.previous(PLAN_TARGET) as InterfacePlan | undefined;
  const previous = (call: ModuleCall) => revision.previous(call.target) as ModuleAnswer | undefined;
  const routed = (call: ModuleCall): Issue[] => {
    const answer = previous(call);
    const names = [...(answer?.operations.map((operation) => operation.id) ?? []), ...(answer?.dtos.map((dto) => dto.name) ?? [])];
    return revision.issues.filter((issue) => names.some((name) => new RegExp(`\\b${name}\\b`).test(issue.message)));
  };
  const planChanged = (call: ModuleCall, plan: InterfacePlan): boolean => callPlanChanged(call, plan, previousPlan);
  return {
    planContext: (context) => context,
    moduleContext: (context, call, plan) => {
      const issues = routed(call);
      if (issues.length > 0) return { ...context, revision: { ...revision, issues } };
      return planChanged(call, plan) ? context : { ...context, revision: undefined };
    },
    kept: (call, plan, validate) => {
      const answer = previous(call);
      if (!answer || routed(call).length > 0 || planChanged(call, plan)) return undefined;
      return validate(answer).some((issue) => issue.severity === 'error') ? undefined : answer;
    },
  };
}

/** Whether a module call's part of the plan differs from an earlier plan's: its operations, the module's shared DTOs, the authentication. */
export function callPlanChanged(call: ModuleCall, plan: InterfacePlan, earlierPlan: InterfacePlan | undefined): boolean {
  if (!earlierPlan) return true;
  const before = moduleCalls(earlierPlan).find((candidate) => candidate.target === call.target);
  // Which other modules use a shared DTO is not this call's business: a new user of it changes nothing here.
  const shared = (of: InterfacePlan) => sharedOf(of, call.module).map(({ usedBy: _others, ...dto }) => dto);
  const part = (operations: unknown, of: InterfacePlan) => JSON.stringify([operations, shared(of), of.authentication]);
  return !before || part(before.operations, earlierPlan) !== part(call.operations, plan);
}
