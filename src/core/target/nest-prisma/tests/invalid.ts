import { nonMatching } from '../../../interface/pattern';
import type { DtoProperty, DtoSchema, Operation } from '../../../interface/types';
import { integerBounds } from '../api/dtos';
import { calendarDateMessage, decimalShape, plainDecimal } from '../../../interface/values';
import type { ScenarioValue } from '../../../scenarios/types';
import type { DatabaseArtifact } from '../../../database/types';
import { type Scalar, scalarOf } from '../../../scalars';

/**
 * Requests the server must refuse with 400, derived from the operation's DTOs: a body with the faults of
 * `bodyFaults` plus an unknown property, a body with its decimals and durations past their bounds, a
 * query with a value out of its enum or range plus an unknown parameter, a path parameter that is not
 * an integer.
 */
export interface InvalidRequest {
  /** Which part of the request is broken; the rest is made valid by the caller. */
  part: 'body' | 'query' | 'params';
  /** Read after "it". */
  title: string;
  value: Record<string, ScenarioValue>;
  /** Starts of messages the 400 must contain; none for path parameters, whose pipe answers one plain message. */
  mentions: string[];
}

export function invalidRequests(operation: Operation, dtos: ReadonlyMap<string, DtoSchema>, database?: DatabaseArtifact): InvalidRequest[] {
  const requests: InvalidRequest[] = [];
  const body = operation.body ? dtos.get(operation.body) : undefined;
  if (body) {
    const unknown = unusedName(body);
    const faults = bodyFaults(body, database);
    requests.push({
      part: 'body',
      title: `400 when ${listed([...faults.map((fault) => `${fault.name} ${fault.problem}`), 'the body has an unknown property'])}`,
      value: { ...Object.fromEntries(faults.map((fault) => [fault.name, fault.value])), [unknown]: true },
      mentions: [...faults.map((fault) => fault.mention), `property ${unknown} should not exist`],
    });
  }
  const bounded = body ? boundFaults(body) : [];
  if (bounded.length > 0) {
    requests.push({
      part: 'body',
      title: `400 when ${listed(bounded.map((fault) => `${fault.name} ${fault.problem}`))}`,
      value: Object.fromEntries(bounded.map((fault) => [fault.name, fault.value])),
      mentions: bounded.map((fault) => fault.mention),
    });
  }
  const query = operation.query ? dtos.get(operation.query) : undefined;
  if (query) {
    const unknown = unusedName(query);
    const broken = query.properties.map((property) => ({ property, wrong: outOfBounds(property) })).find((candidate) => candidate.wrong);
    requests.push({
      part: 'query',
      title: broken ? `400 when ${broken.property.name} ${broken.wrong!.problem} and the query has an unknown parameter` : '400 when the query has an unknown parameter',
      value: { ...(broken ? { [broken.property.name]: broken.wrong!.value } : {}), [unknown]: 'x' },
      mentions: [...(broken ? [broken.property.name] : []), `property ${unknown} should not exist`],
    });
  }
  const integer = operation.params.find((param) => param.type === 'integer');
  if (integer) requests.push({ part: 'params', title: `400 when ${integer.name} is not an integer`, value: { [integer.name]: 'abc' }, mentions: [] });
  return requests;
}

/** One broken property of a body, and the start of the message its 400 carries. */
interface Fault extends Wrong {
  name: string;
  mention: string;
}

/**
 * Faults a body can carry at once, each on its own property: a value of the wrong type, null where the
 * property may be left out but not be null, a date-time that is not ISO 8601 ("tomorrow"), a calendar
 * date that does not exist (2030-02-30), a decimal with one digit past its scale, a duration below its
 * minimum (-1), a string one character over its maxLength, and one its pattern refuses. A message is matched whole where class-validator words it
 * predictably, else by the property name it starts with. Nested objects are left alone: class-validator
 * words their errors as "nested property ...".
 */
