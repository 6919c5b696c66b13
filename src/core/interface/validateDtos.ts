import { patternOf, patternProblem } from './pattern';
import type { DbField, DbModel } from '../database/types';
import { fieldOf, type InterfaceCheck, listNames } from './check';
import { IDENTIFIER_MAX, lengthProblem } from '../names/limits';
import { dtoHomes } from './modules';
import { validateComputed } from './validateComputed';
import type { DtoProperty, DtoSchema } from './types';
import { columnPropertyTypes, DECIMAL_DIGITS_MAX, decimalShape, DURATION_UNITS, durationUnit, isDecimalText, isNumeric } from './values';

const CAMEL = /^[a-z][A-Za-z0-9]*$/;

/** Rules of each DTO and its properties against the data model. */
export function validateDtos(check: InterfaceCheck): void {
  const used = dtoHomes(check.artifact);
  check.artifact.dtos.forEach((dto, d) => {
    const path = `$.dtos[${d}]`;
    const model = dto.model === undefined ? undefined : check.models.get(dto.model);
    if (dto.model !== undefined && !model) {
      check.lacks(`${path}.model`, `unknown model "${dto.model}" (models: ${listNames(check.models.keys())})`, dto.model, check.models.keys(), 'database');
    }
    if (check.dtos.get(dto.name) === dto && !used.has(dto.name)) {
      check.warning(path, `no operation uses "${dto.name}", directly or nested: use it or remove it`);
    }
    if (dto.properties.length === 0) check.error(`${path}.properties`, 'a DTO needs at least one property');
    const names = new Set<string>();
    dto.properties.forEach((property, p) => {
      const at = `${path}.properties[${p}]`;
      const long = lengthProblem(property.name, IDENTIFIER_MAX, 'property names', 'they become JSON keys and TypeScript properties');
      if (long) check.error(`${at}.name`, long);
      else if (!CAMEL.test(property.name)) check.error(`${at}.name`, `property names are camelCase, e.g. "dueAt"; found "${property.name}"`);
      else if (names.has(property.name)) check.error(`${at}.name`, `"${property.name}" appears twice in ${dto.name}`);
      else if (property.name === 'constructor') check.error(`${at}.name`, `"constructor" would be the constructor of the generated ${dto.name} class, not a property: rename it, e.g. "maker"`);
      names.add(property.name);
      validateProperty(check, dto, model, property, at);
    });
    if (model) validateColumnUse(check, dto, model, path);
  });
  reportCycles(check);
}

function validateProperty(check: InterfaceCheck, dto: DtoSchema, model: DbModel | undefined, property: DtoProperty, path: string): void {
  const { error } = check;
  if (property.count !== undefined || property.derived !== undefined) {
    validateComputed(check, dto, model, property, path);
    return validateConstraints(check, dto, property, path);
  }
  const column = fieldOf(model, property.column);
  if (property.column !== undefined) {
    if (dto.model === undefined) error(`${path}.column`, `${dto.name} has no "model": set the DTO's model, or remove "column"`);
    else if (model && !column) {
      check.lacks(`${path}.column`, `${model.name} has no field "${property.column}" (fields: ${listNames(model.fields.map((field) => field.name))})`, property.column, model.fields.map((field) => field.name), 'database');
    }
  } else if (model && property.type !== 'object' && dto.kind !== 'query') {
    // A linked response or body DTO is a row's columns (its transformer or collector maps each one);
    // objects are checked in validateObject. Query DTOs mix column filters with paging, and nothing maps them.
    const elsewhere =
      dto.kind === 'response'
        ? 'or compute it: "count" for the rows of a list relation, "derived" for a value computed from columns and the current time'
        : 'inputs that are not stored go in a body DTO without "model", which the operation reads itself';
    const fields = listNames(model.fields.filter((field) => !check.models.has(field.type)).map((field) => field.name));
    error(`${path}.column`, `${dto.name} is linked to ${model.name}, so every property is one of its columns: set "column" (fields: ${fields}), ${dto.kind === 'response' ? elsewhere : `or move "${property.name}" to a DTO without "model" (${elsewhere})`}`);
  }
  if (property.type === 'object') validateObject(check, dto, model, column, property, path);
  else {
    if (property.dto !== undefined) error(`${path}.dto`, 'only "object" properties nest a DTO: remove "dto", or make the type "object"');
    if (model && column) validateScalarColumn(check, model, column, property, path, dto.kind);
  }
  validateConstraints(check, dto, property, path);

  if (dto.kind === 'response') {
    if (property.optional) error(`${path}.optional`, 'response properties are always present: remove "optional" (use "nullable" for values that may be null)');
    if (model && column && Boolean(property.nullable) !== Boolean(column.optional)) {
      error(
        `${path}.nullable`,
        column.optional ? `${model.name}.${column.name} is optional, so "${property.name}" may be null: set "nullable": true` : `${model.name}.${column.name} is never null: remove "nullable"`,
      );
    }
  } else if (dto.kind === 'body' && model && column) {
    if (property.nullable && !column.optional) error(`${path}.nullable`, `${model.name}.${column.name} is required and cannot be set to null: remove "nullable"`);
    if (column.updatedAt || (column.id && column.default)) error(`${path}.column`, `${model.name}.${column.name} is set by the database: leave "${property.name}" out of request bodies`);
  } else if (dto.kind === 'query') {
    if (property.list) error(`${path}.list`, 'query parameters are single values: remove "list"');
    if (property.nullable) error(`${path}.nullable`, 'a query parameter cannot be null: remove "nullable" (use "optional")');
  }
}

