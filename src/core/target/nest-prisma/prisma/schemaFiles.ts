import type { RenderedSchema } from '../../../database/compile';
import { oneLine } from '../printer/literals';
import { artifactNode } from '../../../provenance';
import type { DatabaseId } from '../../../config/settings';
import { withBackRelations } from '../../../database/backRelations';
import { type DatabaseArtifact, type DbEnum, type DbField, type DbModel, type FieldDefault } from '../../../database/types';
import { isScalarType } from '../../../scalars';
import { SCHEMA_DIR } from '../../../names/generated';


/**
 * Renders the artifact as a multi-file Prisma 7 schema: `schema.prisma` with the generator and the
 * datasource (its URL lives in `prisma.config.ts`), and one file per `file` group of models and enums.
 * Columns are aligned as `prisma format` would.
 */
export function renderSchema(input: DatabaseArtifact, database: DatabaseId): RenderedSchema {
  const artifact = withBackRelations(input);
  const lineOwners = new Map<string, string[]>();
  const files = new Map<string, string>();
  const from = new Map<string, string[]>();

  files.set(
    `${SCHEMA_DIR}/schema.prisma`,
    [
      'generator client {',
      '  provider            = "prisma-client"',
      '  output              = "../../src/generated/prisma"',
      '  moduleFormat        = "esm"',
      '  importFileExtension = "js"',
      '}',
      '',
      'datasource db {',
      `  provider = "${database}"`,
      '}',
      '',
    ].join('\n'),
  );
  // The generator and datasource follow from the setting, not from any node; the whole model is its source.
  from.set(`${SCHEMA_DIR}/schema.prisma`, [artifactNode('database')]);

  const groups = new Map<string, { enums: [DbEnum, number][]; models: [DbModel, number][] }>();
  const group = (file: string) => {
    let entry = groups.get(file);
    if (!entry) groups.set(file, (entry = { enums: [], models: [] }));
    return entry;
  };
  artifact.enums.forEach((dbEnum, index) => group(dbEnum.file).enums.push([dbEnum, index]));
  artifact.models.forEach((model, index) => group(model.file).models.push([model, index]));

  for (const [file, { enums, models }] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const lines: string[] = [];
    const owners: string[] = [];
    const emit = (line: string, owner: string) => {
      lines.push(line);
      owners.push(owner);
    };
    for (const [dbEnum, index] of enums) {
      const path = `$.enums[${index}]`;
      if (dbEnum.description) emit(`/// ${oneLine(dbEnum.description)}`, path);
      emit(`enum ${dbEnum.name} {`, `${path}.name`);
      dbEnum.values.forEach((value, valueIndex) => emit(`  ${value}`, `${path}.values[${valueIndex}]`));
      emit('}', path);
      emit('', path);
    }
    for (const [model, index] of models) renderModel(model, `$.models[${index}]`, input.models[index]?.fields.length ?? model.fields.length, emit);
    const path = `${SCHEMA_DIR}/${file}.prisma`;
    files.set(path, lines.join('\n'));
    lineOwners.set(path, owners);
    from.set(path, [...enums.map(([dbEnum]) => artifactNode('database', 'enum', dbEnum.name)), ...models.map(([model]) => artifactNode('database', 'model', model.name))].sort());
  }

  return {
    files,
    from,
    pathAt: (file, line) => lineOwners.get(file)?.[line - 1],
  };
}

function renderModel(model: DbModel, path: string, ownFields: number, emit: (line: string, owner: string) => void): void {
  emit(`/// ${oneLine(model.description)}`, path);
  emit(`model ${model.name} {`, `${path}.name`);
  const rows = model.fields.map((field) => [field.name, typeOf(field), attributesOf(field)] as const);
  const nameWidth = Math.max(...rows.map(([name]) => name.length));
  const typeWidth = Math.max(...rows.map(([, type]) => type.length));
  model.fields.forEach((field, fieldIndex) => {
    // Back-relations added by code have no artifact path of their own; errors there belong to the model.
    const owner = fieldIndex < ownFields ? `${path}.fields[${fieldIndex}]` : path;
    if (field.description) emit(`  /// ${oneLine(field.description)}`, owner);
    const [name, type, attributes] = rows[fieldIndex]!;
    emit(`  ${[name.padEnd(nameWidth), attributes ? type.padEnd(typeWidth) : type, attributes].filter(Boolean).join(' ')}`.trimEnd(), owner);
  });
  const blockAttributes = [
    ...(model.id ? [[`@@id([${model.id.join(', ')}])`, `${path}.id`]] : []),
    ...(model.uniques ?? []).map((fields, i) => [`@@unique([${fields.join(', ')}])`, `${path}.uniques[${i}]`]),
    ...(model.indexes ?? []).map((fields, i) => [`@@index([${fields.join(', ')}])`, `${path}.indexes[${i}]`]),
  ];
  if (blockAttributes.length > 0) emit('', path);
  for (const [attribute, owner] of blockAttributes) emit(`  ${attribute}`, owner!);
  emit('}', path);
  emit('', path);
}

function typeOf(field: DbField): string {
  return `${field.type}${field.list ? '[]' : field.optional ? '?' : ''}`;
}

function attributesOf(field: DbField): string {
  const parts: string[] = [];
  if (field.id) parts.push('@id');
  if (field.default) parts.push(`@default(${defaultOf(field.default, field.type)})`);
  if (field.unique) parts.push('@unique');
  if (field.updatedAt) parts.push('@updatedAt');
  if (field.relation) {
    const args = [
      ...(field.relation.name ? [JSON.stringify(field.relation.name)] : []),
      `fields: [${field.relation.fields.join(', ')}]`,
      `references: [${field.relation.references.join(', ')}]`,
      ...(field.relation.onDelete ? [`onDelete: ${field.relation.onDelete}`] : []),
    ];
    parts.push(`@relation(${args.join(', ')})`);
  } else if (field.relationName) {
    parts.push(`@relation(${JSON.stringify(field.relationName)})`);
  }
  return parts.join(' ');
}

function defaultOf(value: FieldDefault, type: string): string {
  switch (value.kind) {
    case 'autoincrement':
      return 'autoincrement()';
    case 'uuid':
      return 'uuid()';
    case 'cuid':
      return 'cuid()';
    case 'now':
      return 'now()';
    case 'value':
      // Enum values are identifiers, not strings.
      if (typeof value.value === 'string' && !isScalarType(type)) return value.value;
      return typeof value.value === 'string' ? JSON.stringify(value.value) : String(value.value);
  }
}
