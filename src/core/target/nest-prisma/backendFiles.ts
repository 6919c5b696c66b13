import { modulesOf } from '../../interface/modules';
import type { BackendInput } from '../../realize/rendering';
import { renderApp } from './project/app';
import { renderAuth } from './auth/auth';
import { renderCollectors } from './module/collectors';
import { renderModuleFile } from './module/moduleFile';
import { renderScaffold } from './project/scaffold';
import { renderTransformers } from './module/transformers';

/**
 * The backend files that follow mechanically from the earlier artifacts: project scaffold, app and
 * Prisma wiring, auth, collectors, transformers and module files. Only the services need the model.
 */
export function renderRealizeBase(input: BackendInput): Map<string, string> {
  const files = new Map<string, string>();
  const add = (rendered: Map<string, string>) => rendered.forEach((content, path) => files.set(path, content));
  add(renderScaffold(input));
  add(renderApp(input));
  add(renderAuth(input));
  add(renderCollectors(input.api, input.database));
  add(renderTransformers(input.api, input.database));
  for (const module of modulesOf(input.api)) {
    const { path, content } = renderModuleFile(module);
    files.set(path, content);
  }
  return files;
}
