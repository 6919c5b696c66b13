import * as assert from 'node:assert/strict';
import { deletionOf, deletionRule } from '../../../src/core/database/deletion';
import { describeDataModel } from '../../../src/core/database/describe';
import type { DatabaseArtifact, DbModel } from '../../../src/core/database/types';
import { validateDatabase } from '../../../src/core/database/validate';
import type { InterfaceArtifact } from '../../../src/core/interface/types';
import { renderTests } from '../../../src/core/target/nest-prisma/tests/tests';
import type { TestArtifact } from '../../../src/core/scenarios/types';
import { rolesApp } from '../target/project/rolesApp';

/** The roles app plus slots that doctors withdraw: archived, still seen by doctors and receptionists, hidden from patients. */
function withSlots(deletion: DbModel['deletion']): { database: DatabaseArtifact; api: InterfaceArtifact } {
  const { database, api } = rolesApp();
  database.models.push({
    name: 'Slot',
    description: 'A time a doctor can be booked.',
    file: 'slots',
    deletion,
    fields: [
      { name: 'id', type: 'Int', id: true, default: { kind: 'autoincrement' } },
      { name: 'startsAt', type: 'DateTime' },
      { name: 'withdrawnAt', type: 'DateTime', optional: true },
      { name: 'doctorId', type: 'Int' },
      { name: 'doctor', type: 'Account', relation: { fields: ['doctorId'], references: ['id'] } },
    ],
  });
  database.models[0]!.fields.push({ name: 'slots', type: 'Slot', list: true });
  api.dtos.push(
    { name: 'CreateSlotBody', kind: 'body', description: 'A new slot.', model: 'Slot', properties: [{ name: 'startsAt', type: 'date-time', column: 'startsAt' }] },
    { name: 'SlotView', kind: 'response', description: 'A slot.', model: 'Slot', properties: [{ name: 'id', type: 'integer', column: 'id' }, { name: 'startsAt', type: 'date-time', column: 'startsAt' }] },
  );
  const base = { module: 'slots', section: 'slots', model: 'Slot', errors: [{ status: 404 as const, description: 'No such slot.' }] };
  const id = [{ name: 'id', type: 'integer' as const, column: 'id' }];
  api.operations.push(
    { ...base, id: 'createSlot', summary: 'Publishes a slot.', method: 'POST', path: '/slots', actor: 'doctor', params: [], body: 'CreateSlotBody', response: 'SlotView', status: 201, errors: [] },
    { ...base, id: 'getSlot', summary: 'Reads a slot.', method: 'GET', path: '/slots/{id}', actor: 'patient', scope: 'all', alsoAllowed: [{ actor: 'receptionist', scope: 'all' }], params: id, response: 'SlotView', status: 200 },
    { ...base, id: 'withdrawSlot', summary: 'Withdraws a slot.', method: 'DELETE', path: '/slots/{id}', actor: 'doctor', scope: 'own', params: id, status: 204 },
  );
  return { database, api };
}

const ARCHIVE: DbModel['deletion'] = { mode: 'archive', column: 'withdrawnAt', visibleTo: ['doctor', 'receptionist'] };

