import { withBackRelations } from './backRelations';
import { deletionOf } from './deletion';
import type { DatabaseArtifact, DbField } from './types';

/** Short enough to help, not so long that it drowns the field list. */
const SHORT = 80;

/**
 * The data model as prompts give it: names, types and the flags that decide DTOs and queries
 * (optional, unique, secret, defaults, relations), one model per line, back-relations included
 * because response DTOs may nest them and the client has them. `only` keeps the listed models;
 * `fieldDescriptions: false` leaves out what fields are for, where a prompt needs only their shape (a plan);
 * `relationLists: false` the lists of related records, where a prompt sets records up rather than reads them.
 */
export function describeDataModel(database: DatabaseArtifact, only?: ReadonlySet<string>, options: { fieldDescriptions?: boolean; relationLists?: boolean } = {}): string {
  const written = new Set(database.models.flatMap((model) => model.fields.map((field) => `${model.name}.${field.name}`)));
  const names = new Set(database.models.map((model) => model.name));
  const { models, enums } = withBackRelations(database);
  const lines = ['Data model (Type? = optional, Type[] = list):'];
  for (const model of models) {
    if (only && !only.has(model.name)) continue;
    const about = model.description.length <= SHORT ? ` (${model.description})` : '';
    // Back-relations added by code carry a generated description that tells the model nothing new.
    const fields = model.fields
      .filter((field) => options.relationLists !== false || !(field.list && names.has(field.type)))
      .map((field) => describeField(field, options.fieldDescriptions !== false && written.has(`${model.name}.${field.name}`)));
    const deletion = deletionOf(model);
    const seen = deletion.visibleTo.length ? `, still seen by ${deletion.visibleTo.join(' and ')}` : '';
    const deleted = deletion.mode === 'hard' ? '' : ` {${deletion.mode === 'soft' ? 'soft-deleted' : 'archived'} by ${deletion.column}${seen}}`;
    lines.push(`- ${model.name}${about}${deleted}: ${fields.join('; ')}`);
  }
  if (enums.length > 0) lines.push('Enums:', ...enums.map((dbEnum) => `- ${dbEnum.name}: ${dbEnum.values.join(', ')}`));
  return lines.join('\n');
}

function describeField(field: DbField, describe: boolean): string {
  const flags = [
    field.id && 'id',
    field.unique && 'unique',
    field.default && 'has default',
    field.updatedAt && 'set on update',
    field.secret && 'secret',
    field.relation && `relation via ${field.relation.fields.join(', ')}`,
  ].filter(Boolean);
  const about = describe && field.description && field.description.length <= SHORT ? ` "${field.description}"` : '';
  return `${field.name} ${field.type}${field.list ? '[]' : field.optional ? '?' : ''}${flags.length ? ` [${flags.join(', ')}]` : ''}${about}`;
}
