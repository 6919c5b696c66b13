import type { AnalyzeArtifact } from '../analyze/types';
import type { DatabaseArtifact } from '../database/types';
import type { Issue } from '../diagnostics/issue';
import { modulesOf } from '../interface/names';
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
 * The Test phase's agent: one call per module for its success scenarios (run side by side, the run's
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

    const modules = modulesOf(api);
    let done = 0;
    context.progress(done, modules.length);
    const answers = await Promise.all(
      modules.map(async (module) => {
        const answer = await askForArtifact<TestArtifact>(context, {
          target: `scenarios ${module}`,
          system: TEST_SYSTEM,
          prompt: scenarioPrompt(module, api, database, analysis),
          tool: { name: 'define_scenarios', description: `Define the scenarios of the "${module}" module's operations: successes, and each declared refusal.` },
          schema: TEST_SCHEMA,
          validate: (artifact) => validateScenarios(artifact, { api, database, analysis, module }),
        });
        context.progress(++done, modules.length);
        return answer;
      }),
    );

    const issues: Issue[] = answers.flatMap((answer) => (answer.ok ? [] : answer.issues));
    if (issues.length > 0) return { artifact: undefined, files: new Map(), issues };
    const artifact: TestArtifact = { scenarios: answers.flatMap((answer) => (answer.ok ? answer.value.scenarios : [])) };
    return { artifact, files: renderTests(artifact, api, database, analysis?.actors), issues: [] };
  }
}
