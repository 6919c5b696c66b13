import type { Issue } from '../diagnostics/issue';
import { moduleCalls, sharedOf, withModule, type InterfacePlan, type ModuleAnswer, type ModuleCall } from './plan';
import type { DtoSchema, InterfaceArtifact } from './types';
import { type InterfaceContext, validateInterface } from './validate';

/** A module call's answer and the API around it: the plan, and the answers the other calls gave so far (by target). */
export interface ModuleContext extends InterfaceContext {
  plan: InterfacePlan;
  call: ModuleCall;
  answers: ReadonlyMap<string, ModuleAnswer>;
}

/** Where one call's DTOs and operations sit in the assembled API. */
export interface Slot {
  dtos: number;
  dtoCount: number;
  operations: number;
  operationCount: number;
}

/**
 * The API with `answers` in the plan's order (slots by call target), and a stand-in for each shared DTO
 * whose module has not defined it yet (its name, kind and model from the plan), so that an answer naming
 * one is checked as far as can be before that module answers.
 */
export function assemble(plan: InterfacePlan, answers: ReadonlyMap<string, ModuleAnswer>): { artifact: InterfaceArtifact; slots: Map<string, Slot> } {
  const artifact: InterfaceArtifact = { authentication: plan.authentication, dtos: [], operations: [] };
  const slots = new Map<string, Slot>();
  for (const call of moduleCalls(plan)) {
    const answer = answers.get(call.target);
    const dtos = answer?.dtos ?? [];
    const operations = answer?.operations ?? [];
    slots.set(call.target, { dtos: artifact.dtos.length, dtoCount: dtos.length, operations: artifact.operations.length, operationCount: operations.length });
    artifact.dtos.push(...dtos);
    artifact.operations.push(...operations.map((operation) => withModule(operation, call.module)));
  }
  const defined = new Set(artifact.dtos.map((dto) => dto.name));
  for (const dto of plan.shared) {
    if (defined.has(dto.name)) continue;
    artifact.dtos.push({ name: dto.name, kind: dto.kind, description: dto.name, ...(dto.model ? { model: dto.model } : {}), properties: [] } satisfies DtoSchema);
  }
  return { artifact, slots };
}

/**
 * A path of the assembled API as the call's own answer has it, or undefined when it is not in that answer
 * (another call's part, the plan's authentication, a stand-in).
 */
export function modulePath(path: string, slot: Slot): string | undefined {
  const match = /^\$\.(dtos|operations)\[(\d+)\](.*)$/.exec(path);
  if (!match) return path === '$' ? path : undefined;
  const index = Number(match[2]);
  const [start, count] = match[1] === 'dtos' ? [slot.dtos, slot.dtoCount] : [slot.operations, slot.operationCount];
  if (index < start || index >= start + count) return undefined;
  // The module is the plan's: a problem with its name is the plan's too.
  if (match[1] === 'operations' && match[3]!.startsWith('.module')) return undefined;
  return `$.${match[1]}[${index - start}]${match[3]}`;
}

/**
 * A module call's checks: its operations are the plan's (same id, method, path, actor, section), its first
 * call defines the shared DTOs the plan gives the module, and no call defines another module's; then the
 * API's own rules on the API as it stands with this answer, keeping the problems inside this answer, at its
 * own paths.
 */
export function validateModule(answer: ModuleAnswer, context: ModuleContext): Issue[] {
  const { plan, call } = context;
  const { module } = call;
  const issues: Issue[] = [];
  const error = (path: string, message: string) => void issues.push({ severity: 'error', source: 'interface', path, message });
  const ids = call.operations.map((operation) => operation.id);
  answer.operations.forEach((operation, o) => {
    const at = `$.operations[${o}]`;
    const planned = call.operations.find((candidate) => candidate.id === operation.id);
    if (!planned) return void error(`${at}.id`, `this call is for the operations ${ids.join(', ')} of the module "${module}"; "${operation.id}" is not one of them: answer those, with the plan's ids`);
    for (const key of ['method', 'path', 'actor', 'section'] as const) {
      if (operation[key] !== planned[key]) error(`${at}.${key}`, `the plan gives ${operation.id} the ${key} "${planned[key]}": keep it`);
    }
  });
  for (const operation of call.operations) {
    if (!answer.operations.some((candidate) => candidate.id === operation.id)) error('$.operations', `the plan gives this call ${operation.id} (${operation.method} ${operation.path}): add it`);
  }

  answer.dtos.forEach((dto, d) => {
    const at = `$.dtos[${d}]`;
    const entry = plan.shared.find((candidate) => candidate.name === dto.name);
    if (!entry) return;
    if (entry.owner !== module) return void error(`${at}.name`, `"${dto.name}" is defined by the module "${entry.owner}" (a shared DTO of the plan): leave it out here and use it by name`);
    if (dto.kind !== entry.kind) error(`${at}.kind`, `the plan shares "${dto.name}" as a ${entry.kind} DTO: keep that kind`);
    if (dto.model !== entry.model) error(`${at}.model`, `the plan shares "${dto.name}" as ${entry.model ? `a DTO of ${entry.model}` : 'a DTO without a model'}: keep that`);
  });
  if (call.part === 1) {
    for (const entry of sharedOf(plan, module)) {
      if (entry.owner === module && !answer.dtos.some((dto) => dto.name === entry.name)) {
        error('$.dtos', `the plan has the module "${module}" define the shared DTO "${entry.name}" (a ${entry.kind} DTO${entry.model ? ` of ${entry.model}` : ''}, used by ${entry.usedBy.join(', ')}): add it`);
      }
    }
  }

  const answers = new Map(context.answers);
  answers.set(call.target, answer);
  const { artifact, slots } = assemble(plan, answers);
  const slot = slots.get(call.target)!;
  // Where the plan's own check already spoke ("defined by the module posts"), the general rule ("two DTOs are
  // named …: rename one") would only give other advice for the same spot.
  const planned = new Set(issues.map((issue) => issue.path));
  for (const issue of validateInterface(artifact, context)) {
    if (issue.path === undefined) {
      issues.push(issue);
      continue;
    }
    const path = modulePath(issue.path, slot);
    if (path !== undefined && !planned.has(path)) issues.push({ ...issue, path });
  }
  return issues;
}

