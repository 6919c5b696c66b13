import type { AnalyzeTarget } from '../../analyze/agent';
import type { DatabaseTarget } from '../../database/compile';
import type { MigrationTarget } from '../../database/migrations';
import type { InterfaceTarget } from '../../interface/agent';
import { artifactNode } from '../../provenance';
import type { RealizeTarget } from '../../realize/rendering';
import type { TestTarget } from '../../scenarios/agent';
import { renderInterfaceFiles } from './api/files';
import { renderRealizeBase } from './backendFiles';
import { renderRequirements, sectionFile } from './docs/requirements';
import { renderDerived } from './module/derived';
import { renderService } from './module/service';
import { prismaMigrations } from './prisma/migrations';
import { renderSchema } from './prisma/schemaFiles';
import { analysisProvenance, moduleNodes, moduleTestNodes, withModuleProvenance } from './provenance';
import { moduleTestFile } from './tests/module';
import { renderTests } from './tests/tests';
import { BackendTypeChecker } from './typecheck/checkBackend';
import { REQUIREMENTS_DIR } from '../../names/generated';

/**
 * The NestJS + Prisma target: every file of the generated project, rendered from the phases' artifacts,
 * each with the artifact nodes it follows from. The phases reach it only through the ports they declare
 * (AnalyzeTarget, DatabaseTarget, …), so they own their artifacts and this folder owns the output.
 */
export const nestPrisma: AnalyzeTarget & DatabaseTarget & MigrationTarget & InterfaceTarget & TestTarget & RealizeTarget = {
  renderAnalysis: (analysis) =>
    analysisProvenance(renderRequirements(analysis), analysis, (index) => `${REQUIREMENTS_DIR}/${sectionFile(analysis.sections[index]!, index)}`),

  renderSchema,

  migrationFiles: prismaMigrations.migrationFiles,

  renderInterface: (api, database, analysis) => withModuleProvenance(renderInterfaceFiles(api, database, analysis), api, ['interface']),

  renderTests: (artifact, api, database, actors, databaseId) =>
    withModuleProvenance(renderTests(artifact, api, database, actors, databaseId), api, ['interface', 'test'], (module) => [moduleTestFile(module)], (module) => moduleTestNodes(api, module)),

  renderBackendBase: (input) => withModuleProvenance(renderRealizeBase(input), input.api, ['analyze', 'database', 'interface']),

  renderService: (api, database, realized) => ({
    ...renderService(api, database, realized),
    from: [artifactNode('realize', 'module', realized.name), ...moduleNodes(api, realized.name)],
  }),

  renderDerived: (api, database, realized) => {
    const rendered = renderDerived(api, database, realized);
    return rendered && { ...rendered, from: [artifactNode('realize', 'module', realized.name), ...moduleNodes(api, realized.name)] };
  },

  backendChecker: (database, databaseId) => new BackendTypeChecker(database, { provider: databaseId }),
};
