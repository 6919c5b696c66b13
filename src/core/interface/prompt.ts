import type { AnalyzeArtifact } from '../analyze/types';
import { describeDataModel } from '../database/describe';
import { relevantModels } from '../database/relevant';
import type { DatabaseArtifact } from '../database/types';
import { moduleCalls, sharedOf, type InterfacePlan, type ModuleAnswer, type ModuleCall } from './plan';
import type { AuthSpec, DtoSchema } from './types';

/** Rules both kinds of call need: names become TypeScript identifiers. */
const NAMES = 'Names become TypeScript identifiers: no reserved words (delete, new, default, ...) as modules, ids or parameters, and no DTO named like a framework name (Post, Query, Body, Type, Date).';

/** The plan call: what the API consists of, not what its DTOs hold. */
export const PLAN_SYSTEM = [
  'You plan REST APIs for NestJS + Prisma backends from requirements and a data model: the modules, their operations and the authentication. Each module is designed in detail afterwards, from your plan.',
  'Rules: plural lower-case resource paths (/todos, /todos/{id}); GET reads, POST creates, PATCH updates, DELETE deletes.',
  'One module per feature. The caller\'s own id comes from the session: for the caller\'s own record use /me-style routes.',
  'Add an "authentication" entry for each actor that logs in; its sign-up and login routes are generated, so do not plan them. Actors may share one account model (same path, a "role" each: {"column": "role", "value": "DOCTOR"}); staff whose accounts others create have "signUp": false (a staff operation creates them). "active" names the Boolean column that deactivates an account.',
  'Each operation has the actor who calls it (others may be allowed later) and the requirement section it serves.',
  'A DTO used by more than one module (a summary of an author nested in posts and in comments) goes in "shared": the module defining it, and the modules using it.',
  NAMES,
].join('\n');

/** A module call: the DTOs and the whole operations of one module. */
export const MODULE_SYSTEM = [
  'You design one module of a REST API for a NestJS + Prisma backend: its DTOs and its operations, following the plan of the API.',
  'Status: POST creates (201), GET and PATCH answer 200, DELETE answers 204.',
  'A list takes a query DTO (filters, sort, page, pageSize) and answers a page DTO { items, total, page, pageSize }.',
  'Link DTO properties to their model\'s columns with "column"; response properties of optional columns are "nullable".',
  'Every property of a response or body DTO with a "model" needs a "column" (for objects, the relation field), except computed response values: "count" for the rows of a list relation (optionally "where" a column has given values), "derived" for a value computed from the columns it "uses", the DTO\'s counts and the current time (days late, copies available = copies minus a count of open loans).',
  'Never expose secret columns (password hashes, tokens). The caller\'s own id comes from the session, never from a body or query.',
  'A staff operation creating accounts takes a body property "format": "password" on the password column (stored hashed).',
  'Each operation keeps the actor of the plan and, when others may call it too, has "alsoAllowed" with a scope each: "own" (only records tied to their account) or "all" (staff see everyone\'s; they may filter by a person).',
  'Business rules that refuse a request are "refusals": a kebab-case code, 403/409/422 and one sentence.',
  'A model archived for some actors ("{archived by …, still seen by …}" in the data model): those actors read an archived record by id, and their lists show archived ones only when the query asks, so give that list query a Boolean such as "includeArchived" (default false).',
  'Text in a fixed form (an ISBN of 13 digits, a code like AB1234) gets a "pattern" the whole value must match, e.g. "[0-9]{13}"; lengths go in minLength/maxLength.',
  'Value types: "date" for a day without a time (a due date, a birthday; DateTime column), "decimal" with "scale" for money and other exact amounts (Decimal column; never "number"), "duration" for a length of time as a whole number of the unit its name ends with, e.g. "estimateMinutes" (Int column).',
  NAMES,
].join('\n');

/** What `operation.section` and `operation.actor` may name. */
export function namesListing(analysis: AnalyzeArtifact | undefined): string {
  if (!analysis) return 'Actors: use "guest" for public operations and a role name (e.g. "member") for the rest.';
  const actors = analysis.actors.map((actor) => `${actor.name} (${actor.kind})`).join(', ');
  const sections = analysis.sections.map((section) => `${section.id} (${section.title})`).join(', ');
  return `Actor names: ${actors}\nSection ids: ${sections}`;
}

/**
 * The plan call's task: the whole requirements and data model, since it decides what the API holds; the
 * fields' shapes only (what each is for matters to the module calls), and the section ids operations name.
 */
export function planPrompt(requirements: string, analysis: AnalyzeArtifact | undefined, database: DatabaseArtifact): string {
  return [
    `Requirements:\n${requirements}`,
    namesListing(analysis),
    describeDataModel(database, undefined, { fieldDescriptions: false }),
    'Plan the HTTP API: authentication, modules with their operations, and the DTOs modules share.',
  ].join('\n\n');
}

