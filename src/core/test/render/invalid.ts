import type { DtoProperty, DtoSchema, Operation } from '../../interface/types';
import type { ScenarioValue } from '../types';

/**
 * Requests the server must refuse with 400, derived from the operation's DTOs: a body with a value of
 * the wrong type plus an unknown property, a query with a value out of its enum or range plus an unknown
 * parameter, a path parameter that is not an integer.
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

export function invalidRequests(operation: Operation, dtos: ReadonlyMap<string, DtoSchema>): InvalidRequest[] {
  const requests: InvalidRequest[] = [];
  const body = operation.body ? dtos.get(operation.body) : undefined;
  if (body) {
    const unknown = unusedName(body);
    // Nested objects are left alone: class-validator words their errors as "nested property ...".
    const scalars = body.properties.filter((property) => property.type !== 'object');
    const target = scalars.find((property) => !property.optional) ?? scalars[0];
    const wrong = target && wrongType(target);
    requests.push({
      part: 'body',
      title: wrong ? `400 when ${target.name} ${wrong.problem} and the body has an unknown property` : '400 when the body has an unknown property',
      value: { ...(wrong ? { [target.name]: wrong.value } : {}), [unknown]: true },
      mentions: [...(wrong ? [target.name] : []), `property ${unknown} should not exist`],
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
  if (property.type === 'date-time') return { value: 'not-a-date', problem: 'is not a date-time' };
  if (property.type === 'string' && property.maxLength !== undefined) return { value: 'x'.repeat(property.maxLength + 1), problem: 'is too long' };
  return undefined;
}

function unusedName(dto: DtoSchema): string {
  let name = 'unexpectedField';
  for (let n = 2; dto.properties.some((property) => property.name === name); n++) name = `unexpectedField${n}`;
  return name;
}
