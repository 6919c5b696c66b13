import type { DatabaseArtifact } from '../../../../src/core/database/types';
import type { InterfaceArtifact } from '../../../../src/core/interface/types';

/**
 * A clinic in miniature: doctors and receptionists (made by staff) and patients (who sign up) share one
 * `Account` model told apart by an enum `role`, with an `active` flag; one operation is shared by
 * doctors and receptionists, one belongs to patients alone.
 */
export function rolesApp(): { database: DatabaseArtifact; api: InterfaceArtifact } {
  const database: DatabaseArtifact = {
    enums: [{ name: 'Role', file: 'accounts', values: ['PATIENT', 'DOCTOR', 'RECEPTIONIST'] }],
    models: [
      {
        name: 'Account',
        description: 'Everyone who signs in.',
        file: 'accounts',
        fields: [
          { name: 'id', type: 'Int', id: true, default: { kind: 'autoincrement' } },
          { name: 'email', type: 'String', unique: true },
          { name: 'passwordHash', type: 'String', secret: true },
          { name: 'name', type: 'String' },
          { name: 'role', type: 'Role' },
          { name: 'active', type: 'Boolean', default: { kind: 'value', value: true } },
          { name: 'managerId', type: 'Int', optional: true },
          { name: 'manager', type: 'Account', optional: true, relation: { fields: ['managerId'], references: ['id'], name: 'ManagedBy' } },
          { name: 'reports', type: 'Account', list: true, relationName: 'ManagedBy' },
        ],
      },
    ],
  };
  const spec = { model: 'Account', identifier: 'email', password: 'passwordHash', path: '/auth', active: 'active' };
  const api: InterfaceArtifact = {
    authentication: [
      { ...spec, actor: 'patient', role: { column: 'role', value: 'PATIENT' } },
      { ...spec, actor: 'doctor', role: { column: 'role', value: 'DOCTOR' }, signUp: false },
      { ...spec, actor: 'receptionist', role: { column: 'role', value: 'RECEPTIONIST' }, signUp: false },
    ],
    dtos: [
      { name: 'Colleague', kind: 'response', description: 'A member of staff.', model: 'Account', properties: [{ name: 'id', type: 'integer', column: 'id' }, { name: 'name', type: 'string', column: 'name' }] },
    ],
    operations: [
      { id: 'listStaff', module: 'staff', section: 'staff', summary: 'Lists the staff.', method: 'GET', path: '/staff', actor: 'doctor', alsoAllowed: [{ actor: 'receptionist', scope: 'all' }], model: 'Account', params: [], response: 'Colleague', responseList: true, status: 200, errors: [] },
      { id: 'getMe', module: 'staff', section: 'staff', summary: 'The caller.', method: 'GET', path: '/me', actor: 'patient', model: 'Account', params: [], response: 'Colleague', status: 200, errors: [] },
    ],
  };
  return { database, api };
}
