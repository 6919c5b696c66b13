import type { DbModel, DeletionMode } from './types';

/** What deleting one of the model's records does, with the column that marks it (none for `hard`). */
export interface Deletion {
  mode: DeletionMode;
  column?: string;
  /** `archive`: the actors who still see archived records. */
  visibleTo: string[];
}

/**
 * The model's deletion as declared; without a declaration, a `deletedAt` column means soft deletes (as
 * projects commonly mark them) and anything else is deleted for real.
 */
export function deletionOf(model: DbModel): Deletion {
  const { deletion } = model;
  if (deletion) return { mode: deletion.mode, column: deletion.mode === 'hard' ? undefined : deletion.column, visibleTo: deletion.mode === 'archive' ? (deletion.visibleTo ?? []) : [] };
  return model.fields.some((field) => field.name === 'deletedAt') ? { mode: 'soft', column: 'deletedAt', visibleTo: [] } : { mode: 'hard', visibleTo: [] };
}

/** One line for prompts: what a DELETE of this model must do and what every read filters. */
export function deletionRule(model: DbModel): string | undefined {
  const { mode, column, visibleTo } = deletionOf(model);
  if (mode === 'soft') return `${model.name}: soft delete. Set ${column} (this.clock.now()) instead of deleting; every read and change filters ${column}: null, for everyone.`;
  if (mode === 'archive') {
    return (
      `${model.name}: archived, kept for history. Set ${column} (this.clock.now()) instead of deleting. ${visibleTo.length ? visibleTo.join(' and ') : 'Nobody'} still see${visibleTo.length === 1 ? 's' : ''} archived ones: ` +
      `by id always, in lists when the query asks for them; for everyone else an archived one does not exist (404; filter ${column}: null). An archived one is not changed again.`
    );
  }
  return undefined;
}
