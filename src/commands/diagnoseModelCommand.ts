import * as vscode from 'vscode';
import type { ConnectionReport } from '../core/doctor/connectionReport';
import { createProvider } from '../core/model/createProvider';
import { loadDoctor } from '../engine/loadDoctor';
import type { StrataServices } from '../services';
import type { Command } from './command';

/**
 * Strata: Diagnose Model Connection — the same checks as `strata doctor`, shown in the Strata log. The checks are
 * loaded on first use from their own small bundle (src/engine/doctor.ts says why).
 */
export class DiagnoseModelCommand implements Command {
  readonly id = 'strata.diagnoseModel';

  constructor(private readonly services: StrataServices) {}

  async execute(): Promise<ConnectionReport> {
    const settings = this.services.settings.current;
    const server = createProvider(settings, await this.services.apiKeys.get(), (info) => this.services.log.warn(`${info.reason}; trying again in ${(info.delayMs / 1000).toFixed(1)} s`));
    const report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Strata: checking ${server.label}`, cancellable: true },
      (progress, token) => {
        const { diagnoseConnection } = loadDoctor();
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        // Each check shows as it finishes, within the configured limits.
        return diagnoseConnection(server, settings.model, {
          signal: abort.signal,
          onCheck: (check) => progress.report({ message: `${check.ok ? '✓' : '✗'} ${check.name}: ${check.detail}` }),
          probeTimeoutMs: settings.probeSeconds * 1000,
          roundTripTimeoutMs: settings.loadSeconds * 1000,
          outputMode: settings.outputMode,
        });
      },
    );
    this.services.recent.connection = report;
    const text = loadDoctor().formatReport(report);
    this.services.log.info(text);
    void this.services.sidebar.refresh();

    const firstProblem = report.checks.find((check) => !check.ok);
    const show = firstProblem
      ? vscode.window.showErrorMessage(`Strata: ${firstProblem.detail}`, 'Show Log')
      : vscode.window.showInformationMessage(`Strata: ${report.model} on ${report.server} is ready.`, 'Show Log');
    void show.then((choice) => choice && this.services.log.show());
    return report;
  }
}
