import type { DatabaseArtifact, DbField, DbModel } from './types';

/**
 * Prisma needs both sides of every relation. The model only writes the side holding the foreign key;
 * the opposite list (or optional one-to-one) field follows mechanically, so code adds it.
 */
export function withBackRelations(artifact: DatabaseArtifact): DatabaseArtifact {
  const models = artifact.models.map((model) => ({ ...model, fields: [...model.fields] }));
  const byName = new Map(models.map((model) => [model.name, model]));
  for (const owner of models) {
    for (const field of owner.fields) {
      if (!field.relation) continue;
      const target = byName.get(field.type);
      if (!target || hasOppositeSide(target, owner, field)) continue;
      const oneToOne = isUniqueKey(owner, field.relation.fields);
      target.fields.push({
        name: freeName(target, oneToOne ? lowerFirst(owner.name) : plural(lowerFirst(owner.name)), field),
        type: owner.name,
        ...(oneToOne ? { optional: true } : { list: true }),
        ...(field.relation.name ? { relationName: field.relation.name } : {}),
        description: `${oneToOne ? 'The' : 'All'} ${owner.name}${oneToOne ? '' : ' records'} linked through ${owner.name}.${field.name}.`,
      });
    }
  }
  return { ...artifact, models };
}

function hasOppositeSide(target: DbModel, owner: DbModel, field: DbField): boolean {
  return target.fields.some(
    (candidate) =>
      candidate !== field &&
      candidate.type === owner.name &&
      !candidate.relation &&
      candidate.relationName === field.relation?.name,
  );
}

/** Whether these fields are the model's primary key or one of its unique keys. */
export function isUniqueKey(model: DbModel, fields: string[]): boolean {
  if (fields.length === 1) {
    const field = model.fields.find((candidate) => candidate.name === fields[0]);
    if (field?.unique || field?.id) return true;
  }
  const same = (group: string[]) => group.length === fields.length && group.every((name) => fields.includes(name));
  return (model.uniques ?? []).some(same) || (model.id !== undefined && same(model.id));
}

function freeName(model: DbModel, wanted: string, field: DbField): string {
  const taken = new Set(model.fields.map((candidate) => candidate.name));
  if (!taken.has(wanted)) return wanted;
  const qualified = `${wanted}As${field.name[0]!.toUpperCase()}${field.name.slice(1)}`;
  let name = qualified;
  for (let i = 2; taken.has(name); i++) name = `${qualified}${i}`;
  return name;
}

function lowerFirst(name: string): string {
  return name[0]!.toLowerCase() + name.slice(1);
}

export function plural(word: string): string {
  if (/(s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}
