import * as assert from 'node:assert/strict';
import * as ts from 'typescript';
import { renderOpenApi } from '../../../src/core/target/nest-prisma/api/openapi';
import { renderDtos } from '../../../src/core/target/nest-prisma/api/dtos';
import type { DtoProperty } from '../../../src/core/interface/types';
import {
  columnPropertyTypes,
  compareDecimals,
  decimalMessage,
  decimalPattern,
  durationUnit,
  isCalendarDate,
  isDecimalText,
  plainDecimal,
  withScale,
} from '../../../src/core/interface/values';
import { VALUES_SOURCE } from '../../../src/core/target/nest-prisma/project/values';
import { timesheetAnswer, timesheetApi } from '../../fixtures/timesheet/fixtures';
import type { DatabaseArtifact } from '../../../src/core/database/types';
import type { InterfaceArtifact } from '../../../src/core/interface/types';
import { type Fixture, issuesAfter, pathsAfter, renameDto } from './breakTodo';

const DAYS: [unknown, boolean][] = [
  ['2030-02-28', true],
  ['2032-02-29', true],
  ['2000-02-29', true],
  ['0099-12-31', true],
  ['9999-12-31', true],
  ['2030-02-30', false],
  ['2031-02-29', false],
  ['1900-02-29', false],
  ['2030-13-01', false],
  ['2030-00-10', false],
  ['2030-04-31', false],
  ['2030-2-3', false],
  ['2030-02-28T00:00:00Z', false],
  [' 2030-02-28', false],
  ['20300228', false],
  [20300228, false],
  [null, false],
];

const SCALE_2 = { scale: 2, precision: 12 };
const DECIMALS: [unknown, boolean][] = [
  ['12.50', true],
  ['12.5', true],
  ['12', true],
  ['0', true],
  ['0.01', true],
  ['-0.01', true],
  ['9999999999.99', true],
  ['10000000000', false],
  ['12.345', false],
  ['1e3', false],
  ['+1', false],
  ['.5', false],
  ['5.', false],
  ['012.50', false],
  ['-', false],
  ['', false],
  ['1,50', false],
  [' 1', false],
  [12.5, false],
  [12, false],
];

