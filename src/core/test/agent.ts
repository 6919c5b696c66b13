import type { AnalyzeArtifact } from '../analyze/types';
import type { DatabaseArtifact } from '../database/types';
import type { Issue } from '../diagnostics/issue';
import type { InterfaceArtifact } from '../interface/types';
import { askForArtifact } from '../pipeline/askForArtifact';
import { missingArtifacts } from '../pipeline/requiredArtifacts';
import type { Phase, PhaseContext, PhaseResult } from '../pipeline/phase';
import { scenarioPrompt, TEST_SYSTEM } from './prompt';
import { renderTests } from './render/tests';
import { TEST_SCHEMA } from './schema';
import type { TestArtifact } from './types';
import { validateScenarios } from './validate';

/**
 * The Test phase's agent: one call per operation for its scenarios (run side by side, the run's
 * call limiter bounds them), checked against the API design; the end-to-end test files are rendered
 * from the merged scenarios and the Interface artifact.
 */
export class TestPhase implements Phase {
  readonly id = 'test' as const;

  async run(context: PhaseContext): Promise<PhaseResult> {
    const api = context.artifactOf('interface') as InterfaceArtifact | undefined;
    const database = context.artifactOf('database') as DatabaseArtifact | undefined;
    const analysis = context.artifactOf('analyze') as AnalyzeArtifact | undefined;
    if (!api || !database) return { artifact: undefined, files: new Map(), issues: [missingArtifacts('test', { interface: api, database })!] };

    // One call per operation: each stays small however large the API grows (a module's scenarios can be
    // thousands of tokens), and a failing operation is asked again alone.
    const operations = api.operations;
    let done = 0;
    context.progress(done, operations.length);
    const answers = await Promise.all(
      operations.map(async (operation) => {
        const answer = await askForArtifact<TestArtifact>(context, {
          target: `scenarios ${operation.id}`,
          system: TEST_SYSTEM,
          prompt: scenarioPrompt(operation, api, database, analysis),
          tool: { name: 'define_scenarios', description: `Define the scenarios of the operation "${operation.id}": successes, and each refusal it declares.` },
          schema: TEST_SCHEMA,
          validate: (artifact) => validateScenarios(artifact, { api, database, analysis, operation: operation.id }),
        });
        context.progress(++done, operations.length);
        return answer;
      }),
    );

    const issues: Issue[] = answers.flatMap((answer) => (answer.ok ? [] : answer.issues));
    if (issues.length > 0) return { artifact: undefined, files: new Map(), issues };
    const artifact: TestArtifact = { scenarios: answers.flatMap((answer) => (answer.ok ? answer.value.scenarios : [])) };
    return { artifact, files: renderTests(artifact, api, database, analysis?.actors, context.settings.database), issues: [] };
  }
}
