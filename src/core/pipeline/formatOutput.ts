import { type Issue, offsetAt, positionAt } from '../diagnostics/issue';
import { type BackgroundFormatter, formattedOffsets } from '../project/formatting';
import type { RunOutput } from './commitRun';

/**
 * The one place generated files become formatted: after every phase has rendered and checked them (the
 * phases' checks and their line maps read the files as rendered), before they are committed. The formatter
 * started on each phase's files when that phase was done (see `runPipeline`); here the run waits for the rest.
 * Problems left in a file (the phases' residual) move with the code they point at. Resolves to undefined when
 * cancelled.
 */
export async function formatOutput(
  files: RunOutput['files'],
  residual: readonly Issue[],
  formatter: BackgroundFormatter,
  signal: AbortSignal,
): Promise<{ files: RunOutput['files']; residual: Issue[] } | undefined> {
  const formatted: RunOutput['files'] = new Map();
  const moved = new Map<Issue, Issue>();
  // Every file is handed to the formatter before the first is awaited: the worker works through them all.
  const pending = [...files].map(([path, file]) => [path, file, formatter.format(path, file.content)] as const);
  for (const [path, file, formatting] of pending) {
    if (signal.aborted) return undefined;
    const content = await formatting;
    formatted.set(path, { ...file, content });
    const pointing = residual.filter((issue) => issue.file === path && issue.range);
    if (pointing.length > 0 && content !== file.content) {
      for (const [issue, at] of await moveIssues(path, file.content, content, pointing)) moved.set(issue, at);
    }
  }
  return { files: formatted, residual: residual.map((issue) => moved.get(issue) ?? issue) };
}

/** The issues' ranges in the formatted text: each end translated as prettier moves a cursor. */
async function moveIssues(path: string, before: string, after: string, issues: readonly Issue[]): Promise<[Issue, Issue][]> {
  const offsets = issues.flatMap((issue) => [offsetAt(before, issue.range!.start), offsetAt(before, issue.range!.end)]);
  const translated = await formattedOffsets(path, before, offsets);
  return issues.map((issue, index) => [
    issue,
    { ...issue, range: { start: positionAt(after, translated[2 * index]!), end: positionAt(after, translated[2 * index + 1]!) } },
  ]);
}
