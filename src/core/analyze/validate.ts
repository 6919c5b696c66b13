import type { Issue } from '../diagnostics/issue';
import { RESERVED_WORDS, TAKEN_PARAMETERS } from '../interface/check';
import type { AnalyzeArtifact } from './types';

/** Rules the JSON schema cannot say: unique names and ids, and sections naming only declared actors. */
export function validateAnalyze(artifact: AnalyzeArtifact): Issue[] {
  const issues: Issue[] = [];
  const error = (path: string, message: string) => issues.push({ severity: 'error', source: 'analyze', path, message });
  const actorNames = new Set<string>();
  artifact.actors.forEach((actor, a) => {
    if (actorNames.has(actor.name)) error(`$.actors[${a}].name`, `actor "${actor.name}" is declared twice`);
    // An actor's name becomes the parameter holding its session in generated code: it must be usable as one.
    if (RESERVED_WORDS.has(actor.name) || TAKEN_PARAMETERS.has(actor.name)) {
      error(`$.actors[${a}].name`, `"${actor.name}" cannot name an actor: generated code holds the actor's session in a parameter of that name; use e.g. "${actor.name}User"`);
    }
    actorNames.add(actor.name);
  });
  const sectionIds = new Set<string>();
  artifact.sections.forEach((section, s) => {
    if (sectionIds.has(section.id)) error(`$.sections[${s}].id`, `section id "${section.id}" is used twice`);
    sectionIds.add(section.id);
    section.actors.forEach((name, a) => {
      if (!actorNames.has(name)) error(`$.sections[${s}].actors[${a}]`, `no actor named "${name}" (actors: ${[...actorNames].join(', ')})`);
    });
  });
  return issues;
}
