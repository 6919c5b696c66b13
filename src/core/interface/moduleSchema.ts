import type { JsonSchema } from '../model/chat';
import { dtoSchema, operationSchema } from './schema';

/** An operation as a module call answers it: the module is the call's, so it is not asked for. */
const { module: _module, ...moduleOperationProperties } = operationSchema.properties as Record<string, JsonSchema>;
const moduleOperationSchema: JsonSchema = {
  ...operationSchema,
  required: (operationSchema.required as string[]).filter((key) => key !== 'module'),
  properties: moduleOperationProperties,
};

/** The JSON schema of one module call (`ModuleAnswer`): the DTOs the module defines and its operations. */
export const MODULE_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['dtos', 'operations'],
  additionalProperties: false,
  properties: {
    dtos: { type: 'array', items: dtoSchema, description: 'the DTOs this module defines: not those another module defines' },
    operations: { type: 'array', items: moduleOperationSchema, minItems: 1, description: 'the operations the plan gives this module, in its order, whole' },
  },
};
