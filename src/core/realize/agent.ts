import type { AnalyzeArtifact } from '../analyze/types';
import { deletionRule } from '../database/deletion';
import type { DatabaseArtifact } from '../database/types';
import { hasErrors, type Issue } from '../diagnostics/issue';
import { moduleFile } from '../names/generated';
import { modulesOf } from '../interface/modules';
import type { InterfaceArtifact } from '../interface/types';
import { askForArtifact } from '../pipeline/askForArtifact';
import { missingArtifacts } from '../pipeline/requiredArtifacts';
import type { EarlierRun, Phase, PhaseContext, PhaseResult } from '../pipeline/phase';
import { artifactNode } from '../provenance';
import { partsOfTarget } from '../model/callPlan';
import { estimatePromptTokens } from '../model/tokens';
import { modulePartTarget, planParts } from './parts';
import { type RealizePart, realizePrompt } from './prompt';
import { derivedSlots } from '../interface/modules';
import { type RealizeAnswer, realizePartSchema, realizeSchema } from './schema';
import type { BackendChecker, RealizeTarget } from './rendering';
import { mapToRegions } from './typeFeedback';
import type { RealizeArtifact, RealizedDerived, RealizedModule, RealizedOperation } from './types';
import { validateRealizeAnswer } from './validate';

const SYSTEM = [
  'You implement NestJS service methods over Prisma 7 for a generated backend.',
  'Write only method bodies (and shared helpers): signatures, imports, DTOs, collectors and transformers exist.',
  'Enforce the business rules: scope every query to the signed-in actor where records are owned (another actor\'s record is NotFoundException, never leaked);',
  'read with the `select` of the response transformer and map rows with its `to...` function;',
  'read the current time only as `this.clock.now()` (a Date; a helper takes it as a parameter), never `new Date()` or `Date.now()`: the tests set the clock;',
  'build Prisma data with the collectors; throw the generated exception class of each refusal the API declares (listed below when there are any), and Nest HTTP exceptions (NotFoundException, …) for other expected failures.',
].join('\n');


/**
 * The Realize phase's agent: one call per module (or per part of a module too large for a small model's
 * window, see parts.ts) for the business logic of its operations, checked by
 * the TypeScript compiler over the whole generated backend held in memory; compiler errors go back to
 * the model at the path of the body they sit in. Everything else of the backend is rendered by code.
 * Compiler errors left after the retries do not stop the run: the code is written and they become the
 * run's diagnostics, so the user sees them on the files instead of losing the work.
 */
export class RealizePhase implements Phase {
  readonly id = 'realize' as const;

  constructor(private readonly target: RealizeTarget) {}

  async run(context: PhaseContext): Promise<PhaseResult> {
    const api = context.artifactOf('interface') as InterfaceArtifact | undefined;
    const database = context.artifactOf('database') as DatabaseArtifact | undefined;
    const analysis = context.artifactOf('analyze') as AnalyzeArtifact | undefined;
    if (!api || !database) return { artifact: undefined, files: new Map(), issues: [missingArtifacts('realize', { database, interface: api })!] };
    const databaseId = context.settings.database;
    const target = this.target;
    // Everything but the services, which the model's bodies complete.
    const base = target.renderBackendBase({ analysis, database, api, databaseId });
    const files = new Map([...target.renderInterface(api, database, analysis).files, ...base.files]);
    const checker = target.backendChecker(database, databaseId);
    const modules = modulesOf(api);
    let done = 0;
    context.progress(done, modules.length);

    const realized = await Promise.all(
      modules.map(async (module) => {
        const result = await this.realizeModule(context, { module, api, database, analysis, files, checker });
        context.progress(++done, modules.length);
        return result;
      }),
    );

    const issues = realized.flatMap((entry) => entry.issues);
    if (hasErrors(issues)) return { artifact: undefined, files: new Map(), issues };
    const artifact: RealizeArtifact = { modules: realized.map((entry) => entry.module!) };
    const output = base;
    const services = artifact.modules.map((module) => target.renderService(api, database, module));
    const values = artifact.modules.flatMap((module) => target.renderDerived(api, database, module) ?? []);
    for (const rendered of [...services, ...values]) output.set(rendered.path, rendered.content, rendered.from);
    // The whole backend once more: what is left anywhere (a service, or code generated around it)
    // is written with the files and reported on them, never hidden behind a successful run.
    const backend = new Map([...files, ...output.files]);
    let residual = checker.check(backend).filter((issue) => issue.severity === 'error');
    for (const rendered of [...services, ...values]) residual = mapToRegions(residual, rendered.path, rendered.regions);
    return { artifact, files: output.files, provenance: output.from, issues: [], residual };
  }

