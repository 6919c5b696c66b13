import * as assert from 'node:assert/strict';
import { renderInterfaceFiles } from '../../../../src/core/target/nest-prisma/api/files';
import { renderRealizeBase } from '../../../../src/core/target/nest-prisma/backendFiles';
import { renderService } from '../../../../src/core/target/nest-prisma/module/service';
import { BackendTypeChecker } from '../../../../src/core/target/nest-prisma/typecheck/checkBackend';
import { rolesApp } from '../project/rolesApp';

/**
 * The roles app rendered whole, as Realize checks it: staff made by staff (an async collector hashing a
 * password), an operation two actors share (`caller`), role-checking guards, the accounts module and the
 * create-account script all type-check, with no issue outside the service bodies.
 */
function rolesBackend(bodies: Record<string, string>): Map<string, string> {
  const { database, api } = rolesApp();
  api.dtos.push({
    name: 'CreateDoctorBody',
    kind: 'body',
    description: 'A new doctor and the password they are given.',
    model: 'Account',
    properties: [
      { name: 'email', type: 'string', column: 'email', format: 'email', maxLength: 254 },
      { name: 'name', type: 'string', column: 'name', maxLength: 100 },
      { name: 'password', type: 'string', column: 'passwordHash', format: 'password' },
    ],
  });
  api.operations.push({ id: 'createDoctor', module: 'staff', section: 'staff', summary: 'Receptionists add doctors.', method: 'POST', path: '/staff/doctors', actor: 'receptionist', model: 'Account', params: [], body: 'CreateDoctorBody', response: 'Colleague', status: 201, errors: [] });
  const files = new Map([...renderInterfaceFiles(api, database), ...renderRealizeBase({ database, api, databaseId: 'sqlite' })]);
  const service = renderService(api, database, { name: 'staff', helpers: '', operations: Object.entries(bodies).map(([id, body]) => ({ id, body })) });
  files.set(service.path, service.content);
  return files;
}

const GOOD = {
  listStaff: "const rows = await this.prisma.account.findMany({ where: { role: { in: ['DOCTOR', 'RECEPTIONIST'] }, ...(caller.actor === 'doctor' ? { active: true } : {}) }, select: colleagueSelect });\nreturn rows.map(toColleague);",
  getMe: "const row = await this.prisma.account.findUnique({ where: { id: patient.id }, select: colleagueSelect });\nif (!row) throw new NotFoundException('No such account');\nreturn toColleague(row);",
  createDoctor: "const row = await this.prisma.account.create({ data: { ...(await collectCreateDoctor(body)), role: 'DOCTOR' }, select: colleagueSelect });\nreturn toColleague(row);",
};

describe('realize: a backend with roles, staff-made accounts and shared operations type-checks', function () {
  this.timeout(60_000);

  it('has no issue anywhere in src/: guards, sessions, accounts, the create-account script, the async collector', () => {
    const files = rolesBackend(GOOD);
    for (const path of ['src/auth/accounts.ts', 'src/scripts/create-account.ts', 'src/auth/guards.ts', 'src/staff/staff.collectors.ts']) assert.ok(files.has(path), path);
    assert.match(files.get('src/staff/staff.collectors.ts')!, /export async function collectCreateDoctor\(body: CreateDoctorBody\): Promise<\{[^]*passwordHash: await hashPassword\(body\.password\)/);
    assert.match(files.get('src/staff/staff.controller.ts')!, /@UseGuards\(DoctorOrReceptionistGuard\)\n {2}listStaff\(@CurrentCaller\(\) caller: DoctorSession \| ReceptionistSession\)/);
    const issues = new BackendTypeChecker(rolesApp().database, { provider: 'sqlite' }).check(files);
    assert.deepEqual(issues.map((issue) => `${issue.file}:${(issue.range?.start.line ?? 0) + 1} ${issue.message}`), []);
  });

  it('catches a body that forgets the await of a hashing collector, or reads a session field a shared caller may lack', () => {
    const checker = new BackendTypeChecker(rolesApp().database, { provider: 'sqlite' });
    const only = (path: string) => path === 'src/staff/staff.service.ts';
    const noAwait = checker.check(rolesBackend({ ...GOOD, createDoctor: GOOD.createDoctor.replace('(await collectCreateDoctor(body))', 'collectCreateDoctor(body)') }), only);
    assert.ok(noAwait.length > 0);
    const patientOnly = checker.check(rolesBackend({ ...GOOD, listStaff: "if (caller.actor === 'patient') throw new NotFoundException();\n" + GOOD.listStaff }), only);
    assert.ok(patientOnly.length > 0, 'a patient is not among the callers of listStaff');
  });
});
