import { anchored } from '../../../interface/pattern';
import { scalarOf } from '../../../scalars';
import type { DatabaseArtifact } from '../../../database/types';
import { DATE_TIME_FILE, moduleFile, VALUES_FILE } from '../../../names/generated';
import { dtoHomes, modulesOf } from '../../../interface/modules';
import type { DtoProperty, DtoSchema, InterfaceArtifact } from '../../../interface/types';
import { checkedProperty } from '../../../interface/auth';
import { calendarDateMessage, decimalMessage, decimalShape, isNumeric, plainDecimal } from '../../../interface/values';
import { columnOf, dtoNamed, enumValues, homeOf } from './lookup';
import { Imports, jsDoc, relativeSpecifier } from '../printer/tsCode';
import { literal, quote } from '../printer/literals';

/**
 * `parseDateTime(value)`: the strict ISO 8601 date-time parsing every request DTO with a date-time
 * shares (rendered with the app, `target/nest-prisma/project/app.ts`).
 */

/** Prisma's `Int` is a signed 32-bit integer; a larger value fails in the database (500) instead of a 400. */
export const INT_MIN = -2147483648;
export const INT_MAX = 2147483647;

/** The range a request integer is checked against: the DTO's own bounds, within `Int`'s; a duration is never negative. */
export function integerBounds(property: DtoProperty): { minimum: number; maximum: number } {
  const floor = property.type === 'duration' ? 0 : INT_MIN;
  return { minimum: Math.max(property.minimum ?? floor, INT_MIN), maximum: Math.min(property.maximum ?? INT_MAX, INT_MAX) };
}

/**
 * `@IsCalendarDate()` and `@IsDecimalString()`: the checks of calendar dates and exact decimals that
 * request DTOs share (rendered with the app, `target/nest-prisma/project/app.ts`).
 */

/** The decorators of `VALUES_FILE` a request DTO uses. */
export function valueChecks(dto: DtoSchema): string[] {
  if (dto.kind === 'response') return [];
  const types = new Set(dto.properties.map((property) => property.type));
  return [...(types.has('date') ? ['IsCalendarDate'] : []), ...(types.has('decimal') ? ['IsDecimalString'] : [])];
}

/** Whether a request DTO holds a date-time, so its file imports `parseDateTime`. */
export function parsesDateTimes(dto: DtoSchema): boolean {
  return dto.kind !== 'response' && dto.properties.some((property) => property.type === 'date-time');
}

/**
 * `src/<module>/<module>.dto.ts` for every module: body and query DTOs as classes the global
 * ValidationPipe checks and converts (class-validator, class-transformer), response DTOs as interfaces.
 */
export function renderDtos(api: InterfaceArtifact, database: DatabaseArtifact): Map<string, string> {
  const homes = dtoHomes(api);
  const files = new Map<string, string>();
  for (const module of modulesOf(api)) {
    const file = moduleFile(module, 'dto');
    const imports = new Imports();
    const dtos = dtosInDependencyOrder(api, homes, module);
    if (dtos.length === 0) continue;
    const blocks = dtos.map((dto) => (dto.kind === 'response' ? renderInterface(api, database, dto) : renderClass(api, database, dto, imports)));
    if (dtos.some(parsesDateTimes)) imports.add(relativeSpecifier(file, DATE_TIME_FILE), 'parseDateTime');
    for (const check of new Set(dtos.flatMap(valueChecks))) imports.add(relativeSpecifier(file, VALUES_FILE), check);
    // Nested DTOs declared in another module: classes are needed at run time (validation), interfaces are types.
    for (const dto of blocks.flatMap((block) => block.nested)) {
      const home = homeOf(homes, dto.name);
      if (home !== module) imports.add(relativeSpecifier(file, moduleFile(home, 'dto')), dto.name, dto.kind === 'response');
    }
    const head = imports.lines();
    files.set(file, [...head, ...(head.length > 0 ? [''] : []), blocks.map((block) => block.lines.join('\n')).join('\n\n'), ''].join('\n'));
  }
  return files;
}

/**
 * The TypeScript type of a property's value: `string`, `'open' | 'done'`, `Date | null`, `Todo[]`. A
 * calendar date and a decimal stay text (`'2030-02-28'`, `'12.50'`); collectors and transformers convert.
 */
export function propertyType(property: DtoProperty, values?: string[]): string {
  let type: string;
  if (values && values.length > 0) type = values.map(quote).join(' | ');
  else if (property.type === 'object') type = property.dto ?? 'unknown';
  else type = { string: 'string', integer: 'number', number: 'number', boolean: 'boolean', 'date-time': 'Date', date: 'string', decimal: 'string', duration: 'number' }[property.type];
  if (property.list) type = values && values.length > 1 ? `(${type})[]` : `${type}[]`;
  return property.nullable ? `${type} | null` : type;
}

