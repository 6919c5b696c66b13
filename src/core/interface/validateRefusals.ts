import { FRAMEWORK_NAMES } from '../names/framework';
import { type InterfaceCheck } from './check';
import { lengthProblem, REFUSAL_CODE_MAX, REFUSAL_MESSAGE_MAX } from '../names/limits';
import { exceptionClass, moduleClass } from '../names/generated';
import { REFUSAL_STATUSES, type Refusal } from './types';

const CODE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * The refusals operations declare: kebab-case codes whose exception classes collide with nothing the
 * generated code imports, a sentence each, and one meaning per code within a module (one class
 * renders it, so two operations that share a code share its status and message).
 */
export function validateRefusals(check: InterfaceCheck): void {
  const { artifact, error } = check;
  const taken = new Map<string, string>();
  for (const [what, names] of FRAMEWORK_NAMES) for (const name of names) taken.set(name, what);
  for (const dto of artifact.dtos) taken.set(dto.name, `the DTO ${dto.name}`);
  for (const name of check.models.keys()) taken.set(name, `the model ${name}`);
  for (const name of check.enums.keys()) taken.set(name, `the enum ${name}`);
  for (const operation of artifact.operations) for (const kind of ['Service', 'Controller', 'Module'] as const) taken.set(moduleClass(operation.module, kind), `a class of the module "${operation.module}"`);

  /** module -> code -> the first declaration, and where. */
  const declared = new Map<string, Map<string, { refusal: Refusal; at: string }>>();
  artifact.operations.forEach((operation, o) => {
    const inOperation = new Set<string>();
    (operation.refusals ?? []).forEach((refusal, r) => {
      const path = `$.operations[${o}].refusals[${r}]`;
      const long = lengthProblem(refusal.code, REFUSAL_CODE_MAX, 'refusal codes', 'they become exception class names');
      if (long) return void error(`${path}.code`, long);
      if (!CODE.test(refusal.code)) return void error(`${path}.code`, `refusal codes are kebab-case words, e.g. "loan-limit-reached"; found "${refusal.code}"`);
      const className = exceptionClass(refusal.code);
      if (taken.has(className)) return void error(`${path}.code`, `"${refusal.code}" becomes the class ${className}, which is ${taken.get(className)}: choose a more specific code, e.g. "${refusal.code}-by-rule"`);
      if (!(REFUSAL_STATUSES as readonly number[]).includes(refusal.status)) error(`${path}.status`, `a refusal answers ${REFUSAL_STATUSES.join(', ')}; found ${refusal.status}`);
      if (refusal.message.trim() === '') error(`${path}.message`, 'say in one sentence why the request is refused');
      const longMessage = lengthProblem(refusal.message, REFUSAL_MESSAGE_MAX, 'refusal messages', 'one sentence the caller reads');
      if (longMessage) error(`${path}.message`, longMessage);
      if (inOperation.has(refusal.code)) return void error(`${path}.code`, `"${refusal.code}" is declared twice on ${operation.id}: keep one`);
      inOperation.add(refusal.code);
      const module = declared.get(operation.module) ?? new Map<string, { refusal: Refusal; at: string }>();
      declared.set(operation.module, module);
      const first = module.get(refusal.code);
      if (!first) module.set(refusal.code, { refusal, at: path });
      else if (first.refusal.status !== refusal.status || first.refusal.message !== refusal.message) {
        error(path, `"${refusal.code}" is declared at ${first.at} as ${first.refusal.status} "${first.refusal.message}": one code is one refusal in a module, so repeat it exactly or choose another code`);
      }
    });
  });
}

/** The refusals of a module's operations, each code once, in declaration order. */
export function moduleRefusals(operations: readonly { module: string; refusals?: Refusal[] }[], module: string): Refusal[] {
  const seen = new Map<string, Refusal>();
  for (const operation of operations) if (operation.module === module) for (const refusal of operation.refusals ?? []) if (!seen.has(refusal.code)) seen.set(refusal.code, refusal);
  return [...seen.values()];
}
