import type { DatabaseId } from '../config/settings';
import type { ProjectFiles } from '../project/projectFiles';

/**
 * What a run that writes the data model needs of the target: the migration files that take the project's
 * database from the schema on disk to the one the run writes. A project without migrations gets its
 * baseline; one whose schema does not change, none. Migrations are history: added, never rewritten.
 */
export interface MigrationTarget {
  migrationFiles(project: ProjectFiles, rendered: ReadonlyMap<string, string>, database: DatabaseId, step: { label: string; now: Date }): Promise<Map<string, string>>;
}
