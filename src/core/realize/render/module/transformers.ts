import { withBackRelations } from '../../../database/backRelations';
import type { DatabaseArtifact, DbField, DbModel } from '../../../database/types';
import { dtoNamed, fieldNamed, homeOf, isRelation, modelNamed } from '../../../interface/render/lookup';
import { Imports, jsDoc, quote, relativeSpecifier } from '../../../interface/render/tsCode';
import { dtoHomes, moduleFile, modulesOf, selectName, transformerName } from '../../../interface/names';
import type { DtoProperty, DtoSchema, InterfaceArtifact } from '../../../interface/types';
import { PRISMA_CLIENT_FILE } from './collectors';

/** Response DTOs linked to a model get a select and a transformer; unlinked ones (pages) are built by the operation. */
export const hasTransformer = (dto: DtoSchema): boolean => dto.kind === 'response' && dto.model !== undefined;

/**
 * `src/<module>/<module>.transformers.ts`: per linked response DTO, `<dto>Select` (the columns and nested
 * relations it needs, so one query loads everything) and `to<Dto>(row)` (that row as the DTO).
 */
export function renderTransformers(api: InterfaceArtifact, input: DatabaseArtifact): Map<string, string> {
  // List relations such as `User.todos` exist only once the opposite sides are added.
  const database = withBackRelations(input);
  const homes = dtoHomes(api);
  const files = new Map<string, string>();
  for (const module of modulesOf(api)) {
    const file = moduleFile(module, 'transformers');
    const dtos = ordered(api, homes, module);
    if (dtos.length === 0) continue;
    const imports = new Imports().add(relativeSpecifier(file, PRISMA_CLIENT_FILE), 'Prisma', true);
    const context: Context = { api, database, homes, module, file, imports };
    const blocks = dtos.map((dto) => renderTransformer(context, dto));
    files.set(file, [...imports.lines(), '', blocks.map((lines) => lines.join('\n')).join('\n\n'), ''].join('\n'));
  }
  return files;
}

interface Context {
  api: InterfaceArtifact;
  database: DatabaseArtifact;
  homes: Map<string, string>;
  module: string;
  file: string;
  imports: Imports;
}

/** Linked response DTOs of the module, each after those of the module it nests (a select must exist before use). */
function ordered(api: InterfaceArtifact, homes: Map<string, string>, module: string): DtoSchema[] {
  const out: DtoSchema[] = [];
  const seen = new Set<string>();
  const visit = (dto: DtoSchema) => {
    if (seen.has(dto.name) || !hasTransformer(dto) || homes.get(dto.name) !== module) return;
    seen.add(dto.name);
    for (const property of dto.properties) if (property.type === 'object' && property.dto) visit(dtoNamed(api, property.dto, `${dto.name}.${property.name}`));
    out.push(dto);
  };
  api.dtos.forEach(visit);
  return out;
}