function bodyFaults(body: DtoSchema, database?: DatabaseArtifact): Fault[] {
  const faults: Fault[] = [];
  const free = body.properties.filter((property) => property.type !== 'object');
  const take = (property: DtoProperty | undefined, wrong: Wrong | undefined, mention?: string) => {
    if (!property || !wrong) return;
    faults.push({ name: property.name, ...wrong, mention: mention ?? property.name });
    free.splice(free.indexOf(property), 1);
  };
  // A value within its lengths that only the pattern refuses, first: a patterned property is often the one required text.
  const patterned = free.filter((property) => property.type === 'string' && !property.list).map((property) => ({ property, value: nonMatching(property) })).find((one) => one.value !== undefined);
  if (patterned) take(patterned.property, { value: patterned.value!, problem: 'does not match its pattern' }, `${patterned.property.name} must match`);
  // Text a column's form refuses (an integer as text, base64): its own check, not a conversion error.
  const formed = free
    .filter((property) => property.type === 'string' && !property.list)
    .map((property) => ({ property, form: textFormOf(database, body, property) }))
    .find((one) => one.form !== undefined);
  if (formed) take(formed.property, formed.form!.wrong);
  // Dates and decimals have faults of their own below, which only their checks refuse: the wrong type goes elsewhere first.
  const ownFault = (property: DtoProperty) => !property.list && (property.type === 'date' || property.type === 'decimal');
  const target = free.find((property) => !property.optional && !ownFault(property)) ?? free.find((property) => !property.optional) ?? free[0];
  take(target, target && wrongType(target));
  take(
    free.find((property) => property.optional && !property.nullable),
    { value: null, problem: 'is null' },
  );
  const date = free.find((property) => property.type === 'date-time' && !property.list);
  if (date) take(date, { value: 'tomorrow', problem: 'is "tomorrow"' }, `${date.name} must be an ISO 8601 date-time`);
  // A day that does not exist, in the right shape: refused only by a check of the calendar.
  const day = free.find((property) => property.type === 'date' && !property.list);
  if (day) take(day, { value: '2030-02-30', problem: 'is February 30th' }, calendarDateMessage(day.name));
  // One digit past the scale: refused only by a check of the digits, never rounded away.
  const decimal = free.find((property) => property.type === 'decimal' && !property.list);
  if (decimal) take(decimal, { value: tooManyDigits(decimal), problem: `has more than ${decimalShape(decimal).scale} digits after the point` }, `${decimal.name} must be a`);
  const duration = free.find((property) => property.type === 'duration' && !property.list);
  if (duration) take(duration, { value: integerBounds(duration).minimum - 1, problem: 'is below its minimum' }, `${duration.name} must not be less than ${integerBounds(duration).minimum}`);
  const text = free.find((property) => property.type === 'string' && !property.list && property.maxLength !== undefined);
  if (text) take(text, { value: 'x'.repeat(text.maxLength! + 1), problem: 'is too long' }, `${text.name} must be shorter than or equal to ${text.maxLength} characters`);
  return faults;
}

/**
 * Values one step past the declared bounds of decimals and durations (a bounded amount or a number of
 * minutes is a business rule): a cent above the maximum or below the minimum, a minute past a day.
 * The maximum first, since a minimum of 0 or 1 is the usual one. Each property is sent the way its
 * type allows otherwise, so only the bound refuses it.
 */
function boundFaults(body: DtoSchema): Fault[] {
  const faults: Fault[] = [];
  for (const property of body.properties) {
    if (property.list || (property.maximum === undefined && property.minimum === undefined)) continue;
    const above = property.maximum !== undefined;
    const bound = (above ? property.maximum : property.minimum)!;
    if (property.type === 'decimal') {
      const { scale } = decimalShape(property);
      faults.push({ name: property.name, value: stepPast(bound, scale, above ? 1n : -1n), problem: `is ${above ? 'above' : 'below'} ${plainDecimal(bound)}`, mention: `${property.name} must be a` });
    } else if (property.type === 'duration') {
      faults.push({ name: property.name, value: bound + (above ? 1 : -1), problem: `is ${above ? 'above' : 'below'} ${bound}`, mention: `${property.name} must not be ${above ? 'greater' : 'less'} than ${bound}` });
    }
  }
  return faults;
}

