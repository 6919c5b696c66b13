import * as vscode from 'vscode';
import type { ChangeSet, ProposedFile, Resolution, ReviewDecision } from '../core/project/changeSet';
import { defaultResolution, describeChangeSet } from '../core/project/changeSet';
import { PHASE_IDS, PHASE_LABELS } from '../core/phaseId';
import { MergeResults } from './mergeResults';

/**
 * What a review shows: a finished run's change set before anything is written (`review`), only the files
 * edited by hand that a run would overwrite (`conflicts`), or what a restore would put back (`restore`).
 */
export type ReviewMode = 'review' | 'conflicts' | 'restore';

/** A file's choices, by id: keep what is on disk, take Strata's version, or merge both in the merge editor. */
export type Choice = 'current' | 'proposed' | 'merge';

export interface ReviewFileSummary {
  path: string;
  change: 'new' | 'changed' | 'removed';
  conflict?: ProposedFile['conflict'];
  /** What will happen to it if applied now. */
  choice: Choice;
  /** What may be chosen for it, in the order offered (the default first). */
  choices: Choice[];
}

export interface ReviewSummary {
  mode: ReviewMode;
  title: string;
  files: ReviewFileSummary[];
}

const CHOICE_LABELS: Record<ReviewMode, Record<Choice, string>> = {
  review: { current: 'Keep mine', proposed: 'Take the new one', merge: 'Merge in the merge editor…' },
  conflicts: { current: 'Keep mine', proposed: 'Take the new one', merge: 'Merge in the merge editor…' },
  restore: { current: 'Keep mine', proposed: 'Take the restored one', merge: 'Merge in the merge editor…' },
};

/**
 * One pending review. Its documents (`strata-review:` URIs) are fixed snapshots, so a
 * diff never changes under the reader; the decision resolves the promise the waiting run holds.
 */
export class ReviewSession {
  readonly resolutions = new Map<string, Resolution | 'merge'>();
  readonly decision: Promise<ReviewDecision>;
  private settle!: (decision: ReviewDecision) => void;
  private settled = false;

  constructor(
    readonly id: number,
    readonly mode: ReviewMode,
    readonly title: string,
    readonly changeSet: ChangeSet,
    readonly root: vscode.Uri,
    /** What Strata last wrote to each file (a merge's base), when known. */
    readonly bases: ReadonlyMap<string, string | null>,
    private readonly merges: MergeResults,
  ) {
    this.decision = new Promise((resolve) => (this.settle = resolve));
  }

  get done(): boolean {
    return this.settled;
  }

  file(path: string): ProposedFile | undefined {
    return this.changeSet.files.find((file) => file.path === path);
  }

  /** The default first: keep mine for a conflict (a merge too), take the new one otherwise. */
  choicesFor(file: ProposedFile): Choice[] {
    if (file.conflict) return file.proposed === null || file.current === undefined ? ['current', 'proposed'] : ['current', 'proposed', 'merge'];
    return ['proposed', 'current'];
  }

  choiceOf(file: ProposedFile): Choice {
    const chosen = this.resolutions.get(file.path) ?? defaultResolution(file);
    return typeof chosen === 'object' || chosen === 'merge' ? 'merge' : chosen;
  }

  label(choice: Choice): string {
    return CHOICE_LABELS[this.mode][choice];
  }

  summary(): ReviewSummary {
    return {
      mode: this.mode,
      title: this.title,
      files: this.changeSet.files.map((file) => ({
        path: file.path,
        change: file.current === undefined ? 'new' : file.proposed === null ? 'removed' : 'changed',
        ...(file.conflict ? { conflict: file.conflict } : {}),
        choice: this.choiceOf(file),
        choices: this.choicesFor(file),
      })),
    };
  }

  describe(): string {
    return describeChangeSet(this.changeSet);
  }

  uris(file: ProposedFile): { resource: vscode.Uri; current: vscode.Uri; proposed: vscode.Uri } {
    return {
      resource: vscode.Uri.joinPath(this.root, file.path),
      current: ReviewSession.documentUri(this.id, 'current', file.path),
      proposed: ReviewSession.documentUri(this.id, 'proposed', file.path),
    };
  }

  /** The file's own path (so the diff names it, not as a rename), the session and side in the query. */
  static documentUri(session: number, side: 'current' | 'proposed' | 'base', path: string): vscode.Uri {
    return vscode.Uri.from({ scheme: ReviewDocuments.scheme, path: `/${path}`, query: `session=${session}&side=${side}` });
  }

  /** The files in VS Code's multi-file diff: what is on disk on the left, what Strata would write on the right. */
  async show(): Promise<void> {
    const resources = this.changeSet.files.map((file) => {
      const { resource, current, proposed } = this.uris(file);
      return [resource, current, proposed];
    });
    await vscode.commands.executeCommand('vscode.changes', this.title, resources);
  }