function validateObject(check: InterfaceCheck, dto: DtoSchema, model: DbModel | undefined, column: DbField | undefined, property: DtoProperty, path: string): void {
  const { error } = check;
  if (dto.kind === 'body') {
    return error(`${path}.type`, `nested request bodies are not supported yet: a body DTO takes scalar properties (send a related record's id, e.g. "${property.name}Id")`);
  }
  if (dto.kind === 'query') return error(`${path}.type`, 'query DTOs take scalars only: string, integer, number, boolean, date-time, date, decimal, duration');
  const responses = listNames(check.artifact.dtos.filter((candidate) => candidate.kind === 'response').map((candidate) => candidate.name));
  const nested = property.dto === undefined ? undefined : check.dtos.get(property.dto);
  if (property.dto === undefined) error(`${path}.dto`, `an "object" property names the response DTO nested here in "dto" (response DTOs: ${responses})`);
  else if (!nested) error(`${path}.dto`, `no DTO is named "${property.dto}" (response DTOs: ${responses})`);
  else if (nested.kind !== 'response') error(`${path}.dto`, `"${nested.name}" is a ${nested.kind} DTO; nest a response DTO (${responses})`);
  if (!model) return;

  // Linked: the transformer loads the nested record through this relation field.
  const relations = listNames(model.fields.filter((field) => check.models.has(field.type)).map((field) => field.name));
  if (property.column === undefined) return error(`${path}.column`, `${dto.name} is linked to ${model.name}: link "${property.name}" to a relation field of ${model.name} (${relations})`);
  if (!column) return;
  const target = check.models.get(column.type);
  if (!target) return error(`${path}.column`, `${model.name}.${column.name} is not a relation; an "object" property nests the record of a relation field (${relations})`);
  if (nested?.kind === 'response' && nested.model !== target.name) {
    error(`${path}.dto`, `${model.name}.${column.name} holds ${target.name} records: nest a response DTO linked to ${target.name}${nested.model ? ` ("${nested.name}" is linked to ${nested.model})` : ''}`);
  }
  if (Boolean(property.list) !== Boolean(column.list)) {
    error(`${path}.list`, column.list ? `${model.name}.${column.name} is a list: set "list": true` : `${model.name}.${column.name} is a single record: remove "list"`);
  }
}

