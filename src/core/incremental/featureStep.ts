import { AnalyzeChangePhase, type FeatureKind } from '../analyze/change';
import { type GenerateOptions, summarize, type GenerateSummary } from '../backend/generate';
import { DatabaseChangePhase } from '../database/change';
import type { Issue } from '../diagnostics/issue';
import { InterfacePhase } from '../interface/agent';
import type { CallLedger } from '../model/accounting';
import { PHASE_IDS, type PhaseId } from '../phaseId';
import { agentOf, answerKey, targetOf } from '../pipeline/checkpoint';
import type { EarlierRun } from '../pipeline/phase';
import { runPipeline } from '../pipeline/pipeline';
import type { ChangeSet } from '../project/changeSet';
import type { ProjectFiles } from '../project/projectFiles';
import { ANSWERS_FILE, artifactPath, REQUIREMENTS_FILE, requirementsFileText } from '../project/strataProject';
import { RealizePhase } from '../realize/agent';
import { TestPhase } from '../scenarios/agent';
import { nestPrisma } from '../target/nest-prisma';
import { type DataChoices, settleDataRisks } from './dataChoices';
import { type DataRisk, dataRisks } from '../database/dataLoss';
import { FEATURES_DIR, featureRecordPath, nextStepName } from './featureRecord';
import type { DatabaseArtifact } from '../database/types';
import { affectedNodes, changedNodes, dependents, type ProjectArtifacts } from './moduleGraph';

/** What a step shares with a generation: the folder, the model, the settings, and the run's hooks. */
export type FeatureStepOptions = Pick<GenerateOptions, 'target' | 'provider' | 'settings' | 'signal' | 'onEvent' | 'confirmOverwrite' | 'review' | 'command' | 'format'> & {
  kind: FeatureKind;
  /** The feature in the user's words. */
  request: string;
  /** Work out the plan and write nothing. */
  planOnly?: boolean;
  /**
   * How the data risks of the step's migration are settled (or a question that asks, given the risks):
   * unsettled, a risky step stops before the Interface phase, having asked only for the data model change.
   */
  data?: DataChoices | ((risks: DataRisk[]) => Promise<DataChoices | undefined>);
};

/** What a step changes, before (or as) it is written. */
export interface FeaturePlan {
  /** `.strata/features/<step>/`: `001-add-tags`. */
  step: string;
  kind: FeatureKind;
  request: string;
  added: string[];
  changed: string[];
  removed: string[];
  /** Migration files the step adds (`prisma/migrations/<timestamp>_<step>/migration.sql`), applied by the project's `npm run db:deploy`. */
  migrations: string[];
  /** The artifact nodes the change reaches (module graph), so the calls asked again. */
  reached: string[];
  /** Calls sent to the model, with their tokens. */
  asked: { agent: string; target: string; tokens: number }[];
  /** Calls answered with their earlier answer: `<agent>/<target>`. */
  kept: string[];
  tokens: number;
}

export interface FeatureSummary extends GenerateSummary {
  plan?: FeaturePlan;
  /** `planOnly`: the plan was made and nothing was written. */
  planned?: boolean;
}

const HEADINGS: Record<FeatureKind, string> = { add: 'Added', change: 'Changed', remove: 'Removed' };
const ASKS: Record<FeatureKind, string> = { add: 'the user added a feature', change: 'the user changed what the backend does', remove: 'the user removed a feature' };

/**
 * A feature step: grows a finished project by a new, changed or removed feature without generating it
 * anew. Analyze and Database answer only what changes (merged by code); every later call keeps its
 * earlier answer unless the module graph says the change reaches it. The files are rendered whole and
 * only those that differ are written, with the step's record, in one transaction (or none: `planOnly`).
 */
