import type { AnalyzeArtifact } from '../analyze/types';
import { deletionRule } from '../database/deletion';
import type { DatabaseArtifact } from '../database/types';
import { hasErrors, type Issue } from '../diagnostics/issue';
import { renderInterfaceFiles } from '../interface/render/files';
import { moduleFile, modulesOf } from '../interface/names';
import type { InterfaceArtifact } from '../interface/types';
import { askForArtifact } from '../pipeline/askForArtifact';
import { missingArtifacts } from '../pipeline/requiredArtifacts';
import type { Phase, PhaseContext, PhaseResult } from '../pipeline/phase';
import { realizePrompt } from './prompt';
import { renderRealizeBase } from './render/files';
import { derivedSlots, renderDerived } from './render/module/derived';
import { renderService } from './render/module/service';
import { type RealizeAnswer, realizeSchema } from './schema';
import { BackendTypeChecker } from './typecheck/checkBackend';
import { mapToRegions } from './typeFeedback';
import type { RealizeArtifact, RealizedModule } from './types';
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
 * The Realize phase's agent: one call per module for the business logic of its operations, checked by
 * the TypeScript compiler over the whole generated backend held in memory; compiler errors go back to
 * the model at the path of the body they sit in. Everything else of the backend is rendered by code.
 * Compiler errors left after the retries do not stop the run: the code is written and they become the
 * run's diagnostics, so the user sees them on the files instead of losing the work.
 */
export class RealizePhase implements Phase {
  readonly id = 'realize' as const;

  async run(context: PhaseContext): Promise<PhaseResult> {
    const api = context.artifactOf('interface') as InterfaceArtifact | undefined;
    const database = context.artifactOf('database') as DatabaseArtifact | undefined;
    const analysis = context.artifactOf('analyze') as AnalyzeArtifact | undefined;
    if (!api || !database) return { artifact: undefined, files: new Map(), issues: [missingArtifacts('realize', { database, interface: api })!] };
    const databaseId = context.settings.database;
    // Everything but the services, which the model's bodies complete.
    const base = renderRealizeBase({ analysis, database, api, databaseId });
    const files = new Map([...renderInterfaceFiles(api, database, analysis), ...base]);
    const checker = new BackendTypeChecker(database, { provider: databaseId });
    const modules = modulesOf(api);
    let done = 0;
    context.progress(done, modules.length);

    const realized = await Promise.all(
      modules.map(async (module) => {
        const expected = api.operations.filter((operation) => operation.module === module).map((operation) => operation.id);
        const derived = derivedSlots(api, module).map(({ dto, property }) => ({ dto: dto.name, property: property.name }));
        const servicePath = moduleFile(module, 'service');
        const derivedPath = moduleFile(module, 'derived');
        // The last answer that passed the structural rules: kept when the compiler is never satisfied.
        let candidate: RealizedModule | undefined;
        const compile = (answer: RealizeAnswer): Issue[] => {
          const structural = validateRealizeAnswer(answer, expected, derived);
          if (hasErrors(structural)) return structural;
          const value = realizedModule(module, answer, derived.length > 0);
          const service = renderService(api, database, value);
          const values = renderDerived(api, database, value);
          candidate = value;
          const checked = new Map([...files, [servicePath, service.content], ...(values ? [[values.path, values.content] as const] : [])]);
          const issues = checker.check(checked, (path) => path === servicePath || path === derivedPath);
          return mapToRegions(mapToRegions(issues, servicePath, service.regions), derivedPath, values?.regions ?? []);
        };
        const answer = await askForArtifact<RealizeAnswer>(context, {
          target: `module ${module}`,
          system: [SYSTEM, deletionRules(api, database, module)].filter(Boolean).join('\n'),
          prompt: realizePrompt({
            module,
            api,
            database,
            analysis,
            files,
            skeleton: renderService(api, database, skeletonOf(module, expected)).content,
            derived: renderDerived(api, database, { ...skeletonOf(module, expected), derived: derived.map((slot) => ({ ...slot, body: '// your code' })) })?.content,
          }),
          tool: { name: 'implement_module', description: `Write the business logic of the ${module} module's operations${derived.length ? ' and its derived values' : ''}.` },
          schema: realizeSchema(derived.length > 0),
          validate: compile,
        });
        context.progress(++done, modules.length);
        if (answer.ok) return { module: realizedModule(module, answer.value, derived.length > 0), issues: [] as Issue[] };
        // Compiler errors only: the code is kept, and the final check below reports them on the file.
        if (candidate) return { module: candidate, issues: [] as Issue[] };
        return { module: undefined, issues: answer.issues };
      }),
    );

    const issues = realized.flatMap((entry) => entry.issues);
    if (hasErrors(issues)) return { artifact: undefined, files: new Map(), issues };
    const artifact: RealizeArtifact = { modules: realized.map((entry) => entry.module!) };
    const output = new Map(base);
    const services = artifact.modules.map((module) => renderService(api, database, module));
    for (const service of services) output.set(service.path, service.content);
    const values = artifact.modules.flatMap((module) => renderDerived(api, database, module) ?? []);
    for (const file of values) output.set(file.path, file.content);
    // The whole backend once more: what is left anywhere (a service, or code generated around it)
    // is written with the files and reported on them, never hidden behind a successful run.
    const backend = new Map([...files, ...output]);
    let residual = checker.check(backend).filter((issue) => issue.severity === 'error');
    for (const rendered of [...services, ...values]) residual = mapToRegions(residual, rendered.path, rendered.regions);
    return { artifact, files: output, issues: [], residual };
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
