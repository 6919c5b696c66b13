import * as vscode from 'vscode';
import { createProvider } from '../core/model/createProvider';
import { type CatalogModel, describeCatalogModel, ollamaCatalog } from '../core/model/modelCatalog';
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
    let models: CatalogModel[] = [];
    let problem: string | undefined;
    try {
      models = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Strata: listing models' }, async () => {
        // Ollama says what each model is (/api/tags, /api/show); other servers give names only.
        if (settings.provider === 'ollama') return ollamaCatalog(settings.ollamaHost, settings.probeSeconds * 1000);
        const server = createProvider(settings, await this.services.apiKeys.get());
        return (await server.listModels()).map((name) => ({ name }));
      });
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
      this.services.log.warn(`Could not list models: ${problem}`);
    }
    const typeName = '$(edit) Enter a model name…';
    const items: vscode.QuickPickItem[] = [
      ...models.map((model) => ({
        label: model.name,
        description: model.name === settings.model ? 'current' : undefined,
        detail: describeCatalogModel(model) || undefined,
      })),
      { label: typeName, detail: problem ? `Could not list models: ${problem}` : undefined },
    ];
    const picked = await vscode.window.showQuickPick(items, { title: 'Strata: Select Model', placeHolder: `Current: ${settings.model}`, matchOnDetail: true });
    if (picked?.label !== typeName) return picked?.label;
    return vscode.window.showInputBox({ title: 'Strata: Select Model', prompt: 'Model name as the server knows it', value: settings.model });
  }
}