function validateScalarColumn(check: InterfaceCheck, model: DbModel, column: DbField, property: DtoProperty, path: string, kind: DtoSchema['kind']): void {
  const { error } = check;
  const where = `${model.name}.${column.name}`;
  if (check.models.has(column.type)) {
    const keys = column.relation?.fields;
    return error(`${path}.column`, `${where} is a relation; a ${property.type} property links a scalar column${keys ? ` such as its key "${keys.join('", "')}"` : ''}`);
  }
  const dbEnum = check.enums.get(column.type);
  if (dbEnum) {
    if (property.type !== 'string') error(`${path}.type`, `${where} is the enum ${dbEnum.name}, whose values are strings: the type is "string"`);
    // A request may take fewer values than the column holds (staff create staff roles only); a response
    // answers whatever the column holds, so it lists them all.
    else if (kind !== 'response' && property.enum && property.enum.length > 0 && property.enum.every((value) => dbEnum.values.includes(value)) && new Set(property.enum).size === property.enum.length) return;
    else if (!sameValues(property.enum, dbEnum.values)) {
      error(`${path}.enum`, `${where} is the enum ${dbEnum.name}: set "enum" to ${JSON.stringify(dbEnum.values)}${kind === 'response' ? '' : ', or to the ones this request may set'}`);
    }
  } else if (column.type === 'Json') {
    error(`${path}.column`, `${where} is Json, which DTOs cannot carry yet: leave "${property.name}" out`);
  } else {
    const allowed = columnPropertyTypes(column.type);
    if (!allowed.includes(property.type)) error(`${path}.type`, `${where} is ${column.type}, so the type is ${columnTypeAdvice(column.type, allowed)}`);
  }
  if (Boolean(property.list) !== Boolean(column.list)) error(`${path}.list`, column.list ? `${where} is a list: set "list": true` : `${where} is a single value: remove "list"`);
}

/** What to write for a column's type, and when each choice applies. */
function columnTypeAdvice(columnType: string, allowed: string[]): string {
  if (columnType === 'DateTime') return '"date-time" for an instant, or "date" for a day without a time (a due date, a birthday)';
  if (columnType === 'Int') return '"integer", or "duration" for a length of time whose name ends with its unit (e.g. "durationMinutes")';
  if (columnType === 'Decimal') return '"decimal" (an exact number sent as a string, e.g. "12.50"), with "scale" its digits after the point';
  return `"${allowed[0]}"`;
}

function validateConstraints(check: InterfaceCheck, dto: DtoSchema, property: DtoProperty, path: string): void {
  const { error } = check;
  const isString = property.type === 'string';
  const isNumber = isNumeric(property.type) || property.type === 'decimal';
  if (property.enum !== undefined) {
    if (!isString) error(`${path}.enum`, `"enum" lists string values; "${property.name}" is ${property.type}: remove "enum"`);
    else if (new Set(property.enum).size !== property.enum.length) error(`${path}.enum`, 'each enum value is listed once');
  }
  if (property.format !== undefined && !isString) error(`${path}.format`, `"format" applies to strings; "${property.name}" is ${property.type}: remove it`);
  else if (property.format === 'password' && (dto.kind !== 'body' || property.list)) {
    error(`${path}.format`, `"password" is for a body property that sets an account's password (it is stored hashed)${dto.kind === 'response' ? '; a response never carries one' : ''}: remove it`);
  } else if (property.format === 'password' && property.minLength !== undefined && property.minLength < 8) {
    error(`${path}.minLength`, 'a password has at least 8 characters, as sign-up requires: set minLength 8 or more, or leave it out');
  }
  for (const key of ['minLength', 'maxLength'] as const) {
    if (property[key] !== undefined && !isString) error(`${path}.${key}`, `"${key}" applies to strings; "${property.name}" is ${property.type}: remove it`);
  }
  if (property.pattern !== undefined) {
    const problem = patternProblem(property.pattern);
    if (!isString || property.enum || property.format) {
      error(`${path}.pattern`, `"pattern" applies to free text; "${property.name}" is ${!isString ? property.type : property.enum ? 'an enum' : `a ${property.format}`}: remove it`);
    } else if (problem) error(`${path}.pattern`, problem);
  }
  for (const key of ['minimum', 'maximum'] as const) {
    if (property[key] !== undefined && !isNumber) error(`${path}.${key}`, `"${key}" applies to integer, number, decimal and duration; "${property.name}" is ${property.type}: remove it`);
  }
  validateValueType(check, property, path);
  if (property.minLength !== undefined && property.maxLength !== undefined && property.minLength > property.maxLength) {
    error(`${path}.maxLength`, `maxLength ${property.maxLength} is below minLength ${property.minLength}`);
  }
  if (property.minimum !== undefined && property.maximum !== undefined && property.minimum > property.maximum) {
    error(`${path}.maximum`, `maximum ${property.maximum} is below minimum ${property.minimum}`);
  }
  if (property.default === undefined) return;
  if (dto.kind !== 'query') return error(`${path}.default`, 'defaults belong to query DTOs: remove "default" (the database default applies to stored values)');
  if (property.type === 'date-time') {
    return error(`${path}.default`, 'a date-time query parameter takes no default (the generated class would hold text where it declares a Date): remove "default" and let the operation handle a left-out value');
  }
  if (property.type === 'date') {
    return error(`${path}.default`, 'a date query parameter takes no default (a fixed day goes stale; "today" is the operation\'s business, from this.clock.now()): remove "default"');
  }
  const problem = defaultProblem(property);
  if (problem) error(`${path}.default`, problem);
  if (!property.optional) error(`${path}.optional`, `a parameter with a default may be left out: set "optional": true`);
}

