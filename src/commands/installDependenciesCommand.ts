import * as vscode from 'vscode';
import { installDependencies } from '../tasks/installDependencies';
import type { StrataServices } from '../services';
import type { Command } from './command';
import { requireWorkspace, UserFacingError } from './requireWorkspace';

/**
 * Strata: Install Backend Dependencies — `npm install` in the generated backend as a VS Code task, so the
 * editor's own TypeScript finds NestJS, Prisma and the rest and its missing-module errors go away.
 */
export class InstallDependenciesCommand implements Command {
  readonly id = 'strata.installDependencies';

  constructor(private readonly services: StrataServices) {}

  async execute(): Promise<{ exitCode: number | undefined }> {
    const files = requireWorkspace(this.services);
    if (!(await files.exists('package.json'))) throw new UserFacingError('This folder has no package.json yet: generate a backend first (Strata: New Backend…).');
    const folder = vscode.workspace.workspaceFolders![0]!;
    this.services.log.info('Installing the backend dependencies (npm install)');
    const exitCode = await installDependencies(folder);
    if (exitCode === 0) {
      this.services.log.info('npm install finished');
      void vscode.window.showInformationMessage('Strata: dependencies installed. Next: npm test in a terminal.');
    } else {
      this.services.log.error(`npm install ended with exit code ${exitCode ?? 'unknown'}: see its terminal`);
      void vscode.window.showErrorMessage(`Strata: npm install failed (exit code ${exitCode ?? 'unknown'}); its terminal says why.`);
    }
    return { exitCode };
  }
}
