import type { AnalyzeArtifact, RequirementSection } from '../../../analyze/types';
import { REQUIREMENTS_DIR } from '../../../names/generated';


/** The requirements as Markdown: an overview with the actors, then one file per section, numbered in order. */
export function renderRequirements(artifact: AnalyzeArtifact): Map<string, string> {
  const files = new Map<string, string>();
  const overview = [
    `# ${artifact.title}`,
    '',
    artifact.summary.trim(),
    '',
    '## Actors',
    '',
    '| actor | kind | description |',
    '|---|---|---|',
    ...artifact.actors.map((actor) => `| ${actor.name} | ${actor.kind} | ${cell(actor.description)} |`),
    '',
    '## Sections',
    '',
    ...artifact.sections.map((section, index) => `${index + 1}. [${section.title}](${sectionFile(section, index)})`),
    '',
  ];
  files.set(`${REQUIREMENTS_DIR}/00-overview.md`, overview.join('\n'));
  artifact.sections.forEach((section, index) => files.set(`${REQUIREMENTS_DIR}/${sectionFile(section, index)}`, renderSection(section)));
  return files;
}

function renderSection(section: RequirementSection): string {
  const lines = [`# ${section.title}`, '', section.body.trim(), ''];
  if (section.actors.length > 0) lines.push(`Actors: ${section.actors.join(', ')}`, '');
  if (section.rules.length > 0) lines.push('## Rules', '', ...section.rules.map((rule) => `- ${rule.trim()}`), '');
  return lines.join('\n');
}

export function sectionFile(section: RequirementSection, index: number): string {
  return `${String(index + 1).padStart(2, '0')}-${section.id}.md`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}
