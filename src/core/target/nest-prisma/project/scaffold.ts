import { signsUp } from '../../../interface/auth';
import { OPENAPI_CHECK_SOURCE } from './openapiCheck';
import type { AnalyzeArtifact } from '../../../analyze/types';
import type { DatabaseId } from '../../../config/settings';
import type { DatabaseArtifact } from '../../../database/types';
import type { InterfaceArtifact } from '../../../interface/types';
import { EDITOR_CONFIG_FILE, PRETTIER_CONFIG_FILE, PRETTIER_IGNORE_FILE, renderEditorConfig, renderPrettierConfig, renderPrettierIgnore } from '../../../project/codeStyle';
import { renderGitignore, renderPrismaConfig, renderTsconfig } from './configFiles';
import { renderDbScript } from './dbScript';
import { renderDeployFiles } from './deploy';
import { packageName, renderPackageJson } from './packageJson';
import { renderReadme } from './readme';
import { OPENAPI_CHECK_FILE } from '../../../names/generated';

/** What the project-level renderers (scaffold, app, auth) read. */
export interface ScaffoldInput {
  analysis?: AnalyzeArtifact;
  database: DatabaseArtifact;
  api: InterfaceArtifact;
  databaseId: DatabaseId;
  /** Overrides the name taken from the analysis title (package name, README heading). */
  projectName?: string;
}

/**
 * The project files around the code: package.json with pinned versions, tsconfig, Prisma config, the
 * offline schema script, README, .gitignore, the formatting rules every generated file follows (.prettierrc,
 * .prettierignore, .editorconfig), and the Dockerfile and compose file. Project-relative path -> content.
 */
export function renderScaffold(input: ScaffoldInput): Map<string, string> {
  const title = input.projectName ?? input.analysis?.title ?? 'Backend';
  return new Map([
    ['package.json', renderPackageJson(packageName(title), input.databaseId, { createAccount: input.api.authentication.some((spec) => !signsUp(spec)), soak: input.api.authentication.some(signsUp) })],
    ['tsconfig.json', renderTsconfig()],
    ['prisma.config.ts', renderPrismaConfig(input.databaseId)],
    ['scripts/db.mjs', renderDbScript(input.databaseId)],
    [OPENAPI_CHECK_FILE, OPENAPI_CHECK_SOURCE],
    ['README.md', renderReadme(input, title)],
    ['.gitignore', renderGitignore()],
    [PRETTIER_CONFIG_FILE, renderPrettierConfig()],
    [PRETTIER_IGNORE_FILE, renderPrettierIgnore()],
    [EDITOR_CONFIG_FILE, renderEditorConfig()],
    ...renderDeployFiles(input.databaseId, input.api.authentication.length > 0),
  ]);
}
