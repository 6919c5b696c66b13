import type { AnalyzeArtifact } from '../analyze/types';

/** What `operation.section` and `operation.actor` may name. */
export function namesListing(analysis: AnalyzeArtifact | undefined): string {
  if (!analysis) return 'Actors: use "guest" for public operations and a role name (e.g. "member") for the rest.';
  const actors = analysis.actors.map((actor) => `${actor.name} (${actor.kind})`).join(', ');
  const sections = analysis.sections.map((section) => `${section.id} (${section.title})`).join(', ');
  return `Actor names: ${actors}\nSection ids: ${sections}`;
}
