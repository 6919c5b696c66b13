import type { ProjectFiles } from '../core/project/projectFiles';
import type { StrataServices } from '../services';

export class UserFacingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserFacingError';
  }
}

/** Commands that write into the project need an open folder; say so plainly when there is none. */
export function requireWorkspace(services: StrataServices): ProjectFiles {
  const files = services.workspaceFiles();
  if (!files) throw new UserFacingError('Open a folder first: Strata writes the backend into the open workspace folder.');
  return files;
}
