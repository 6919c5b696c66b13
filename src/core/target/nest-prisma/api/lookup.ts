import type { DatabaseArtifact, DbField, DbModel } from '../../../database/types';
import type { DtoProperty, DtoSchema, InterfaceArtifact } from '../../../interface/types';

/**
 * Look-ups the renderers share. Artifacts reach the renderers validated, so a missing name is a bug
 * upstream: it is thrown with the name, never rendered as broken code.
 */
export function dtoNamed(api: InterfaceArtifact, name: string, where: string): DtoSchema {
  const dto = api.dtos.find((candidate) => candidate.name === name);
  if (!dto) throw new Error(`${where} names the unknown DTO "${name}"`);
  return dto;
}

export function modelNamed(database: DatabaseArtifact, name: string, where: string): DbModel {
  const model = database.models.find((candidate) => candidate.name === name);
  if (!model) throw new Error(`${where} names the unknown model "${name}"`);
  return model;
}

export function fieldNamed(model: DbModel, name: string, where: string): DbField {
  const field = model.fields.find((candidate) => candidate.name === name);
  if (!field) throw new Error(`${where} names the unknown column "${model.name}.${name}"`);
  return field;
}

/** The module a DTO is declared in (`dtoHomes`). */
export function homeOf(homes: Map<string, string>, dto: string): string {
  const home = homes.get(dto);
  if (!home) throw new Error(`DTO "${dto}" is used but no operation uses it, so it has no module`);
  return home;
}

/**
 * The values a string property may take: its own `enum`, or else those of the Prisma enum its column
 * has, so DTO, collector and transformer types agree with the client's enum types.
 */
export function enumValues(database: DatabaseArtifact, dto: DtoSchema, property: DtoProperty): string[] | undefined {
  if (property.type !== 'string') return undefined;
  if (property.enum) return property.enum;
  const field = columnOf(database, dto, property);
  return database.enums.find((dbEnum) => dbEnum.name === field?.type)?.values;
}

/** The column a property is linked to, if the DTO and the column exist (renderers that need it throw themselves). */
export function columnOf(database: DatabaseArtifact, dto: DtoSchema, property: DtoProperty): DbField | undefined {
  if (!dto.model || !property.column) return undefined;
  return database.models.find((model) => model.name === dto.model)?.fields.find((candidate) => candidate.name === property.column);
}

/** Whether a field holds a relation (its type is a model) rather than a column value. */
export function isRelation(database: DatabaseArtifact, field: DbField): boolean {
  return database.models.some((model) => model.name === field.type);
}
