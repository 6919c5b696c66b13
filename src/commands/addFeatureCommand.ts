import * as vscode from 'vscode';
import { isStrataProject } from '../core/project/strataProject';
import { STRATA_DIR } from '../core/project/strataDir';
import type { StrataServices } from '../services';
import { type Command, objectArg } from './command';
import { requireWorkspace, UserFacingError } from './requireWorkspace';

/** One line, so a collapsed notification (VS Code cuts those off at one line) still shows it whole. */
export const FEATURE_RECORDED = 'Request saved. Strata cannot build features yet.';

/**
 * Strata: Add Feature… — records a feature request for an existing Strata project in `.strata/features/`. That is
 * all it does today: nothing generates from the requests yet (incremental generation is not built).
 */
export class AddFeatureCommand implements Command {
  readonly id = 'strata.addFeature';

  constructor(private readonly services: StrataServices) {}

  async execute(rawArgs?: unknown): Promise<{ featureFile: string; message: string } | undefined> {
    const files = requireWorkspace(this.services);
    if (!(await isStrataProject(files))) {
      throw new UserFacingError('This folder is not a Strata project yet: run "Strata: New Backend…" first.');
    }
    const description =
      objectArg<{ description: string }>(rawArgs).description ??
      (await vscode.window.showInputBox({
        title: 'Strata: Add Feature',
        prompt: 'Describe the feature to add',
        placeHolder: 'Todos can be shared with other users, read-only…',
        validateInput: (value) => (value.trim() === '' ? 'Describe the feature first' : undefined),
      }));
    if (description === undefined || description.trim() === '') return undefined;

    const existing = await files.list(`${STRATA_DIR}/features`);
    const featureFile = `${STRATA_DIR}/features/${String(existing.length + 1).padStart(3, '0')}-${slug(description)}.md`;
    await files.write(featureFile, `${description.trim()}\n`);
    this.services.log.info(`Saved feature request to ${featureFile}; nothing is generated from it yet`);
    // The path stays out of the message (it made it too long to read); the button opens the file.
    void vscode.window.showInformationMessage(FEATURE_RECORDED, 'Open Request').then(async (choice) => {
      if (choice) await vscode.window.showTextDocument(vscode.Uri.joinPath(vscode.Uri.file(files.root), featureFile));
    });
    return { featureFile, message: FEATURE_RECORDED };
  }
}

function slug(text: string): string {
  const words = text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim().split(' ').slice(0, 6);
  return words.join('-') || 'feature';
}
