import type { DatabaseArtifact } from './types';

/**
 * The models a piece of work needs to see: the ones it starts from, every model they point to or that
 * points to them (a rule on posts may count their comments), and every model a rule names in its text
 * ("a member may have at most 3 active loans" names Loan for the members module).
 */
export function relevantModels(database: DatabaseArtifact, start: Iterable<string>, text = ''): Set<string> {
  const models = new Set([...start, ...namedModels(database, text)]);
  const direct = new Set(models);
  for (const model of database.models) {
    for (const field of model.fields) {
      if (!field.relation) continue;
      if (direct.has(model.name)) models.add(field.type);
      if (direct.has(field.type)) models.add(model.name);
    }
  }
  return models;
}

/** The models a text names: "loan", "loans", "loan's", "categories" (the name as a word, or its plural). */
export function namedModels(database: DatabaseArtifact, text: string): Set<string> {
  const models = new Set<string>();
  const words = new Set(text.toLowerCase().match(/[a-z][a-z0-9]*/g) ?? []);
  for (const model of database.models) {
    const name = model.name.toLowerCase();
    if (words.has(name) || words.has(`${name}s`) || words.has(`${name}es`) || words.has(name.replace(/y$/, 'ies'))) models.add(model.name);
  }
  return models;
}
