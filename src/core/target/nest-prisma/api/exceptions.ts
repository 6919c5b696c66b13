import { exceptionClass, moduleFile } from '../../../names/generated';
import { modulesOf } from '../../../interface/modules';
import type { InterfaceArtifact, RefusalStatus } from '../../../interface/types';
import { moduleRefusals } from '../../../interface/validateRefusals';
import { Imports, jsDoc } from '../printer/tsCode';
import { quote } from '../printer/literals';

/** The Nest exception each refusal status extends, and the reason phrase its body carries. */
const BASE: Readonly<Record<RefusalStatus, { base: string; error: string }>> = {
  403: { base: 'ForbiddenException', error: 'Forbidden' },
  409: { base: 'ConflictException', error: 'Conflict' },
  422: { base: 'UnprocessableEntityException', error: 'Unprocessable Entity' },
};

/**
 * `src/<module>/<module>.exceptions.ts`, for modules whose operations declare refusals: one class per
 * code, thrown by the service (`throw new LoanLimitReachedException()`). The body is Nest's usual
 * `{ statusCode, error, message }` plus the `code`, so clients and tests tell refusals apart.
 */
export function renderExceptions(api: InterfaceArtifact): Map<string, string> {
  const files = new Map<string, string>();
  for (const module of modulesOf(api)) {
    const refusals = moduleRefusals(api.operations, module);
    if (refusals.length === 0) continue;
    const imports = new Imports();
    const classes = refusals.map((refusal) => {
      const { base, error } = BASE[refusal.status];
      imports.add('@nestjs/common', base);
      return [
        ...jsDoc(`${refusal.status}: ${refusal.message} (\`message\` tells a case's own figures, when it has them.)`),
        `export class ${exceptionClass(refusal.code)} extends ${base} {`,
        `  constructor(message: string = ${quote(refusal.message)}) {`,
        `    super({ statusCode: ${refusal.status}, error: ${quote(error)}, code: ${quote(refusal.code)}, message });`,
        '  }',
        '}',
      ].join('\n');
    });
    files.set(moduleFile(module, 'exceptions'), `${imports.lines().join('\n')}\n\n${classes.join('\n\n')}\n`);
  }
  return files;
}
