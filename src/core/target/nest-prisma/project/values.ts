import { template } from '../printer/templates';
/**
 * `src/common/values.ts` of a generated backend (`VALUES_FILE`): the class-validator decorators of
 * calendar dates and exact decimals that request DTOs use (`target/nest-prisma/api/dtos.ts`). The rules are
 * the ones of `interface/values.ts`, which Strata's own validators and tests apply.
 */
export const VALUES_SOURCE = template('src/common/values.ts');
