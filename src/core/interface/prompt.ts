import type { AnalyzeArtifact } from '../analyze/types';
import { withBackRelations } from '../database/backRelations';
import type { DatabaseArtifact, DbField } from '../database/types';

/** Short enough to help, not so long that it drowns the field list. */
const SHORT = 80;

/**
 * The data model as the Interface agent needs it: names, types and the flags that decide DTOs
 * (optional, unique, secret, defaults, relations), one model per line, back-relations included
 * because response DTOs may nest them.
 */
export function dataModelListing(database: DatabaseArtifact): string {
  const written = new Set(database.models.flatMap((model) => model.fields.map((field) => `${model.name}.${field.name}`)));
  const { models, enums } = withBackRelations(database);
  const lines = ['Data model (Type? = optional, Type[] = list):'];
  for (const model of models) {
    const about = model.description.length <= SHORT ? ` (${model.description})` : '';
    // Back-relations added by code carry a generated description that tells the model nothing new.
    const fields = model.fields.map((field) => describeField(field, written.has(`${model.name}.${field.name}`)));
    lines.push(`- ${model.name}${about}: ${fields.join('; ')}`);
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

/** What `operation.section` and `operation.actor` may name. */
export function namesListing(analysis: AnalyzeArtifact | undefined): string {
  if (!analysis) return 'Actors: use "guest" for public operations and a role name (e.g. "member") for the rest.';
  const actors = analysis.actors.map((actor) => `${actor.name} (${actor.kind})`).join(', ');
  const sections = analysis.sections.map((section) => `${section.id} (${section.title})`).join(', ');
  return `Actor names: ${actors}\nSection ids: ${sections}`;
}
