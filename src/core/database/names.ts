import type { DbModel } from './types';

/**
 * How long the names of a data model may be, and the database names Prisma derives from them.
 *
 * PostgreSQL keeps identifiers to 63 bytes (NAMEDATALEN - 1) and silently truncates longer ones.
 * Prisma names tables and columns after models and fields (no `@map` here) and derives constraint and
 * index names from them: `{Model}_pkey`, `{Model}_{fields}_key` (unique), `{Model}_{fields}_idx`,
 * `{Model}_{fields}_fkey` (fields joined by `_`), and for an implicit many-to-many relation the table
 * `_{A}To{B}` (model names in alphabetical order) with `_{A}To{B}_AB_pkey` and `_{A}To{B}_B_index`.
 * When a default constraint name would pass the provider's limit, Prisma cuts the `{Model}_{fields}`
 * part so that the name with its suffix fits (prisma-engines, psl-core `ConstraintNames`): no error, but
 * two keys alike in their first 63 bytes get one name and the second cannot be created. The limits below
 * are the longest with which no single-field name is ever cut; keys over several fields are checked
 * name by name (`constraintNames`).
 */
export const POSTGRES_IDENTIFIER_MAX = 63;

/** `_{A}To{B}_AB_pkey` with two model names of 26 characters is 63. */
export const MODEL_NAME_MAX = 26;

/** `{Model}_{field}_fkey` with a 26-character model and a 31-character field is 63. */
export const FIELD_NAME_MAX = 31;

/** Enum names are PostgreSQL type names (63 bytes) and TypeScript types; 40 keeps them readable. */
export const ENUM_NAME_MAX = 40;

/** Enum values are PostgreSQL enum labels (63 bytes) and TypeScript string literals; 40 keeps them readable. */
export const ENUM_VALUE_MAX = 40;

/** Schema files are `prisma/schema/<file>.prisma`; 40 keeps the file name short and readable. */
export const SCHEMA_FILE_MAX = 40;

/** Relation names appear only in `@relation("…")` (one-to-many relations have no table of their own); 40 for readability. */
export const RELATION_NAME_MAX = 40;

export interface ConstraintName {
  /** The name Prisma gives the key or index. */
  name: string;
  /** What it names, for messages: `the unique key [a, b]`. */
  what: string;
  /** Artifact path of what the model wrote, below the model's own path. */
  at: string;
}

/**
 * The default names of a model's multi-field keys, indexes and foreign keys (single-field ones are
 * within `POSTGRES_IDENTIFIER_MAX` by the name limits). `path` is the model's artifact path.
 */
export function constraintNames(model: DbModel, path: string): ConstraintName[] {
  const names: ConstraintName[] = [];
  const add = (fields: string[], suffix: string, what: string, at: string) => {
    if (fields.length > 1) names.push({ name: `${model.name}_${fields.join('_')}_${suffix}`, what: `${what} [${fields.join(', ')}]`, at });
  };
  (model.uniques ?? []).forEach((fields, i) => add(fields, 'key', 'the unique key', `${path}.uniques[${i}]`));
  (model.indexes ?? []).forEach((fields, i) => add(fields, 'idx', 'the index', `${path}.indexes[${i}]`));
  model.fields.forEach((field, f) => {
    if (field.relation) add(field.relation.fields, 'fkey', 'the foreign key', `${path}.fields[${f}].relation.fields`);
  });
  return names;
}
