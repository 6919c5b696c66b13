import type { DtoProperty, DtoSchema, PropertyType } from '../interface/types';

/**
 * References inside scenario values: a whole string `$todo.id` is a field of the response of the given
 * step named `todo`; `$session.id` is the signed-in actor's id. The validator checks them against the
 * response DTOs and the renderer turns them into property accesses.
 */
export interface Ref {
  /** Given-step name, or `session`. */
  name: string;
  /** Field path; list items by index (`$page.items.0.id`). */
  fields: string[];
}

const REF = /^\$([A-Za-z_][A-Za-z0-9_]*)((?:\.[A-Za-z0-9_]+)*)$/;

export const SESSION = 'session';

export function parseRef(value: unknown): Ref | undefined {
  if (typeof value !== 'string') return undefined;
  const match = REF.exec(value);
  if (!match) return undefined;
  return { name: match[1]!, fields: match[2] ? match[2].slice(1).split('.') : [] };
}

/** What a field path leads to: a scalar of a type, a (list of) DTO, or the reason it leads nowhere. */
export type FieldTarget = { ok: true; type: PropertyType | 'list'; property?: DtoProperty } | { ok: false; problem: string };

/**
 * Follows `fields` through a response DTO (`list`: the response is an array of it), entering nested
 * `object` properties and list items by index.
 */
export function followFields(fields: readonly string[], start: DtoSchema, startList: boolean, dtos: ReadonlyMap<string, DtoSchema>): FieldTarget {
  let dto: DtoSchema | undefined = start;
  let list = startList;
  let property: DtoProperty | undefined;
  let label = startList ? `the response (a list of ${start.name})` : start.name;
  for (const field of fields) {
    if (list) {
      if (!/^\d+$/.test(field)) return { ok: false, problem: `${label} is a list: pick an item by index first (".0.${field}")` };
      list = false;
      continue;
    }
    if (!dto) return { ok: false, problem: `"${label}" is a ${property?.type ?? 'value'}; it has no field "${field}"` };
    const next: DtoProperty | undefined = dto.properties.find((candidate) => candidate.name === field);
    if (!next) return { ok: false, problem: `${dto.name} has no field "${field}" (fields: ${dto.properties.map((p) => p.name).join(', ')})` };
    property = next;
    label = next.name;
    list = Boolean(next.list);
    dto = next.type === 'object' && next.dto ? dtos.get(next.dto) : undefined;
  }
  if (list) return { ok: true, type: 'list', property };
  return { ok: true, type: property?.type ?? 'object', property };
}

/** Whether a referenced value of type `source` may stand where a value of type `target` is expected. */
export function compatible(source: PropertyType | 'list', target: PropertyType): boolean {
  if (source === target) return true;
  if (target === 'string' && (source === 'date-time' || source === 'date' || source === 'decimal')) return true;
  if ((target === 'number' || target === 'integer') && source === 'duration') return true;
  if ((target === 'number' || target === 'duration') && source === 'integer') return true;
  return false;
}
