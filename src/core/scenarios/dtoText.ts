import type { DtoProperty, DtoSchema } from '../interface/types';
import { decimalShape, durationUnit, exampleDecimal } from '../interface/values';

/**
 * DTOs in the words the model reads, in the prompt and in validation messages: what a value must be to
 * pass the server's validation, e.g. `string, 1-200 characters` or `integer, 1..100, optional`.
 */
export function describeProperty(property: DtoProperty, brief = false): string {
  const parts: string[] = [];
  const type =
    brief && (property.type === 'date-time' || property.type === 'date')
      ? property.type
      : property.type === 'date-time'
      ? 'date-time: "$now", "$now+21d", "$now-2h" (the test clock) or an ISO string'
      : property.type === 'date'
        ? 'date: "$today", "$today+21d" (the test clock\'s day) or "YYYY-MM-DD"'
        : property.type === 'decimal'
          ? `decimal as a string with up to ${decimalShape(property).scale} digits after the point, e.g. "${exampleDecimal(decimalShape(property))}" (answered with exactly ${decimalShape(property).scale})`
          : property.type === 'duration'
            ? `duration: whole ${durationUnit(property.name) ?? 'units'}, 0 or more`
            : property.type === 'object'
              ? `${property.dto ?? 'object'} object`
              : property.type;
  parts.push(property.list ? `list of ${type}${property.type === 'object' ? 's' : ''}` : type);
  if (property.format === 'email') parts.push('an e-mail address');
  if (property.enum) parts.push(`one of ${property.enum.map((value) => JSON.stringify(value)).join(', ')}`);
  if (property.pattern !== undefined) parts.push(`the whole value matching ${property.pattern}`);
  const { minLength, maxLength, minimum, maximum } = property;
  if (minLength !== undefined && maxLength !== undefined) parts.push(`${minLength}-${maxLength} characters`);
  else if (minLength !== undefined) parts.push(`at least ${minLength} characters`);
  else if (maxLength !== undefined) parts.push(`at most ${maxLength} characters`);
  if (minimum !== undefined && maximum !== undefined) parts.push(`${minimum}..${maximum}`);
  else if (minimum !== undefined) parts.push(`>= ${minimum}`);
  else if (maximum !== undefined) parts.push(`<= ${maximum}`);
  if (property.count) {
    const where = (property.count.where ?? []).map((condition) => (condition.isNull !== undefined ? `${condition.column} ${condition.isNull ? 'is' : 'is not'} null` : `${condition.column} ${condition.in!.map((value) => JSON.stringify(value)).join(' or ')}`));
    parts.push(`computed: the number of its ${property.count.relation}${where.length ? ` where ${where.join(' and ')}` : ''}`);
  }
  if (property.derived) parts.push(`computed by the server from ${[...property.derived.uses, 'the clock'].join(', ')}`);
  if (property.nullable) parts.push('may be null');
  if (property.optional) parts.push(property.default !== undefined ? `optional, default ${JSON.stringify(property.default)}` : 'optional');
  return parts.join(', ');
}

/**
 * One DTO as an indented list of `name: constraints - description` lines; `brief` leaves out how dates
 * are written where the reader was told once already (the Test prompt's instructions).
 */
export function describeDto(dto: DtoSchema, brief = false): string {
  const lines = dto.properties.map((property) => `  - ${property.name}: ${describeProperty(property, brief)}${property.description ? ` - ${property.description}` : ''}`);
  return [`${dto.name} (${dto.kind}): ${dto.description}`, ...lines].join('\n');
}
