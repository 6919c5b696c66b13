import type { AnalyzeArtifact } from '../analyze/types';
import { describeDataModel } from '../database/describe';
import { namedModels, relevantModels } from '../database/relevant';
import type { DatabaseArtifact } from '../database/types';
import { AUTH_SESSIONS_FILE, collectorName, exceptionClass, moduleFile, selectName, transformerName } from '../names/generated';
import { dtoHomes } from '../interface/modules';
import { grantsOf, sessionActors } from '../interface/access';
import type { InterfaceArtifact, Operation } from '../interface/types';
import { declarationsOf } from './declarations';
import { hashesPassword } from '../interface/auth';

export interface RealizePromptInput {
  module: string;
  api: InterfaceArtifact;
  database: DatabaseArtifact;
  analysis?: AnalyzeArtifact;
  /** The generated backend so far (project path -> content). */
  files: ReadonlyMap<string, string>;
  /** The module's service with placeholder bodies. */
  skeleton: string;
  /** The module's derived-value functions with placeholder bodies, when its response DTOs have any. */
  derived?: string;
  /** One of several calls for a module too large for one: the methods this call writes. */
  part?: RealizePart;
}

/**
 * A call of a module split by its operations: the first writes the module's helpers (and derived values)
 * with its methods; the later ones get those helpers as written and write only their methods.
 */
export interface RealizePart {
  operations: readonly string[];
  /** 0-based. */
  index: number;
  count: number;
  /** The helpers the first call wrote (later calls). */
  helpers?: string;
}

/**
 * What the model sees for one module, and nothing more: the rules of the sections its operations
 * serve, the tables they touch, the generated code it may call, and the methods to fill.
 */
