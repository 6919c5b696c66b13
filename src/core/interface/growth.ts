import type { EarlierRun } from '../pipeline/phase';
import { artifactNode } from '../provenance';
import type { Issue } from '../diagnostics/issue';
import type { JsonSchema } from '../model/chat';
import { PLAN_TARGET, type InterfacePlan, type ModuleAnswer, type ModuleCall } from './plan';
import { PLAN_SCHEMA } from './planSchema';
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

export function moduleCallUnchanged(earlier: EarlierRun | undefined, call: ModuleCall, plan: InterfacePlan, changed: ReadonlySet<string> | undefined): boolean | undefined {
  if (!earlier) return undefined;
  if (call.operations.some((operation) => changed?.has(operation.id))) return false;
  const earlierPlan = earlier.answer(PLAN_TARGET) as InterfacePlan | undefined;
  const answer = earlier.answer(call.target) as ModuleAnswer | undefined;
  if (!answer || callPlanChanged(call, plan, earlierPlan)) return false;
  const sections = call.operations.map((operation) => artifactNode('analyze', 'section', operation.section));
  const models = [...answer.operations.map((operation) => operation.model), ...answer.dtos.map((dto) => dto.model)].flatMap((model) => (model ? [artifactNode('database', 'model', model)] : []));
  return ![...sections, ...models].some((node) => earlier.reached.has(node));
}

/** In a feature step the plan also names the existing operations the change alters: only the model can tell that a new tags section changes the todo list. */
export interface ChangedOperations {
  changedOperations?: string[];
}

export interface PlanGrowth {
  /** Appended to the plan prompt. */
  prompt: string;
  schema: JsonSchema;
  validate(plan: InterfacePlan & ChangedOperations): Issue[];
  /** The plan as the API keeps it, and the operations the change alters (undefined outside a feature step). */
  split(answer: InterfacePlan & ChangedOperations): { plan: InterfacePlan; changed?: ReadonlySet<string> };
}

const CHANGED_OPERATIONS: JsonSchema = {
  type: 'array',
  items: { type: 'string' },
  description: 'ids of operations of your earlier plan whose query, body, response or rules the change alters (e.g. a new filter on a list); not new ones',
};

export function growthOfPlan(earlier: EarlierRun | undefined): PlanGrowth {
  const earlierPlan = earlier?.answer(PLAN_TARGET) as InterfacePlan | undefined;
  if (!earlier || !earlierPlan) return { prompt: '', schema: PLAN_SCHEMA, validate: () => [], split: (plan) => ({ plan }) };
  const existing = new Set(earlierPlan.modules.flatMap((module) => module.operations.map((operation) => operation.id)));
  const properties = (PLAN_SCHEMA as { properties: Record<string, JsonSchema> }).properties;
  return {
    prompt: '\n\nKeep every operation of your earlier plan unless the change removes it, and say in "changedOperations" which of them the change alters.',
    schema: { ...PLAN_SCHEMA, required: [...((PLAN_SCHEMA as { required: string[] }).required ?? []), 'changedOperations'], properties: { ...properties, changedOperations: CHANGED_OPERATIONS } },
    validate: (plan) =>
      (plan.changedOperations ?? []).flatMap((id, index) =>
        existing.has(id) ? [] : [{ severity: 'error' as const, source: 'interface', path: `$.changedOperations[${index}]`, message: `"${id}" is not an operation of the earlier plan (they are: ${[...existing].join(', ')}); new operations need no mention here` }],
      ),
    split: ({ changedOperations, ...plan }) => ({ plan, changed: new Set(changedOperations ?? []) }),
  };
}
