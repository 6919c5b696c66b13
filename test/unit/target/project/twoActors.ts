import type { DatabaseArtifact } from '../../../../src/core/database/types';
import type { InterfaceArtifact } from '../../../../src/core/interface/types';
import { todoArtifact } from '../../../fixtures/todo/databaseArtifact';
import { scriptedApi } from '../../../fixtures/todo/fixtures';

/**
 * The todo app plus staff accounts: an `admin` actor with a uuid id, a username, two more required
 * columns to sign up with, and its own route prefix.
 */
function twoActors(): { database: DatabaseArtifact; api: InterfaceArtifact } {
  const database = todoArtifact();
  database.models.push({
    name: 'StaffMember',
    description: 'Someone running the service.',
    file: 'staff',
    fields: [
      { name: 'id', type: 'String', id: true, default: { kind: 'uuid' } },
      { name: 'username', type: 'String', unique: true },
      { name: 'secret', type: 'String', secret: true },
      { name: 'displayName', type: 'String', unique: true },
      { name: 'level', type: 'Int' },
      { name: 'createdAt', type: 'DateTime', default: { kind: 'now' } },
    ],
  });
  const api = scriptedApi();
  api.authentication.push({ actor: 'admin', model: 'StaffMember', identifier: 'username', password: 'secret', path: '/staff/auth/' });
  return { database, api };
}

export const TWO_ACTORS = twoActors();
