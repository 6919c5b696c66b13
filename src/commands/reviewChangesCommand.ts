import * as vscode from 'vscode';
import type { ReviewSummary } from '../review/reviewSession';
import type { StrataServices } from '../services';
import { type Command, objectArg } from './command';

/**
 * Strata: Review Pending Changes — shows the run (or restore) waiting for a decision again: its multi-file
 * diff and its choices. `{ show: false }` only returns what is pending.
 */
export class ReviewChangesCommand implements Command {
  readonly id = 'strata.reviewChanges';

  constructor(private readonly services: StrataServices) {}

  async execute(rawArgs?: unknown): Promise<ReviewSummary | undefined> {
    const session = this.services.reviews.current;
    if (!session) {
      if (objectArg<{ show: boolean }>(rawArgs).show !== false) void vscode.window.showInformationMessage('Strata: no run is waiting for a review.');
      return undefined;
    }
    if (objectArg<{ show: boolean }>(rawArgs).show !== false) await this.services.reviews.reopen(session);
    return session.summary();
  }
}
