import * as assert from 'node:assert/strict';
import type { DatabaseArtifact } from '../../../src/core/database/types';
import type { DtoProperty, InterfaceArtifact } from '../../../src/core/interface/types';
import { invalidRequests } from '../../../src/core/target/nest-prisma/tests/invalid';
import { renderTests } from '../../../src/core/target/nest-prisma/tests/tests';
import type { TestArtifact } from '../../../src/core/scenarios/types';
import { validateScenarios } from '../../../src/core/scenarios/validate';
import { timesheetAnswer, timesheetApi, timesheetScenarios } from '../../fixtures/timesheet/fixtures';

const api = (): InterfaceArtifact => timesheetApi();
const database = (): DatabaseArtifact => timesheetAnswer('database', 'data_model.json');
const scenarios = (): TestArtifact => timesheetScenarios('entries');

/** The timesheet scenarios with one change, and the issues they then have, as [path, message]. */
function issuesAfter(change: (artifact: TestArtifact) => void): [string, string][] {
  const artifact = scenarios();
  change(artifact);
  return validateScenarios(artifact, { api: api(), database: database(), module: 'entries' }).map((issue) => [issue.path!, issue.message]);
}

/** Scenarios of the fixture by title (one answer per operation, merged in the API's order). */
const titled = (start: string): number => scenarios().scenarios.findIndex((scenario) => scenario.title.startsWith(start));
const CREATE = titled('adds an entry');
const CREATE_CENTS = titled('answers an amount with both its cents');
const GET = titled('reads one of the caller');
const LIST = titled('lists the entries between two days');
const at = (index: number, rest: string): string => `$.scenarios[${index}].${rest}`;
const body = (artifact: TestArtifact, index: number) => artifact.scenarios[index]!.request.body as Record<string, unknown>;
const expected = (artifact: TestArtifact, index: number) => artifact.scenarios[index]!.expect.body as Record<string, unknown>;

