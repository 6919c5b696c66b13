import * as vscode from 'vscode';
import { createProvider } from '../core/model/createProvider';
import type { StrataServices } from '../services';
import { type Command, objectArg } from './command';

/** Strata: Select Model… — picks the model from those the configured server has, or takes a typed name. */
export class SelectModelCommand implements Command {
  readonly id = 'strata.selectModel';

  constructor(private readonly services: StrataServices) {}

  async execute(rawArgs?: unknown): Promise<{ model: string } | undefined> {
    const model = objectArg<{ model: string }>(rawArgs).model ?? (await this.pick());
    if (model === undefined || model.trim() === '') return undefined;
    await this.services.settings.update('model', model.trim());
    this.services.log.info(`Model set to ${model.trim()}`);
    void this.services.sidebar.refresh();
    return { model: model.trim() };
  }

  private async pick(): Promise<string | undefined> {
    const settings = this.services.settings.current;
    const server = createProvider(settings, await this.services.apiKeys.get());
    let models: string[] = [];
    let problem: string | undefined;
    try {
      models = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: `Strata: listing models on ${server.label}` },
        () => server.listModels(),
      );
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
      this.services.log.warn(`Could not list models: ${problem}`);
    }
    const typeName = '$(edit) Enter a model name…';
    const items: vscode.QuickPickItem[] = [
      ...models.map((name) => ({ label: name, description: name === settings.model ? 'current' : undefined })),
      { label: typeName, detail: problem ? `Could not list models: ${problem}` : undefined },
    ];
    const picked = await vscode.window.showQuickPick(items, { title: 'Strata: Select Model', placeHolder: `Current: ${settings.model}` });
    if (picked?.label !== typeName) return picked?.label;
    return vscode.window.showInputBox({ title: 'Strata: Select Model', prompt: 'Model name as the server knows it', value: settings.model });
  }
}
