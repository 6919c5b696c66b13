import type { StrataSettings } from '../config/settings';
import type { Issue } from '../diagnostics/issue';
import type { ModelProvider } from '../model/chat';
import type { ProjectFiles } from '../project/projectFiles';
import { REQUIREMENTS_FILE, requirementsFileText, saveRequirements } from '../project/strataProject';
import { backendPhases } from './backendPhases';
import type { PipelineEvent, RunOutcome } from './events';
import type { PhaseId } from './phaseId';
import { type RunOptions, runPipeline } from './pipeline';

export interface GenerateOptions {
  requirements: string;
  target: ProjectFiles;
  provider: ModelProvider;
  settings: StrataSettings;
  signal?: AbortSignal;
  onEvent?: (event: PipelineEvent) => void;
  confirmOverwrite?: RunOptions['confirmOverwrite'];
}

export interface PhaseFigures {
  phase: string;
  calls: number;
  attempts: number;
  inputTokens: number;
  outputTokens: number;
  tokens: number;
  modelMs: number;
}

/** What a generation did, for `--json`, the benchmarks and the editor. */
export interface GenerateSummary {
  outcome: RunOutcome;
  stoppedAt?: PhaseId;
  written: number;
  files: string[];
  phases: PhaseFigures[];
  totals: Omit<PhaseFigures, 'phase'>;
  issues: Issue[];
  diagnostics: Issue[];
}

/**
 * Requirements to backend: runs the five phases and, when they succeed, keeps the requirements in the
 * project's `.strata/` with the artifacts (so later runs can continue from them); a failed or cancelled
 * run leaves the target as it was. Shared by `strata generate` and the benchmarks; the extension runs
 * the same phases through the same pipeline (it saves the requirements first: they were typed there).
 */
export async function generateBackend(options: GenerateOptions): Promise<GenerateSummary> {
  const result = await runPipeline(backendPhases(options.requirements), options);
  if (result.outcome === 'succeeded' && (await options.target.read(REQUIREMENTS_FILE)) !== requirementsFileText(options.requirements)) {
    result.written.push(await saveRequirements(options.target, options.requirements));
  }
  const phases: PhaseFigures[] = [...result.ledger.byAgent()].map(([phase, totals]) => ({
    phase,
    calls: totals.calls,
    attempts: totals.attempts,
    inputTokens: totals.inputTokens,
    outputTokens: totals.outputTokens,
    tokens: totals.inputTokens + totals.outputTokens,
    modelMs: totals.durationMs,
  }));
  const total = result.ledger.total();
  return {
    outcome: result.outcome,
    stoppedAt: result.stoppedAt,
    written: result.written.length,
    files: result.written,
    phases,
    totals: {
      calls: total.calls,
      attempts: total.attempts,
      inputTokens: total.inputTokens,
      outputTokens: total.outputTokens,
      tokens: total.inputTokens + total.outputTokens,
      modelMs: total.durationMs,
    },
    issues: result.issues,
    diagnostics: result.diagnostics,
  };
}
