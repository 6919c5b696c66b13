import type { Issue } from '../core/diagnostics/issue';
import type { PipelineEvent } from '../core/pipeline/events';
import { PHASE_LABELS } from '../core/phaseId';

export type LogLevel = 'trace' | 'info' | 'warn' | 'error';

/**
 * What the log says of a pipeline event, at which level. At the default level (info) a run reads as one
 * line per model call (phase, target, attempts, tokens, seconds) and every problem with its cause;
 * the rest (progress counts, a thinking model's reasoning) is trace.
 */
export function describeEvent(event: PipelineEvent): { level: LogLevel; text: string } | undefined {
  switch (event.type) {
    case 'phase-started':
      return { level: 'info', text: `${PHASE_LABELS[event.phase]}: started` };
    case 'progress':
      return { level: 'trace', text: `${PHASE_LABELS[event.phase]}: ${event.completed}/${event.total}` };
    case 'call': {
      const { record } = event;
      const seconds = (record.durationMs / 1000).toFixed(1);
      const head = `${PHASE_LABELS[event.phase]} call ${record.target}: ${record.ok ? 'ok' : 'failed'}, ${record.attempts} attempt(s), ${record.inputTokens} tokens in, ${record.outputTokens} out, ${seconds} s`;
      // A thinking model's reasoning (its end) goes to the log only, never into the answer.
      const reasoning = record.reasoning ? `\n  reasoning: ${record.reasoning}` : '';
      if (record.ok) return { level: 'info', text: `${head}${reasoning}` };
      return { level: record.error === 'cancelled' ? 'info' : 'error', text: `${head}: ${record.error ?? 'no answer passed its checks'}${reasoning}` };
    }
    case 'phase-finished': {
      const head = `${PHASE_LABELS[event.phase]}: ${event.ok ? 'valid' : 'invalid'}, ${event.files.length} file(s), ${event.issues.length} issue(s)`;
      return event.ok ? { level: 'info', text: head } : { level: 'error', text: `${head}${describeIssues(event.issues)}` };
    }
    case 'writing':
      return { level: 'info', text: `writing ${event.files} file(s) in one transaction` };
    case 'notice':
      return { level: 'info', text: event.message };
    case 'backtrack':
      return {
        level: 'warn',
        text: `${PHASE_LABELS[event.from]} needs a change only ${PHASE_LABELS[event.to]} can make: going back (${event.round} of ${event.limit})${describeIssues(event.issues)}`,
      };
    case 'run-finished':
      return { level: event.outcome === 'failed' ? 'error' : 'info', text: `run ${event.outcome}: wrote ${event.written.length} file(s)` };
  }
}

/** Issues one per line, each with where it is. */
export function describeIssues(issues: readonly Issue[]): string {
  return issues.map((issue) => `\n  ${[issue.file, issue.path].filter(Boolean).join(' ')}${issue.file || issue.path ? ': ' : ''}${issue.message}`).join('');
}

/** An error's message followed by its causes (`error.cause`, as deep as they go), then its stack. */
export function errorWithCause(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    parts.push(current instanceof Error ? current.message : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  const stack = error instanceof Error && error.stack ? `\n${error.stack}` : '';
  return `${parts.join('\n  caused by: ')}${stack}`;
}