/** `bound` moved by `step` units of the last place at `scale`, as decimal text: (0, 2, -1) -> "-0.01". */
function stepPast(bound: number, scale: number, step: bigint): string {
  const [whole, fraction = ''] = plainDecimal(bound).split('.');
  const scaled = BigInt(`${whole}${fraction.padEnd(scale, '0').slice(0, scale)}`) + step;
  const digits = (scaled < 0n ? -scaled : scaled).toString().padStart(scale + 1, '0');
  const text = scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return scaled < 0n ? `-${text}` : text;
}

interface Wrong {
  value: ScenarioValue;
  problem: string;
}

/** A JSON value of another type than the (scalar) property's. */
function wrongType(property: DtoProperty): Wrong | undefined {
  if (property.list) return { value: 'abc', problem: 'is not a list' };
  switch (property.type) {
    case 'string':
      return { value: 12345, problem: 'is not a string' };
    case 'integer':
      return { value: 'abc', problem: 'is not an integer' };
    case 'number':
      return { value: 'abc', problem: 'is not a number' };
    case 'boolean':
      return { value: 'yes', problem: 'is not a boolean' };
    case 'date-time':
      return { value: 'not-a-date', problem: 'is not a date-time' };
    case 'date':
      return { value: '2030-02-30', problem: 'is February 30th' };
    case 'decimal':
      // The right number as a JSON number: decimals travel as text, so no float ever holds one.
      return { value: 12.5, problem: 'is a number, not a decimal string' };
    case 'duration':
      return { value: 1.5, problem: 'is not a whole number' };
    default:
      return undefined;
  }
}

/** A query string value the property refuses, when one follows from its type and limits. */
function outOfBounds(property: DtoProperty): Wrong | undefined {
  if (property.enum?.length) {
    let value = 'invalid';
    while (property.enum.includes(value)) value += '-value';
    return { value, problem: 'is not one of its values' };
  }
  if (property.type === 'integer' || property.type === 'number') {
    if (property.maximum !== undefined) return { value: property.maximum + 1, problem: `is above ${property.maximum}` };
    if (property.minimum !== undefined) return { value: property.minimum - 1, problem: `is below ${property.minimum}` };
    return { value: 'abc', problem: 'is not a number' };
  }
  if (property.type === 'duration') return { value: integerBounds(property).minimum - 1, problem: `is below ${integerBounds(property).minimum}` };
  if (property.type === 'date-time') return { value: 'not-a-date', problem: 'is not a date-time' };
  if (property.type === 'date') return { value: '2030-02-30', problem: 'is not a calendar date' };
  if (property.type === 'decimal') return { value: '1e3', problem: 'is not a plain decimal' };
  if (property.type === 'string' && property.maxLength !== undefined) return { value: 'x'.repeat(property.maxLength + 1), problem: 'is too long' };
  const refused = property.type === 'string' ? nonMatching(property) : undefined;
  if (refused !== undefined) return { value: refused, problem: 'does not match its pattern' };
  return undefined;
}

/** A decimal the property refuses for its digits alone: `"1.005"` at scale 2, `"1.5"` at scale 0. */
function tooManyDigits(property: DtoProperty): string {
  return `1.${'0'.repeat(decimalShape(property).scale)}5`;
}

/** `a, b and c`. */
function listed(parts: string[]): string {
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts.join('');
}

function unusedName(dto: DtoSchema): string {
  let name = 'unexpectedField';
  for (let n = 2; dto.properties.some((property) => property.name === name); n++) name = `unexpectedField${n}`;
  return name;
}

/** The text form the column behind a string property needs (see `Scalar.textForm`), when the data model is known. */
function textFormOf(database: DatabaseArtifact | undefined, dto: DtoSchema, property: DtoProperty): Scalar['textForm'] {
  if (!database || !property.column || !dto.model) return undefined;
  const column = database.models.find((model) => model.name === dto.model)?.fields.find((field) => field.name === property.column);
  return column && scalarOf(column.type)?.textForm;
}
