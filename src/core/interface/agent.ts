import { requirementsText } from '../analyze/agent';
import type { AnalyzeArtifact } from '../analyze/types';
import type { DatabaseArtifact } from '../database/types';
import { askForArtifact } from '../pipeline/askForArtifact';
import type { Phase, PhaseContext, PhaseResult } from '../pipeline/phase';
import { describeDataModel } from '../database/describe';
import { namesListing } from './prompt';
import { renderInterfaceFiles } from './render/files';
import { INTERFACE_SCHEMA } from './schema';
import type { InterfaceArtifact } from './types';
import { validateInterface } from './validate';

const SYSTEM = [
  'You design REST APIs for NestJS + Prisma backends from requirements and a data model.',
  'Rules: plural lower-case resource paths (/todos, /todos/{id}); GET reads, POST creates (201), PATCH updates, DELETE answers 204.',
  'A list takes a query DTO (filters, sort, page, pageSize) and answers a page DTO { items, total, page, pageSize }.',
  'Link DTO properties to their model\'s columns with "column"; response properties of optional columns are "nullable".',
  'Every property of a response or body DTO with a "model" needs a "column" (for objects, the relation field), except computed response values: "count" for the rows of a list relation (optionally "where" a column has given values), "derived" for a value computed from the columns it "uses", the DTO\'s counts and the current time (days late, copies available = copies minus a count of open loans).',
  'Never expose secret columns (password hashes, tokens). The caller\'s own id comes from the session, never from a body or query; for the caller\'s own record use /me-style routes.',
  'One module per feature. Add an "authentication" entry for each actor that logs in; its sign-up and login routes are generated, so do not define them. Actors may share one account model (same path, a "role" each: {"column": "role", "value": "DOCTOR"}); staff whose accounts others create have "signUp": false, and a staff operation creates them with a body property "format": "password" on the password column (stored hashed). "active" names the Boolean column that deactivates an account.',
  'Each operation has its "actor" and, when others may call it too, "alsoAllowed" with a scope each: "own" (only records tied to their account) or "all" (staff see everyone\'s; they may filter by a person).',
  'A model archived for some actors ("{archived by …, still seen by …}" in the data model): those actors read an archived record by id, and their lists show archived ones only when the query asks, so give that list query a Boolean such as "includeArchived" (default false).',
  'Text in a fixed form (an ISBN of 13 digits, a code like AB1234) gets a "pattern" the whole value must match, e.g. "[0-9]{13}"; lengths go in minLength/maxLength.',
  'Value types: "date" for a day without a time (a due date, a birthday; DateTime column), "decimal" with "scale" for money and other exact amounts (Decimal column; never "number"), "duration" for a length of time as a whole number of the unit its name ends with, e.g. "estimateMinutes" (Int column).',
  'Names become TypeScript identifiers: no reserved words (delete, new, default, ...) as modules, ids or parameters, and no DTO named like a framework name (Post, Query, Body, Type, Date).',
].join('\n');

/**
 * The Interface phase's agent: asks the model for the API design (DTOs linked to the data model,
 * operations, authentication), checks it with the project's rules inside the typed-call loop, and
 * renders the OpenAPI document, the DTO types and the controllers.
 */
export class InterfacePhase implements Phase {
  readonly id = 'interface' as const;

  /** `requirements` is used when no Analyze artifact precedes this phase in the run. */
  constructor(private readonly requirements: string) {}

  async run(context: PhaseContext): Promise<PhaseResult> {
    const database = context.artifactOf('database') as DatabaseArtifact | undefined;
    if (!database) {
      const message = 'The Interface phase needs the data model: run the Database phase before it.';
      return { artifact: undefined, files: new Map(), issues: [{ severity: 'error', source: 'interface', message }] };
    }
    const analysis = context.artifactOf('analyze') as AnalyzeArtifact | undefined;
    const validate = (artifact: InterfaceArtifact) => validateInterface(artifact, { analysis, database });
    context.progress(0, 1);
    const answer = await askForArtifact<InterfaceArtifact>(context, {
      target: 'api design',
      system: SYSTEM,
      prompt: [
        `Requirements:\n${requirementsText(context, this.requirements)}`,
        namesListing(analysis),
        describeDataModel(database),
        'Design the HTTP API: authentication, DTOs and operations.',
      ].join('\n\n'),
      tool: { name: 'define_api', description: 'Define the authentication, DTOs and operations of the HTTP API.' },
      schema: INTERFACE_SCHEMA,
      validate,
    });
    if (!answer.ok) return { artifact: undefined, files: new Map(), issues: answer.issues };
    context.progress(1, 1);
    // Warnings (e.g. an unused DTO) do not stop the loop; they stay visible on the result.
    return { artifact: answer.value, files: renderInterfaceFiles(answer.value, database, analysis), issues: validate(answer.value) };
  }
}
