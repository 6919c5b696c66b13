import type { AuthSpec, DtoKind, DtoSchema, HttpMethod, InterfaceArtifact, Operation } from './types';

/**
 * The Interface phase's first answer: the outline of the API that every module call builds on, small
 * enough to ask for whole however large the API. Each module is then asked on its own (a large one in parts,
 * see `moduleCalls`) for its DTOs and the full operations the plan gives it (`ModuleAnswer`); the merged
 * answers are the `InterfaceArtifact`.
 */
export interface InterfacePlan {
  authentication: AuthSpec[];
  modules: PlannedModule[];
  /** DTOs more than one module uses: one module defines each, the others refer to it by name. */
  shared: SharedDto[];
}

export interface PlannedModule {
  /** The feature module, e.g. `todos`; its operations keep this order in the API. */
  name: string;
  operations: PlannedOperation[];
}

/** What the plan fixes of an operation; the module call adds the rest. */
export interface PlannedOperation {
  id: string;
  method: HttpMethod;
  path: string;
  actor: string;
  section: string;
}

export interface SharedDto {
  name: string;
  kind: DtoKind;
  /** The model it is linked to, when it is. */
  model?: string;
  /** The module that defines it. */
  owner: string;
  /** The other modules that refer to it. */
  usedBy: string[];
}

/** A module call's answer: its operations (the plan's, whole, without `module`) and the DTOs it defines. */
export interface ModuleAnswer {
  dtos: DtoSchema[];
  operations: ModuleOperation[];
}

export type ModuleOperation = Omit<Operation, 'module'>;

/** An operation of a module answer as the API has it: `module` after `id`, the rest as answered. */
export function withModule(operation: ModuleOperation, module: string): Operation {
  const { id, ...rest } = operation;
  return { id, module, ...rest } as Operation;
}

/**
 * Operations one module call is asked for at most. A module's answer is about 300 tokens per operation
 * with its DTOs, and a retry carries the earlier answer besides the new one: four keep a retry of the
 * largest reference modules (ten operations) inside an 8K context with the prompt.
 */
export const OPERATIONS_PER_CALL = 4;

/** One module call: a module, or a part of a large one (its operations in plan order, split evenly). */
export interface ModuleCall {
  module: string;
  /** 1-based; `parts` is how many calls the module takes. */
  part: number;
  parts: number;
  operations: PlannedOperation[];
  /** `module <name>`, or `module <name> part <i>` when the module takes several calls. */
  target: string;
}

/** The module calls of a plan, in the order they are asked and merged. */
export function moduleCalls(plan: InterfacePlan): ModuleCall[] {
  return plan.modules.flatMap((module) => {
    const parts = Math.max(1, Math.ceil(module.operations.length / OPERATIONS_PER_CALL));
    const base = Math.floor(module.operations.length / parts);
    const extra = module.operations.length % parts;
    const calls: ModuleCall[] = [];
    let start = 0;
    for (let part = 1; part <= parts; part++) {
      const size = base + (part <= extra ? 1 : 0);
      calls.push({ module: module.name, part, parts, operations: module.operations.slice(start, start + size), target: moduleTarget(module.name, parts > 1 ? part : undefined) });
      start += size;
    }
    return calls;
  });
}

/**
 * The API from the plan and the module calls' answers (by target), in the plan's order: its
 * authentication, every call's DTOs and then every call's operations. Calls without an answer contribute
 * nothing.
 */
export function mergeInterface(plan: InterfacePlan, answers: ReadonlyMap<string, ModuleAnswer>): InterfaceArtifact {
  const answered = moduleCalls(plan).flatMap((call) => {
    const answer = answers.get(call.target);
    return answer ? [{ module: call.module, answer }] : [];
  });
  return {
    authentication: plan.authentication,
    dtos: answered.flatMap(({ answer }) => answer.dtos),
    operations: answered.flatMap(({ module, answer }) => answer.operations.map((operation) => withModule(operation, module))),
  };
}

/** The shared DTOs a module defines or refers to. */
export function sharedOf(plan: InterfacePlan, module: string): SharedDto[] {
  return plan.shared.filter((dto) => dto.owner === module || dto.usedBy.includes(module));
}

/** The call target of a module, or of one part of it: `module <name>`, `module <name> part <i>`. */
export const moduleTarget = (module: string, part?: number): string => `module ${module}${part === undefined ? '' : ` part ${part}`}`;
export const PLAN_TARGET = 'api plan';