describe('test phase: dates, decimals and durations in scenarios', () => {
  it('the timesheet scenarios are valid: $today dates, decimals as text, durations as integers', () => {
    assert.deepEqual(issuesAfter(() => undefined), []);
  });

  it('a date takes "$today" with whole days or YYYY-MM-DD; an instant or a day that does not exist is refused at its path', () => {
    const found = issuesAfter((artifact) => {
      body(artifact, CREATE).workedOn = '$now+1d';
      body(artifact, CREATE_CENTS).workedOn = '2030-02-30';
      artifact.scenarios[GET]!.given[0]!.body!.workedOn = '$today+2h';
      (artifact.scenarios[LIST]!.request.query as Record<string, unknown>).from = '2030-01-15T09:00:00.000Z';
    });
    const messages = new Map(found);
    assert.deepEqual([...messages.keys()].sort(), [at(CREATE, 'request.body.workedOn'), at(CREATE_CENTS, 'request.body.workedOn'), at(GET, 'given[0].body.workedOn'), at(LIST, 'request.query.from')].sort());
    assert.match(messages.get(at(CREATE, 'request.body.workedOn'))!, /^"\$now\+1d" is an instant, but workedOn is a calendar date: write "\$today" with whole days/);
    assert.match(messages.get(at(CREATE_CENTS, 'request.body.workedOn'))!, /^workedOn must be date: "\$today", "\$today\+21d" .* or "YYYY-MM-DD"; found "2030-02-30"/);
    assert.match(messages.get(at(GET, 'given[0].body.workedOn'))!, /"\$today" plus or minus whole days/);
  });

  it('a decimal is sent as text within its scale and bounds, and expected with exactly its scale', () => {
    const found = issuesAfter((artifact) => {
      body(artifact, CREATE).amount = '12.345';
      body(artifact, CREATE_CENTS).amount = 12.5;
      artifact.scenarios[GET]!.given[0]!.body!.amount = '-1.00';
      expected(artifact, CREATE_CENTS).amount = '12.5';
      expected(artifact, GET).amount = 0.1;
    });
    const messages = new Map(found);
    assert.deepEqual(
      [...messages.keys()].sort(),
      [at(CREATE, 'request.body.amount'), at(CREATE_CENTS, 'expect.body.amount'), at(CREATE_CENTS, 'request.body.amount'), at(GET, 'expect.body.amount'), at(GET, 'given[0].body.amount')].sort(),
    );
    assert.match(messages.get(at(CREATE, 'request.body.amount'))!, /^amount must be decimal as a string with up to 2 digits after the point, e\.g\. "12\.50"/);
    assert.match(messages.get(at(CREATE_CENTS, 'expect.body.amount'))!, /^amount is answered with exactly 2 digits after the point: expect "12\.50"$/);
    assert.match(messages.get(at(GET, 'expect.body.amount'))!, /exactly 2 digits after the point; found 0\.1$/);
  });

  it('a duration is a whole number within its bounds', () => {
    const found = issuesAfter((artifact) => {
      body(artifact, CREATE).durationMinutes = 1.5;
      body(artifact, CREATE_CENTS).durationMinutes = 1441;
      artifact.scenarios[GET]!.given[0]!.body!.durationMinutes = '90';
    });
    assert.deepEqual(found.map(([path]) => path).sort(), [at(CREATE, 'request.body.durationMinutes'), at(CREATE_CENTS, 'request.body.durationMinutes'), at(GET, 'given[0].body.durationMinutes')].sort());
    assert.match(new Map(found).get(at(CREATE, 'request.body.durationMinutes'))!, /durationMinutes must be duration: whole minutes, 0 or more, 1\.\.1440/);
  });

  it('renders "$today" as today(offset) from the test clock, and the support file defines it', () => {
    const files = renderTests(scenarios(), api(), database());
    const entries = files.get('test/entries.e2e.test.ts')!;
    assert.match(entries, /^import \{ now, today \} from '\.\/support\/clock\.js';$/m);
    assert.match(entries, /body: \{ workedOn: today\('\+1d'\), durationMinutes: 90, amount: '1234567890\.05', note: 'Design review' \}/);
    assert.match(entries, /query: \{ from: today\(\), to: today\('\+2d'\) \}/);
    assert.match(files.get('test/support/clock.ts')!, /export function today\(offset = ''\): string \{\n.*\n {2}return now\(offset\)\.slice\(0, 10\);\n\}/);
  });

  it('the generated 400s send February 30th, a digit past the scale, a duration below its minimum; queries a bad day', () => {
    const dtos = new Map(api().dtos.map((dto) => [dto.name, dto]));
    const [create] = invalidRequests(api().operations[0]!, dtos);
    assert.deepEqual(create!.value, { durationMinutes: 1.5, workedOn: '2030-02-30', amount: '1.005', note: 'x'.repeat(201), unexpectedField: true });
    assert.deepEqual(create!.mentions, ['durationMinutes', 'workedOn must be a calendar date YYYY-MM-DD', 'amount must be a', 'note must be shorter than or equal to 200 characters', 'property unexpectedField should not exist']);
    // Bounds are business rules too: one step past each bound of a decimal or a duration, the maximum first.
    const [, bounds] = invalidRequests(api().operations[0]!, dtos);
    assert.equal(bounds!.title, '400 when durationMinutes is above 1440 and amount is below 0');
    assert.deepEqual(bounds!.value, { durationMinutes: 1441, amount: '-0.01' });
    assert.deepEqual(bounds!.mentions, ['durationMinutes must not be greater than 1440', 'amount must be a']);
    const priced = (bound: Partial<DtoProperty>) => {
      const dto = { name: 'Priced', kind: 'body' as const, description: 'd', properties: [{ name: 'price', type: 'decimal' as const, ...bound }] };
      return invalidRequests({ ...api().operations[0]!, body: 'Priced' }, new Map([['Priced', dto]]))[1]?.value.price;
    };
    assert.equal(priced({ scale: 2, maximum: 999.99 }), '1000.00');
    assert.equal(priced({ scale: 3, minimum: -0.5 }), '-0.501');
    assert.equal(priced({ scale: 0, minimum: 10 }), '9');
    assert.equal(priced({ scale: 2, minimum: 0.01 }), '0.00');
    assert.equal(priced({ scale: 2 }), undefined);
    const [list] = invalidRequests(api().operations[1]!, dtos);
    assert.deepEqual(list!.value, { from: '2030-02-30', unexpectedField: 'x' });

    // A body whose only required property is a decimal sends it as a JSON number: the type fault.
    const onlyAmount = { ...dtos.get('CreateEntryBody')!, properties: dtos.get('CreateEntryBody')!.properties.filter((property) => property.name === 'amount') };
    const [amount] = invalidRequests({ ...api().operations[0]!, body: 'OnlyAmount' }, new Map([['OnlyAmount', { ...onlyAmount, name: 'OnlyAmount' }]]));
    assert.deepEqual(amount!.value, { amount: 12.5, unexpectedField: true });
    // A duration that is not the wrong-type target goes below its minimum.
    const durations = { ...onlyAmount, name: 'Durations', properties: [{ name: 'note', type: 'string' as const }, { name: 'breakMinutes', type: 'duration' as const }] };
    const [duration] = invalidRequests({ ...api().operations[0]!, body: 'Durations' }, new Map([['Durations', durations]]));
    assert.deepEqual(duration!.value, { note: 12345, breakMinutes: -1, unexpectedField: true });
    assert.ok(duration!.mentions.includes('breakMinutes must not be less than 0'));
  });

  it('the generated 400s send text a column refuses by its form: not an integer for a BigInt, not base64 for Bytes', () => {
    const data: DatabaseArtifact = {
      enums: [],
      models: [
        {
          name: 'Upload',
          description: 'A file',
          file: 'uploads',
          fields: [
            { name: 'id', type: 'Int', id: true, default: { kind: 'autoincrement' } },
            { name: 'size', type: 'BigInt' },
            { name: 'content', type: 'Bytes' },
            { name: 'label', type: 'String' },
          ],
        },
      ],
    };
    const upload = (columns: string[]) => ({
      name: 'CreateUploadBody',
      kind: 'body' as const,
      description: 'd',
      model: 'Upload',
      properties: columns.map((column) => ({ name: column, type: 'string' as const, column })),
    });
    const sent = (columns: string[], database?: DatabaseArtifact) =>
      invalidRequests({ ...api().operations[0]!, body: 'CreateUploadBody' }, new Map([['CreateUploadBody', upload(columns)]]), database)[0]!;
    // The label takes the wrong type; the size, text its pattern refuses.
    assert.deepEqual(sent(['label', 'size'], data).value, { label: 12345, size: '12.5', unexpectedField: true });
    assert.match(sent(['label', 'size'], data).title, /size is not an integer/);
    assert.deepEqual(sent(['label', 'content'], data).value, { label: 12345, content: 'not base64!', unexpectedField: true });
    // Without the data model nothing says the text has a form.
    assert.deepEqual(sent(['label', 'size']).value, { label: 12345, unexpectedField: true });
  });
});