  /** Sets a file's choice; a merge opens the merge editor with both versions, its result kept in memory. */
  async choose(path: string, choice: Choice): Promise<void> {
    const file = this.file(path);
    if (!file) throw new Error(`${path} is not among the files of this review.`);
    if (!this.choicesFor(file).includes(choice)) throw new Error(`${path} cannot be "${choice}": choose ${this.choicesFor(file).join(' or ')}.`);
    if (choice !== 'merge') {
      this.resolutions.set(path, choice);
      return;
    }
    const output = MergeResults.uriFor(this.id, path);
    if (this.merges.text(output) === undefined) this.merges.seed(output, file.current ?? '');
    this.resolutions.set(path, 'merge');
    await vscode.commands.executeCommand('_open.mergeEditor', {
      base: ReviewSession.documentUri(this.id, 'base', path),
      input1: { uri: ReviewSession.documentUri(this.id, 'current', path), title: 'Yours', description: 'on disk now' },
      input2: { uri: ReviewSession.documentUri(this.id, 'proposed', path), title: this.mode === 'restore' ? 'Restored' : 'Strata', description: this.mode === 'restore' ? 'as before the run' : 'this run' },
      output,
    });
  }

  mergeOutput(path: string): vscode.Uri {
    return MergeResults.uriFor(this.id, path);
  }

  /** The resolutions to apply: a merge is whatever its result holds now. */
  resolved(): Map<string, Resolution> {
    const resolved = new Map<string, Resolution>();
    for (const [path, choice] of this.resolutions) {
      if (choice !== 'merge') resolved.set(path, choice);
      else resolved.set(path, { merged: this.merges.text(MergeResults.uriFor(this.id, path)) ?? this.file(path)?.current ?? '' });
    }
    return resolved;
  }

  apply(): void {
    this.finish({ kind: 'apply', resolutions: this.resolved() });
  }

  reject(): void {
    this.finish({ kind: 'reject' });
  }

  rerun(phase: string, instruction: string): void {
    if (this.mode !== 'review') throw new Error('Only a run under review can run a phase again.');
    this.finish({ kind: 'rerun', phase, instruction });
  }

  private finish(decision: ReviewDecision): void {
    if (this.settled) return;
    this.settled = true;
    this.settle(decision);
  }

  /** Asks, with the UI, what to do with each file, one after another, until the user applies or leaves. */
  async chooseInteractively(): Promise<void> {
    for (;;) {
      type Item = vscode.QuickPickItem & { path?: string; action?: 'apply' | 'reject' };
      const items: Item[] = [
        { label: '$(check) Apply these choices', action: 'apply' },
        { label: '', kind: vscode.QuickPickItemKind.Separator },
        ...this.changeSet.files.map((file) => ({
          label: file.path,
          description: `${this.label(this.choiceOf(file))}${file.conflict ? ` · ${file.conflict === 'edited' ? 'edited by hand' : 'not written by Strata'}` : ''}`,
          path: file.path,
        })),
      ];
      if (this.mode !== 'conflicts') items.push({ label: '', kind: vscode.QuickPickItemKind.Separator }, { label: '$(discard) Reject everything', action: 'reject' });
      const picked = await vscode.window.showQuickPick(items, { title: this.title, placeHolder: 'Pick a file to choose what happens to it, or apply' });
      if (!picked || this.done) return;
      if (picked.action === 'apply') return this.apply();
      if (picked.action === 'reject') return this.reject();
      if (picked.path) await this.pickChoice(picked.path);
    }
  }

  /** The choices of one file in a quick pick, the default first. */
  async pickChoice(path: string): Promise<Choice | undefined> {
    const file = this.file(path);
    if (!file) throw new Error(`${path} is not among the files of this review.`);
    const current = this.choiceOf(file);
    const picked = await vscode.window.showQuickPick(
      this.choicesFor(file).map((choice) => ({ label: this.label(choice), description: choice === current ? '(chosen now)' : undefined, choice })),
      { title: `${path}${file.conflict === 'edited' ? ' — edited by hand' : file.conflict ? ' — not written by Strata' : ''}`, placeHolder: 'What should happen to this file?' },
    );
    if (picked) await this.choose(path, picked.choice);
    return picked?.choice;
  }

  /** Asks which phase to run again and what to tell it. */
  async askRerun(): Promise<void> {
    const phase = await vscode.window.showQuickPick(
      PHASE_IDS.map((id) => ({ label: PHASE_LABELS[id], id })),
      { title: 'Strata: Rerun a Phase', placeHolder: 'Which phase should run again (with the phases after it)?' },
    );
    if (!phase) return;
    const instruction = await vscode.window.showInputBox({
      title: `Strata: Rerun ${phase.label}`,
      prompt: 'What should the phase do differently?',
      validateInput: (value) => (value.trim() === '' ? 'Say what to change' : undefined),
    });
    if (instruction?.trim()) this.rerun(phase.id, instruction.trim());
  }
}

/** The fixed documents of every pending review: `strata-review:/<path>?session=<id>&side=<current|proposed|base>`. */
export class ReviewDocuments implements vscode.TextDocumentContentProvider {
  static readonly scheme = 'strata-review';

  constructor(private readonly session: (id: number) => ReviewSession | undefined) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    const query = new URLSearchParams(uri.query);
    const side = query.get('side');
    const session = this.session(Number(query.get('session')));
    const file = session?.file(uri.path.replace(/^\//, ''));
    if (!session || !file) return '';
    if (side === 'current') return file.current ?? '';
    if (side === 'proposed') return file.proposed ?? '';
    return session.bases.get(file.path) ?? '';
  }
}