  /**
   * One module: one call, or for a module too large for a small model's window one call per part (a run
   * of its operations, in turn: the first part writes the helpers and derived values the later ones use).
   */
  private async realizeModule(context: PhaseContext, input: ModuleInput): Promise<{ module?: RealizedModule; issues: Issue[] }> {
    const { module, api, database, files, checker } = input;
    const expected = api.operations.filter((operation) => operation.module === module).map((operation) => operation.id);
    const derived = derivedSlots(api, module).map(({ dto, property }) => ({ dto: dto.name, property: property.name }));
    const hasDerived = derived.length > 0;
    const servicePath = moduleFile(module, 'service');
    const derivedPath = moduleFile(module, 'derived');
    const system = [SYSTEM, deletionRules(api, database, module)].filter(Boolean).join('\n');
    const derivedSkeleton = this.target.renderDerived(api, database, { ...skeletonOf(module, expected), derived: derived.map((slot) => ({ ...slot, body: '// your code' })) })?.content;
    const promptOf = (part: RealizePart | undefined) =>
      realizePrompt({
        ...input,
        part,
        skeleton: this.target.renderService(part ? withOnly(api, module, part.operations) : api, database, skeletonOf(module, part?.operations ?? expected)).content,
        derived: part && part.index > 0 ? undefined : derivedSkeleton,
      });
    const schemaOf = (part: RealizePart | undefined) => (part ? realizePartSchema(hasDerived, part.operations, part.index === 0) : realizeSchema(hasDerived));
    const parts = planParts(expected, (operations, count) => {
      const part = count > 1 ? { operations, index: 0, count } : undefined;
      return estimatePromptTokens([{ role: 'system', content: system }, { role: 'user', content: promptOf(part) }], schemaOf(part));
    });

    // What the parts so far settled: the helpers and derived values (first part) and the methods.
    let helpers = '';
    let derivedBodies: RealizedDerived[] = [];
    const written: RealizedOperation[] = [];
    for (const [index, operations] of parts.entries()) {
      const first = index === 0;
      const part = parts.length > 1 ? { operations, index, count: parts.length, ...(first ? {} : { helpers }) } : undefined;
      const later = parts.slice(index + 1).flat();
      const whole = (answer: RealizePartAnswer): RealizedModule =>
        realizedModule(module, {
          helpers: first ? answer.helpers ?? '' : helpers,
          // Methods of later parts stand in as bodies that compile, so this part is checked on its own.
          operations: [...answer.operations, ...written, ...later.map((id) => ({ id, body: "throw new Error('written in a later part');" }))],
          derived: first ? answer.derived : derivedBodies,
        }, hasDerived);
      // The last answer that passed the structural rules: kept when the compiler is never satisfied.
      let candidate: RealizePartAnswer | undefined;
      const compile = (answer: RealizePartAnswer): Issue[] => {
        const own = { helpers: first ? answer.helpers ?? '' : '', operations: answer.operations, derived: first ? answer.derived : undefined };
        const structural = validateRealizeAnswer(own, operations, first ? derived : []);
        if (hasErrors(structural)) return structural;
        const value = whole(answer);
        const service = this.target.renderService(api, database, value);
        const values = this.target.renderDerived(api, database, value);
        candidate = answer;
        const checked = new Map([...files, [servicePath, service.content], ...(values ? [[values.path, values.content] as const] : [])]);
        const issues = checker.check(checked, (path) => path === servicePath || path === derivedPath);
        const mapped = mapToRegions(mapToRegions(issues, servicePath, service.regions), derivedPath, values?.regions ?? []);
        // What earlier parts settled (and later parts' stand-ins) is not this answer's to fix.
        return mapped.filter((issue) => isOwnPath(issue.path, answer.operations.length, first));
      };
      const answer = await askForArtifact<RealizePartAnswer>(context, {
        target: modulePartTarget(module, index, parts.length),
        system,
        prompt: promptOf(part),
        tool: {
          name: 'implement_module',
          description: part
            ? `Write the business logic of ${operations.join(', ')} of the ${module} module (part ${index + 1} of ${parts.length})${first ? `, with the module's helpers${hasDerived ? ' and its derived values' : ''}` : ''}.`
            : `Write the business logic of the ${module} module's operations${hasDerived ? ' and its derived values' : ''}.`,
        },
        schema: schemaOf(part),
        validate: compile,
        unchanged: partUnchanged(context.earlier, module, parts.length > 1 ? operations : undefined),
        earlier: earlierPart(context.earlier, module, operations, first, hasDerived),
      });
      // Compiler errors only: the code is kept, and the phase's final check reports them on the file.
      const settled = answer.ok ? answer.value : candidate;
      if (!settled) return { issues: answer.ok ? [] : answer.issues };
      if (first) {
        helpers = settled.helpers ?? '';
        derivedBodies = settled.derived ?? [];
      }
      written.push(...settled.operations);
    }
    return { module: realizedModule(module, { helpers, operations: written, derived: derivedBodies }, hasDerived), issues: [] };
  }
}

