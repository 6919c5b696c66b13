import type { DatabaseId } from '../config/settings';
import type { Issue } from '../diagnostics/issue';
import { lengthProblem } from '../names/limits';
import { missing } from '../diagnostics/nearMiss';
import { isWindowsDeviceName, WINDOWS_DEVICE_NAMES } from '../project/portablePaths';
import { isUniqueKey } from './backRelations';
import {
  constraintNames,
  ENUM_NAME_MAX,
  ENUM_VALUE_MAX,
  FIELD_NAME_MAX,
  MODEL_NAME_MAX,
  POSTGRES_IDENTIFIER_MAX,
  RELATION_NAME_MAX,
  SCHEMA_FILE_MAX,
} from './names';
import { type DatabaseArtifact, type DbField, type DbModel } from './types';
import { isLiteralOf, SCALAR_TYPES, SCALARS, scalarOf } from '../scalars';

const PASCAL = /^[A-Z][A-Za-z0-9]*$/;
const CAMEL = /^[a-z][A-Za-z0-9]*$/;
const FILE = /^[a-z][a-z0-9-]*$/;
const ENUM_VALUE = /^[A-Za-z][A-Za-z0-9_]*$/;

/**
 * The project's own rules for a data model, checked before Prisma sees it, each problem at its
 * artifact path so the model can fix exactly that spot.
 */
export function validateDatabase(artifact: DatabaseArtifact, database: DatabaseId, actors?: readonly string[]): Issue[] {
  const issues: Issue[] = [];
  const error = (path: string, message: string, needs?: 'analyze') => issues.push({ severity: 'error', source: 'database', path, message, ...(needs ? { needs } : {}) });

  const models = new Map(artifact.models.map((model) => [model.name, model]));
  const enums = new Map(artifact.enums.map((dbEnum) => [dbEnum.name, dbEnum]));
  if (artifact.models.length === 0) error('$.models', 'at least one model is needed');

  const seenTypes = new Set<string>();
  const claim = (name: string, path: string) => {
    if (seenTypes.has(name)) error(path, `the name "${name}" is used twice (models and enums share one namespace)`);
    seenTypes.add(name);
  };

  const long = (name: string, max: number, what: string, why: string, path: string) => {
    const problem = lengthProblem(name, max, what, why);
    if (problem) error(path, problem);
  };
  // `prisma/schema/<file>.prisma`: lower case by the pattern, so no two files differ only in case.
  const checkFile = (file: string, path: string) => {
    if (!FILE.test(file) || file === 'schema') error(path, `file names are lower-case words with dashes, not "schema"; found "${file}"`);
    else if (isWindowsDeviceName(file)) error(path, `"${file}" is a device name Windows reserves (${WINDOWS_DEVICE_NAMES}), so prisma/schema/${file}.prisma cannot be created on Windows: name the file after the feature, e.g. "${file}s"`);
    long(file, SCHEMA_FILE_MAX, 'schema file names', 'they become prisma/schema/<file>.prisma', path);
  };
  // The first model of each lower-cased name, by index.
  const modelFiles = new Map<string, number>();

  artifact.enums.forEach((dbEnum, e) => {
    const path = `$.enums[${e}]`;
    if (!PASCAL.test(dbEnum.name)) error(`${path}.name`, `enum names are PascalCase, e.g. "TodoStatus"; found "${dbEnum.name}"`);
    long(dbEnum.name, ENUM_NAME_MAX, 'enum names', 'they become PostgreSQL type names and TypeScript types', `${path}.name`);
    checkFile(dbEnum.file, `${path}.file`);
    claim(dbEnum.name, `${path}.name`);
    if (dbEnum.values.length === 0) error(`${path}.values`, 'an enum needs at least one value');
    const values = new Set<string>();
    dbEnum.values.forEach((value, v) => {
      if (!ENUM_VALUE.test(value)) error(`${path}.values[${v}]`, `enum values are identifiers, e.g. "IN_PROGRESS"; found "${value}"`);
      long(value, ENUM_VALUE_MAX, 'enum values', 'they become PostgreSQL enum labels and TypeScript string types', `${path}.values[${v}]`);
      if (values.has(value)) error(`${path}.values[${v}]`, `"${value}" is listed twice`);
      values.add(value);
    });
  });

  artifact.models.forEach((model, m) => {
    const path = `$.models[${m}]`;
    if (!PASCAL.test(model.name)) error(`${path}.name`, `model names are singular PascalCase, e.g. "TodoItem"; found "${model.name}"`);
    long(model.name, MODEL_NAME_MAX, 'model names', `they become table names, and two of them the key of a many-to-many table, _<A>To<B>_AB_pkey, which PostgreSQL keeps to ${POSTGRES_IDENTIFIER_MAX} characters`, `${path}.name`);
    // Prisma's client generator writes src/generated/prisma/models/<Model>.ts for every model.
    if (isWindowsDeviceName(model.name)) {
      error(`${path}.name`, `"${model.name}" is a device name Windows reserves (${WINDOWS_DEVICE_NAMES}), and Prisma writes a file named after each model, src/generated/prisma/models/${model.name}.ts, which cannot be created on Windows: name the model differently, e.g. "${model.name}Item"`);
    }
    const sameFile = modelFiles.get(model.name.toLowerCase());
    if (sameFile !== undefined && artifact.models[sameFile]!.name !== model.name) {
      const other = artifact.models[sameFile]!.name;
      error(
        `${path}.name`,
        `"${model.name}" and "${other}" (models[${sameFile}]) differ only in case, but Prisma writes a file named after each model (src/generated/prisma/models/<Model>.ts), and on macOS and Windows those are one file: rename one`,
      );
    } else if (sameFile === undefined) modelFiles.set(model.name.toLowerCase(), m);
    checkFile(model.file, `${path}.file`);
    claim(model.name, `${path}.name`);
    validateModel(model, path, { models, enums, database, error });
    validateDeletion(model, path, error, actors);
  });
  return issues;
}