/**
 * One module call's task, and only what that call needs, so it stays small however large the API grows:
 * its operations of the plan (and the names of the module's others, asked in other calls), the accounts of
 * the actors, the shared DTOs the module defines or uses (in full once defined), what earlier calls of the
 * module defined, the requirement sections its operations serve, and the tables they touch.
 */
export function modulePrompt(
  plan: InterfacePlan,
  call: ModuleCall,
  answers: ReadonlyMap<string, ModuleAnswer>,
  database: DatabaseArtifact,
  analysis: AnalyzeArtifact | undefined,
  requirements: string,
): string {
  const { module } = call;
  const part = call.parts > 1 ? ` (call ${call.part} of ${call.parts} for this module)` : '';
  const parts = [
    `Design operations of the module "${module}"${part}: the DTOs they need that are not defined yet, and the operations, whole. Keep the id, method, path, actor and section the plan gives them, in this order:`,
    ...call.operations.map((operation) => `- ${operation.id}: ${operation.method} ${operation.path} (actor ${operation.actor}, section ${operation.section})`),
  ];
  const siblings = moduleCalls(plan).filter((other) => other.module === module && other.target !== call.target);
  if (siblings.length) parts.push(`Its other operations are asked in other calls: ${siblings.flatMap((other) => other.operations.map((operation) => `${operation.id} (${operation.method} ${operation.path})`)).join(', ')}.`);
  parts.push('', actorsListing(analysis, plan.authentication));

  const defined = new Map<string, DtoSchema>();
  for (const answer of answers.values()) for (const dto of answer.dtos) defined.set(dto.name, dto);
  const shared = sharedOf(plan, module);
  const own = call.part === 1 ? shared.filter((dto) => dto.owner === module) : [];
  const others = shared.filter((dto) => dto.owner !== module);
  const kindOf = (dto: { kind: string; model?: string }) => `a ${dto.kind} DTO${dto.model ? ` of ${dto.model}` : ''}`;
  if (own.length) {
    parts.push('', 'Shared DTOs to define here (other modules use them by name, so define each even if these operations do not use it):');
    parts.push(...own.map((dto) => `- ${dto.name}: ${kindOf(dto)}, used by ${dto.usedBy.join(', ')}`));
  }
  if (others.length) {
    parts.push('', 'Shared DTOs other modules define: use them by name, do not define them:');
    for (const dto of others) {
      const definition = defined.get(dto.name);
      parts.push(definition ? `- ${JSON.stringify(definition)}` : `- ${dto.name}: ${kindOf(dto)}, defined by the module ${dto.owner} (not written yet)`);
    }
  }
  const earlier = siblings.filter((other) => other.part < call.part).flatMap((other) => (answers.get(other.target) ? [answers.get(other.target)!] : []));
  if (earlier.length) {
    const dtos = earlier.flatMap((answer) => answer.dtos);
    if (dtos.length) parts.push('', `DTOs the earlier calls of this module defined (use them by name, do not define them again): ${dtos.map((dto) => `${dto.name} (${kindOf(dto)})`).join(', ')}`);
    const refusals = new Map(earlier.flatMap((answer) => answer.operations.flatMap((operation) => operation.refusals ?? [])).map((refusal) => [refusal.code, refusal]));
    if (refusals.size) parts.push(`Refusals the module already declares (an operation refusing for the same reason repeats one exactly): ${[...refusals.values()].map((refusal) => JSON.stringify(refusal)).join(', ')}`);
  }

  const actors = new Set(call.operations.map((operation) => operation.actor));
  const sections = analysis?.sections.filter((section) => call.operations.some((operation) => operation.section === section.id)) ?? [];
  const text = sections.length ? sections.map((section) => `## ${section.title}\n${section.body}\n${section.rules.map((rule) => `- ${rule}`).join('\n')}`).join('\n\n') : requirements;
  const accounts = plan.authentication.filter((spec) => actors.has(spec.actor)).map((spec) => spec.model);
  const start = [...accounts, ...shared.flatMap((dto) => (dto.model ? [dto.model] : []))];
  const models = relevantModels(database, start, `${module} ${call.operations.map((operation) => operation.path).join(' ')} ${text}`);
  parts.push('', `Requirements these operations serve:\n${text}`, '', describeDataModel(database, models));
  return parts.join('\n');
}

/** The actors, and how the ones who sign in do (their account model, and whether they sign up). */
function actorsListing(analysis: AnalyzeArtifact | undefined, authentication: readonly AuthSpec[]): string {
  const names = analysis?.actors.map((actor) => `${actor.name} (${actor.kind})`) ?? [];
  const lines = [`Actors: ${names.length ? names.join(', ') : 'as the plan names them'}`];
  for (const spec of authentication) {
    const role = spec.role ? `, ${spec.role.column} = ${spec.role.value}` : '';
    const article = /^[AEIOU]/.test(spec.model) ? 'an' : 'a';
    lines.push(`- ${spec.actor} signs in: ${article} ${spec.model} (password in ${spec.password}${role})${spec.signUp === false ? '; no sign-up: staff create these accounts' : ''}`);
  }
  return lines.join('\n');
}
