import type { AnalyzeArtifact } from '../analyze/types';
import { requirementsText } from '../analyze/agent';
import { askForArtifact } from '../pipeline/askForArtifact';
import type { Phase, PhaseContext, PhaseResult } from '../pipeline/phase';
import { compileDatabase, type DatabaseCompilation, type DatabaseTarget } from './compile';
import { DATABASE_SCHEMA } from './schema';
import type { DatabaseArtifact } from './types';

export const SYSTEM = [
  'You design relational data models for NestJS + Prisma backends.',
  'Rules: singular PascalCase model names (at most 26 characters), camelCase fields (at most 31), one primary key per model.',
  'Put the foreign key on the "many" side with a relation object; the opposite list field is added for you.',
  'Mark password hashes and tokens "secret". Say what deleting means where it is not a real delete: "deletion": {"mode": "soft", "column": "deletedAt"} (gone for everyone) or {"mode": "archive", "column": "withdrawnAt", "visibleTo": [staff actors]} (kept for history, hidden from the others).',
  'Several kinds of people on one account table (staff roles): one model with an enum role column; a Boolean "active" column with default true when accounts can be deactivated.',
  'Group models into files by feature (e.g. "users", "todos").',
  'Money and other exact amounts are Decimal, never Float; a day without a time (a due date, a birthday) is a DateTime; a duration is an Int whose name ends with its unit (durationMinutes).',
].join('\n');

/**
 * The Database phase's agent: asks the model for the data model the requirements need, checks it with
 * the project's rules and Prisma's compiler inside the typed-call loop, and renders the schema files.
 */
export class DatabasePhase implements Phase {
  readonly id = 'database' as const;

  /** `requirements` is used when no Analyze artifact precedes this phase in the run. */
  constructor(
    private readonly requirements: string,
    private readonly target: DatabaseTarget,
  ) {}

  async run(context: PhaseContext): Promise<PhaseResult> {
    const database = context.settings.database;
    const actors = (context.artifactOf('analyze') as AnalyzeArtifact | undefined)?.actors.map((actor) => actor.name);
    context.progress(0, 1);
    // The loop validates the accepted answer last, so its compilation is the one to keep.
    let compiled: DatabaseCompilation | undefined;
    const answer = await askForArtifact<DatabaseArtifact>(context, {
      target: 'data model',
      system: SYSTEM,
      prompt: `Requirements:\n${requirementsText(context, this.requirements)}\n\nDesign the data model (${database}).`,
      tool: { name: 'define_data_model', description: 'Define every model, enum and relation the backend stores.' },
      schema: DATABASE_SCHEMA,
      validate: (artifact) => (compiled = compileDatabase(this.target, artifact, database, actors)).issues,
    });
    if (!answer.ok) return { artifact: undefined, files: new Map(), issues: answer.issues };
    const { issues, schema } = compiled ?? compileDatabase(this.target, answer.value, database, actors);
    context.progress(1, 1);
    return { artifact: answer.value, files: schema?.files ?? new Map(), provenance: schema?.from, issues };
  }
}
