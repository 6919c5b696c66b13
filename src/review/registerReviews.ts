import * as vscode from 'vscode';
import { ApplyChangesCommand } from '../commands/applyChangesCommand';
import { ChooseForFileCommand } from '../commands/chooseForFileCommand';
import type { Command } from '../commands/command';
import { RejectChangesCommand } from '../commands/rejectChangesCommand';
import { RerunPhaseCommand } from '../commands/rerunPhaseCommand';
import { RestoreCheckpointCommand } from '../commands/restoreCheckpointCommand';
import { ReviewChangesCommand } from '../commands/reviewChangesCommand';
import type { StrataServices } from '../services';
import { MergeResults } from './mergeResults';
import type { PendingReviews } from './pendingReviews';
import { ReviewDocuments } from './reviewSession';

/** The review's documents and merge results, registered for disposal with the reviews themselves. */
export function registerReviews(reviews: PendingReviews): vscode.Disposable {
  return vscode.Disposable.from(
    reviews,
    vscode.workspace.registerTextDocumentContentProvider(ReviewDocuments.scheme, reviews.documents),
    vscode.workspace.registerFileSystemProvider(MergeResults.scheme, reviews.merges, { isCaseSensitive: true }),
  );
}

/** The commands that decide a review, and Restore Checkpoint, which is decided in one. */
export function reviewCommands(services: StrataServices): Command[] {
  return [
    new ReviewChangesCommand(services),
    new ApplyChangesCommand(services),
    new RejectChangesCommand(services),
    new RerunPhaseCommand(services),
    new ChooseForFileCommand(services),
    new RestoreCheckpointCommand(services),
  ];
}
