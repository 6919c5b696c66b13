import type { DatabaseId } from '../../../config/settings';
import { databaseFlags, template } from '../printer/templates';

/**
 * `Dockerfile`, `compose.yaml` and `.dockerignore`: the backend as a container, with PostgreSQL beside it
 * when the project's database is PostgreSQL, or its SQLite file on a volume. Written from Docker's and
 * PostgreSQL's documented images; no Docker runs on the machines Strata is tested on, so these files are
 * not exercised there (the README says so).
 */
/** `signsIn`: some actor has an account, so the compose file asks for JWT_SECRET. */
export function renderDeployFiles(databaseId: DatabaseId, signsIn: boolean): Map<string, string> {
  const flags = databaseFlags(databaseId);
  return new Map([
    ['Dockerfile', template('Dockerfile', flags)],
    ['compose.yaml', template('compose.yaml', { ...flags, signsIn })],
    ['.dockerignore', template('.dockerignore')],
  ]);
}