/** The generated `src/common/values.ts`, transpiled and loaded with a stand-in for class-validator. */
function generatedValues(): { isCalendarDate(value: unknown): boolean; isDecimalString(value: unknown, shape: object): boolean; compareDecimals(a: string, b: string): number } {
  const js = ts.transpileModule(VALUES_SOURCE, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const module = { exports: {} as Record<string, unknown> };
  new Function('require', 'module', 'exports', js)(() => ({ registerDecorator: () => undefined }), module, module.exports);
  return module.exports as never;
}

describe('value types: calendar dates, exact decimals, durations', () => {
  const generated = generatedValues();

  it('a calendar date is YYYY-MM-DD naming a day that exists, in Strata and in the generated check alike', () => {
    for (const [value, ok] of DAYS) {
      assert.equal(isCalendarDate(value), ok, `Strata: ${JSON.stringify(value)}`);
      assert.equal(generated.isCalendarDate(value), ok, `generated: ${JSON.stringify(value)}`);
    }
  });

  it('a decimal is plain text within its scale and precision, in Strata and in the generated check alike', () => {
    for (const [value, ok] of DECIMALS) {
      assert.equal(isDecimalText(value, SCALE_2), ok, `Strata: ${JSON.stringify(value)}`);
      assert.equal(generated.isDecimalString(value, SCALE_2), ok, `generated: ${JSON.stringify(value)}`);
    }
    assert.equal(isDecimalText('12', { scale: 0, precision: 2 }), true);
    assert.equal(isDecimalText('12.0', { scale: 0, precision: 2 }), false);
    assert.equal(isDecimalText('123', { scale: 0, precision: 2 }), false);
    assert.equal(generated.isDecimalString('123', { scale: 0, precision: 2 }), false);
    assert.equal(decimalPattern({ scale: 2, precision: 3 }), '^-?(0|[1-9])(\\.\\d{1,2})?$');
  });

  it('bounds compare digit by digit, never as floats', () => {
    const pairs: [string, string, number][] = [
      ['0.1', '0.10', 0],
      ['-0', '0', 0],
      ['0.05', '0.5', -1],
      ['10', '9.99', 1],
      ['-10', '-9.99', -1],
      ['-0.01', '0', -1],
      ['9007199254740993.01', '9007199254740993', 1],
      ['12.50', '12.5', 0],
    ];
    for (const [a, b, sign] of pairs) {
      assert.equal(Math.sign(compareDecimals(a, b)), sign, `${a} vs ${b}`);
      assert.equal(Math.sign(generated.compareDecimals(a, b)), sign, `generated: ${a} vs ${b}`);
      assert.equal(Math.sign(compareDecimals(b, a)), -sign || 0, `${b} vs ${a}`);
    }
    assert.equal(compareDecimals('0.0000001', plainDecimal(1e-7)), 0);
    assert.equal(plainDecimal(1.5e21), '1500000000000000000000');
    assert.equal(isDecimalText('-0.01', SCALE_2, { minimum: 0 }), false);
    assert.equal(isDecimalText('0', SCALE_2, { minimum: 0 }), true);
    assert.equal(isDecimalText('100.01', SCALE_2, { maximum: 100 }), false);
    assert.equal(generated.isDecimalString('-0.01', { ...SCALE_2, minimum: '0' }), false);
    assert.equal(generated.isDecimalString('100.00', { ...SCALE_2, maximum: '100' }), true);
    assert.equal(generated.isDecimalString('100.01', { ...SCALE_2, maximum: '100' }), false);
  });

  it('answers a decimal with its scale, and a duration carries its unit in its name', () => {
    assert.deepEqual(['12.5', '12', '0.125', '-3.1'].map((text) => withScale(text, 2)), ['12.50', '12.00', '0.125', '-3.10']);
    assert.equal(withScale('7', 0), '7');
    assert.deepEqual(['durationMinutes', 'ttlSeconds', 'leadDays', 'Minutes', 'minutes', 'duration'].map(durationUnit), ['minutes', 'seconds', 'days', undefined, undefined, undefined]);
    assert.match(decimalMessage('amount', { scale: 2, precision: 12 }, { minimum: 0 }), /^amount must be a decimal string with up to 2 digits after the point and 10 before it, at least 0, e\.g\. "12\.50"$/);
    assert.deepEqual(columnPropertyTypes('DateTime'), ['date-time', 'date']);
    assert.deepEqual(columnPropertyTypes('Decimal'), ['decimal']);
    assert.deepEqual(columnPropertyTypes('Int'), ['integer', 'duration']);
    assert.deepEqual(columnPropertyTypes('Json'), []);
  });
});

describe('interface validation of value types', () => {
  /** Adds a column to Todo and a property linked to it to the Todo response DTO (index 3) and CreateTodoBody (index 1). */
  const withColumn = (column: DatabaseArtifact['models'][number]['fields'][number], property: DtoProperty) => (fixture: Fixture) => {
    fixture.database.models[1]!.fields.push(column);
    fixture.api.dtos[1]!.properties.push({ ...property });
    fixture.api.dtos[3]!.properties.push({ ...property, optional: undefined });
  };
  const at = (dto: number, key: string) => `$.dtos[${dto}].properties[${dto === 1 ? 4 : 7}].${key}`;

  it('a date and a date-time both link DateTime columns; a date links nothing else', () => {
    assert.deepEqual(pathsAfter(withColumn({ name: 'startOn', type: 'DateTime' }, { name: 'startOn', type: 'date', column: 'startOn' })), []);
    assert.deepEqual(pathsAfter(withColumn({ name: 'startOn', type: 'String' }, { name: 'startOn', type: 'date', column: 'startOn' })), [at(1, 'type'), at(3, 'type')]);
    const [issue] = issuesAfter(withColumn({ name: 'startOn', type: 'DateTime' }, { name: 'startOn', type: 'string', column: 'startOn' }));
    assert.match(issue!.message, /Todo\.startOn is DateTime, so the type is "date-time" for an instant, or "date" for a day without a time/);
  });

  it('a Decimal column is a decimal with its scale and precision, within 15 digits', () => {
    const price = { name: 'price', type: 'Decimal' };
    assert.deepEqual(pathsAfter(withColumn(price, { name: 'price', type: 'decimal', column: 'price', scale: 2, minimum: 0 })), []);
    const [asString] = issuesAfter(withColumn(price, { name: 'price', type: 'string', column: 'price' }));
    assert.equal(asString!.path, at(1, 'type'));
    assert.match(asString!.message, /Todo\.price is Decimal, so the type is "decimal" \(an exact number sent as a string, e\.g\. "12\.50"\), with "scale"/);
    assert.deepEqual(pathsAfter(withColumn(price, { name: 'price', type: 'number', column: 'price' })), [at(1, 'type'), at(3, 'type')]);
    assert.deepEqual(pathsAfter(withColumn(price, { name: 'price', type: 'decimal', column: 'price', scale: 11 })), [at(1, 'scale'), at(3, 'scale')]);
    assert.deepEqual(pathsAfter(withColumn(price, { name: 'price', type: 'decimal', column: 'price', precision: 16 })), [at(1, 'precision'), at(3, 'precision')]);
    assert.deepEqual(pathsAfter(withColumn(price, { name: 'price', type: 'decimal', column: 'price', scale: 2, precision: 2 })), [at(1, 'precision'), at(3, 'precision')]);
    // A bound the property could not hold: three digits past a scale of 2.
    assert.deepEqual(pathsAfter(withColumn(price, { name: 'price', type: 'decimal', column: 'price', minimum: 0.005 })), [at(1, 'minimum'), at(3, 'minimum')]);
    // Scale and precision are a decimal's alone.
    assert.deepEqual(pathsAfter(({ api }) => (api.dtos[1]!.properties[0]!.scale = 2)), ['$.dtos[1].properties[0].scale']);
  });

  it('a duration links an Int column, names its unit and is never negative', () => {
    const minutes = { name: 'estimateMinutes', type: 'Int' };
    assert.deepEqual(pathsAfter(withColumn(minutes, { name: 'estimateMinutes', type: 'duration', column: 'estimateMinutes', maximum: 600 })), []);
    const unnamed = issuesAfter(withColumn({ name: 'estimate', type: 'Int' }, { name: 'estimate', type: 'duration', column: 'estimate' }));
    assert.deepEqual(unnamed.map((issue) => issue.path), [at(1, 'name'), at(3, 'name')]);
    assert.match(unnamed[0]!.message, /ends with \(Seconds, Minutes, Hours, Days\).*e\.g\. "estimateMinutes"/);
    assert.deepEqual(pathsAfter(withColumn(minutes, { name: 'estimateMinutes', type: 'duration', column: 'estimateMinutes', minimum: -5 })), [at(1, 'minimum'), at(3, 'minimum')]);
    assert.deepEqual(pathsAfter(withColumn({ name: 'estimateMinutes', type: 'Float' }, { name: 'estimateMinutes', type: 'duration', column: 'estimateMinutes' })), [at(1, 'type'), at(3, 'type')]);
  });

  it('a DTO may not take the name of a decorator the DTO files import from src/common/values.ts', () => {
    const [issue] = issuesAfter(({ api }) => renameDto(api, 'TodoPage', 'IsDecimalString'));
    assert.equal(issue!.path, '$.dtos[4].name');
    assert.match(issue!.message, /src\/common\/values\.ts/);
  });

  it('query defaults: none for a date, a decimal default within its shape', () => {
    const addQuery = (property: DtoProperty) => ({ api }: Fixture) => api.dtos[0]!.properties.push(property);
    assert.deepEqual(pathsAfter(addQuery({ name: 'from', type: 'date', optional: true, default: '2030-01-01' })), ['$.dtos[0].properties[5].default']);
    assert.deepEqual(pathsAfter(addQuery({ name: 'minPrice', type: 'decimal', optional: true, default: '10.00' })), []);
    assert.deepEqual(pathsAfter(addQuery({ name: 'minPrice', type: 'decimal', optional: true, default: '10.001' })), ['$.dtos[0].properties[5].default']);
    assert.deepEqual(pathsAfter(addQuery({ name: 'minPrice', type: 'decimal', optional: true, default: 10 })), ['$.dtos[0].properties[5].default']);
  });
});

describe('DTO and OpenAPI rendering of value types', () => {
  const api = timesheetApi();
  const database = timesheetAnswer<DatabaseArtifact>('database', 'data_model.json');

  it('request DTOs check dates and decimals with src/common/values.ts and keep them as text; durations are integers', () => {
    const file = renderDtos(api, database).get('src/entries/entries.dto.ts')!;
    assert.match(file, /^import \{ IsCalendarDate, IsDecimalString \} from '\.\.\/common\/values\.js';$/m);
    assert.match(file, / {2}@IsCalendarDate\(\{ message: 'workedOn must be a calendar date YYYY-MM-DD' \}\)\n {2}workedOn: string;/);
    assert.match(file, / {2}@IsInt\(\)\n {2}@Min\(1\)\n {2}@Max\(1440\)\n {2}durationMinutes: number;/);
    assert.match(file, / {2}@IsDecimalString\(\{ scale: 2, precision: 12, minimum: '0' \}, \{ message: 'amount must be a decimal string with up to 2 digits after the point and 10 before it, at least 0, e\.g\. "12\.50"' \}\)\n {2}amount: string;/);
    assert.match(file, / {2}@IsOptional\(\)\n {2}@IsCalendarDate\(\{ message: 'from must be a calendar date YYYY-MM-DD' \}\)\n {2}from\?: string;/);
    assert.match(file, /export interface Entry \{\n {2}id: number;\n {2}workedOn: string;\n {2}durationMinutes: number;\n {2}amount: string;/);
    // No Date conversion of a calendar date, no float bounds on a decimal.
    assert.doesNotMatch(file, /parseDateTime|@Min\(0\)/);
  });

  it('a duration without bounds is still at least 0 in the class and the document', () => {
    const unbounded: InterfaceArtifact = JSON.parse(JSON.stringify(api));
    const body = unbounded.dtos[0]!.properties.find((property) => property.name === 'durationMinutes')!;
    delete body.minimum;
    delete body.maximum;
    assert.match(renderDtos(unbounded, database).get('src/entries/entries.dto.ts')!, / {2}@IsInt\(\)\n {2}@Min\(0\)\n {2}@Max\(2147483647\)\n {2}durationMinutes: number;/);
    const schemas = (JSON.parse(renderOpenApi(unbounded, { title: 'Timesheet', database })) as { components: { schemas: Record<string, { properties: Record<string, Record<string, unknown>> }> } }).components.schemas;
    assert.deepEqual(schemas.CreateEntryBody!.properties.durationMinutes, { type: 'integer', description: 'A duration in whole minutes.', minimum: 0, maximum: 2147483647 });
    assert.equal(schemas.Entry!.properties.durationMinutes!.minimum, 0);
  });

  it('OpenAPI: format date, a decimal pattern with its scale in words', () => {
    const schemas = (JSON.parse(renderOpenApi(api, { title: 'Timesheet', database })) as { components: { schemas: Record<string, { properties: Record<string, Record<string, unknown>> }> } }).components.schemas;
    assert.deepEqual(schemas.Entry!.properties.workedOn, { type: 'string', format: 'date' });
    assert.deepEqual(schemas.CreateEntryBody!.properties.amount, {
      type: 'string',
      format: 'decimal',
      pattern: '^-?(0|[1-9]\\d{0,9})(\\.\\d{1,2})?$',
      description: 'Billed, in euros. An exact decimal as a string, 2 digits after the point, at least 0, e.g. "12.50".',
    });
    assert.deepEqual(schemas.EntryListQuery!.properties.from, { description: 'First day listed.', type: 'string', format: 'date' });
  });
});
