/**
 * A call that revises an earlier answer (a later phase sent the run back) has its own target, so a
 * checkpoint or a script does not answer it with the answer it revises: `<target>, revised` in the first
 * round, `<target>, revised 2` in the second.
 */
export function revisedTarget(target: string, round: number): string {
  return `${target}, revised${round > 1 ? ` ${round}` : ''}`;
}

/** The target a revised call revises, or undefined when `target` is not a revision. */
export function revisedFrom(target: string): string | undefined {
  return /^(.*), revised(?: \d+)?$/.exec(target)?.[1];
}
