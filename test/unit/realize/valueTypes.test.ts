import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_SETTINGS } from '../../../src/core/config/settings';
import type { DatabaseArtifact } from '../../../src/core/database/types';
import type { InterfaceArtifact } from '../../../src/core/interface/types';
import { generateBackend } from '../../../src/core/backend/generate';
import { realizePrompt } from '../../../src/core/realize/prompt';
import { MemoryProjectFiles } from '../../../src/core/project/projectFiles';
import { fixturePath, ScriptedModel } from '../../fakes/scriptedModel';
import { TIMESHEET_REQUIREMENTS, TIMESHEET_SCRIPTED, timesheetAnswer, timesheetApi } from '../../fixtures/timesheet/fixtures';

const settings = { ...DEFAULT_SETTINGS, model: 'scripted', retryBudget: 0 };
const requirements = readFileSync(TIMESHEET_REQUIREMENTS, 'utf8');

type RealizeAnswer = { helpers: string; operations: { id: string; body: string }[] };

/** The timesheet answers, with the Realize answer changed by `edit`. */
function withRealize(edit: (answer: RealizeAnswer) => void): ScriptedModel {
  return new ScriptedModel((agent, target) => {
    if (agent !== 'realize') return JSON.parse(readFileSync(fixturePath(TIMESHEET_SCRIPTED, agent, target), 'utf8'));
    const answer = timesheetAnswer<RealizeAnswer>('realize', 'module_entries.json');
    edit(answer);
    return answer;
  });
}

describe('realize: dates, decimals and durations through the whole pipeline (timesheet fixture, in memory)', () => {
  it('every phase accepts them first time, and the service code type-checks against the rendered collectors and transformers', async () => {
    const target = new MemoryProjectFiles();
    const summary = await generateBackend({ requirements, target, provider: new ScriptedModel(TIMESHEET_SCRIPTED), settings });
    assert.equal(summary.outcome, 'succeeded', JSON.stringify(summary.issues));
    assert.deepEqual(summary.phases.map((phase) => phase.attempts), summary.phases.map((phase) => phase.calls), 'one attempt per call');
    assert.deepEqual(summary.diagnostics, []);
    const text = (path: string) => target.files.get(path) ?? '';
    const collectors = text('src/entries/entries.collectors.ts');
    assert.match(collectors, / {4}workedOn: new Date\(`\$\{body\.workedOn\}T00:00:00\.000Z`\),\n {4}durationMinutes: body\.durationMinutes,\n {4}amount: new Prisma\.Decimal\(body\.amount\),/);
    const transformers = text('src/entries/entries.transformers.ts');
    assert.match(transformers, / {4}workedOn: row\.workedOn\.toISOString\(\)\.slice\(0, 10\),\n {4}durationMinutes: row\.durationMinutes,\n {4}amount: row\.amount\.toFixed\(2\),/);
    assert.ok(target.files.has('src/common/values.ts'));
  });

  it('a body answering the Decimal column where the DTO promises text is a type error, as tsc would report it', async () => {
    const target = new MemoryProjectFiles();
    const provider = withRealize((answer) => {
      answer.operations[2]!.body = answer.operations[2]!.body.replace('return toEntry(row);', 'return { ...toEntry(row), amount: row.amount };');
    });
    const summary = await generateBackend({ requirements, target, provider, settings });
    const errors = summary.diagnostics.filter((issue) => issue.severity === 'error');
    assert.ok(errors.length > 0, 'a Decimal is not a string');
    assert.ok(errors.every((issue) => /Decimal/.test(issue.message) && /string/.test(issue.message)), JSON.stringify(errors));
  });

  it('a Decimal filter takes a Prisma.Decimal and refuses a boolean, as the types of Prisma itself do', async () => {
    // Prisma's Decimal filters take text: comparing with the request's decimal text needs no float.
    const provider = withRealize((answer) => {
      answer.operations[1]!.body = answer.operations[1]!.body.replace('workedOn: {', "amount: { gte: new Prisma.Decimal('0.00') }, workedOn: {");
    });
    const summary = await generateBackend({ requirements, target: new MemoryProjectFiles(), provider, settings });
    assert.deepEqual(summary.diagnostics, []);
    const wrong = withRealize((answer) => {
      answer.operations[1]!.body = answer.operations[1]!.body.replace('workedOn: {', 'amount: { gte: true }, workedOn: {');
    });
    const refused = await generateBackend({ requirements, target: new MemoryProjectFiles(), provider: wrong, settings });
    assert.ok(refused.diagnostics.some((issue) => issue.severity === 'error'), 'a boolean is no Decimal filter');
  });

  it('the Realize prompt says how a body handles dates and decimals, only to modules that have them', () => {
    const api = timesheetApi();
    const database = timesheetAnswer<DatabaseArtifact>('database', 'data_model.json');
    const prompt = (artifact: InterfaceArtifact) => realizePrompt({ module: 'entries', api: artifact, database, files: new Map(), skeleton: 'export class EntriesService {}' });
    const full = prompt(api);
    assert.match(full, /^A "date" property is "YYYY-MM-DD" text; its DateTime column holds that day at midnight UTC/m);
    assert.match(full, /^A "decimal" property is text \("12\.50"\) and its column a Prisma\.Decimal: compute with Decimal methods/m);
    const plain: InterfaceArtifact = JSON.parse(JSON.stringify(api));
    for (const dto of plain.dtos) dto.properties = dto.properties.filter((property) => property.type !== 'decimal');
    assert.doesNotMatch(prompt(plain), /"decimal" property/);
    assert.match(prompt(plain), /"date" property/);
  });
});
