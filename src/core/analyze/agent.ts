import { askForArtifact } from '../pipeline/askForArtifact';
import type { Phase, PhaseContext, PhaseResult } from '../pipeline/phase';
import type { RenderedFiles } from '../provenance';
import { ANALYZE_SCHEMA } from './schema';
import type { AnalyzeArtifact } from './types';
import { validateAnalyze } from './validate';

const SYSTEM = [
  'You are a requirements analyst for backend services.',
  'Turn the user\'s description into actors and requirement sections. Each section covers one feature;',
  'its rules are short, testable statements (limits, orderings, who may do what). Do not invent features.',
].join('\n');

/** What the Analyze phase needs of the target that renders the project: its artifact as files. */
export interface AnalyzeTarget {
  renderAnalysis(artifact: AnalyzeArtifact): RenderedFiles;
}

/** The Analyze phase's agent: from the user's text to actors and requirement sections. */
export class AnalyzePhase implements Phase {
  readonly id = 'analyze' as const;

  constructor(
    private readonly requirements: string,
    private readonly target: AnalyzeTarget,
  ) {}

  async run(context: PhaseContext): Promise<PhaseResult> {
    context.progress(0, 1);
    const answer = await askForArtifact<AnalyzeArtifact>(context, {
      target: 'requirements',
      system: SYSTEM,
      prompt: `The user's description of the backend:\n${this.requirements}`,
      tool: { name: 'define_requirements', description: 'Define the actors and requirement sections.' },
      schema: ANALYZE_SCHEMA,
      validate: validateAnalyze,
    });
    if (!answer.ok) return { artifact: undefined, files: new Map(), issues: answer.issues };
    context.progress(1, 1);
    const rendered = this.target.renderAnalysis(answer.value);
    return { artifact: answer.value, files: rendered.files, provenance: rendered.from, issues: [] };
  }
}

/** The requirements as later phases read them: the analyzed sections when Analyze ran, else the user's text. */
export function requirementsText(context: PhaseContext, fallback: string): string {
  const analyzed = context.artifactOf('analyze') as AnalyzeArtifact | undefined;
  if (!analyzed) return fallback;
  const actors = analyzed.actors.map((actor) => `- ${actor.name} (${actor.kind}): ${actor.description}`).join('\n');
  const sections = analyzed.sections
    .map((section) => `## ${section.title}\n${section.body}\n${section.rules.map((rule) => `- ${rule}`).join('\n')}`)
    .join('\n\n');
  return `# ${analyzed.title}\n${analyzed.summary}\n\nActors:\n${actors}\n\n${sections}`;
}
