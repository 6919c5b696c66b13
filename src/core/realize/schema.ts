import type { JsonSchema } from '../model/chat';

/**
 * The JSON schema the Realize agent fills for one module: the bodies of its service methods and any
 * module-level helpers. Everything around them (signatures, imports, DTOs, collectors, transformers) is
 * generated, so the model writes only business logic.
 */
export const REALIZE_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['helpers', 'operations'],
  additionalProperties: false,
  properties: {
    helpers: {
      type: 'string',
      description: 'Module-level TypeScript functions or constants the methods share (no imports, no classes); "" when none.',
    },
    operations: {
      type: 'array',
      description: 'One entry per method listed, each exactly once.',
      items: {
        type: 'object',
        required: ['id', 'body'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', description: 'the method name (operation id)' },
          body: { type: 'string', description: 'TypeScript statements of the method body, without the signature or braces' },
        },
      },
    },
  },
};

/**
 * The schema for a module whose response DTOs have derived values: the same, plus the body of each
 * value's function (a module without any is asked exactly REALIZE_SCHEMA, so small models see less).
 */
export function realizeSchema(hasDerived: boolean): JsonSchema {
  if (!hasDerived) return REALIZE_SCHEMA;
  const base = REALIZE_SCHEMA as { required: string[]; properties: Record<string, JsonSchema> };
  return {
    ...REALIZE_SCHEMA,
    required: [...base.required, 'derived'],
    properties: {
      ...base.properties,
      derived: {
        type: 'array',
        description: 'One entry per derived value listed, each exactly once.',
        items: {
          type: 'object',
          required: ['dto', 'property', 'body'],
          additionalProperties: false,
          properties: {
            dto: { type: 'string', description: 'the response DTO' },
            property: { type: 'string', description: 'its derived property' },
            body: { type: 'string', description: 'TypeScript statements of the function body computing it from row and now; no queries, no this' },
          },
        },
      },
    },
  };
}

/**
 * The schema of one part of a module written in several calls: its methods named by `operations`
 * (constrained to them); the first part also writes the helpers (and derived values), the later ones
 * only their methods.
 */
export function realizePartSchema(hasDerived: boolean, operations: readonly string[], first: boolean): JsonSchema {
  const whole = realizeSchema(hasDerived) as { required: string[]; properties: Record<string, JsonSchema & { items: JsonSchema & { properties: Record<string, JsonSchema> } }> };
  const items = whole.properties.operations!.items;
  const methods = {
    ...whole.properties.operations!,
    description: `One entry for each of ${operations.join(', ')}, each exactly once.`,
    items: { ...items, properties: { ...items.properties, id: { ...items.properties.id, enum: [...operations] } } },
  };
  if (first) return { ...whole, properties: { ...whole.properties, operations: methods } };
  return { type: 'object', required: ['operations'], additionalProperties: false, properties: { operations: methods } };
}

/** What the model fills for one module; the phase adds the module's name. */
export interface RealizeAnswer {
  helpers: string;
  operations: { id: string; body: string }[];
  derived?: { dto: string; property: string; body: string }[];
}