/** A soft-deleted or archived row is marked by an optional DateTime: when, and null while it is live. */
function validateDeletion(model: DbModel, path: string, error: (path: string, message: string, needs?: 'analyze') => void, actors?: readonly string[]): void {
  const deletion = model.deletion;
  for (const [i, actor] of (deletion?.visibleTo ?? []).entries()) {
    if (actors && !actors.includes(actor)) {
      const { hint, needs } = missing(actor, actors, 'analyze');
      error(`${path}.deletion.visibleTo[${i}]`, `unknown actor "${actor}" (actors: ${actors.join(', ')})${hint}`, needs);
    }
  }
  if (deletion?.visibleTo !== undefined && deletion.mode !== 'archive') error(`${path}.deletion.visibleTo`, `"visibleTo" names who still sees archived records; a ${deletion.mode} delete hides them from everyone: leave it out`);
  if (!deletion || deletion.mode === 'hard') {
    if (deletion?.column !== undefined) error(`${path}.deletion.column`, 'a hard delete removes the row: no column marks it; leave "column" out');
    return;
  }
  const dates = model.fields.filter((field) => field.type === 'DateTime' && field.optional && !field.list).map((field) => field.name);
  if (deletion.column === undefined) return error(`${path}.deletion.column`, `name the optional DateTime field that marks a ${deletion.mode === 'soft' ? 'deleted' : 'archived'} ${model.name}, e.g. "${deletion.mode === 'soft' ? 'deletedAt' : 'archivedAt'}" (optional DateTime fields: ${dates.join(', ') || 'none: add one'})`);
  const field = model.fields.find((candidate) => candidate.name === deletion.column);
  if (!field) error(`${path}.deletion.column`, `${model.name} has no field "${deletion.column}": add it as an optional DateTime, or name one of ${dates.join(', ') || 'its fields'}`);
  else if (field.type !== 'DateTime' || !field.optional || field.list) error(`${path}.deletion.column`, `${model.name}.${field.name} is not an optional DateTime: the mark is the time of the ${deletion.mode === 'soft' ? 'delete' : 'archiving'}, null while the record is live`);
}

