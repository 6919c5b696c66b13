import type { AnalyzeArtifact } from '../analyze/types';
import type { DatabaseArtifact } from '../database/types';
import { hasErrors, type Issue } from '../diagnostics/issue';
import type { InterfaceArtifact } from '../interface/types';
import { askForArtifact } from '../pipeline/askForArtifact';
import { missingArtifacts } from '../pipeline/requiredArtifacts';
import type { Phase, PhaseContext, PhaseResult } from '../pipeline/phase';
import { scenarioPrompt, TEST_SYSTEM } from './prompt';
import { artifactNode, type RenderedFiles } from '../provenance';
import type { DatabaseId } from '../config/settings';
import type { ActorKind } from '../interface/access';
import { partsOfTarget } from '../model/callPlan';
import { estimatePromptTokens } from '../model/tokens';
import { planScenarioParts, type ScenarioPart, scenarioTarget } from './parts';
import { TEST_SCHEMA } from './schema';
import type { TestArtifact } from './types';
import { validateScenarios } from './validate';

/** What the tool is for; a part says which (the fixture responder reads "(part k of n)" as Realize's). */
function toolDescription(operation: string, part: ScenarioPart): string {
  const what = `Define the scenarios of the operation "${operation}"`;
  if (part.count === 1) return `${what}: successes, and each refusal it declares.`;
  const codes = part.refusals.map((code) => `"${code}"`).join(', ');
  return `${what} (part ${part.index + 1} of ${part.count}): ${part.successes ? `its successes${codes ? ` and the refusals ${codes}` : ''}` : `the refusals ${codes}`}.`;
}

/** What the Test phase needs of the target that renders the project: the scenarios as test files. */
export interface TestTarget {
  renderTests(artifact: TestArtifact, api: InterfaceArtifact, database: DatabaseArtifact, actors: readonly ActorKind[] | undefined, databaseId: DatabaseId): RenderedFiles;
}

/**
 * The Test phase's agent: one call per operation for its scenarios, or a few for one whose scenarios would
 * not fit a small model's window with its prompt (src/core/scenarios/parts.ts) (run side by side, the run's
 * call limiter bounds them), checked against the API design; the end-to-end test files are rendered
 * from the merged scenarios and the Interface artifact.
 */
export class TestPhase implements Phase {
  readonly id = 'test' as const;

  constructor(private readonly target: TestTarget) {}

  async run(context: PhaseContext): Promise<PhaseResult> {
    const api = context.artifactOf('interface') as InterfaceArtifact | undefined;
    const database = context.artifactOf('database') as DatabaseArtifact | undefined;
    const analysis = context.artifactOf('analyze') as AnalyzeArtifact | undefined;
    if (!api || !database) return { artifact: undefined, files: new Map(), issues: [missingArtifacts('test', { interface: api, database })!] };

    // A feature step keeps an operation the change does not reach whole, however its calls were cut before.
    const kept = new Map(api.operations.flatMap((operation) => {
      const scenarios = keptScenarios(context, operation.id, (artifact) => validateScenarios(artifact, { api, database, analysis, operation: operation.id }));
      return scenarios ? [[operation.id, scenarios] as const] : [];
    }));
    // One call per operation (or per part of one): each stays small however large the API grows, and a
    // failing operation is asked again alone.
    const calls = api.operations.filter((operation) => !kept.has(operation.id)).flatMap((operation) => {
      const promptOf = (part: Pick<ScenarioPart, 'successes' | 'refusals'>) => scenarioPrompt(operation, api, database, analysis, part);
      const parts = planScenarioParts(operation, (part) => estimatePromptTokens([{ role: 'system', content: TEST_SYSTEM }, { role: 'user', content: promptOf(part) }], TEST_SCHEMA));
      return parts.map((part) => ({ operation, part, prompt: promptOf(part) }));
    });
    let done = 0;
    context.progress(done, calls.length);
    const answers = await Promise.all(
      calls.map(async ({ operation, part, prompt }) => {
        const answer = await askForArtifact<TestArtifact>(context, {
          target: scenarioTarget(operation.id, part),
          system: TEST_SYSTEM,
          prompt,
          tool: { name: 'define_scenarios', description: toolDescription(operation.id, part) },
          schema: TEST_SCHEMA,
          validate: (artifact) => validateScenarios(artifact, { api, database, analysis, operation: operation.id, ...(part.count > 1 ? { part } : {}) }),
          // A feature step keeps the scenarios of an operation the change does not reach.
          unchanged: context.earlier && !context.earlier.reached.has(artifactNode('test', 'operation', operation.id)),
        });
        context.progress(++done, calls.length);
        return { operation: operation.id, answer };
      }),
    );

    const issues: Issue[] = answers.flatMap(({ answer }) => (answer.ok ? [] : answer.issues));
    if (issues.length > 0) return { artifact: undefined, files: new Map(), issues };
    // In the API's order of operations, each operation's parts in turn.
    const scenarios = api.operations.flatMap((operation) => kept.get(operation.id) ?? answers.flatMap((asked) => (asked.operation === operation.id && asked.answer.ok ? asked.answer.value.scenarios : [])));
    const artifact: TestArtifact = { scenarios };
    const rendered = this.target.renderTests(artifact, api, database, analysis?.actors, context.settings.database);
    return { artifact, files: rendered.files, provenance: rendered.from, issues: [] };
  }
}

/**
 * The earlier scenarios of an operation a feature step does not reach, from every call they were asked in
 * (one, or parts), when together they still pass the operation's checks; each earlier answer is kept as it was.
 */
function keptScenarios(context: PhaseContext, operation: string, validate: (artifact: TestArtifact) => Issue[]): TestArtifact['scenarios'] | undefined {
  const earlier = context.earlier;
  if (!earlier || earlier.reached.has(artifactNode('test', 'operation', operation))) return undefined;
  const targets = partsOfTarget(earlier.targets(), `scenarios ${operation}`);
  if (targets.length === 0) return undefined;
  const answers = targets.map((target) => ({ target, value: earlier.answer(target) as TestArtifact }));
  const scenarios = answers.flatMap((answer) => answer.value.scenarios);
  if (hasErrors(validate({ scenarios }))) return undefined;
  for (const answer of answers) {
    context.remember?.(answer.target, answer.value);
    context.ledger.keep('test', answer.target);
  }
  return scenarios;
}