export async function runFeatureStep(options: FeatureStepOptions): Promise<FeatureSummary> {
  const project = await readFinishedProject(options.target);
  if ('problem' in project) return failedBefore(project.problem);
  const { artifacts, answers, requirements } = project;
  const saved = new Map(Object.entries(artifacts) as [PhaseId, unknown][]);
  const step = nextStepName(await options.target.list(FEATURES_DIR), options.kind, options.request);
  const requirementsNow = requirementsFileText(`${requirements.trim()}\n\n## ${HEADINGS[options.kind]} (${step})\n\n${options.request.trim()}`);
  const change = `${ASKS[options.kind]}: ${options.request.trim()}`;

  const earlier = (phase: PhaseId, now: ReadonlyMap<PhaseId, unknown>): EarlierRun => {
    const before = PHASE_IDS.slice(0, PHASE_IDS.indexOf(phase));
    const after = artifactsOf(now, before);
    const reached = affectedNodes(changedNodes(artifactsOf(saved, before), after), dependents(after));
    const targets = Object.keys(answers).filter((key) => agentOf(key) === phase).map(targetOf);
    return { change, answer: (target) => answers[answerKey(phase, target)], targets: () => targets, reached };
  };

  let plan: FeaturePlan | undefined;
  let settled: ReturnType<typeof settleDataRisks> | undefined;
  const planOf = (changeSet: ChangeSet, ledger: CallLedger, final: ProjectArtifacts, migrations: string[]): FeaturePlan => {
    const total = ledger.total();
    return {
      step,
      kind: options.kind,
      request: options.request.trim(),
      added: changeSet.files.filter((file) => file.current === undefined).map((file) => file.path),
      changed: changeSet.files.filter((file) => file.current !== undefined && file.proposed !== null).map((file) => file.path),
      removed: changeSet.files.filter((file) => file.proposed === null).map((file) => file.path),
      migrations,
      reached: [...affectedNodes(changedNodes(artifacts, final), dependents(final))].sort(),
      // In phase order, then by target: calls of a phase run at once and finish in any order.
      asked: ledger
        .all()
        .map((record) => ({ agent: record.agent, target: record.target, tokens: record.inputTokens + record.outputTokens }))
        .sort((a, b) => PHASE_IDS.indexOf(a.agent as PhaseId) - PHASE_IDS.indexOf(b.agent as PhaseId) || a.target.localeCompare(b.target)),
      kept: [...ledger.kept].sort((a, b) => PHASE_IDS.indexOf(agentOf(a) as PhaseId) - PHASE_IDS.indexOf(agentOf(b) as PhaseId) || a.localeCompare(b)),
      tokens: total.inputTokens + total.outputTokens,
    };
  };

  const phases = [
    new AnalyzeChangePhase(artifacts.analyze!, options.kind, options.request, nestPrisma),
    new DatabaseChangePhase(artifacts.database!, artifacts.analyze!, nestPrisma),
    new InterfacePhase(requirementsNow, nestPrisma),
    new TestPhase(nestPrisma),
    new RealizePhase(nestPrisma),
  ];
  const result = await runPipeline(phases, {
    target: options.target,
    provider: options.provider,
    settings: options.settings,
    signal: options.signal,
    onEvent: options.onEvent,
    confirmOverwrite: options.confirmOverwrite,
    // With `planOnly` the plan is all there is: the review is where a run stops before writing.
    review: options.planOnly ? async () => ({ kind: 'reject' }) : options.review,
    command: options.command ?? `strata feature ${options.kind}`,
    alongside: new Map([[REQUIREMENTS_FILE, requirementsNow]]),
    format: options.format,
    // What the step does not touch stays as the user has it, edited or not.
    keepUnchangedEdits: true,
    earlier,
    // The data model is settled before anything else is asked: a change that would lose data stops here unless the user chose how.
    gate: async (phase, now) => {
      if (phase !== 'interface') return [];
      const after = now.get('database') as DatabaseArtifact;
      const risks = dataRisks(artifacts.database!, after);
      const choices = typeof options.data === 'function' ? (risks.length ? await options.data(risks) : {}) : options.data;
      settled = settleDataRisks(risks, after, choices ?? {});
      return settled.issues;
    },
    record: async (changeSet, run) => {
      const final = artifactsOf(run.artifacts, PHASE_IDS);
      const fills = settled?.fills.length ? { artifact: final.database!, columns: settled.fills } : undefined;
      const migrations = await nestPrisma.migrationFiles(options.target, run.files, options.settings.database, { label: step, now: new Date(), fills, earlier: artifacts.database });
      plan = planOf(changeSet, run.ledger, final, [...migrations.keys()].filter((path) => path.endsWith('.sql')));
      return new Map([...migrations, ...recordFiles(plan, artifacts, final)]);
    },
  });
  const summary: FeatureSummary = { ...summarize(result), plan };
  if (options.planOnly && result.rejected) return { ...summary, planned: true, rejected: false };
  return summary;
}