interface Block {
  lines: string[];
  nested: DtoSchema[];
}

/** The module's DTOs in artifact order, each after the DTOs of its module it nests (classes must exist before use). */
function dtosInDependencyOrder(api: InterfaceArtifact, homes: Map<string, string>, module: string): DtoSchema[] {
  const ordered: DtoSchema[] = [];
  const seen = new Set<string>();
  const visit = (dto: DtoSchema) => {
    if (seen.has(dto.name) || homes.get(dto.name) !== module) return;
    seen.add(dto.name);
    for (const nested of nestedDtos(api, dto)) visit(nested);
    ordered.push(dto);
  };
  api.dtos.forEach(visit);
  return ordered;
}

function nestedDtos(api: InterfaceArtifact, dto: DtoSchema): DtoSchema[] {
  return dto.properties.filter((property) => property.type === 'object').map((property) => dtoNamed(api, property.dto ?? '', `${dto.name}.${property.name}`));
}

function renderInterface(api: InterfaceArtifact, database: DatabaseArtifact, dto: DtoSchema): Block {
  const lines = [...jsDoc(dto.description), `export interface ${dto.name} {`];
  for (const property of dto.properties) {
    lines.push(...jsDoc(property.description, '  '), `  ${property.name}: ${propertyType(property, enumValues(database, dto, property))};`);
  }
  lines.push('}');
  return { lines, nested: nestedDtos(api, dto) };
}

function renderClass(api: InterfaceArtifact, database: DatabaseArtifact, dto: DtoSchema, imports: Imports): Block {
  const lines = [...jsDoc(dto.description), `export class ${dto.name} {`];
  dto.properties.forEach((property, index) => {
    if (index > 0) lines.push('');
    const values = enumValues(database, dto, property);
    lines.push(...jsDoc(property.description, '  '));
    for (const [from, name, args] of decorators(api, database, dto, property, values)) {
      if (from !== LOCAL) imports.add(from, name);
      lines.push(`  @${name}(${args})`);
    }
    // A query default fills a left-out parameter (ValidationPipe `transform`), so the value is always there.
    const hasDefault = dto.kind === 'query' && property.default !== undefined;
    const mark = property.optional && !hasDefault ? '?' : '';
    lines.push(`  ${property.name}${mark}: ${propertyType(property, values)}${hasDefault ? ` = ${literal(property.default!)}` : ''};`);
  });
  lines.push('}');
  return { lines, nested: nestedDtos(api, dto) };
}

const VALIDATOR = 'class-validator';
/** Decorators of `VALUES_FILE`, which `renderDtos` imports by a path relative to the module's file. */
const LOCAL = '';
const TRANSFORMER = 'class-transformer';

