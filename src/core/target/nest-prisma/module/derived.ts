import type { DatabaseArtifact } from '../../../database/types';
import { derivedName, moduleFile, PRISMA_CLIENT_FILE, selectName } from '../../../names/generated';
import { derivedSlots } from '../../../interface/modules';
import { dedent, Imports, indent, jsDoc, relativeSpecifier } from '../printer/tsCode';
import type { InterfaceArtifact } from '../../../interface/types';
import type { RealizedModule } from '../../../realize/types';
import { identifiersIn } from './identifiers';
import type { ServiceRegion } from './service';
import { rowType } from './transformers';

export interface RenderedDerived {
  path: string;
  content: string;
  /** `$.derived[<i>].body` of each function body in the file. */
  regions: ServiceRegion[];
}

/**
 * `src/<module>/<module>.derived.ts`: one pure function per derived response property, around the body
 * the model wrote: `derive<Dto><Property>(row, now)` takes the row the DTO's select loads and the
 * clock's time and returns the property's type; the transformer calls it. Undefined when the module has none.
 */
export function renderDerived(api: InterfaceArtifact, database: DatabaseArtifact, realized: RealizedModule): RenderedDerived | undefined {
  const module = realized.name;
  const slots = derivedSlots(api, module);
  if (slots.length === 0) return undefined;
  const file = moduleFile(module, 'derived');
  const written = realized.derived ?? [];
  const bodies = slots.map((slot) => {
    const index = written.findIndex((entry) => entry.dto === slot.dto.name && entry.property === slot.property.name);
    if (index < 0) throw new Error(`realized module "${module}" has no body for the derived value ${slot.dto.name}.${slot.property.name}`);
    return { slot, index, lines: dedent(written[index]!.body) };
  });
  const used = identifiersIn(bodies.map((body) => body.lines.join('\n')).join('\n'));
  const client = relativeSpecifier(file, PRISMA_CLIENT_FILE);
  // `Prisma` for the row types; a value import only when a body uses it (Prisma.Decimal, …).
  const imports = new Imports().add(client, 'Prisma', !used.has('Prisma'));
  for (const dbEnum of database.enums) if (used.has(dbEnum.name)) imports.add(client, dbEnum.name);
  for (const { slot } of bodies) {
    imports.add(relativeSpecifier(file, moduleFile(module, 'dto')), slot.dto.name, true);
    imports.add(relativeSpecifier(file, moduleFile(module, 'transformers')), selectName(slot.dto.name), true);
  }
  const lines = [...imports.lines()];
  const regions: ServiceRegion[] = [];
  for (const { slot, index, lines: body } of bodies) {
    const { dto, property } = slot;
    const about = `${dto.name}.${property.name}${property.description ? `: ${property.description}` : ''} (computed from ${[...property.derived!.uses, 'now'].join(', ')}).`;
    lines.push('', ...jsDoc(about), `export function ${derivedName(dto.name, property.name)}(row: ${rowType(dto.name, dto.model!)}, now: Date): ${dto.name}['${property.name}'] {`);
    const block = body.length > 0 ? indent(body, '  ') : [''];
    regions.push({ path: `$.derived[${index}].body`, startLine: lines.length, endLine: lines.length + block.length - 1 });
    lines.push(...block, '}');
  }
  lines.push('');
  return { path: file, content: lines.join('\n'), regions };
}
