import { withBackRelations } from '../../../database/backRelations';
import type { DatabaseArtifact, DbField, DbModel } from '../../../database/types';
import { dtoNamed, fieldNamed, homeOf, isRelation, modelNamed } from '../api/lookup';
import { Imports, jsDoc, relativeSpecifier } from '../printer/tsCode';
import { quote } from '../printer/literals';
import { derivedName, moduleFile, PRISMA_CLIENT_FILE, selectName, transformerName } from '../../../names/generated';
import { dtoHomes, modulesOf } from '../../../interface/modules';
import type { CountCondition, DtoProperty, DtoSchema, InterfaceArtifact } from '../../../interface/types';
import { decimalShape } from '../../../interface/values';

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
  const select = selection(api, database, dto, (nested) => {
    const home = homeOf(homes, nested.name);
    if (home === module) return `{ select: ${selectName(nested.name)} }`;
    // Another module's select is written out here, not imported: two modules nesting each other's
    // DTOs would import each other's constants, and ES modules cannot initialise such a cycle.
    // Its transformer is a function, called only later, so importing it is safe.
    imports.add(relativeSpecifier(file, moduleFile(home, 'transformers')), transformerName(nested.name));
    return `{ select: ${inlineSelect(api, database, nested)} }`;
  });
  const values: string[] = [];
  for (const property of dto.properties) {
    let value: string;
    if (property.count) value = `row._count.${property.count.relation}`;
    else if (property.derived) {
      const name = derivedName(dto.name, property.name);
      imports.add(relativeSpecifier(file, moduleFile(module, 'derived')), name);
      value = `${name}(row, now)`;
    } else {
      const field = fieldNamed(model, property.column!, `response DTO "${dto.name}" property "${property.name}"`);
      if (property.type === 'object') {
        const nested = dtoNamed(api, property.dto ?? '', `${dto.name}.${property.name}`);
        const row = `row.${field.name}`;
        const to = transformerName(nested.name);
        const call = (item: string) => (needsNow(api, nested) ? `${to}(${item}, now)` : `${to}(${item})`);
        const each = needsNow(api, nested) ? `(item) => ${call('item')}` : to;
        value = field.list ? `${row}.map(${each})` : field.optional ? `${row} ? ${call(row)} : null` : call(row);
      } else value = readColumn(dto, property, field, model);
    }
    values.push(`    ${property.name}: ${value},`);
  }
  const name = selectName(dto.name);
  const now = needsNow(api, dto);
  return [
    ...jsDoc(`The ${model.name} columns and relations that make up ${dto.name}.`),
    `export const ${name} = {`,
    ...[...select].map(([field, entry]) => `  ${field}: ${entry},`),
    `} satisfies Prisma.${model.name}Select;`,
    '',
    ...jsDoc(`${dto.name} from the ${model.name} row loaded with ${name}${now ? '; `now` is the clock\'s time, for the derived values' : ''}.`),
    `export function ${transformerName(dto.name)}(row: ${rowType(dto.name, model.name)}${now ? ', now: Date' : ''}): ${dto.name} {`,
    ...(values.length > 0 ? ['  return {', ...values, '  };'] : ['  return {};']),
    '}',
  ];
}

/** The type of the row a response DTO's select loads, which its transformer and derived functions take. */
export const rowType = (dto: string, model: string): string => `Prisma.${model}GetPayload<{ select: typeof ${selectName(dto)} }>`;

/**
 * Whether the DTO's transformer takes the clock's `now`: it has a derived value, or nests a DTO that does.
 * (Cycles of nested DTOs are refused by the Interface validator.)
 */
export function needsNow(api: InterfaceArtifact, dto: DtoSchema, seen = new Set<string>()): boolean {
  if (seen.has(dto.name)) return false;
  seen.add(dto.name);
  return dto.properties.some(
    (property) => property.derived !== undefined || (property.type === 'object' && property.dto !== undefined && needsNow(api, dtoNamed(api, property.dto, `${dto.name}.${property.name}`), seen)),
  );
}

/**
 * What a response DTO's select loads, field by field: its columns, the relations its objects nest (as
 * `nest` writes them), the columns its derived values use, and its counts as one `_count` entry.
 */
