import type { Issue } from '../diagnostics/issue';
import { IDENTIFIER_MAX, lengthProblem, RESERVED_WORDS, SECTION_ID_MAX, TAKEN_PARAMETERS } from '../names/limits';
import type { AnalyzeArtifact } from './types';

/** Rules beyond the JSON schema's: names within their lengths, unique names and ids, and sections naming only declared actors. */
export function validateAnalyze(artifact: AnalyzeArtifact): Issue[] {
  const issues: Issue[] = [];
  const error = (path: string, message: string) => issues.push({ severity: 'error', source: 'analyze', path, message });
  const actorNames = new Set<string>();
  artifact.actors.forEach((actor, a) => {
    const long = lengthProblem(actor.name, IDENTIFIER_MAX, 'actor names', 'they become guards, sessions and parameters of generated code');
    if (long) error(`$.actors[${a}].name`, long);
    if (actorNames.has(actor.name)) error(`$.actors[${a}].name`, `actor "${actor.name}" is declared twice`);
    // An actor's name becomes the parameter holding its session in generated code: it must be usable as one.
    if (RESERVED_WORDS.has(actor.name) || TAKEN_PARAMETERS.has(actor.name)) {
      error(`$.actors[${a}].name`, `"${actor.name}" cannot name an actor: generated code holds the actor's session in a parameter of that name; use e.g. "${actor.name}User"`);
    }
    actorNames.add(actor.name);
  });
  const sectionIds = new Set<string>();
  artifact.sections.forEach((section, s) => {
    // `docs/requirements/NN-<id>.md`: the number in front keeps even "con" from being a Windows device name.
    const long = lengthProblem(section.id, SECTION_ID_MAX, 'section ids', 'they become file names, docs/requirements/NN-<id>.md');
    if (long) error(`$.sections[${s}].id`, long);
    if (sectionIds.has(section.id)) error(`$.sections[${s}].id`, `section id "${section.id}" is used twice`);
    sectionIds.add(section.id);
    section.actors.forEach((name, a) => {
      if (!actorNames.has(name)) error(`$.sections[${s}].actors[${a}]`, `no actor named "${name}" (actors: ${[...actorNames].join(', ')})`);
    });
  });
  return issues;
}