/** Why the default does not satisfy the property's own type and constraints. */
function defaultProblem(property: DtoProperty): string | undefined {
  const value = property.default;
  const shown = JSON.stringify(value);
  const typeOk =
    property.type === 'integer' || property.type === 'duration'
      ? Number.isInteger(value)
      : property.type === 'number'
        ? typeof value === 'number'
        : property.type === 'boolean'
          ? typeof value === 'boolean'
          : property.type === 'decimal'
            ? isDecimalText(value, decimalShape(property))
            : typeof value === 'string';
  if (!typeOk) {
    if (property.type === 'decimal') return `the default ${shown} is not a decimal string of at most ${decimalShape(property).scale} digits after the point, e.g. "10.00"`;
    return `the default ${shown} is not ${property.type === 'integer' || property.type === 'duration' ? 'an integer' : `a ${property.type}`}`;
  }
  if (property.type === 'decimal') {
    const bounds = { minimum: property.minimum, maximum: property.maximum };
    if (!isDecimalText(value, decimalShape(property), bounds)) return `the default ${shown} is outside the bounds ${property.minimum ?? '…'}..${property.maximum ?? '…'}`;
    return undefined;
  }
  if (typeof value === 'string') {
    if (property.enum && !property.enum.includes(value)) return `the default ${shown} is not one of the enum values (${property.enum.join(', ')})`;
    if (property.minLength !== undefined && value.length < property.minLength) return `the default ${shown} is shorter than minLength ${property.minLength}`;
    if (property.maxLength !== undefined && value.length > property.maxLength) return `the default ${shown} is longer than maxLength ${property.maxLength}`;
    if (patternOf(property)?.test(value) === false) return `the default ${shown} does not match the pattern ${property.pattern}`;
  }
  if (typeof value === 'number') {
    if (property.type === 'duration' && property.minimum === undefined && value < 0) return `the default ${shown} is negative; a duration is 0 or more`;
    if (property.minimum !== undefined && value < property.minimum) return `the default ${shown} is below the minimum ${property.minimum}`;
    if (property.maximum !== undefined && value > property.maximum) return `the default ${shown} is above the maximum ${property.maximum}`;
  }
  return undefined;
}