describe('deletion semantics per model', () => {
  it('the data-model listing every prompt reads says who still sees archived records', () => {
    const { database } = withSlots(ARCHIVE);
    assert.match(describeDataModel(database), /^- Slot \(A time a doctor can be booked\.\) \{archived by withdrawnAt, still seen by doctor and receptionist\}: /m);
    assert.match(describeDataModel(withSlots({ mode: 'soft', column: 'withdrawnAt' }).database), /^- Slot \(A time a doctor can be booked\.\) \{soft-deleted by withdrawnAt\}: /m);
  });

  it('declared, or soft by a deletedAt column, else hard', () => {
    const model = (fields: string[], deletion?: DbModel['deletion']): DbModel => ({ name: 'M', description: '', file: 'm', deletion, fields: fields.map((name) => ({ name, type: 'DateTime', optional: true })) });
    assert.deepEqual(deletionOf(model(['deletedAt'])), { mode: 'soft', column: 'deletedAt', visibleTo: [] });
    assert.deepEqual(deletionOf(model(['at'])), { mode: 'hard', visibleTo: [] });
    assert.deepEqual(deletionOf(model(['deletedAt'], { mode: 'hard' })), { mode: 'hard', column: undefined, visibleTo: [] });
    assert.deepEqual(deletionOf(model(['withdrawnAt'], ARCHIVE)), { mode: 'archive', column: 'withdrawnAt', visibleTo: ['doctor', 'receptionist'] });
    assert.match(deletionRule(model(['withdrawnAt'], ARCHIVE))!, /M: archived, kept for history\. Set withdrawnAt \(this\.clock\.now\(\)\) instead of deleting\. doctor and receptionist still see archived ones[^]*for everyone else an archived one does not exist \(404; filter withdrawnAt: null\)/);
    assert.equal(deletionRule(model(['at'])), undefined);
  });

  it('the mark is an optional DateTime of the model, and archives name actors that exist', () => {
    const paths = (deletion: DbModel['deletion'], actors?: string[]) => validateDatabase(withSlots(deletion).database, 'sqlite', actors).filter((issue) => issue.severity === 'error').map((issue) => issue.path);
    assert.deepEqual(paths(ARCHIVE, ['patient', 'doctor', 'receptionist']), []);
    assert.deepEqual(paths({ mode: 'archive', column: 'startsAt' }), ['$.models[1].deletion.column']);
    assert.deepEqual(paths({ mode: 'soft', column: 'gone' }), ['$.models[1].deletion.column']);
    assert.deepEqual(paths({ mode: 'soft' }), ['$.models[1].deletion.column']);
    assert.deepEqual(paths({ mode: 'hard', column: 'withdrawnAt' }), ['$.models[1].deletion.column']);
    assert.deepEqual(paths({ mode: 'soft', column: 'withdrawnAt', visibleTo: ['doctor'] }), ['$.models[1].deletion.visibleTo']);
    assert.deepEqual(paths(ARCHIVE, ['patient', 'doctor']), ['$.models[1].deletion.visibleTo[1]']);
  });

  it('an archived record is tested as kept for those who see archives and gone for the rest, not as gone for all', () => {
    const scenarios: TestArtifact = {
      scenarios: [
        { operation: 'createSlot', title: 'publishes a slot', given: [], request: { body: { startsAt: '$now+1d' } }, expect: { status: 201 } },
        { operation: 'getSlot', title: 'reads a slot', given: [{ name: 'slot', operation: 'createSlot', as: 'doctor', body: { startsAt: '$now+1d' } }], request: { params: { id: '$slot.id' } }, expect: { status: 200 } },
        { operation: 'withdrawSlot', title: 'withdraws a slot', given: [{ name: 'slot', operation: 'createSlot', body: { startsAt: '$now+1d' } }], request: { params: { id: '$slot.id' } }, expect: { status: 204 } },
      ],
    };
    const archived = withSlots(ARCHIVE);
    const slots = renderTests(scenarios, archived.api, archived.database).get('test/slots.e2e.test.ts')!;
    const test = /it\('an archived slot is kept for history: a receptionist still reads it, a patient gets 404'[^]*?\n {2}\}\);/.exec(slots)?.[0];
    assert.ok(test, slots);
    assert.match(test, /const archived = await call\('DELETE', `\/slots\/\$\{slot\.body\.id\}`, \{ token: session\.token \}\);\n {4}expectStatus\(archived, 204\);/);
    assert.match(test, /const receptionist = await newSession\('receptionist'\);\n {4}const asReceptionist = await call\('GET', `\/slots\/\$\{slot\.body\.id\}`, \{ token: receptionist\.token \}\);\n {4}expectStatus\(asReceptionist, 200\);/);
    assert.match(test, /const patient = await newSession\('patient'\);\n {4}const asPatient = await call\('GET', `\/slots\/\$\{slot\.body\.id\}`, \{ token: patient\.token \}\);\n {4}expectStatus\(asPatient, 404\);/);
    assert.doesNotMatch(slots, /a deleted slot is gone/);
    // Deleted for real, the same operation is tested as gone.
    const hard = withSlots(undefined);
    assert.match(renderTests(scenarios, hard.api, hard.database).get('test/slots.e2e.test.ts')!, /a deleted slot is gone: 404 on a second DELETE/);
  });
});
