import * as vscode from 'vscode';
import type { FeatureKind } from '../core/analyze/change';
import type { Issue } from '../core/diagnostics/issue';
import type { DataChoices } from '../core/incremental/dataChoices';
import type { DataRisk } from '../core/database/dataLoss';
import type { FeatureSummary } from '../core/incremental/featureStep';
import type { RunOutcome } from '../core/pipeline/events';
import { isStrataProject } from '../core/project/strataProject';
import { generateWithProgress } from '../pipeline/runWithProgress';
import type { StrataServices } from '../services';
import { type Command, objectArg } from './command';
import { confirmOverwrite } from './confirmOverwrite';
import { reportBackendRun } from './reportBackendRun';
import { requireIdle } from './requireIdle';
import { requireWorkspace, UserFacingError } from './requireWorkspace';

interface AddFeatureArgs {
  /** The feature in the user's words; asked for when absent. */
  description: string;
  /** add (default), change or remove. */
  kind: FeatureKind;
  /** Go ahead with a migration that loses data without asking (tests). */
  confirmDataLoss: boolean;
}

const KINDS: { step: FeatureKind; label: string; prompt: string; placeHolder: string }[] = [
  { step: 'add', label: 'Add a feature', prompt: 'Describe the feature to add', placeHolder: 'People can share a todo with another member, read-only…' },
  { step: 'change', label: 'Change what the backend does', prompt: 'Describe the change', placeHolder: 'A todo title may be at most 80 characters…' },
  { step: 'remove', label: 'Remove a feature', prompt: 'Which feature goes?', placeHolder: 'Comments on todos…' },
];

/**
 * Strata: Add Feature… — grows the finished backend in the workspace by a feature (or changes or removes
 * one) without generating it anew: the model is asked only about what the change reaches, the changed
 * files are shown for review, a schema change comes with its migration, and a change that would lose data
 * is asked about first. Strata: Undo Last Feature takes the step back.
 */
export class AddFeatureCommand implements Command {
  readonly id = 'strata.addFeature';

  constructor(private readonly services: StrataServices) {}

  async execute(rawArgs?: unknown): Promise<{ outcome: RunOutcome; step?: string; written: string[]; migrations: string[]; issues: Issue[] } | undefined> {
    const args = objectArg<AddFeatureArgs>(rawArgs);
    const files = requireWorkspace(this.services);
    requireIdle(this.services);
    if (!(await isStrataProject(files))) {
      throw new UserFacingError('This folder is not a Strata project yet: run "Strata: New Backend…" first.');
    }
    const kind = args.kind ?? (args.description !== undefined ? 'add' : (await vscode.window.showQuickPick(KINDS, { title: 'Strata: Add Feature', placeHolder: 'What does the step do?' }))?.step);
    if (kind === undefined) return undefined;
    const asked = KINDS.find((entry) => entry.step === kind)!;
    const description =
      args.description ??
      (await vscode.window.showInputBox({
        title: `Strata: ${asked.label}`,
        prompt: asked.prompt,
        placeHolder: asked.placeHolder,
        validateInput: (value) => (value.trim() === '' ? 'Describe the feature first' : undefined),
      }));
    if (description === undefined || description.trim() === '') return undefined;

    this.services.log.info(`Feature step (${kind}): ${description.trim().split('\n')[0]}`);
    const summary = (await generateWithProgress(this.services, {
      requirements: '',
      target: files,
      command: 'VS Code: Add Feature',
      confirmOverwrite: (conflicts) => confirmOverwrite(this.services, conflicts),
      feature: { kind, request: description, data: args.confirmDataLoss ? { confirmLoss: true } : askAboutData },
    })) as FeatureSummary;
    reportBackendRun(this.services, summary);
    return { outcome: summary.outcome, step: summary.plan?.step, written: summary.files, migrations: summary.plan?.migrations ?? [], issues: summary.issues };
  }
}

/** A step whose migration would lose data asks first, naming every table and column it touches. */
async function askAboutData(risks: DataRisk[]): Promise<DataChoices | undefined> {
  const settleable = risks.every((risk) => risk.choices.includes('confirm'));
  const detail = `${risks.map((risk) => `• ${risk.message}.`).join('\n')}${settleable ? '' : '\n\nColumns that become required need a value for existing rows: say it in the request (a default), or use strata feature with --default or --backfill.'}`;
  if (!settleable) {
    await vscode.window.showWarningMessage('Strata: this change needs values for existing rows. Nothing was changed.', { modal: true, detail });
    return undefined;
  }
  const choice = await vscode.window.showWarningMessage('Strata: the migration of this step loses data. Go ahead?', { modal: true, detail }, 'Lose the Data');
  return choice === 'Lose the Data' ? { confirmLoss: true } : undefined;
}