interface Context {
  models: Map<string, DbModel>;
  enums: Map<string, unknown>;
  database: DatabaseId;
  error(path: string, message: string): void;
}

function validateModel(model: DbModel, path: string, context: Context): void {
  const { error } = context;
  const fields = new Map<string, DbField>();
  model.fields.forEach((field, f) => {
    const fieldPath = `${path}.fields[${f}]`;
    if (!CAMEL.test(field.name)) error(`${fieldPath}.name`, `field names are camelCase, e.g. "dueAt"; found "${field.name}"`);
    const long = lengthProblem(field.name, FIELD_NAME_MAX, 'field names', `they become column names, and with the model name key names such as <Model>_<field>_fkey, which PostgreSQL keeps to ${POSTGRES_IDENTIFIER_MAX} characters`);
    if (long) error(`${fieldPath}.name`, long);
    if (fields.has(field.name)) error(`${fieldPath}.name`, `field "${field.name}" appears twice in ${model.name}`);
    fields.set(field.name, field);
  });
  if (model.fields.length === 0) error(`${path}.fields`, 'a model needs fields');

  const idFields = model.fields.filter((field) => field.id);
  if (idFields.length + (model.id ? 1 : 0) !== 1) {
    error(path, `${model.name} needs exactly one primary key: one field with "id": true, or a composite "id" list (found ${idFields.length + (model.id ? 1 : 0)})`);
  }

  model.fields.forEach((field, f) => validateField(model, field, `${path}.fields[${f}]`, fields, context));

  const checkGroup = (group: string[], groupPath: string) => {
    if (group.length === 0) error(groupPath, 'list at least one field');
    group.forEach((name, i) => {
      const field = fields.get(name);
      if (!field) error(`${groupPath}[${i}]`, `${model.name} has no field "${name}" (fields: ${[...fields.keys()].join(', ')})`);
      else if (!isScalarOrEnum(field.type, context)) error(`${groupPath}[${i}]`, `"${name}" is a relation; keys and indexes take scalar fields`);
    });
  };
  if (model.id) checkGroup(model.id, `${path}.id`);
  (model.uniques ?? []).forEach((group, i) => checkGroup(group, `${path}.uniques[${i}]`));
  (model.indexes ?? []).forEach((group, i) => checkGroup(group, `${path}.indexes[${i}]`));

  // Keys over several fields: Prisma would cut a longer name, and keys alike in their first 63 characters would clash.
  for (const { name, what, at } of constraintNames(model, path)) {
    if (name.length <= POSTGRES_IDENTIFIER_MAX) continue;
    error(
      at,
      `the database names ${what} "${name}", ${name.length} characters; PostgreSQL names are at most ${POSTGRES_IDENTIFIER_MAX} and Prisma cuts longer ones, so two keys could get one name: use fewer or shorter fields`,
    );
  }
}