/** `[package, decorator, arguments]` in the order they are written above the property. */
function decorators(api: InterfaceArtifact, database: DatabaseArtifact, dto: DtoSchema, property: DtoProperty, values?: string[]): [string, string, string][] {
  const out: [string, string, string][] = [];
  const add = (from: string, name: string, args = '') => out.push([from, name, args]);
  const each = property.list ? '{ each: true }' : '';
  const withEach = (first: string) => (each ? `${first}, ${each}` : first);
  const query = dto.kind === 'query';
  const column = columnOf(database, dto, property);

  // @IsOptional() skips null as well as a left-out value, and null in a column that cannot hold it is a
  // database error (500): in bodies, only a left-out property skips the checks. Query strings carry no null.
  if (property.optional && (property.nullable || query)) add(VALIDATOR, 'IsOptional');
  else if (property.optional) add(VALIDATOR, 'ValidateIf', '(_, value) => value !== undefined');
  else if (property.nullable) add(VALIDATOR, 'ValidateIf', '(_, value) => value !== null');
  if (property.list) add(VALIDATOR, 'IsArray');
  // Text is parsed into the value before it is checked: date-times always, booleans in query strings.
  // E-mail addresses are compared trimmed and in lower case everywhere, as sign-up and login store and read them.
  const parse =
    property.type === 'date-time'
      ? 'parseDateTime(value)'
      : query && property.type === 'boolean'
        ? "(value === 'true' ? true : value === 'false' ? false : value)"
        : property.format === 'email'
          ? "(typeof value === 'string' ? value.trim().toLowerCase() : value)"
          : undefined;
  if (parse) add(TRANSFORMER, 'Transform', eachValue(parse, property.list, query));
  else if (query && property.list) add(TRANSFORMER, 'Transform', '({ value }) => (Array.isArray(value) ? value : [value])');
  const numeric = isNumeric(property.type);
  if (query && numeric) add(TRANSFORMER, 'Type', '() => Number');

  const textForm = column && scalarOf(column.type)?.textForm;
  switch (property.type) {
    case 'string':
      if (values && values.length > 0) add(VALIDATOR, 'IsIn', withEach(`[${values.map(quote).join(', ')}]`));
      else if (property.format === 'email') add(VALIDATOR, 'IsEmail', withEach('{}'));
      // Columns whose JSON form is text: checked here so a bad value is a 400, not a conversion error.
      else if (textForm?.decorator === 'Matches') add(VALIDATOR, 'Matches', `/${textForm.pattern}/, { message: ${quote(`${property.name} ${textForm.says}`)}${each ? ', each: true' : ''} }`);
      else if (textForm) add(VALIDATOR, textForm.decorator, withEach('{}'));
      else add(VALIDATOR, 'IsString', each);
      break;
    case 'integer':
    case 'duration':
      add(VALIDATOR, 'IsInt', each);
      break;
    case 'number':
      add(VALIDATOR, 'IsNumber', withEach('{}'));
      break;
    case 'boolean':
      add(VALIDATOR, 'IsBoolean', each);
      break;
    case 'date-time':
      add(VALIDATOR, 'IsDate', `{ message: ${quote(`${property.name} must be an ISO 8601 date-time`)}${each ? ', each: true' : ''} }`);
      break;
    case 'date':
      add(LOCAL, 'IsCalendarDate', `{ message: ${quote(calendarDateMessage(property.name))}${each ? ', each: true' : ''} }`);
      break;
    case 'decimal': {
      // The bounds travel as text too, and are compared digit by digit: no float ever holds the value.
      const shape = decimalShape(property);
      const bounds = (['minimum', 'maximum'] as const).filter((key) => property[key] !== undefined).map((key) => `, ${key}: ${quote(plainDecimal(property[key]!))}`);
      add(LOCAL, 'IsDecimalString', `{ scale: ${shape.scale}, precision: ${shape.precision}${bounds.join('')} }, { message: ${quote(decimalMessage(property.name, shape, property))}${each ? ', each: true' : ''} }`);
      break;
    }
    case 'object': {
      const nested = dtoNamed(api, property.dto ?? '', `${dto.name}.${property.name}`);
      if (nested.kind === 'response') throw new Error(`${dto.kind} DTO "${dto.name}" nests the response DTO "${nested.name}" in "${property.name}"; only body DTOs can be nested in requests`);
      add(VALIDATOR, 'ValidateNested', each);
      add(TRANSFORMER, 'Type', `() => ${nested.name}`);
      break;
    }
  }
  // Bounds only where class-validator can apply them: lengths to text, Min/Max to numbers; every integer
  // within Int's range (`1e300` is an integer to @IsInt).
  const bounds = property.type === 'integer' || property.type === 'duration' ? integerBounds(property) : property;
  // A password staff set has the limits sign-up has, whatever the design says less.
  const lengths = checkedProperty(api, dto, property);
  if (property.type === 'string' && lengths.minLength !== undefined) add(VALIDATOR, 'MinLength', withEach(String(lengths.minLength)));
  if (property.type === 'string' && lengths.maxLength !== undefined) add(VALIDATOR, 'MaxLength', withEach(String(lengths.maxLength)));
  // The whole value, with Unicode semantics: the same expression Strata's checks and tests use (pattern.ts).
  if (property.type === 'string' && property.pattern !== undefined) add(VALIDATOR, 'Matches', `${quote(anchored(property.pattern))}, 'u'${each ? ', { each: true }' : ''}`);
  if (numeric && bounds.minimum !== undefined) add(VALIDATOR, 'Min', withEach(String(bounds.minimum)));
  if (numeric && bounds.maximum !== undefined) add(VALIDATOR, 'Max', withEach(String(bounds.maximum)));
  return out;
}

/** A `@Transform` applying `parse` (an expression of `value`) to the value, or to each element of a list; a query list may arrive as one text. */
function eachValue(parse: string, list: boolean | undefined, query: boolean): string {
  if (!list) return `({ value }) => ${parse}`;
  if (query) return `({ value }) => [value].flat().map((value) => ${parse})`;
  return `({ value }) => (Array.isArray(value) ? value.map((value) => ${parse}) : value)`;
}
