import type { AnalyzeArtifact } from '../../../analyze/types';
import type { DatabaseArtifact } from '../../../database/types';
import type { InterfaceArtifact } from '../../../interface/types';
import { renderControllers } from './controllers';
import { renderDtos } from './dtos';
import { renderExceptions } from './exceptions';
import { renderOpenApi } from './openapi';

/** Everything the Interface artifact renders: the OpenAPI document, DTO types, controllers and the refusals' exception classes. */
export function renderInterfaceFiles(api: InterfaceArtifact, database: DatabaseArtifact, analysis?: AnalyzeArtifact): Map<string, string> {
  const files = new Map<string, string>();
  files.set('openapi.json', renderOpenApi(api, { title: analysis?.title ?? 'Backend', summary: analysis?.summary, database, actors: analysis?.actors }));
  for (const [path, content] of renderDtos(api, database)) files.set(path, content);
  for (const [path, content] of renderControllers(api, analysis?.actors)) files.set(path, content);
  for (const [path, content] of renderExceptions(api)) files.set(path, content);
  return files;
}
