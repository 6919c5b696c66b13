import type { DatabaseArtifact, DbField } from './types';

/**
 * A compact listing of the data model for prompts: one line per model, fields as `name: Type?`, with
 * the markers later phases need (id, unique, secret, relation). Small models read every token.
 */
export function describeDataModel(database: DatabaseArtifact, only?: ReadonlySet<string>): string {
  const lines: string[] = [];
  for (const dbEnum of database.enums) lines.push(`enum ${dbEnum.name} { ${dbEnum.values.join(' | ')} }`);
  for (const model of database.models) {
    if (only && !only.has(model.name)) continue;
    lines.push(`model ${model.name} { ${model.fields.map(describeField).join('; ')} }`);
  }
  return lines.join('\n');
}

function describeField(field: DbField): string {
  const marks = [
    field.id && 'id',
    field.unique && 'unique',
    field.secret && 'secret',
    field.default && `default ${field.default.kind === 'value' ? JSON.stringify(field.default.value) : `${field.default.kind}()`}`,
    field.updatedAt && 'updatedAt',
    field.relation && `-> ${field.relation.fields.join(',')} references ${field.relation.references.join(',')}`,
  ].filter(Boolean);
  return `${field.name}: ${field.type}${field.list ? '[]' : ''}${field.optional ? '?' : ''}${marks.length ? ` (${marks.join(', ')})` : ''}`;
}
