import * as vscode from 'vscode';
import type { StrataServices } from '../services';
import { type Command, objectArg } from './command';

/** Strata: Set API Key — stores the OpenAI-compatible endpoint's key in secret storage (empty removes it). */
export class SetApiKeyCommand implements Command {
  readonly id = 'strata.setApiKey';

  constructor(private readonly services: StrataServices) {}

  async execute(rawArgs?: unknown): Promise<{ stored: boolean } | undefined> {
    const key =
      objectArg<{ key: string }>(rawArgs).key ??
      (await vscode.window.showInputBox({
        title: 'Strata: Set API Key',
        prompt: 'API key of the OpenAI-compatible endpoint. It is kept in VS Code secret storage. Leave empty to remove it.',
        password: true,
        ignoreFocusOut: true,
      }));
    if (key === undefined) return undefined;
    await this.services.apiKeys.set(key);
    const stored = key.trim() !== '';
    this.services.log.info(stored ? 'API key stored in secret storage' : 'API key removed from secret storage');
    void vscode.window.showInformationMessage(stored ? 'Strata: API key saved.' : 'Strata: API key removed.');
    return { stored };
  }
}
