import * as vscode from 'vscode';
import type { ChangeSet, ReviewDecision } from '../core/project/changeSet';
import { MergeResults } from './mergeResults';
import { ReviewDocuments, type ReviewMode, ReviewSession } from './reviewSession';

/** Set while a review waits for a decision: menus and keybindings can use it. */
export const REVIEW_PENDING_CONTEXT = 'strata.reviewPending';
/** Sessions kept after their decision, so a diff tab left open still shows its snapshot. */
const KEPT_SESSIONS = 5;

/**
 * The reviews of this window: opens each in the multi-file diff with a notification offering its
 * decisions, keeps its fixed documents and merge results, and shows a status bar item while one waits.
 */
export class PendingReviews implements vscode.Disposable {
  readonly merges = new MergeResults();
  readonly documents = new ReviewDocuments((id) => this.sessions.get(id));
  private readonly sessions = new Map<number, ReviewSession>();
  private readonly status = vscode.window.createStatusBarItem('strata.review', vscode.StatusBarAlignment.Left, 100);
  private readonly changed = new vscode.EventEmitter<ReviewSession | undefined>();
  /** Fires when a review starts or is decided. */
  readonly onDidChange = this.changed.event;
  private nextId = 1;

  constructor() {
    this.status.name = 'Strata review';
    this.status.command = 'strata.reviewChanges';
  }

  /** The review waiting for a decision, if any. */
  get current(): ReviewSession | undefined {
    return [...this.sessions.values()].reverse().find((session) => !session.done);
  }

  /**
   * Shows the change set and waits for its decision. A cancelled run (`signal`) rejects it. An empty change
   * set is applied without asking: there is nothing to look at.
   */
  async review(mode: ReviewMode, title: string, changeSet: ChangeSet, root: vscode.Uri, bases: ReadonlyMap<string, string | null>, signal?: AbortSignal): Promise<ReviewDecision> {
    if (changeSet.files.length === 0) return { kind: 'apply' };
    this.current?.reject();
    const session = new ReviewSession(this.nextId++, mode, title, changeSet, root, bases, this.merges);
    this.sessions.set(session.id, session);
    for (const id of [...this.sessions.keys()].slice(0, Math.max(0, this.sessions.size - KEPT_SESSIONS))) {
      this.sessions.delete(id);
      this.merges.drop(id);
    }
    const onAbort = () => session.reject();
    signal?.addEventListener('abort', onAbort);
    await this.started(session);
    try {
      return await session.decision;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      await this.ended(session);
    }
  }

  session(id: number): ReviewSession | undefined {
    return this.sessions.get(id);
  }

  /** Shows the pending review again: its diff and its notification. */
  async reopen(session: ReviewSession): Promise<void> {
    await session.show();
    void this.notify(session);
  }

  private async started(session: ReviewSession): Promise<void> {
    await vscode.commands.executeCommand('setContext', REVIEW_PENDING_CONTEXT, true);
    this.status.text = `$(diff) Strata: ${session.mode === 'restore' ? 'restore' : 'review'} pending`;
    this.status.tooltip = `${session.title}: ${session.describe()}. Click to see it again.`;
    this.status.show();
    this.changed.fire(session);
    await session.show().catch(() => undefined);
    void this.notify(session);
  }

  private async ended(session: ReviewSession): Promise<void> {
    if (this.current) return;
    this.status.hide();
    await vscode.commands.executeCommand('setContext', REVIEW_PENDING_CONTEXT, false);
    this.changed.fire(session);
  }

  private async notify(session: ReviewSession): Promise<void> {
    const conflicts = session.changeSet.files.filter((file) => file.conflict);
    const yours = conflicts.length > 0 ? ` ${conflicts.length} of them ${conflicts.length === 1 ? 'was' : 'were'} edited by hand or ${conflicts.length === 1 ? 'is' : 'are'} not Strata's: yours are kept unless you choose otherwise.` : '';
    let actions: string[];
    let message: string;
    switch (session.mode) {
      case 'review':
        message = `Strata: review the run before it is written (${session.describe()}).${yours}`;
        actions = ['Apply', 'Choose per File…', 'Rerun a Phase…', 'Reject'];
        break;
      case 'conflicts':
        message = `Strata: ${conflicts.length} file(s) this run would overwrite were edited by hand or are not Strata's: ${conflicts.slice(0, 3).map((file) => file.path).join(', ')}${conflicts.length > 3 ? '…' : ''}. Yours are kept unless you choose otherwise; the rest of the run is written either way.`;
        actions = ['Keep Mine', 'Take New', 'Choose per File…'];
        break;
      case 'restore':
        message = `Strata: restoring puts back ${session.changeSet.files.length} file(s).${yours}`;
        actions = ['Restore', 'Choose per File…', 'Cancel'];
        break;
    }
    const picked = await vscode.window.showInformationMessage(message, ...actions);
    if (session.done || picked === undefined) return;
    switch (picked) {
      case 'Apply':
      case 'Keep Mine':
      case 'Restore':
        return session.apply();
      case 'Take New':
        for (const file of conflicts) await session.choose(file.path, 'proposed');
        return session.apply();
      case 'Reject':
      case 'Cancel':
        return session.reject();
      case 'Rerun a Phase…':
        await session.askRerun();
        break;
      case 'Choose per File…':
        await session.chooseInteractively();
        break;
    }
    if (!session.done) void this.notify(session);
  }

  dispose(): void {
    for (const session of this.sessions.values()) session.reject();
    this.status.dispose();
    this.changed.dispose();
    this.merges.dispose();
  }
}

