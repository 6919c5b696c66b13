import type { DtoProperty, DtoSchema, InterfaceArtifact } from './types';

/**
 * The module each DTO is declared in: the first operation (in artifact order) using it as query, body
 * or response, directly or nested in a response DTO.
 */
export function dtoHomes(artifact: InterfaceArtifact): Map<string, string> {
  const dtos = new Map(artifact.dtos.map((dto) => [dto.name, dto]));
  const homes = new Map<string, string>();
  const place = (name: string | undefined, module: string): void => {
    if (!name || homes.has(name)) return;
    const dto = dtos.get(name);
    if (!dto) return;
    homes.set(name, module);
    for (const property of dto.properties) if (property.type === 'object') place(property.dto, module);
  };
  for (const operation of artifact.operations) {
    place(operation.query, operation.module);
    place(operation.body, operation.module);
    place(operation.response, operation.module);
  }
  return homes;
}

/** Modules in the order their first operation appears. */
export function modulesOf(artifact: InterfaceArtifact): string[] {
  return [...new Set(artifact.operations.map((operation) => operation.module))];
}

/** A derived response property the module's Realize call computes: one function in `<module>.derived.ts`. */
export interface DerivedSlot {
  dto: DtoSchema;
  property: DtoProperty;
}

/** The derived properties of the response DTOs declared in the module (`dtoHomes`), in artifact order. */
export function derivedSlots(api: InterfaceArtifact, module: string): DerivedSlot[] {
  const homes = dtoHomes(api);
  return api.dtos
    .filter((dto) => dto.kind === 'response' && dto.model !== undefined && homes.get(dto.name) === module)
    .flatMap((dto) => dto.properties.filter((property) => property.derived !== undefined).map((property) => ({ dto, property })));
}
