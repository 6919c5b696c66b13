import type { JsonSchema } from '../model/chat';
import { askForArtifact } from '../pipeline/askForArtifact';
import { DeltaPaths, mergeByKey } from '../pipeline/delta';
import type { Phase, PhaseContext, PhaseResult } from '../pipeline/phase';
import type { AnalyzeTarget } from './agent';
import { ANALYZE_SCHEMA } from './schema';
import type { Actor, AnalyzeArtifact, RequirementSection } from './types';
import { validateAnalyze } from './validate';

/** What a feature step does to the backend, in the user's words. */
export type FeatureKind = 'add' | 'change' | 'remove';

/** The Analyze answer of a feature step: only what changes. */
export interface AnalyzeChange {
  /** New sections, and changed ones whole under their id. */
  sections: RequirementSection[];
  /** Ids of sections that go. */
  removedSections: string[];
  /** New actors, and changed ones whole under their name. */
  actors: Actor[];
}

export const CHANGE_TARGET = 'change';

const props = ANALYZE_SCHEMA.properties as Record<string, JsonSchema>;
const CHANGE_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['sections', 'removedSections', 'actors'],
  additionalProperties: false,
  properties: {
    sections: { ...props.sections, minItems: 0, description: 'new sections, and each changed section whole under its id' },
    removedSections: { type: 'array', items: { type: 'string' }, description: 'ids of sections to remove' },
    actors: { ...props.actors, minItems: 0, description: 'new actors, and each changed actor whole under its name' },
  },
};

const SYSTEM = [
  'You are a requirements analyst for a backend service that already exists.',
  'The user asks for a change. Answer with only what changes in the requirement sections: new sections,',
  'changed sections whole (same id), the ids of sections that go, and new actors. Leave every other section out of the answer.',
  'Each section covers one feature; its rules are short, testable statements. Do not invent features.',
].join('\n');

const ASKS: Record<FeatureKind, string> = {
  add: 'The user asks to add a feature',
  change: 'The user asks to change what the backend does',
  remove: 'The user asks to remove a feature',
};

/** The Analyze phase of a feature step: the existing sections and the request in, the changed sections out, merged by code. */
export class AnalyzeChangePhase implements Phase {
  readonly id = 'analyze' as const;

  constructor(
    private readonly earlier: AnalyzeArtifact,
    private readonly kind: FeatureKind,
    private readonly request: string,
    private readonly target: AnalyzeTarget,
  ) {}

  async run(context: PhaseContext): Promise<PhaseResult> {
    context.progress(0, 1);
    let merged: AnalyzeArtifact | undefined;
    const answer = await askForArtifact<AnalyzeChange>({ ...context, earlier: undefined }, {
      target: CHANGE_TARGET,
      system: SYSTEM,
      prompt: `${describeAnalysis(this.earlier)}\n\n${ASKS[this.kind]}:\n${this.request.trim()}`,
      tool: { name: 'change_requirements', description: 'Add, change or remove requirement sections and actors.' },
      schema: CHANGE_SCHEMA,
      validate: (change) => {
        const paths = new DeltaPaths();
        merged = mergeAnalysis(this.earlier, change, paths);
        const unknown = change.removedSections.flatMap((id, index) =>
          this.earlier.sections.some((section) => section.id === id) ? [] : [{ severity: 'error' as const, source: 'analyze', path: `$.removedSections[${index}]`, message: `no section "${id}" to remove (sections: ${this.earlier.sections.map((section) => section.id).join(', ')})` }],
        );
        return [...unknown, ...paths.toAnswer(validateAnalyze(merged))];
      },
    });
    if (!answer.ok) return { artifact: undefined, files: new Map(), issues: answer.issues };
    const artifact = merged ?? mergeAnalysis(this.earlier, answer.value, new DeltaPaths());
    // Kept as the answer for the requirements as they now stand: the next step's earlier answer.
    context.remember?.('requirements', artifact);
    context.progress(1, 1);
    const rendered = this.target.renderAnalysis(artifact);
    return { artifact, files: rendered.files, provenance: rendered.from, issues: [] };
  }
}

export function mergeAnalysis(earlier: AnalyzeArtifact, change: AnalyzeChange, paths: DeltaPaths): AnalyzeArtifact {
  return {
    ...earlier,
    actors: mergeByKey(earlier.actors, change.actors, [], (actor) => actor.name, { merged: '$.actors', answer: '$.actors', paths }),
    sections: mergeByKey(earlier.sections, change.sections, change.removedSections, (section) => section.id, { merged: '$.sections', answer: '$.sections', paths }),
  };
}

/** The backend's requirements as they stand, for the change prompt: actors, then each section with its rules. */
function describeAnalysis(analysis: AnalyzeArtifact): string {
  const actors = analysis.actors.map((actor) => `- ${actor.name} (${actor.kind}): ${actor.description}`);
  const sections = analysis.sections.map((section) => [`- ${section.id}: ${section.title} (${section.actors.join(', ')}). ${section.body}`, ...section.rules.map((rule) => `  - ${rule}`)].join('\n'));
  return [`The backend as it stands: ${analysis.title}. ${analysis.summary}`, 'Actors:', ...actors, 'Requirement sections (id: title (actors). body, then rules):', ...sections].join('\n');
}
