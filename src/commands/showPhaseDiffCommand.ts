import * as vscode from 'vscode';
import { isPhaseId, PHASE_LABELS, type PhaseId } from '../core/phaseId';
import { artifactPath, savedPhases } from '../core/project/strataProject';
import { PhaseSnapshotProvider } from '../diff/phaseSnapshotProvider';
import type { StrataServices } from '../services';
import { type Command, objectArg } from './command';
import { requireWorkspace, UserFacingError } from './requireWorkspace';

/** Strata: Show Phase Diff… — opens a phase's artifact beside its previous version. */
export class ShowPhaseDiffCommand implements Command {
  readonly id = 'strata.showPhaseDiff';

  constructor(private readonly services: StrataServices) {}

  async execute(rawArgs?: unknown): Promise<{ phase: PhaseId } | undefined> {
    const files = requireWorkspace(this.services);
    const phases = await savedPhases(files);
    if (phases.length === 0) {
      void vscode.window.showInformationMessage('No Strata phase has produced output in this folder yet, so there is nothing to compare.');
      return undefined;
    }
    const requested = objectArg<{ phase: string }>(rawArgs).phase;
    let phase: PhaseId | undefined;
    if (requested !== undefined) {
      if (!isPhaseId(requested) || !phases.includes(requested)) {
        throw new UserFacingError(`Phase "${requested}" has no saved output (saved: ${phases.join(', ')}).`);
      }
      phase = requested;
    } else {
      const picked = await vscode.window.showQuickPick(
        phases.map((id) => ({ label: PHASE_LABELS[id], description: artifactPath(id), id })),
        { title: 'Strata: Show Phase Diff', placeHolder: 'Which phase?' },
      );
      phase = picked?.id;
    }
    if (!phase) return undefined;

    const current = vscode.Uri.joinPath(vscode.Uri.file(files.root), artifactPath(phase));
    await vscode.commands.executeCommand('vscode.diff', PhaseSnapshotProvider.uriFor(phase), current, `Strata: ${PHASE_LABELS[phase]} (previous ↔ current)`);
    return { phase };
  }
}
