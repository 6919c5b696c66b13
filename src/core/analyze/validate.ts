import type { Issue } from '../diagnostics/issue';
import type { AnalyzeArtifact } from './types';

/** Rules the JSON schema cannot say: unique names and ids, and sections naming only declared actors. */
export function validateAnalyze(artifact: AnalyzeArtifact): Issue[] {
  const issues: Issue[] = [];
  const error = (path: string, message: string) => issues.push({ severity: 'error', source: 'analyze', path, message });
  const actorNames = new Set<string>();
  artifact.actors.forEach((actor, a) => {
    if (actorNames.has(actor.name)) error(`$.actors[${a}].name`, `actor "${actor.name}" is declared twice`);
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
