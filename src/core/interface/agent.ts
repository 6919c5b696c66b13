import { requirementsText } from '../analyze/agent';
import type { AnalyzeArtifact } from '../analyze/types';
import type { DatabaseArtifact } from '../database/types';
import type { Issue } from '../diagnostics/issue';
import { askForArtifact, type ArtifactAnswer } from '../pipeline/askForArtifact';
import type { Phase, PhaseContext, PhaseResult } from '../pipeline/phase';
import { MODULE_SCHEMA } from './moduleSchema';
import { mergeInterface, moduleCalls, PLAN_TARGET, type InterfacePlan, type ModuleAnswer, type ModuleCall } from './plan';
import { MODULE_SYSTEM, modulePrompt, PLAN_SYSTEM, planPrompt } from './prompt';
import type { RenderedFiles } from '../provenance';
import { type ChangedOperations, growthOfPlan, moduleCallUnchanged, planUnchanged } from './growth';
import { routeRevision } from './revision';
import type { InterfaceArtifact } from './types';
import { validateInterface } from './validate';
import { assemble, modulePath, validateModule } from './validateModule';
import { validatePlan } from './validatePlan';

/** What the Interface phase needs of the target that renders the project: the API as files. */
export interface InterfaceTarget {
  renderInterface(api: InterfaceArtifact, database: DatabaseArtifact, analysis?: AnalyzeArtifact): RenderedFiles;
}

/**
 * The Interface phase's agent. It asks for a plan first (modules, their operations, authentication, the
 * DTOs modules share), then one call per module (a large module in parts of a few operations), in the
 * plan's order, for its DTOs and whole operations: each call is told only its part, so it stays small
 * however large the API grows. Each answer is checked with the API's rules on the API as it stands with it;
 * the merged API is checked once more, and a call whose answer conflicts with a later one's is asked again. Renders the OpenAPI
 * document, the DTO types and the controllers from the merged API.
 */
export class InterfacePhase implements Phase {
  readonly id = 'interface' as const;

  /** `requirements` is used when no Analyze artifact precedes this phase in the run. */
  constructor(
    private readonly requirements: string,
    private readonly target: InterfaceTarget,
  ) {}

  async run(context: PhaseContext): Promise<PhaseResult> {
    const database = context.artifactOf('database') as DatabaseArtifact | undefined;
    if (!database) {
      const message = 'The Interface phase needs the data model: run the Database phase before it.';
      return failed([{ severity: 'error', source: 'interface', message }]);
    }
    const analysis = context.artifactOf('analyze') as AnalyzeArtifact | undefined;
    const requirements = requirementsText(context, this.requirements);
    const routing = routeRevision(context.revision);
    context.progress(0, 1);
    const growing = growthOfPlan(context.earlier);
    const planAnswer = await askForArtifact<InterfacePlan & ChangedOperations>(routing.planContext(context), {
      target: PLAN_TARGET,
      system: PLAN_SYSTEM,
      prompt: planPrompt(requirements, analysis, database) + growing.prompt,
      tool: { name: 'plan_api', description: 'Plan the HTTP API: authentication, modules with their operations, shared DTOs.' },
      schema: growing.schema,
      validate: (plan) => [...validatePlan(plan, { analysis, database }), ...growing.validate(plan)],
      unchanged: planUnchanged(context.earlier),
    });
    if (!planAnswer.ok) return failed(ofCall(PLAN_TARGET, planAnswer.issues));
    const { plan, changed } = growing.split(planAnswer.value);
    if (changed) context.remember?.(PLAN_TARGET, plan);

    // One call after another: a call sees the shared DTOs and what the module's earlier calls defined.
    const answers = new Map<string, ModuleAnswer>();
    const calls = moduleCalls(plan);
    let total = 1 + calls.length;
    let done = 1;
    context.progress(done, total);
    const ask = async (call: ModuleCall): Promise<ArtifactAnswer<ModuleAnswer>> => {
      const validate = (answer: ModuleAnswer) => validateModule(answer, { plan, call, answers, analysis, database });
      const kept = routing.kept(call, plan, validate);
      if (kept) context.remember?.(call.target, kept);
      const answer = kept
        ? { ok: true as const, value: kept }
        : await askForArtifact<ModuleAnswer>(routing.moduleContext(context, call, plan), {
            target: call.target,
            system: MODULE_SYSTEM,
            prompt: modulePrompt(plan, call, answers, database, analysis, requirements),
            tool: { name: 'define_module', description: `Define the DTOs and operations of the "${call.module}" module${call.parts > 1 ? `, part ${call.part} of ${call.parts}` : ''}.` },
            schema: MODULE_SCHEMA,
            validate,
            unchanged: moduleCallUnchanged(context.earlier, call, plan, changed),
          });
      context.progress(++done, total);
      return answer;
    };
    for (const call of calls) {
      const answer = await ask(call);
      if (!answer.ok) return failed(ofCall(call.target, answer.issues));
      answers.set(call.target, answer.value);
    }

    // An answer that named a shared DTO before its module defined it was checked against a stand-in; a
    // call whose part of the merged API still has problems is asked again, now that every call has answered.
    const validate = (artifact: InterfaceArtifact) => validateInterface(artifact, { analysis, database });
    const again = callsWithErrors(plan, answers, validate);
    total += again.length;
    for (const call of again) {
      const answer = await ask(call);
      if (!answer.ok) return failed(ofCall(call.target, answer.issues));
      answers.set(call.target, answer.value);
    }
    const artifact = mergeInterface(plan, answers);
    const issues = validate(artifact);
    // Warnings (e.g. an unused DTO) do not stop the phase; they stay visible on the result.
    if (issues.some((issue) => issue.severity === 'error')) return failed(issues);
    const rendered = this.target.renderInterface(artifact, database, analysis);
    return { artifact, files: rendered.files, provenance: rendered.from, issues };
  }
}

function failed(issues: Issue[]): PhaseResult {
  return { artifact: undefined, files: new Map(), issues };
}

/** A failed call's problems, saying which call they are in: their paths are in that call's answer. */
function ofCall(target: string, issues: Issue[]): Issue[] {
  return issues.map((issue) => (issue.path === undefined ? issue : { ...issue, message: `${issue.message} (in the Interface call "${target}")` }));
}

/** The calls whose part of the merged API has errors, in the plan's order. */
function callsWithErrors(plan: InterfacePlan, answers: ReadonlyMap<string, ModuleAnswer>, validate: (artifact: InterfaceArtifact) => Issue[]): ModuleCall[] {
  const { artifact, slots } = assemble(plan, answers);
  const errors = validate(artifact).filter((issue) => issue.severity === 'error' && issue.path !== undefined && issue.path !== '$');
  return moduleCalls(plan).filter((call) => errors.some((issue) => modulePath(issue.path!, slots.get(call.target)!) !== undefined));
}
