import type { DbField, DbModel } from '../database/types';
import { isLiteralOf, LITERAL_WORDS, scalarOf } from '../scalars';
import { type InterfaceCheck, listNames } from './check';
import type { CountCondition, DtoProperty, DtoSchema } from './types';

/**
 * Response properties computed from the row instead of read from one column: `count` (rows of a list
 * relation, optionally only those meeting simple conditions; rendered as Prisma's `_count`) and
 * `derived` (a function the Realize model writes, reading the columns in `uses` and the clock's now).
 * Each problem at its path, saying what to write instead.
 */
export function validateComputed(check: InterfaceCheck, dto: DtoSchema, model: DbModel | undefined, property: DtoProperty, path: string): void {
  const { error } = check;
  const kind = property.count !== undefined ? 'count' : 'derived';
  if (property.count !== undefined && property.derived !== undefined) return error(`${path}.derived`, 'a property is either a "count" or "derived", not both: keep one (a derived value reads the DTO\'s counts from row._count)');
  if (dto.kind !== 'response') return error(`${path}.${kind}`, `only response DTOs have computed values; ${dto.name} is a ${dto.kind} DTO: remove "${kind}"`);
  if (dto.model === undefined) return error(`${path}.${kind}`, `"${kind}" is computed from a row of the DTO's model and ${dto.name} has no "model": set "model", or remove "${kind}" and let the operation fill "${property.name}"`);
  if (!model) return;
  if (property.column !== undefined) error(`${path}.column`, `"${kind}" takes the place of "column": remove "column"`);
  if (property.dto !== undefined || property.type === 'object') return error(`${path}.type`, `a ${kind === 'count' ? 'count is an "integer"' : 'derived value is a string, integer, number, boolean or date-time'}; nest related records with an "object" property linked to the relation instead`);
  if (property.count !== undefined) validateCount(check, dto, model, property, path);
  else validateDerived(check, model, property, path);
}

function validateCount(check: InterfaceCheck, dto: DtoSchema, model: DbModel, property: DtoProperty, path: string): void {
  const { error } = check;
  const count = property.count!;
  const at = `${path}.count`;
  const lists = model.fields.filter((field) => field.list && check.models.has(field.type));
  const choices = lists.length ? `its list relations: ${listNames(lists.map((field) => field.name))}` : `${model.name} has no list relation to count`;
  if (property.type !== 'integer') error(`${path}.type`, 'a count is an "integer"');
  if (property.list) error(`${path}.list`, 'a count is one number: remove "list"');
  if (property.nullable) error(`${path}.nullable`, 'a count is never null (no rows is 0): remove "nullable"');
  const field = model.fields.find((candidate) => candidate.name === count.relation);
  if (!field) {
    return check.lacks(`${at}.relation`, `${model.name} has no field "${count.relation}"; ${choices}`, count.relation, lists.map((list) => list.name), 'database');
  }
  if (!check.models.has(field.type)) return error(`${at}.relation`, `${model.name}.${field.name} is a column, not a relation; ${choices}`);
  if (!field.list) return error(`${at}.relation`, `${model.name}.${field.name} is one ${field.type} record, and counts count the rows of a list relation; ${choices} (nest the record with an "object" property instead)`);
  const twin = dto.properties.find((other) => other !== property && other.count?.relation === count.relation);
  if (twin && dto.properties.indexOf(twin) < dto.properties.indexOf(property)) {
    error(`${at}.relation`, `"${twin.name}" already counts ${model.name}.${field.name}, and one query counts a relation one way: keep one count of it per DTO (or nest a second DTO)`);
  }
  const related = check.models.get(field.type)!;
  const columns = new Set<string>();
  (count.where ?? []).forEach((condition, c) => {
    const where = `${at}.where[${c}]`;
    if (columns.has(condition.column)) return error(`${where}.column`, `${related.name}.${condition.column} already has a condition: give each column one, listing every value counted in "in"`);
    columns.add(condition.column);
    validateCondition(check, related, condition, where);
  });
}

function validateCondition(check: InterfaceCheck, model: DbModel, condition: CountCondition, path: string): void {
  const { error } = check;
  const scalars = model.fields.filter((field) => !check.models.has(field.type) && !field.list && field.type !== 'Json');
  const column = model.fields.find((field) => field.name === condition.column);
  if (!column) {
    return check.lacks(`${path}.column`, `${model.name} has no column "${condition.column}" (columns: ${listNames(scalars.map((field) => field.name))})`, condition.column, scalars.map((field) => field.name), 'database');
  }
  if (!scalars.includes(column)) return error(`${path}.column`, `${model.name}.${column.name} is not a single-value column, so a count cannot test it (columns: ${listNames(scalars.map((field) => field.name))})`);
  const shape = '{"column": ..., "in": [values]} or {"column": ..., "isNull": true}';
  if ((condition.in === undefined) === (condition.isNull === undefined)) return error(path, `give exactly one of "in" and "isNull": ${shape}`);
  const where = `${model.name}.${column.name}`;
  if (condition.isNull !== undefined) {
    if (!column.optional) error(`${path}.isNull`, `${where} is never null, so this counts ${condition.isNull ? 'no row' : 'every row'}: remove the condition`);
    return;
  }
  const values = condition.in!;
  if (values.length === 0) return error(`${path}.in`, 'list at least one value counted');
  const dbEnum = check.enums.get(column.type);
  const scalar = scalarOf(column.type);
  values.forEach((value, v) => {
    const at = `${path}.in[${v}]`;
    const wrong = (expected: string) => error(at, `${where} is ${column.type}: give ${expected}; found ${JSON.stringify(value)}`);
    if (dbEnum) {
      if (typeof value !== 'string' || !dbEnum.values.includes(value)) wrong(`values of the enum ${dbEnum.name} (${dbEnum.values.join(', ')})`);
    } else if (scalar?.literal) {
      if (!isLiteralOf(scalar, value)) wrong(LITERAL_WORDS[scalar.literal]);
    } else error(`${path}.column`, `${where} is ${column.type}, which a count cannot compare: count by an enum, text, number or boolean column, or compute the value with "derived"`);
  });
  if (column.type === 'Boolean' && values.length > 1) error(`${path}.in`, `${where} is true or false: give one value (both count every row)`);
  if (new Set(values).size !== values.length) error(`${path}.in`, 'list each value once');
}

function validateDerived(check: InterfaceCheck, model: DbModel, property: DtoProperty, path: string): void {
  const { error } = check;
  const uses = property.derived!.uses;
  const scalars = (field: DbField) => !check.models.has(field.type) && !field.secret;
  const columns = listNames(model.fields.filter(scalars).map((field) => field.name));
  const seen = new Set<string>();
  uses.forEach((name, u) => {
    const at = `${path}.derived.uses[${u}]`;
    if (seen.has(name)) return error(at, `"${name}" is listed twice: list each column once`);
    seen.add(name);
    const field = model.fields.find((candidate) => candidate.name === name);
    if (!field) {
      return check.lacks(at, `${model.name} has no column "${name}" (columns: ${columns})`, name, model.fields.map((candidate) => candidate.name), 'database');
    }
    if (check.models.has(field.type)) {
      return error(
        at,
        `${model.name}.${name} is a relation and "uses" lists columns only: to compute from how many ${name} there are (all, or some with "where", e.g. the open ones), ` +
          `add a "count" property of ${name} to this DTO and leave it out here; the function reads that number as row._count.${name}`,
      );
    }
    if (field.secret) error(at, `${model.name}.${name} is secret and never leaves the server, not even through a computed value: remove it`);
  });
}