/** The rules of dates, decimals and durations (`values.ts`): scale and precision, a unit in the name. */
function validateValueType(check: InterfaceCheck, property: DtoProperty, path: string): void {
  const { error } = check;
  for (const key of ['scale', 'precision'] as const) {
    if (property[key] !== undefined && property.type !== 'decimal') error(`${path}.${key}`, `"${key}" applies to decimal; "${property.name}" is ${property.type}: remove it`);
  }
  if (property.type === 'decimal') {
    const { scale, precision } = decimalShape(property);
    if (!Number.isInteger(scale) || scale < 0 || scale > 10) error(`${path}.scale`, `scale is the count of digits after the point, 0 to 10 (2 for money); found ${property.scale}`);
    else if (!Number.isInteger(precision) || precision > DECIMAL_DIGITS_MAX || precision <= scale) {
      error(`${path}.precision`, `precision counts all digits, more than the scale (${scale}) and at most ${DECIMAL_DIGITS_MAX} (what every database keeps exactly); found ${property.precision}: e.g. ${Math.min(DECIMAL_DIGITS_MAX, scale + 10)}, or leave it out`);
    }
    for (const key of ['minimum', 'maximum'] as const) {
      const bound = property[key];
      if (bound !== undefined && !isDecimalText(String(bound), { scale, precision })) {
        error(`${path}.${key}`, `${key} ${bound} does not fit ${property.name} (${scale} digits after the point, ${precision} in all): give a bound the property could hold`);
      }
    }
  }
  if (property.type === 'duration') {
    if (!durationUnit(property.name)) {
      error(`${path}.name`, `a duration is a whole number of one unit, which its name ends with (${DURATION_UNITS.join(', ')}), so clients read it in the key: e.g. "${property.name.replace(/(Seconds|Minutes|Hours|Days)?$/, 'Minutes')}"`);
    }
    if (property.minimum !== undefined && property.minimum < 0) error(`${path}.minimum`, `a duration is never negative: set minimum to 0 or more, or leave it out (0 is the default)`);
    for (const key of ['minimum', 'maximum'] as const) {
      if (property[key] !== undefined && !Number.isInteger(property[key])) error(`${path}.${key}`, `a duration counts whole ${durationUnit(property.name) ?? 'units'}: make ${key} an integer`);
    }
  }
}

/**
 * How a linked DTO's properties share columns: a collector writes each column from one property, and a
 * transformer's select loads each relation one way (through one nested DTO).
 */
function validateColumnUse(check: InterfaceCheck, dto: DtoSchema, model: DbModel, path: string): void {
  const first = new Map<string, DtoProperty>();
  dto.properties.forEach((property, p) => {
    const column = fieldOf(model, property.column);
    if (!column) return;
    const at = `${path}.properties[${p}]`;
    const earlier = first.get(column.name);
    if (!earlier) return void first.set(column.name, property);
    if (dto.kind === 'body') {
      check.error(`${at}.column`, `"${earlier.name}" already sets ${model.name}.${column.name}: link each column once (remove "${property.name}", or link it to another column)`);
    } else if (dto.kind === 'response' && property.type === 'object' && earlier.type === 'object' && property.dto !== earlier.dto && earlier.dto !== undefined) {
      check.error(
        `${at}.dto`,
        `"${earlier.name}" already nests ${model.name}.${column.name} as ${earlier.dto}, and one query loads a relation one way: nest ${earlier.dto} here too, or give ${earlier.dto} every field you need and remove "${property.name}"`,
      );
    }
  });
}

const sameValues = (a: string[] | undefined, b: string[]): boolean => a !== undefined && a.length === b.length && b.every((value) => a.includes(value));

/** A response DTO nesting itself, directly or not, would make the transformer's select endless. */
function reportCycles(check: InterfaceCheck): void {
  const index = new Map(check.artifact.dtos.map((dto, d) => [dto, d]));
  const done = new Set<string>();
  const reported = new Set<string>();
  const visit = (dto: DtoSchema, stack: string[]): void => {
    if (done.has(dto.name)) return;
    dto.properties.forEach((property, p) => {
      const nested = property.type === 'object' && property.dto !== undefined ? check.dtos.get(property.dto) : undefined;
      if (!nested) return;
      const path = `$.dtos[${index.get(dto)}].properties[${p}].dto`;
      if (stack.includes(nested.name)) {
        if (!reported.has(path)) check.error(path, `${[...stack.slice(stack.indexOf(nested.name)), nested.name].join(' -> ')} is a cycle: nest a smaller DTO without the way back`);
        reported.add(path);
      } else visit(nested, [...stack, nested.name]);
    });
    done.add(dto.name);
  };
  for (const dto of check.dtos.values()) visit(dto, [dto.name]);
}
