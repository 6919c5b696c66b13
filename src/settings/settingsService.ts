import * as vscode from 'vscode';
import { normalizeSettings, SETTING_KEYS, type SettingsResult, type StrataSettings } from '../core/config/settings';
import type { Logger } from '../core/log/logger';

/** Reads `strata.*` from VS Code's configuration into core's typed settings, and writes single values back. */
export class SettingsService implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<StrataSettings>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly log: Logger) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('strata')) this.changed.fire(this.read().settings);
    });
  }

  read(): SettingsResult {
    const config = vscode.workspace.getConfiguration('strata');
    const raw: Partial<Record<keyof StrataSettings, unknown>> = {};
    for (const [field, key] of Object.entries(SETTING_KEYS) as [keyof StrataSettings, string][]) {
      raw[field] = config.get(key);
    }
    const result = normalizeSettings(raw);
    for (const issue of result.issues) this.log.warn(`Setting ${issue.path}: ${issue.message}`);
    return result;
  }

  get current(): StrataSettings {
    return this.read().settings;
  }

  /** Writes where the value is already set (folder or workspace), else to the user's settings. */
  async update(field: keyof StrataSettings, value: unknown): Promise<void> {
    const key = SETTING_KEYS[field];
    const config = vscode.workspace.getConfiguration('strata');
    const inspected = config.inspect(key);
    const target =
      inspected?.workspaceFolderValue !== undefined
        ? vscode.ConfigurationTarget.WorkspaceFolder
        : inspected?.workspaceValue !== undefined
          ? vscode.ConfigurationTarget.Workspace
          : vscode.ConfigurationTarget.Global;
    await config.update(key, value, target);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
