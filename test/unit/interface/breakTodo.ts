import type { AnalyzeArtifact } from '../../../src/core/analyze/types';
import type { DatabaseArtifact, DbModel } from '../../../src/core/database/types';
import type { Issue } from '../../../src/core/diagnostics/issue';
import type { DtoSchema, InterfaceArtifact, Operation } from '../../../src/core/interface/types';
import { validateInterface } from '../../../src/core/interface/validate';
import { todoAnalysis } from '../../fixtures/todo/analyzeArtifact';
import { todoArtifact } from '../../fixtures/todo/databaseArtifact';
import { scriptedApi } from '../../fixtures/todo/fixtures';

/** The todo fixtures, and ways to break a fresh copy of them for one rule at a time. */
export const todoApi = (): InterfaceArtifact => scriptedApi();

export interface Fixture {
  api: InterfaceArtifact;
  database: DatabaseArtifact;
  analysis: AnalyzeArtifact;
}

/** Breaks a fresh copy of the todo fixtures and returns the issues of one severity. */
export function issuesAfter(edit: (fixture: Fixture) => void, severity: Issue['severity'] = 'error'): Issue[] {
  const fixture = { api: todoApi(), database: todoArtifact(), analysis: todoAnalysis() };
  edit(fixture);
  return validateInterface(fixture.api, { analysis: fixture.analysis, database: fixture.database }).filter((issue) => issue.severity === severity);
}
export const pathsAfter = (edit: (fixture: Fixture) => void, severity?: Issue['severity']) => issuesAfter(edit, severity).map((issue) => issue.path);

/** Renames a DTO and every reference to it, so only the rule under test fires. */
export function renameDto(api: InterfaceArtifact, from: string, to: string): void {
  for (const dto of api.dtos) {
    if (dto.name === from) dto.name = to;
    for (const property of dto.properties) if (property.dto === from) property.dto = to;
  }
  for (const operation of api.operations) {
    for (const key of ['query', 'body', 'response'] as const) if (operation[key] === from) operation[key] = to;
  }
}

export const userSummary = (properties: DtoSchema['properties']): DtoSchema => ({ name: 'UserSummary', kind: 'response', description: 'An account.', model: 'User', properties });
export const getMe: Operation = { id: 'getMe', module: 'accounts', section: 'accounts', summary: 'The caller.', method: 'GET', path: '/me', actor: 'member', model: 'User', params: [], response: 'UserSummary', status: 200, errors: [] };

/** An account table of its own for an `admin` actor: id, unique email, secret password hash. */
export const adminModel = (): DbModel => ({
  name: 'Admin',
  description: 'Someone who runs the service.',
  file: 'admins',
  fields: [
    { name: 'id', type: 'Int', id: true, default: { kind: 'autoincrement' } },
    { name: 'email', type: 'String', unique: true },
    { name: 'passwordHash', type: 'String', secret: true },
  ],
});

/** The todo fixtures with an `admin` actor (Analyze) signing in with its own Admin table under `/admin/auth`. */
export function withAdmin(fixture: Fixture): void {
  fixture.analysis.actors.push({ name: 'admin', kind: 'admin', description: 'Runs the service.' });
  fixture.database.models.push(adminModel());
  fixture.api.authentication.push({ actor: 'admin', model: 'Admin', identifier: 'email', password: 'passwordHash', path: '/admin/auth' });
}
