import type { AnalyzeArtifact } from '../../analyze/types';
import { dtoHomes, modulesOf } from '../../interface/modules';
import type { InterfaceArtifact } from '../../interface/types';
import { moduleFile } from '../../names/generated';
import { type ArtifactNode, artifactNode, RenderedFiles } from '../../provenance';
import type { PhaseId } from '../../phaseId';

type ModuleFileKind = Parameters<typeof moduleFile>[1];

/**
 * What a module's files follow from: the module, its operations, the DTOs declared in it and the tables
 * they read and write. A change to any of them reaches `src/<module>/*` and the module's tests.
 */
export function moduleNodes(api: InterfaceArtifact, module: string): ArtifactNode[] {
  const operations = api.operations.filter((operation) => operation.module === module);
  const homes = dtoHomes(api);
  const dtos = api.dtos.filter((dto) => homes.get(dto.name) === module);
  const models = new Set([...operations.map((operation) => operation.model), ...dtos.map((dto) => dto.model)].filter((model): model is string => !!model));
  return [
    artifactNode('interface', 'module', module),
    ...operations.map((operation) => artifactNode('interface', 'operation', operation.id)),
    ...dtos.map((dto) => artifactNode('interface', 'dto', dto.name)),
    ...[...models].map((model) => artifactNode('database', 'model', model)),
  ];
}

/** The scenarios of a module's operations, besides what its code follows from. */
export function moduleTestNodes(api: InterfaceArtifact, module: string): ArtifactNode[] {
  const operations = api.operations.filter((operation) => operation.module === module);
  return [...moduleNodes(api, module), ...operations.map((operation) => artifactNode('test', 'operation', operation.id))];
}

/**
 * A renderer's files, each with its sources: a module's own file (`src/<module>/<module>.<kind>.ts`, or
 * one `moduleFileOf` names) follows from that module; any other file from the whole of `wholes`.
 */
export function withModuleProvenance(
  files: ReadonlyMap<string, string>,
  api: InterfaceArtifact,
  wholes: readonly PhaseId[],
  moduleFileOf: (module: string) => readonly string[] = defaultModuleFiles,
  nodesOf: (module: string) => ArtifactNode[] = (module) => moduleNodes(api, module),
): RenderedFiles {
  const owner = new Map<string, string>();
  for (const module of modulesOf(api)) for (const path of moduleFileOf(module)) owner.set(path, module);
  const rendered = new RenderedFiles();
  const whole = wholes.map((phase) => artifactNode(phase));
  for (const [path, content] of files) {
    const module = owner.get(path);
    rendered.set(path, content, module === undefined ? whole : nodesOf(module));
  }
  return rendered;
}

const MODULE_KINDS: readonly ModuleFileKind[] = ['dto', 'collectors', 'transformers', 'derived', 'service', 'controller', 'module', 'exceptions'];
const defaultModuleFiles = (module: string): string[] => MODULE_KINDS.map((kind) => moduleFile(module, kind));

/** The requirement documents: the overview follows from the whole analysis, each section file from its section. */
export function analysisProvenance(files: ReadonlyMap<string, string>, analysis: AnalyzeArtifact, sectionPath: (index: number) => string): RenderedFiles {
  const sections = new Map(analysis.sections.map((section, index) => [sectionPath(index), section.id]));
  const rendered = new RenderedFiles();
  for (const [path, content] of files) {
    const section = sections.get(path);
    rendered.set(path, content, [section === undefined ? artifactNode('analyze') : artifactNode('analyze', 'section', section)]);
  }
  return rendered;
}