export function realizePrompt(input: RealizePromptInput): string {
  const part = input.part;
  const operations = input.api.operations.filter((operation) => operation.module === input.module && (!part || part.operations.includes(operation.id)));
  const sections = new Set(operations.map((operation) => operation.section));
  const rules = (input.analysis?.sections ?? [])
    .filter((section) => sections.has(section.id))
    .map((section) => `## ${section.title}\n${section.body}\n${section.rules.map((rule) => `- ${rule}`).join('\n')}`)
    .join('\n\n');
  // The rules decide which tables matter, not only the module's own: related ones and the ones they name.
  const models = relevantModels(input.database, operations.flatMap((operation) => (operation.model ? [operation.model] : [])), rules);
  const code = generatedCode(input.module, operations, input.api, namedModels(input.database, rules))
    .filter(({ path }) => input.files.has(path))
    .map(({ path, keep }) => ({ path, declarations: declarationsOf(input.files.get(path)!, keep) }))
    .filter(({ declarations }) => declarations !== '')
    .map(({ path, declarations }) => `// ${path}\n${declarations}`)
    .join('\n\n');
  const takesNow = /, now: Date\)/.test(code) ? 'A transformer that takes `now` gets `this.clock.now()`: `rows.map((row) => toX(row, this.clock.now()))`.' : '';
  return [
    heading(input.module, moduleServiceName(input.skeleton), part),
    part?.index === 0 && laterMethods(input.api, input.module, part),
    rules && `Requirements:\n${rules}`,
    `Tables (Prisma, client at this.prisma):\n${describeDataModel(input.database, models)}`,
    'The current time: `this.clock.now()` (a Date), the backend\'s clock, which the tests set and move. `new Date()` and `Date.now()` are refused.',
    input.api.authentication.length > 0
      ? 'Also imported for you when used: `hashPassword(password): Promise<string>` and `verifyPassword(password, hash): Promise<boolean>` (changing a password: verify the old one against the stored hash, store the hash of the new one); `randomBytes`, `randomInt`, `randomUUID` from node:crypto (unguessable codes); Nest\'s HTTP exceptions.'
      : 'Also imported for you when used: `randomBytes`, `randomInt`, `randomUUID` from node:crypto (unguessable codes); Nest\'s HTTP exceptions.',
    valueTypesText(input.api, operations),
    `Generated code you can use (imported for you when you use a name):\n${code}`,
    accessText(input.api, operations, input.analysis),
    takesNow,
    refusalsText(operations),
    part?.helpers && `Helpers of this module, written already and in scope (use them; do not write them again):\n${part.helpers.trim()}`,
    `The service to complete (replace each "// your code"):\n${input.skeleton.trim()}`,
    input.derived &&
      `Derived values to compute (in "derived", one body each): pure functions of row (what the DTO's select loads; its counts in row._count) and now (the clock's time); no queries, no this:\n${input.derived.trim()}`,
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** A generated file the prompt shows, and which of its declarations (all when `keep` is left out). */
interface CodeSource {
  path: string;
  keep?: (name: string) => boolean;
}

/**
 * The generated code a module's service may use, as declarations: its own DTOs, collectors and
 * transformers whole; from other modules only the DTOs its operations take or answer (a nested DTO lives
 * where it was first used) or DTOs of the tables its rules name, with their selects, transformers and
 * collectors; the session types. Its exception classes are not shown: the refusals list names each.
 */
function generatedCode(module: string, operations: readonly Operation[], api: InterfaceArtifact, named: ReadonlySet<string>): CodeSource[] {
  const homes = dtoHomes(api);
  const reached = new Set<string>();
  const visit = (name: string | undefined): void => {
    const dto = api.dtos.find((candidate) => candidate.name === name);
    if (!dto || reached.has(dto.name)) return;
    reached.add(dto.name);
    for (const property of dto.properties) if (property.type === 'object') visit(property.dto);
  };
  for (const operation of operations) [operation.query, operation.body, operation.response].forEach((name) => visit(name));
  for (const dto of api.dtos) if (dto.model !== undefined && named.has(dto.model)) visit(dto.name);
  const usable = new Set([...reached].flatMap((dto) => [dto, collectorName(dto), selectName(dto), transformerName(dto)]));
  const others = [...new Set([...reached].map((dto) => homes.get(dto)).filter((home): home is string => home !== undefined && home !== module))];
  const keep = (name: string) => usable.has(name);
  return [
    ...(['dto', 'collectors', 'transformers'] as const).map((kind) => ({ path: moduleFile(module, kind) })),
    ...others.flatMap((other) => (['dto', 'collectors', 'transformers'] as const).map((kind) => ({ path: moduleFile(other, kind), keep }))),
    { path: AUTH_SESSIONS_FILE, keep: (name: string) => /Session$/.test(name) },
  ];
}

function heading(module: string, service: string, part: RealizePart | undefined): string {
  if (!part) return `Module "${module}". Write the body of every method of ${service} below.`;
  const methods = `the body of every method of ${service} below (${part.operations.join(', ')}); its other methods are written in other parts`;
  return part.index === 0
    ? `Module "${module}", part 1 of ${part.count}. Write ${methods}, and the module's helpers, which the later parts may use too.`
    : `Module "${module}", part ${part.index + 1} of ${part.count}. Write ${methods}.`;
}

/** What the later parts write, so the first part's helpers can serve them too. */
function laterMethods(api: InterfaceArtifact, module: string, part: RealizePart): string {
  const later = api.operations.filter((operation) => operation.module === module && !part.operations.includes(operation.id));
  return `The module's other methods (later parts):\n${later.map((operation) => `- ${operation.id} (${operation.method} ${operation.path}): ${operation.summary}`).join('\n')}`;
}

function moduleServiceName(skeleton: string): string {
  return /export class (\w+)/.exec(skeleton)?.[1] ?? 'the service';
}

/**
 * Who may call what, where it is more than one actor or not the default scope: the guard has already
 * admitted the caller; the body decides what each one reaches.
 */
function accessText(api: InterfaceArtifact, operations: readonly Operation[], analysis?: AnalyzeArtifact): string {
  const lines = operations.flatMap((operation) => {
    const grants = grantsOf(operation, analysis?.actors);
    if (grants.length === 1 && operation.scope === undefined) return [];
    const who = grants.map((grant) => `${grant.actor} (${grant.scope === 'own' ? 'only records tied to their own account; others are NotFoundException' : 'every record'})`).join(', ');
    return [`- ${operation.id}: ${who}${sessionActors(api, operation, analysis?.actors).length > 1 ? '; `caller.actor` says which' : ''}`];
  });
  const asyncCollectors = operations.some((operation) => operation.body !== undefined && api.dtos.some((dto) => dto.name === operation.body && hashesPassword(dto)));
  return [
    lines.length ? `Who may call what (the guard has admitted the caller; scope each query to what its actor reaches):\n${lines.join('\n')}` : '',
    asyncCollectors ? 'A collector that takes a password hashes it and is async: `data: { ...(await collectX(body)) }`.' : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** Said only where the module's DTOs hold calendar dates or decimals, whose text differs from their column's value. */
function valueTypesText(api: InterfaceArtifact, operations: readonly Operation[]): string {
  const names = new Set(operations.flatMap((operation) => [operation.body, operation.query, operation.response]));
  const types = new Set(api.dtos.filter((dto) => names.has(dto.name)).flatMap((dto) => dto.properties.map((property) => property.type)));
  return [
    types.has('date') ? 'A "date" property is "YYYY-MM-DD" text; its DateTime column holds that day at midnight UTC (`new Date(day + "T00:00:00.000Z")`), and today is `this.clock.now().toISOString().slice(0, 10)`.' : '',
    types.has('decimal') ? 'A "decimal" property is text ("12.50") and its column a Prisma.Decimal: compute with Decimal methods (plus, times, gte) and answer `.toFixed(scale)`, never through Number.' : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/** Which operation refuses what, so each rule's refusal is thrown where the rule applies. */
function refusalsText(operations: readonly Operation[]): string {
  const lines = operations.flatMap((operation) => (operation.refusals ?? []).map((refusal) => `- ${operation.id}: \`throw new ${exceptionClass(refusal.code)}()\` (${refusal.status}) for "${refusal.message}"`));
  return lines.length
    ? `Refusals the rules produce (throw exactly these, never another exception for them; a message with the case's own figures may replace the default: \`new XException(message)\`):\n${lines.join('\n')}`
    : '';
}
