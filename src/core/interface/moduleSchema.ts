import type { JsonSchema } from '../model/chat';
import { dtoSchema, operationSchema } from './schema';

/**
 * The JSON schema of one module call (`ModuleAnswer`): the DTOs it defines and its operations. It is the
 * artifact's DTO and operation schemas without their descriptions (the module prompt's system message
 * says the rules once) but for the few it does not, and without `module`, which is the call's: small
 * models read every word of a schema on every attempt.
 */
/** A schema without its descriptions, where a prompt says the rules once instead. */
export const withoutDescriptions = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutDescriptions);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'description')
      // `properties` maps names to schemas: a property may be called "description".
      .map(([key, item]) => [key, key === 'properties' ? Object.fromEntries(Object.entries(item as object).map(([name, schema]) => [name, withoutDescriptions(schema)])) : withoutDescriptions(item)]),
  );
};

type Node = { properties: Record<string, Record<string, unknown>>; items?: unknown };
const propertiesOf = (schema: unknown): Node['properties'] => (schema as Node).properties;
const itemsOf = (schema: unknown): unknown => (schema as Node).items;

const dto = withoutDescriptions(dtoSchema) as JsonSchema;
const property = itemsOf(propertiesOf(dto).properties);
Object.assign(propertiesOf(property).type!, { description: '"object" nests the response DTO named in "dto"' });
Object.assign(propertiesOf(property).column!, { description: "field of the DTO's model; for an object, the relation field" });
Object.assign(propertiesOf(property).optional!, { description: 'requests only' });
Object.assign(propertiesOf(property).format!, { description: '"password": a body property on the password column' });
Object.assign(propertiesOf(dto).model!, { description: 'leave out for pages' });

const { module: _module, ...operationProperties } = propertiesOf(withoutDescriptions(operationSchema));
Object.assign(operationProperties.scope!, { description: 'default: "own" for members, "all" for staff' });
Object.assign(operationProperties.params!, { description: 'one per {name} in the path' });
Object.assign(operationProperties.errors!, { description: 'besides 400/401, e.g. 404 for an unknown id' });
Object.assign(propertiesOf(itemsOf(operationProperties.refusals)).status!, { description: '409: conflicts with the state; 403: a rule forbids this caller; 422: valid but breaks a rule' });
const operation: JsonSchema = {
  ...operationSchema,
  required: (operationSchema.required as string[]).filter((key) => key !== 'module'),
  properties: operationProperties,
};

export const MODULE_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['dtos', 'operations'],
  additionalProperties: false,
  properties: {
    dtos: { type: 'array', items: dto, description: 'the DTOs this call defines' },
    operations: { type: 'array', items: operation, minItems: 1, description: "this call's operations of the plan, whole" },
  },
};
