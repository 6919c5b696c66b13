import * as vscode from 'vscode';
import type { PipelineEvent } from '../core/pipeline/events';
import type { GenerateOptions, GenerateSummary } from '../core/backend/generate';
import type { FeatureStepOptions } from '../core/incremental/featureStep';
import { PHASE_LABELS } from '../core/phaseId';
import { createProvider } from '../core/model/createProvider';
import { loadEngine } from '../engine/loadEngine';
import { reviewFor } from '../review/reviewBeforeApply';
import type { StrataServices } from '../services';
import { LiveRunTracker } from '../sidebar/liveRunTracker';
import type { PhaseFigures } from '../sidebar/protocol';
import { SidebarViewProvider } from '../sidebar/sidebarViewProvider';
import { describeEvent, describeIssues, errorWithCause } from './runLog';
import { observedProvider } from './observedProvider';

export type BackendRun = Pick<GenerateOptions, 'requirements' | 'target' | 'resume' | 'keepRequirementsOnFailure' | 'confirmOverwrite' | 'command'> & {
  /** A feature step over the finished backend instead of a whole generation (`requirements` is then unused). */
  feature?: Pick<FeatureStepOptions, 'kind' | 'request' | 'data'>;
};

/** The context key that is true while a run goes on in this window (`when` and `enablement` clauses use it). */
export const RUNNING_CONTEXT = 'strata.running';

/** Why a second run in this window is refused. */
export const RUN_REFUSED = 'A Strata run is already going on in this window: wait for it to finish, or cancel it first (Strata: Cancel Generation).';

let runs = 0;

/**
 * Generates a backend into the workspace behind a cancellable progress notification (and a progress bar
 * on the Strata view), feeding the live run view and logging one line per model call. One run per window:
 * a second is refused before it asks anything. Cancelling aborts the model calls and, while files are
 * being written, undoes them.
 */
export async function generateWithProgress(services: StrataServices, run: BackendRun): Promise<GenerateSummary> {
  // Commands refuse earlier (requireIdle); this holds for a second start that raced past them.
  if (services.running.active) throw new Error(RUN_REFUSED);
  // Held from here, before any await, so a second command started meanwhile is refused too.
  const abort = services.running.start();
  void vscode.commands.executeCommand('setContext', RUNNING_CONTEXT, true);
  const settings = services.settings.current;
  const tracker = new LiveRunTracker(++runs, run.command ?? 'New Backend', settings.model);
  services.recent.lastRun = undefined;
  const publish = () => services.sidebar.showRun(tracker.snapshot());
  publish();
  void services.sidebar.refresh();
  try {
    const apiKey = await services.apiKeys.get();
    const review = await reviewFor(services.reviews, settings, run.target, run.command);
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Strata', cancellable: true },
      (progress, token) => {
        // One controller for the notification's cancel, the live view's Cancel and Strata: Cancel Generation alike.
        const cancelled = token.onCancellationRequested(() => abort.abort());
        const report = (message: string) => progress.report({ message });
        const provider = observedProvider(
          createProvider(settings, apiKey, (info) => {
            const message = `${info.reason}; trying again in ${(info.delayMs / 1000).toFixed(1)} s (attempt ${info.attempt} of ${info.of})`;
            services.log.warn(message);
            tracker.networkRetry(message);
            report(message);
            publish();
          }),
          {
            request: (phase, target, feedback) => {
              tracker.request(phase, target, feedback);
              const attempt = tracker.snapshot().phases.find((row) => row.phase === phase)?.active.find((call) => call.target === target)?.attempt ?? 1;
              const of = settings.retryBudget + 1;
              report(
                feedback === undefined
                  ? `${PHASE_LABELS[phase]}: asking ${settings.model} for ${target}…`
                  : `${PHASE_LABELS[phase]}: ${target}, retry ${attempt - 1} of ${of - 1}: ${firstLine(feedback)}`,
              );
              publish();
            },
            text: (phase, target, delta) => {
              tracker.text(phase, target, delta);
              publish();
            },
            answered: (phase, _target, result) => {
              tracker.answered(phase, result.usage);
              publish();
            },
          },
        );
        const onEvent = (event: PipelineEvent) => {
          tracker.event(event);
          publish();
          const line = describeEvent(event);
          if (line) services.log[line.level](line.text);
          if (event.type === 'phase-started') report(`${PHASE_LABELS[event.phase]}…`);
          if (event.type === 'backtrack') report(`${PHASE_LABELS[event.from]} needs a change only ${PHASE_LABELS[event.to]} can make: going back (${event.round} of ${event.limit})`);
          if (event.type === 'writing') report(`writing ${event.files} file(s)…`);
        };
        // While the review is open, the notification says what the run waits for.
        const reviewing: typeof review = review && ((changes, reviewSignal) => {
          report('waiting for your review…');
          return review(changes, reviewSignal);
        });
        const engine = loadEngine();
        const common = { target: run.target, confirmOverwrite: run.confirmOverwrite, command: run.command, review: reviewing, provider, settings, signal: abort.signal, onEvent };
        const started: Promise<GenerateSummary> = run.feature ? engine.runFeatureStep({ ...common, ...run.feature }) : engine.generateBackend({ ...run, ...common });
        const generation = started
          .then((summary) => {
            tracker.finish(summary.outcome);
            if (summary.outcome === 'failed') services.log.error(`Run failed${summary.stoppedAt ? ` in ${PHASE_LABELS[summary.stoppedAt]}` : ''}:${describeIssues(summary.issues)}`);
            return summary;
          })
          .finally(() => cancelled.dispose());
        // The Strata view shows that it is busy where the run is watched.
        void vscode.window.withProgress({ location: { viewId: SidebarViewProvider.viewType } }, () => generation.catch(() => undefined));
        return generation;
      },
    );
  } catch (error) {
    tracker.finish(abort.signal.aborted ? 'cancelled' : 'failed', error instanceof Error ? error.message : String(error));
    services.log.error(`Run failed: ${errorWithCause(error)}`);
    throw error;
  } finally {
    services.running.finish(abort);
    void vscode.commands.executeCommand('setContext', RUNNING_CONTEXT, services.running.active);
    const snapshot = tracker.snapshot();
    services.recent.lastRun = { outcome: snapshot.outcome, phases: figuresOf(snapshot.phases) };
    services.sidebar.showRun(snapshot);
    void services.sidebar.refresh();
  }
}

function figuresOf(phases: ReturnType<LiveRunTracker['snapshot']>['phases']): PhaseFigures[] {
  return phases
    .filter((row) => row.status === 'done' || row.status === 'failed' || row.status === 'cancelled')
    .map((row) => ({
      phase: row.phase,
      ok: row.status === 'done',
      calls: row.calls,
      attempts: row.attempts,
      tokens: row.inputTokens + row.outputTokens,
      seconds: row.elapsedMs / 1000,
    }));
}

function firstLine(text: string): string {
  const line = text.split('\n').find((entry) => entry.trim() !== '') ?? '';
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}
