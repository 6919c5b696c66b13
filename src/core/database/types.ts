/**
 * The Database phase's artifact: a Prisma data model as data. It can carry what real Prisma schemas use
 * (enums, composite and autoincrement keys, Decimal/Json/Bytes, implicit many-to-many, self-relations,
 * many files), even where the model is offered a narrower subset (see `schema.ts`).
 */
// The scalar column types and what follows from each: src/core/scalars.ts.

export type ReferentialAction = 'Cascade' | 'Restrict' | 'SetNull' | 'NoAction' | 'SetDefault';

export type FieldDefault =
  | { kind: 'autoincrement' }
  | { kind: 'uuid' }
  | { kind: 'cuid' }
  | { kind: 'now' }
  | { kind: 'value'; value: string | number | boolean };

export interface DbRelation {
  /** Scalar fields of this model holding the key (e.g. `["authorId"]`). */
  fields: string[];
  /** Fields of the related model they point at (its id or a unique field). */
  references: string[];
  onDelete?: ReferentialAction;
  /** Needed only when two relations join the same pair of models. */
  name?: string;
}

export interface DbField {
  name: string;
  /** A scalar type, an enum name, or a model name (a relation field). */
  type: string;
  description?: string;
  optional?: boolean;
  list?: boolean;
  id?: boolean;
  unique?: boolean;
  default?: FieldDefault;
  updatedAt?: boolean;
  /** On the side of a relation that holds the foreign key. */
  relation?: DbRelation;
  /** On the opposite side of a named relation (the one without the foreign key). */
  relationName?: string;
  /** Never leaves the server: password hashes, tokens. The Interface phase refuses it in responses. */
  secret?: boolean;
}

/**
 * What deleting a record means: `hard` (the row goes), `soft` (a timestamp marks it; gone for everyone),
 * `archive` (a timestamp marks it; hidden from those who see only their own or public records, kept and
 * readable for staff who reach all records: a withdrawn slot, a cancelled event).
 */
export const DELETION_MODES = ['hard', 'soft', 'archive'] as const;
export type DeletionMode = (typeof DELETION_MODES)[number];

export interface DbModel {
  name: string;
  description: string;
  /** Schema file (stem) the model lives in: `prisma/schema/<file>.prisma`. */
  file: string;
  fields: DbField[];
  /** Composite primary key (`@@id`); a single-field key uses `DbField.id`. */
  id?: string[];
  uniques?: string[][];
  indexes?: string[][];
  /**
   * What deleting a record means; `column` (an optional DateTime) marks soft-deleted or archived rows;
   * `visibleTo` (archive) names the actors who still see archived rows. Default: soft with `deletedAt`
   * when the model has one, else hard.
   */
  deletion?: { mode: DeletionMode; column?: string; visibleTo?: string[] };
}

export interface DbEnum {
  name: string;
  description?: string;
  file: string;
  values: string[];
}

export interface DatabaseArtifact {
  enums: DbEnum[];
  models: DbModel[];
}