function selection(api: InterfaceArtifact, database: DatabaseArtifact, dto: DtoSchema, nest: (nested: DtoSchema) => string): Map<string, string> {
  const model = modelNamed(database, dto.model!, `response DTO "${dto.name}"`);
  const select = new Map<string, string>();
  const counts = new Map<string, string>();
  const load = (field: DbField, entry: string, where: string) => {
    const previous = select.get(field.name);
    if (previous !== undefined && previous !== entry) throw new Error(`${where} loads "${model.name}.${field.name}" differently from another property`);
    select.set(field.name, entry);
  };
  for (const property of dto.properties) {
    const where = `response DTO "${dto.name}" property "${property.name}"`;
    if (property.count) {
      const relation = fieldNamed(model, property.count.relation, where);
      if (!relation.list || !isRelation(database, relation)) throw new Error(`${where} counts "${model.name}.${relation.name}", which is not a list relation`);
      if (counts.has(relation.name)) throw new Error(`${where} counts "${model.name}.${relation.name}" a second time`);
      const related = modelNamed(database, relation.type, where);
      counts.set(relation.name, property.count.where?.length ? `{ where: ${countWhere(related, property.count.where, where)} }` : 'true');
      continue;
    }
    if (property.derived) {
      for (const column of property.derived.uses) {
        const field = fieldNamed(model, column, where);
        if (field.secret || isRelation(database, field)) throw new Error(`${where} uses "${model.name}.${field.name}", which is not a readable column`);
        load(field, 'true', where);
      }
      continue;
    }
    if (!property.column) throw new Error(`${where} has no column, so its transformer cannot fill it; link it or leave the DTO unlinked`);
    const field = fieldNamed(model, property.column, where);
    if (field.secret) throw new Error(`${where} is linked to the secret column "${model.name}.${field.name}"`);
    if (property.type === 'object') {
      const nested = dtoNamed(api, property.dto ?? '', where);
      if (!isRelation(database, field) || !hasTransformer(nested) || nested.model !== field.type) {
        throw new Error(`${where} nests "${nested.name}", which must be linked to the model of the relation "${model.name}.${field.name}" (${field.type})`);
      }
      load(field, nest(nested), where);
    } else {
      if (isRelation(database, field)) throw new Error(`${where} is a ${property.type} but "${model.name}.${field.name}" is a relation; make it an object with a nested DTO`);
      load(field, 'true', where);
    }
  }
  if (counts.size > 0) select.set('_count', `{ select: { ${[...counts].map(([relation, entry]) => `${relation}: ${entry}`).join(', ')} } }`);
  return select;
}

/** A count's conditions as a Prisma `where`: one value as itself, several as `in`, `isNull` as `null` / `{ not: null }`. */
function countWhere(model: DbModel, conditions: readonly CountCondition[], where: string): string {
  const entries = conditions.map((condition) => {
    const field = fieldNamed(model, condition.column, where);
    if (condition.isNull !== undefined) return `${field.name}: ${condition.isNull ? 'null' : '{ not: null }'}`;
    const values = (condition.in ?? []).map((value) => (typeof value === 'string' ? quote(value) : String(value)));
    if (values.length === 0) throw new Error(`${where} counts with an empty condition on "${model.name}.${field.name}"`);
    return `${field.name}: ${values.length === 1 ? values[0] : `{ in: [${values.join(', ')}] }`}`;
  });
  return `{ ${entries.join(', ')} }`;
}

/** The select of a response DTO as one object literal, nested DTOs included. */
function inlineSelect(api: InterfaceArtifact, database: DatabaseArtifact, dto: DtoSchema): string {
  const entries = selection(api, database, dto, (nested) => `{ select: ${inlineSelect(api, database, nested)} }`);
  return `{ ${[...entries].map(([field, entry]) => `${field}: ${entry}`).join(', ')} }`;
}

/** `row.price.toString()` and the like: column values whose JSON form differs from the client's type. */
function readColumn(dto: DtoSchema, property: DtoProperty, field: DbField, model: DbModel): string {
  const row = `row.${field.name}`;
  let one: ((value: string) => string) | undefined;
  if (field.type === 'Decimal') {
    // A decimal answers its text with exactly its scale of digits ("12.50"), rounded half up past it.
    if (property.type === 'decimal') one = (v) => `${v}.toFixed(${decimalShape(property).scale})`;
    else one = property.type === 'string' ? (v) => `${v}.toString()` : (v) => `${v}.toNumber()`;
  } else if (field.type === 'DateTime' && property.type === 'date') one = (v) => `${v}.toISOString().slice(0, 10)`;
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
