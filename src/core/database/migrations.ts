import type { DatabaseId } from '../config/settings';
import type { ProjectFiles } from '../project/projectFiles';
import type { DatabaseArtifact } from './types';

/** A column the migration fills for existing rows, between adding it as optional and requiring it. */
export interface ColumnFill {
  model: string;
  field: string;
  /** SQL: a literal of the column's type, or an expression over the row's other columns. */
  sql: string;
}

export interface MigrationStep {
  /** Names the migration folder: `<timestamp>_<label>`. */
  label: string;
  now: Date;
  /** The data model the schema was rendered from, and the columns to fill on the way (see `ColumnFill`). */
  fills?: { artifact: DatabaseArtifact; columns: readonly ColumnFill[] };
  /** The data model Strata saved last: the migrations so far lead to its rendering. */
  earlier?: DatabaseArtifact;
}

/**
 * What a run that writes the data model needs of the target: the migration files that take the project's
 * database from the schema on disk to the one the run writes. A project without migrations gets its
 * baseline; one whose schema does not change, none. Migrations are history: added, never rewritten.
 */
export interface MigrationTarget {
  migrationFiles(project: ProjectFiles, rendered: ReadonlyMap<string, string>, database: DatabaseId, step: MigrationStep): Promise<Map<string, string>>;
}