/**
 * What deleting means for the module's tables that are not deleted for real; said only where there are
 * such tables, or it would send the model after columns that are not there.
 */
function deletionRules(api: InterfaceArtifact, database: DatabaseArtifact, module: string): string {
  const models = new Set(api.operations.filter((operation) => operation.module === module).map((operation) => operation.model));
  const rules = database.models.filter((model) => models.has(model.name)).flatMap((model) => deletionRule(model) ?? []);
  return rules.length ? `Deletes:\n${rules.map((rule) => `- ${rule}`).join('\n')}` : '';
}

/** The answer as the module's artifact; `derived` only where the module has derived values. */
function realizedModule(module: string, answer: RealizeAnswer, hasDerived: boolean): RealizedModule {
  return { name: module, helpers: answer.helpers, operations: answer.operations, ...(hasDerived ? { derived: answer.derived ?? [] } : {}) };
}

/** The module's methods with placeholder bodies: shows the model every signature it fills. */
function skeletonOf(module: string, ids: readonly string[]): RealizedModule {
  return { name: module, helpers: '', operations: ids.map((id) => ({ id, body: '// your code' })) };
}

/** The API with only some of a module's operations: the service a part completes. */
function withOnly(api: InterfaceArtifact, module: string, ids: readonly string[]): InterfaceArtifact {
  return { ...api, operations: api.operations.filter((operation) => operation.module !== module || ids.includes(operation.id)) };
}

/** A part's answer: the later parts write no helpers or derived values. */
type RealizePartAnswer = Omit<RealizeAnswer, 'helpers'> & { helpers?: string };

interface ModuleInput {
  module: string;
  api: InterfaceArtifact;
  database: DatabaseArtifact;
  analysis?: AnalyzeArtifact;
  files: ReadonlyMap<string, string>;
  checker: BackendChecker;
}

/** Whether a problem's path is in a part's own answer: its methods, and the helpers and derived values of a first part. */
function isOwnPath(path: string | undefined, methods: number, first: boolean): boolean {
  if (path === undefined) return true;
  const method = /^\$\.operations\[(\d+)\]/.exec(path);
  if (method) return Number(method[1]) < methods;
  if (path.startsWith('$.helpers') || path.startsWith('$.derived')) return first;
  return true;
}

/**
 * In a feature step, a module's logic is kept when the change does not reach the module; a part of a
 * module written in parts, when it reaches none of the part's operations (the compiler checks the rest).
 */
function partUnchanged(earlier: EarlierRun | undefined, module: string, operations: readonly string[] | undefined): boolean | undefined {
  if (!earlier) return undefined;
  if (!earlier.reached.has(artifactNode('realize', 'module', module))) return true;
  return operations !== undefined && !operations.some((id) => earlier.reached.has(artifactNode('interface', 'operation', id)));
}

/**
 * A part's earlier answer put together from the module's earlier calls, however they were cut: the
 * bodies of its operations, and for the first part the helpers and derived values. Undefined when an
 * operation has no earlier body.
 */
function earlierPart(earlier: EarlierRun | undefined, module: string, operations: readonly string[], first: boolean, hasDerived: boolean): RealizePartAnswer | undefined {
  if (!earlier) return undefined;
  const answers = partsOfTarget(earlier.targets(), `module ${module}`).map((target) => earlier.answer(target) as RealizePartAnswer);
  const bodies = new Map(answers.flatMap((answer) => answer.operations.map((operation) => [operation.id, operation.body] as const)));
  if (answers.length === 0 || operations.some((id) => !bodies.has(id))) return undefined;
  const head = answers[0]!;
  return {
    ...(first ? { helpers: head.helpers ?? '' } : {}),
    operations: operations.map((id) => ({ id, body: bodies.get(id)! })),
    ...(first && hasDerived && head.derived ? { derived: head.derived } : {}),
  };
}
