import type { EarlierRun } from '../pipeline/phase';
import { artifactNode } from '../provenance';
import { PLAN_TARGET, type InterfacePlan, type ModuleAnswer, type ModuleCall } from './plan';
import { callPlanChanged } from './revision';

/**
 * Which Interface calls a feature step may answer with their earlier answers. The plan: when no section
 * and no table changed. A module call: when its part of the plan is as it was and none of the sections,
 * tables or shared DTOs it was told about changed.
 */
export function planUnchanged(earlier: EarlierRun | undefined): boolean | undefined {
  if (!earlier) return undefined;
  return ![...earlier.reached].some((node) => node.startsWith('analyze/') || node.startsWith('database/'));
}

export function moduleCallUnchanged(earlier: EarlierRun | undefined, call: ModuleCall, plan: InterfacePlan): boolean | undefined {
  if (!earlier) return undefined;
  const earlierPlan = earlier.answer(PLAN_TARGET) as InterfacePlan | undefined;
  const answer = earlier.answer(call.target) as ModuleAnswer | undefined;
  if (!answer || callPlanChanged(call, plan, earlierPlan)) return false;
  const sections = call.operations.map((operation) => artifactNode('analyze', 'section', operation.section));
  const models = [...answer.operations.map((operation) => operation.model), ...answer.dtos.map((dto) => dto.model)].flatMap((model) => (model ? [artifactNode('database', 'model', model)] : []));
  return ![...sections, ...models].some((node) => earlier.reached.has(node));
}
