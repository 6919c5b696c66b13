/** Where New Backend reads the requirements from: a document in the workspace, edited like any other. */
export const REQUIREMENTS_DOCUMENT = 'requirements.md';

/** What a new requirements document starts with: the two things every backend needs said. */
export const REQUIREMENTS_TEMPLATE = `# Requirements

<!--
Strata reads this file when you run "Strata: New Backend…" (▶ in the editor's title bar).
Say who uses the backend and what each of them can do, in plain sentences: a section per area of work
("Todos", "Appointments") with its rules ("a member sees only their own todos", "a title is at most
200 characters"). Strata turns it into a NestJS + Prisma backend in five phases: Analyze, Database,
Interface, Test, Realize.
-->

## Who uses it

- 

## What they can do

- 
`;

/**
 * The requirements a document holds: its text without HTML comments, or undefined while nothing but the
 * template's headings and empty bullets is left (nothing to build from yet).
 */
export function requirementsFromDocument(text: string): string | undefined {
  const withoutComments = text.replace(/<!--[^]*?-->/g, '').replace(/\n{3,}/g, '\n\n').trim();
  const said = withoutComments
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^#+\s/.test(line) && !/^[-*]\s*$/.test(line));
  return said.length === 0 ? undefined : `${withoutComments}\n`;
}
