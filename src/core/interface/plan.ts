import type { AuthSpec, DtoKind, DtoSchema, HttpMethod, InterfaceArtifact, Operation } from './types';

/**
 * The Interface phase's first answer: the outline of the API that every module call builds on, small
 * enough to ask for whole however large the API. Each module is then asked on its own for its DTOs and
 * the full operations the plan gives it (`ModuleAnswer`); the merged answers are the `InterfaceArtifact`.
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
 * The API from the plan and the module answers, in the plan's module order: its authentication, every
 * module's DTOs and then every module's operations. Modules without an answer contribute nothing.
 */
export function mergeInterface(plan: InterfacePlan, answers: ReadonlyMap<string, ModuleAnswer>): InterfaceArtifact {
  const answered = plan.modules.flatMap((module) => {
    const answer = answers.get(module.name);
    return answer ? [{ module: module.name, answer }] : [];
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

/** The call target of a module: `module <name>`. */
export const moduleTarget = (module: string): string => `module ${module}`;
export const PLAN_TARGET = 'api plan';
