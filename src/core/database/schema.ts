import type { JsonSchema } from '../model/chat';
import { ENUM_NAME_MAX, ENUM_VALUE_MAX, FIELD_NAME_MAX, MODEL_NAME_MAX, RELATION_NAME_MAX, SCHEMA_FILE_MAX } from './names';
import { SCALAR_TYPES } from '../scalars';

/**
 * The JSON schema the Database agent fills: the subset of `DatabaseArtifact` a model is offered.
 * Inline (no `$ref`), with short descriptions, because small models read every word of it.
 * Back-relations are left out on purpose: code adds them. Name lengths are explained in `names.ts`.
 */
const MODEL_NAME = { type: 'string', pattern: '^[A-Z][A-Za-z0-9]*$', maxLength: MODEL_NAME_MAX };
const ENUM_NAME = { type: 'string', pattern: '^[A-Z][A-Za-z0-9]*$', maxLength: ENUM_NAME_MAX };
const FIELD_NAME = { type: 'string', pattern: '^[a-z][A-Za-z0-9]*$', maxLength: FIELD_NAME_MAX };
const FILE = { type: 'string', pattern: '^[a-z][a-z0-9-]*$', maxLength: SCHEMA_FILE_MAX, description: 'schema file the item lives in, e.g. "todos"' };

const fieldSchema: JsonSchema = {
  type: 'object',
  required: ['name', 'type'],
  additionalProperties: false,
  properties: {
    name: FIELD_NAME,
    type: { type: 'string', description: `one of ${SCALAR_TYPES.join(', ')}, an enum name, or a model name for a relation` },
    description: { type: 'string' },
    optional: { type: 'boolean' },
    list: { type: 'boolean', description: 'a list of related records (the side without a foreign key)' },
    id: { type: 'boolean', description: 'this field is the primary key' },
    unique: { type: 'boolean' },
    default: {
      type: 'object',
      required: ['kind'],
      additionalProperties: false,
      properties: {
        kind: { type: 'string', enum: ['autoincrement', 'uuid', 'cuid', 'now', 'value'] },
        value: { type: ['string', 'number', 'boolean'], description: 'only with kind "value"' },
      },
    },
    updatedAt: { type: 'boolean', description: 'set automatically on every update (DateTime only)' },
    secret: { type: 'boolean', description: 'never sent to clients: password hashes, tokens' },
    relation: {
      type: 'object',
      description: 'only on the side holding the foreign key',
      required: ['fields', 'references'],
      additionalProperties: false,
      properties: {
        fields: { type: 'array', items: FIELD_NAME, minItems: 1, description: 'foreign key fields of this model' },
        references: { type: 'array', items: FIELD_NAME, minItems: 1, description: 'key fields of the related model' },
        onDelete: { type: 'string', enum: ['Cascade', 'Restrict', 'SetNull', 'NoAction'] },
        name: { type: 'string', maxLength: RELATION_NAME_MAX, description: 'needed when two relations join the same models' },
      },
    },
  },
};

export const DATABASE_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['enums', 'models'],
  additionalProperties: false,
  properties: {
    enums: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'file', 'values'],
        additionalProperties: false,
        properties: {
          name: ENUM_NAME,
          description: { type: 'string' },
          file: FILE,
          values: { type: 'array', items: { type: 'string', maxLength: ENUM_VALUE_MAX }, minItems: 1 },
        },
      },
    },
    models: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['name', 'description', 'file', 'fields'],
        additionalProperties: false,
        properties: {
          name: MODEL_NAME,
          description: { type: 'string', minLength: 1 },
          file: FILE,
          fields: { type: 'array', items: fieldSchema, minItems: 1 },
          id: { type: 'array', items: FIELD_NAME, description: 'composite primary key; leave out when one field has "id": true' },
          uniques: { type: 'array', items: { type: 'array', items: FIELD_NAME, minItems: 1 } },
          indexes: { type: 'array', items: { type: 'array', items: FIELD_NAME, minItems: 1 } },
          deletion: {
            type: 'object',
            required: ['mode'],
            additionalProperties: false,
            description:
              'what deleting a record means: "hard" (the row goes), "soft" (marked, gone for everyone), "archive" (marked, hidden from its owners and the public, still visible to staff: kept for history). ' +
              '"column" is the optional DateTime field that marks it, e.g. "deletedAt" or "withdrawnAt". Leave "deletion" out for hard deletes.',
            properties: {
              mode: { type: 'string', enum: ['hard', 'soft', 'archive'] },
              column: FIELD_NAME,
              visibleTo: { type: 'array', items: { type: 'string' }, minItems: 1, description: 'archive only: the actors who still see archived records (e.g. ["receptionist", "doctor"])' },
            },
          },
        },
      },
    },
  },
};