interface FinishedProject {
  artifacts: ProjectArtifacts;
  answers: Record<string, unknown>;
  requirements: string;
}

/** The saved artifacts, answers and requirements of a finished project, or why a step cannot grow it. */
async function readFinishedProject(files: ProjectFiles): Promise<FinishedProject | { problem: string }> {
  const requirements = await files.read(REQUIREMENTS_FILE);
  const artifacts: Record<string, unknown> = {};
  for (const phase of PHASE_IDS) {
    const text = await files.read(artifactPath(phase));
    if (text === undefined) return { problem: `This folder has no finished Strata backend to grow (${artifactPath(phase)} is missing): generate one first, then add features to it.` };
    try {
      artifacts[phase] = JSON.parse(text);
    } catch {
      return { problem: `${artifactPath(phase)} is not valid JSON, so Strata cannot tell what the backend holds. Restore it (Strata: Restore Checkpoint) or generate the backend again.` };
    }
  }
  if (requirements === undefined) return { problem: `${REQUIREMENTS_FILE} is missing: Strata keeps the requirements there and a feature extends them.` };
  let answers: Record<string, unknown> = {};
  const saved = await files.read(ANSWERS_FILE);
  // Without the earlier answers (a project from before they were kept) every later call is asked again.
  if (saved !== undefined) {
    try {
      answers = JSON.parse(saved) as Record<string, unknown>;
    } catch {
      answers = {};
    }
  }
  return { artifacts: artifacts as ProjectArtifacts, answers, requirements };
}

/** The step's record: what was asked, the plan, and the artifacts before and after (for review and undo). */
export interface FeatureRecord {
  version: 1;
  createdAt: string;
  plan: FeaturePlan;
  before: ProjectArtifacts;
  after: ProjectArtifacts;
}

function recordFiles(plan: FeaturePlan, before: ProjectArtifacts, after: ProjectArtifacts): Map<string, string> {
  const record: FeatureRecord = { version: 1, createdAt: new Date().toISOString(), plan, before, after };
  return new Map([[featureRecordPath(plan.step), `${JSON.stringify(record, null, 2)}\n`]]);
}

/** The artifacts of these phases, of those there are. */
function artifactsOf(now: ReadonlyMap<PhaseId, unknown>, phases: readonly PhaseId[]): ProjectArtifacts {
  return Object.fromEntries(phases.flatMap((phase) => (now.has(phase) ? [[phase, now.get(phase)]] : []))) as ProjectArtifacts;
}

function failedBefore(message: string): FeatureSummary {
  const issue: Issue = { severity: 'error', source: 'pipeline', message };
  const totals = { calls: 0, attempts: 0, inputTokens: 0, outputTokens: 0, tokens: 0, modelMs: 0 };
  return { outcome: 'failed', written: 0, files: [], removed: [], changed: false, reused: 0, backtracks: 0, kept: [], merged: [], reruns: 0, phases: [], totals, issues: [issue], diagnostics: [] };
}