function renderTransformer(context: Context, dto: DtoSchema): string[] {
  const { api, database, homes, module, file, imports } = context;
  const model = modelNamed(database, dto.model!, `response DTO "${dto.name}"`);
  imports.add(relativeSpecifier(file, moduleFile(module, 'dto')), dto.name, true);
  const select = new Map<string, string>();
  const values: string[] = [];
  for (const property of dto.properties) {
    const where = `response DTO "${dto.name}" property "${property.name}"`;
    if (!property.column) throw new Error(`${where} has no column, so its transformer cannot fill it; link it or leave the DTO unlinked`);
    const field = fieldNamed(model, property.column, where);
    if (field.secret) throw new Error(`${where} is linked to the secret column "${model.name}.${field.name}"`);
    let entry = 'true';
    let value: string;
    if (property.type === 'object') {
      const nested = dtoNamed(api, property.dto ?? '', where);
      if (!isRelation(database, field) || !hasTransformer(nested) || nested.model !== field.type) {
        throw new Error(`${where} nests "${nested.name}", which must be linked to the model of the relation "${model.name}.${field.name}" (${field.type})`);
      }
      const home = homeOf(homes, nested.name);
      if (home !== module) {
        // Another module's select is written out here, not imported: two modules nesting each other's
        // DTOs would import each other's constants, and ES modules cannot initialise such a cycle.
        // Its transformer is a function, called only later, so importing it is safe.
        imports.add(relativeSpecifier(file, moduleFile(home, 'transformers')), transformerName(nested.name));
        entry = `{ select: ${inlineSelect(api, database, nested)} }`;
      } else {
        entry = `{ select: ${selectName(nested.name)} }`;
      }
      const row = `row.${field.name}`;
      const to = transformerName(nested.name);
      value = field.list ? `${row}.map(${to})` : field.optional ? `${row} ? ${to}(${row}) : null` : `${to}(${row})`;
    } else {
      if (isRelation(database, field)) throw new Error(`${where} is a ${property.type} but "${model.name}.${field.name}" is a relation; make it an object with a nested DTO`);
      value = readColumn(dto, property, field, model);
    }
    const previous = select.get(field.name);
    if (previous !== undefined && previous !== entry) throw new Error(`${where} loads "${model.name}.${field.name}" differently from another property`);
    select.set(field.name, entry);
    values.push(`    ${property.name}: ${value},`);
  }
  const name = selectName(dto.name);
  return [
    ...jsDoc(`The ${model.name} columns and relations that make up ${dto.name}.`),
    `export const ${name} = {`,
    ...[...select].map(([field, entry]) => `  ${field}: ${entry},`),
    `} satisfies Prisma.${model.name}Select;`,
    '',
    ...jsDoc(`${dto.name} from the ${model.name} row loaded with ${name}.`),
    `export function ${transformerName(dto.name)}(row: Prisma.${model.name}GetPayload<{ select: typeof ${name} }>): ${dto.name} {`,
    ...(values.length > 0 ? ['  return {', ...values, '  };'] : ['  return {};']),
    '}',
  ];
}

/** The select of a response DTO as one object literal, nested DTOs included. */
function inlineSelect(api: InterfaceArtifact, database: DatabaseArtifact, dto: DtoSchema): string {
  const model = modelNamed(database, dto.model!, `response DTO "${dto.name}"`);
  const entries = new Map<string, string>();
  for (const property of dto.properties) {
    const field = fieldNamed(model, property.column ?? '', `response DTO "${dto.name}" property "${property.name}"`);
    const nested = property.type === 'object' ? dtoNamed(api, property.dto ?? '', `${dto.name}.${property.name}`) : undefined;
    entries.set(field.name, nested ? `{ select: ${inlineSelect(api, database, nested)} }` : 'true');
  }
  return `{ ${[...entries].map(([field, entry]) => `${field}: ${entry}`).join(', ')} }`;
}

/** `row.price.toString()` and the like: column values whose JSON form differs from the client's type. */
function readColumn(dto: DtoSchema, property: DtoProperty, field: DbField, model: DbModel): string {
  const row = `row.${field.name}`;
  let one: ((value: string) => string) | undefined;
  if (field.type === 'Decimal') one = property.type === 'string' ? (v) => `${v}.toString()` : (v) => `${v}.toNumber()`;
  else if (field.type === 'BigInt') one = property.type === 'string' ? (v) => `${v}.toString()` : (v) => `Number(${v})`;
  else if (field.type === 'Bytes') one = (v) => `Buffer.from(${v}).toString('base64')`;
  else if (field.type === 'Json') throw new Error(`response DTO "${dto.name}" property "${property.name}" reads the Json column "${model.name}.${field.name}", which DTOs cannot describe`);
  if (!one) {
    // A String column answered as an enum: the DTO promises fewer values than the client type says.
    return property.enum && field.type === 'String' ? `${row} as ${dto.name}[${quote(property.name)}]` : row;
  }
  const converted = field.list ? `${row}.map((item) => ${one('item')})` : one(row);
  return field.optional ? `${row} === null ? null : ${converted}` : converted;
}
