import type { DatabaseArtifact, DbField, DbModel } from './types';

/** What a change of the data model may do to rows already stored, and the choices that settle it. */
export interface DataRisk {
  kind: 'table-dropped' | 'column-dropped' | 'required-column-added' | 'column-now-required' | 'column-type-changed' | 'unique-added' | 'enum-value-removed';
  model: string;
  field?: string;
  /** One sentence naming what happens to existing rows. */
  message: string;
  /**
   * How it may go ahead: `default` (a value for existing rows), `backfill` (an SQL statement that fills
   * them), `confirm` (accept the loss or the failure on duplicates).
   */
  choices: ('default' | 'backfill' | 'confirm')[];
}

/**
 * The risks of migrating a database from one data model to the next, read off the artifacts before any
 * SQL is written: a dropped table or column loses its values, a new required column without a default
 * (or one made required) has no value for existing rows, a changed type may not convert, a new unique
 * constraint fails on duplicates, a removed enum value leaves rows holding it. A renamed column is a
 * dropped one plus an added one: nothing in the artifacts says it is the same.
 */
export function dataRisks(before: DatabaseArtifact, after: DatabaseArtifact): DataRisk[] {
  const risks: DataRisk[] = [];
  const [oldModels, newModels] = [before, after].map((artifact) => new Set(artifact.models.map((model) => model.name))) as [Set<string>, Set<string>];
  // A relation field (its type a model) has no column; the scalar fields its relation names do.
  const isColumn = (models: ReadonlySet<string>, field: DbField) => !models.has(field.type);
  for (const model of before.models) {
    if (!newModels.has(model.name)) {
      risks.push({ kind: 'table-dropped', model: model.name, message: `${model.name} is removed: its table and every row in it are dropped`, choices: ['confirm'] });
      continue;
    }
    const next = after.models.find((candidate) => candidate.name === model.name)!;
    const fields = new Map(next.fields.filter((field) => isColumn(newModels, field)).map((field) => [field.name, field]));
    for (const field of model.fields.filter((candidate) => isColumn(oldModels, candidate))) {
      const now = fields.get(field.name);
      if (!now) {
        risks.push({ kind: 'column-dropped', model: model.name, field: field.name, message: `${model.name}.${field.name} is removed: its values in existing rows are dropped`, choices: ['confirm'] });
      } else if (now.type !== field.type || Boolean(now.list) !== Boolean(field.list)) {
        const shape = (f: DbField) => `${f.type}${f.list ? '[]' : ''}`;
        risks.push({ kind: 'column-type-changed', model: model.name, field: field.name, message: `${model.name}.${field.name} changes from ${shape(field)} to ${shape(now)}: existing values may not convert`, choices: ['backfill', 'confirm'] });
      } else if (field.optional && !now.optional && !fillsItself(now)) {
        risks.push({ kind: 'column-now-required', model: model.name, field: field.name, message: `${model.name}.${field.name} becomes required: rows where it is empty need a value`, choices: ['default', 'backfill'] });
      }
      if (now && (now.unique || now.id) && !(field.unique || field.id)) {
        risks.push({ kind: 'unique-added', model: model.name, field: field.name, message: `${model.name}.${field.name} becomes unique: the migration fails if existing rows repeat a value`, choices: ['confirm'] });
      }
    }
    for (const field of fields.values()) {
      if (model.fields.some((old) => old.name === field.name) || field.optional || field.list || fillsItself(field)) continue;
      risks.push({ kind: 'required-column-added', model: model.name, field: field.name, message: `${model.name}.${field.name} is new and required, without a default: existing rows need a value`, choices: ['default', 'backfill'] });
    }
    for (const key of newKeys(model, next)) {
      risks.push({ kind: 'unique-added', model: model.name, field: key.join(', '), message: `${model.name} gets a unique (${key.join(', ')}): the migration fails if existing rows repeat it`, choices: ['confirm'] });
    }
  }
  for (const dbEnum of before.enums) {
    const next = after.enums.find((candidate) => candidate.name === dbEnum.name);
    const removed = next ? dbEnum.values.filter((value) => !next.values.includes(value)) : [];
    for (const value of removed) {
      risks.push({ kind: 'enum-value-removed', model: dbEnum.name, field: value, message: `${dbEnum.name}.${value} is removed: rows holding it must change first`, choices: ['backfill', 'confirm'] });
    }
  }
  return risks;
}

/** A column existing rows get a value for without being told: a default, an autoincrement, `@updatedAt`. */
const fillsItself = (field: DbField): boolean => field.default !== undefined || Boolean(field.updatedAt);

/** Compound unique keys the model did not have. */
function newKeys(before: DbModel, after: DbModel): string[][] {
  const known = new Set((before.uniques ?? []).map((key) => key.join(',')));
  return (after.uniques ?? []).filter((key) => !known.has(key.join(',')));
}
