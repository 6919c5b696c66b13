import { hashesPassword } from '../../../interface/auth';
import type { DatabaseArtifact, DbField } from '../../../database/types';
import { enumValues, fieldNamed, isRelation, modelNamed } from '../api/lookup';
import { Imports, jsDoc, relativeSpecifier } from '../printer/tsCode';
import { quote } from '../printer/literals';
import { collectorName, moduleFile, PASSWORD_FILE, PRISMA_CLIENT_FILE } from '../../../names/generated';
import { dtoHomes, modulesOf } from '../../../interface/modules';
import type { DtoProperty, DtoSchema, InterfaceArtifact } from '../../../interface/types';




/** Body DTOs linked to a model get a collector; the others are read by the operation itself. */
export const hasCollector = (dto: DtoSchema): boolean => dto.kind === 'body' && dto.model !== undefined;

/**
 * `src/<module>/<module>.collectors.ts`: per linked body DTO, `collect<Name>(body)` picks the linked
 * columns out of the request, converted to the client's types, and types them so the result fits both
 * the create and the update input of the model. Left-out values stay undefined, which Prisma skips.
 */
export function renderCollectors(api: InterfaceArtifact, database: DatabaseArtifact): Map<string, string> {
  const homes = dtoHomes(api);
  const files = new Map<string, string>();
  for (const module of modulesOf(api)) {
    const file = moduleFile(module, 'collectors');
    const dtos = api.dtos.filter((dto) => hasCollector(dto) && homes.get(dto.name) === module);
    if (dtos.length === 0) continue;
    const imports = new Imports();
    const blocks = dtos.map((dto) => {
      imports.add(relativeSpecifier(file, moduleFile(module, 'dto')), dto.name, true);
      if (hashesPassword(dto)) imports.add(relativeSpecifier(file, PASSWORD_FILE), 'hashPassword');
      return renderCollector(database, dto, imports, relativeSpecifier(file, PRISMA_CLIENT_FILE));
    });
    files.set(file, [...imports.lines(), '', blocks.map((lines) => lines.join('\n')).join('\n\n'), ''].join('\n'));
  }
  return files;
}

function renderCollector(database: DatabaseArtifact, dto: DtoSchema, imports: Imports, client: string): string[] {
  const model = modelNamed(database, dto.model!, `body DTO "${dto.name}"`);
  const types: string[] = [];
  const values: string[] = [];
  const written = new Set<string>();
  for (const property of dto.properties) {
    if (!property.column) continue;
    const where = `body DTO "${dto.name}" property "${property.name}"`;
    const field = fieldNamed(model, property.column, where);
    if (written.has(field.name)) throw new Error(`${where} sets "${model.name}.${field.name}", which another property of the DTO already sets`);
    written.add(field.name);
    if (isRelation(database, field)) throw new Error(`${where} is linked to the relation "${model.name}.${field.name}"; link its key column instead`);
    if (Boolean(property.list) !== Boolean(field.list)) throw new Error(`${where} and column "${model.name}.${field.name}" disagree on being a list`);
    const column = columnType(database, dto, property, field, where);
    if (column.usesPrisma) imports.add(client, 'Prisma');
    const type = `${field.list ? listOf(column.type) : column.type}${property.nullable ? ' | null' : ''}`;
    types.push(`  ${field.name}${property.optional ? '?' : ''}: ${type};`);
    // The password itself never reaches the database: only its hash, made as sign-up makes it.
    const hash = property.format === 'password' ? (value: string) => `await hashPassword(${value})` : column.convert;
    values.push(`    ${field.name}: ${convert(`body.${property.name}`, property, field, hash)},`);
  }
  const async = hashesPassword(dto);
  return [
    ...jsDoc(`The ${model.name} columns taken from ${dto.name}; left-out ones stay undefined.${async ? ' Async: a password is stored as its hash.' : ''}`),
    `export ${async ? 'async ' : ''}function ${collectorName(dto.name)}(body: ${dto.name}): ${async ? 'Promise<{' : '{'}`,
    ...types,
    async ? '}> {' : '} {',
    ...(values.length > 0 ? ['  return {', ...values, '  };'] : ['  return {};']),
    '}',
  ];
}

const listOf = (type: string) => (type.includes(' ') ? `(${type})[]` : `${type}[]`);

interface ColumnType {
  /** What the client takes for the column. */
  type: string;
  /** Turns one request value into it; undefined when the request value already fits. */
  convert?: (value: string) => string;
  usesPrisma?: boolean;
}

/** The client's type for a column written from a property, and the conversion between them. */
function columnType(database: DatabaseArtifact, dto: DtoSchema, property: DtoProperty, field: DbField, where: string): ColumnType {
  const fits = (...types: DtoProperty['type'][]) => {
    if (!types.includes(property.type)) throw new Error(`${where} is a ${property.type}, but column "${field.name}" is a ${field.type}; use ${types.join(' or ')}`);
  };
  const values = enumValues(database, dto, property);
  const literals = values && values.length > 0 ? values.map(quote).join(' | ') : undefined;
  switch (field.type) {
    case 'String':
      fits('string');
      return { type: literals ?? 'string' };
    case 'Int':
      fits('integer', 'duration');
      return { type: 'number' };
    case 'Float':
      fits('number', 'integer');
      return { type: 'number' };
    case 'Boolean':
      fits('boolean');
      return { type: 'boolean' };
    case 'DateTime':
      fits('date-time', 'date');
      // A calendar date is stored as its midnight UTC (SQLite has no date type); transformers answer the day again.
      return property.type === 'date' ? { type: 'Date', convert: (value) => `new Date(\`\${${value}}T00:00:00.000Z\`)` } : { type: 'Date' };
    case 'Decimal':
      // From the request's text straight into Prisma's Decimal: no float in between.
      fits('decimal', 'string', 'number', 'integer');
      return { type: 'Prisma.Decimal', convert: (value) => `new Prisma.Decimal(${value})`, usesPrisma: true };
    case 'BigInt':
      fits('string', 'integer');
      return { type: 'bigint', convert: (value) => `BigInt(${value})` };
    case 'Bytes':
      fits('string');
      // Base64 in JSON; a copy so the type is a plain Uint8Array, as the client declares it.
      return { type: 'Uint8Array<ArrayBuffer>', convert: (value) => `Uint8Array.from(Buffer.from(${value}, 'base64'))` };
  }
  if (database.enums.some((dbEnum) => dbEnum.name === field.type)) {
    fits('string');
    return { type: literals ?? 'string' };
  }
  throw new Error(`${where} is linked to "${field.name}" of type ${field.type}, which a request cannot set`);
}

/** `body.price` -> `body.price == null ? body.price : new Prisma.Decimal(body.price)`; lists element by element. */
function convert(value: string, property: DtoProperty, field: DbField, one?: (value: string) => string): string {
  if (!one) return value;
  const converted = field.list ? `${value}.map((item) => ${one('item')})` : one(value);
  return property.optional || property.nullable ? `${value} == null ? ${value} : ${converted}` : converted;
}