function validateField(model: DbModel, field: DbField, path: string, fields: Map<string, DbField>, context: Context): void {
  const { error, models, database } = context;
  const scalar = (SCALAR_TYPES as readonly string[]).includes(field.type);
  const isEnum = context.enums.has(field.type);
  const target = models.get(field.type);
  if (!scalar && !isEnum && !target) {
    error(`${path}.type`, `unknown type "${field.type}": use ${SCALAR_TYPES.join(', ')}, an enum or a model (${[...models.keys()].join(', ')})`);
    return;
  }
  if (field.optional && field.list) error(path, 'a field cannot be both optional and a list');
  if (field.list && (scalar || isEnum) && database === 'sqlite') error(`${path}.list`, `SQLite has no list columns; model "${field.name}" as a related model instead`);
  if (field.id && (field.optional || field.list || target)) error(`${path}.id`, 'a primary key is a required scalar field');
  if (field.updatedAt && field.type !== 'DateTime') error(`${path}.updatedAt`, '"updatedAt" needs a DateTime field');
  if (field.secret && field.type !== 'String') error(`${path}.secret`, 'secret fields hold strings (hashes, tokens)');
  if (field.default) validateDefault(field, path, isEnum ? (context.enums.get(field.type) as { values: string[] }).values : undefined, error);

  if (field.relation) {
    if (!target) {
      error(`${path}.relation`, `only fields whose type is a model have a relation; "${field.type}" is not a model`);
      return;
    }
    if (field.list) error(`${path}.list`, 'the side holding the foreign key is a single record, not a list');
    const relation = field.relation;
    if (relation.fields.length === 0 || relation.fields.length !== relation.references.length) {
      error(`${path}.relation`, `"fields" and "references" must list the same number of fields (found ${relation.fields.length} and ${relation.references.length})`);
    }
    const needsName = target === model || model.fields.filter((other) => other.relation && other.type === field.type).length > 1;
    if (needsName && !relation.name) error(`${path}.relation.name`, `name this relation: ${target === model ? 'a self-relation' : `${model.name} has several relations to ${target.name}`} needs a name`);
    const longName = relation.name === undefined ? undefined : lengthProblem(relation.name, RELATION_NAME_MAX, 'relation names', 'they label the relation in the Prisma schema');
    if (longName) error(`${path}.relation.name`, longName);
    relation.fields.forEach((name, i) => {
      const key = fields.get(name);
      if (!key) return error(`${path}.relation.fields[${i}]`, `${model.name} has no field "${name}": add the foreign key field (e.g. "${name}" of the referenced key's type)`);
      const referenced = target.fields.find((candidate) => candidate.name === relation.references[i]);
      if (!referenced) return;
      if (key.type !== referenced.type) error(`${path}.relation.fields[${i}]`, `"${name}" is ${key.type} but ${target.name}.${referenced.name} is ${referenced.type}`);
      if (Boolean(key.optional) !== Boolean(field.optional)) {
        error(`${path}.optional`, `the relation and its key "${name}" must both be optional or both required`);
      }
    });
    relation.references.forEach((name, i) => {
      const referenced = target.fields.find((candidate) => candidate.name === name);
      if (!referenced) error(`${path}.relation.references[${i}]`, `${target.name} has no field "${name}"`);
    });
    if (relation.references.length > 0 && !isUniqueKey(target, relation.references)) {
      error(`${path}.relation.references`, `a relation must reference ${target.name}'s primary key or a unique field; [${relation.references.join(', ')}] is neither`);
    }
    if (relation.onDelete === 'SetNull' && !field.optional) error(`${path}.relation.onDelete`, 'SetNull needs an optional relation');
  } else if (target && !field.list && !field.optional && !field.relationName) {
    error(path, `a required single ${target.name} needs a "relation" with its foreign key fields`);
  }
}

function validateDefault(field: DbField, path: string, enumValues: string[] | undefined, error: Context['error']): void {
  const value = field.default!;
  const at = `${path}.default`;
  switch (value.kind) {
    case 'autoincrement':
      if (!scalarOf(field.type)?.autoincrement) error(at, `autoincrement() needs ${autoincrementTypes()} field`);
      break;
    case 'uuid':
    case 'cuid':
      if (field.type !== 'String') error(at, `${value.kind}() needs a String field`);
      break;
    case 'now':
      if (field.type !== 'DateTime') error(at, 'now() needs a DateTime field');
      break;
    case 'value': {
      const ok = enumValues
        ? typeof value.value === 'string' && enumValues.includes(value.value)
        : isLiteralOf(scalarOf(field.type) ?? {}, value.value);
      if (!ok) error(`${at}.value`, `${JSON.stringify(value.value)} is not a ${enumValues ? `value of the enum (${enumValues.join(', ')})` : field.type}`);
    }
  }
}

function isScalarOrEnum(type: string, context: Context): boolean {
  return (SCALAR_TYPES as readonly string[]).includes(type) || context.enums.has(type);
}

/** `an Int or BigInt`: the column types that may autoincrement, as the message names them. */
function autoincrementTypes(): string {
  const types = SCALAR_TYPES.filter((type) => SCALARS[type].autoincrement);
  return `an ${types.slice(0, -1).join(', ')}${types.length > 1 ? ' or ' : ''}${types.at(-1)}`;
}
