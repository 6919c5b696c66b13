import * as vscode from 'vscode';
import { isPhaseId, PHASE_IDS, PHASE_LABELS, type PhaseId } from '../core/phaseId';
import { latestOfPhase, readCheckpoints } from '../core/project/checkpointStore';
import { artifactPath, savedPhases } from '../core/project/strataProject';
import { STRATA_DIR } from '../core/project/strataDir';
import { PhaseDiffDocuments } from '../diff/phaseDiffDocuments';
import type { StrataServices } from '../services';
import { type Command, objectArg } from './command';
import { requireWorkspace, UserFacingError } from './requireWorkspace';

/**
 * Strata: Show Phase Diff… — what a phase changed in the generated files in its last run, each file as it
 * was before the run beside what the run wrote (a hand edit it overwrote included), in VS Code's multi-file
 * diff; the phase's artifact diff comes last, for those who want it.
 */
export class ShowPhaseDiffCommand implements Command {
  readonly id = 'strata.showPhaseDiff';

  constructor(private readonly services: StrataServices) {}

  async execute(rawArgs?: unknown): Promise<{ phase: PhaseId; files: string[]; artifact: string; checkpoint?: string } | undefined> {
    const files = requireWorkspace(this.services);
    const checkpoints = await readCheckpoints(files);
    const saved = await savedPhases(files);
    const phases = PHASE_IDS.filter((id) => saved.includes(id) || latestOfPhase(checkpoints, id));
    if (phases.length === 0) {
      void vscode.window.showInformationMessage('No Strata phase has produced output in this folder yet, so there is nothing to compare.');
      return undefined;
    }
    const changedBy = (phase: PhaseId) =>
      latestOfPhase(checkpoints, phase)?.files.filter((file) => file.phase === phase && !file.path.startsWith(`${STRATA_DIR}/`)).map((file) => file.path) ?? [];
    const requested = objectArg<{ phase: string }>(rawArgs).phase;
    let phase: PhaseId | undefined;
    if (requested !== undefined) {
      if (!isPhaseId(requested) || !phases.includes(requested)) {
        throw new UserFacingError(`Phase "${requested}" has no saved output (saved: ${phases.join(', ')}).`);
      }
      phase = requested;
    } else {
      const picked = await vscode.window.showQuickPick(
        phases.map((id) => ({ label: PHASE_LABELS[id], description: `${changedBy(id).length} file(s) changed in its last run`, id })),
        { title: 'Strata: Show Phase Diff', placeHolder: 'Which phase?' },
      );
      phase = picked?.id;
    }
    if (!phase) return undefined;

    const root = vscode.Uri.file(files.root);
    const changed = changedBy(phase);
    const artifact = artifactPath(phase);
    const resources = [...changed, artifact].map((path) => [vscode.Uri.joinPath(root, path), PhaseDiffDocuments.uriFor(phase, 'before', path), PhaseDiffDocuments.uriFor(phase, 'after', path)]);
    await vscode.commands.executeCommand('vscode.changes', `Strata: what ${PHASE_LABELS[phase]} changed in its last run`, resources);
    return { phase, files: changed, artifact, checkpoint: latestOfPhase(checkpoints, phase)?.id };
  }
}
