import * as vscode from 'vscode';
import type { PipelineEvent } from '../core/pipeline/events';
import type { GenerateOptions, GenerateSummary } from '../core/pipeline/generate';
import { PHASE_LABELS } from '../core/pipeline/phaseId';
import { createProvider } from '../core/model/createProvider';
import { loadEngine } from '../engine/loadEngine';
import { reviewFor } from '../review/reviewBeforeApply';
import type { StrataServices } from '../services';
import type { PhaseFigures } from '../sidebar/protocol';

export type BackendRun = Pick<GenerateOptions, 'requirements' | 'target' | 'resume' | 'keepRequirementsOnFailure' | 'confirmOverwrite' | 'command'>;

/**
 * Generates a backend into the workspace behind a cancellable progress notification, logging every
 * event. Cancelling aborts the model calls and, while files are being written, undoes them.
 */
export async function generateWithProgress(services: StrataServices, run: BackendRun): Promise<GenerateSummary> {
  const settings = services.settings.current;
  const apiKey = await services.apiKeys.get();
  const review = await reviewFor(services.reviews, settings, run.target, run.command);
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Strata', cancellable: true },
    (progress, token) => {
      // One controller for the notification's cancel and Strata: Cancel Generation alike.
      const abort = services.running.start();
      const cancelled = token.onCancellationRequested(() => abort.abort());
      const provider = createProvider(settings, apiKey, (info) => {
        const message = `${info.reason}; trying again in ${(info.delayMs / 1000).toFixed(1)} s (attempt ${info.attempt} of ${info.of})`;
        services.log.warn(message);
        progress.report({ message });
      });
      const figures: PhaseFigures[] = [];
      const onEvent = (event: PipelineEvent) => {
        services.log.trace(describe(event));
        if (event.type === 'notice') services.log.info(event.message);
        if (event.type === 'backtrack') {
          const message = `${PHASE_LABELS[event.from]} needs a change only ${PHASE_LABELS[event.to]} can make: going back (${event.round} of ${event.limit})`;
          services.log.warn(`${message}${event.issues.map((issue) => `\n  ${issue.path ?? ''} ${issue.message}`).join('')}`);
          progress.report({ message });
        }
        if (event.type === 'phase-finished') {
          const { totals } = event;
          // A phase run again after a going-back replaces its row; the ledger's totals cover both passes.
          const earlier = figures.findIndex((figure) => figure.phase === event.phase);
          if (earlier >= 0) figures.splice(earlier, 1);
          figures.push({
            phase: event.phase,
            ok: event.ok,
            calls: totals.calls,
            attempts: totals.attempts,
            tokens: totals.inputTokens + totals.outputTokens,
            seconds: totals.durationMs / 1000,
          });
        }
        if (event.type === 'phase-started') progress.report({ message: `${PHASE_LABELS[event.phase]}: asking ${settings.model}…` });
        if (event.type === 'writing') progress.report({ message: `writing ${event.files} file(s)…` });
        if (event.type === 'call') {
          const { record } = event;
          progress.report({ message: `${PHASE_LABELS[event.phase]}: ${record.target} ${record.ok ? 'done' : 'failed'} in ${record.attempts} attempt(s)` });
        }
      };
      // While the review is open, the notification says what the run waits for.
      const reviewing: typeof review = review && ((changes, reviewSignal) => {
        progress.report({ message: 'waiting for your review…' });
        return review(changes, reviewSignal);
      });
      return loadEngine()
        .generateBackend({ ...run, review: reviewing, provider, settings, signal: abort.signal, onEvent })
        .then((summary) => {
          services.recent.lastRun = { outcome: summary.outcome, phases: figures };
          return summary;
        })
        .finally(() => {
          cancelled.dispose();
          services.running.finish(abort);
        });
    },
  );
}

function describe(event: PipelineEvent): string {
  switch (event.type) {
    case 'phase-started':
      return `${event.phase}: started`;
    case 'progress':
      return `${event.phase}: ${event.completed}/${event.total}`;
    case 'call':
      // A thinking model's reasoning (its end) goes to the log only, never into the answer.
      return `${event.phase}: call ${event.record.target}: ${event.record.ok ? 'ok' : 'failed'}, ${event.record.attempts} attempt(s), ${event.record.inputTokens}+${event.record.outputTokens} tokens, ${event.record.durationMs} ms${event.record.reasoning ? `\n  reasoning: ${event.record.reasoning}` : ''}`;
    case 'phase-finished':
      return `${event.phase}: ${event.ok ? 'valid' : 'invalid'}, ${event.files.length} file(s), ${event.issues.length} issue(s)${event.issues.map((issue) => `\n  ${issue.path ?? ''} ${issue.message}`).join('')}`;
    case 'writing':
      return `writing ${event.files} file(s) in one transaction`;
    case 'notice':
      return event.message;
    case 'backtrack':
      return `${event.from}: going back to ${event.to} (${event.round} of ${event.limit}) for ${event.issues.length} problem(s) only it can fix`;
    case 'run-finished':
      return `run ${event.outcome}: wrote ${event.written.length} file(s)`;
  }
}
