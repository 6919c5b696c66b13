import type { AnalyzeArtifact } from '../analyze/types';
import type { DatabaseArtifact } from '../database/types';
import { dtoHomes } from '../interface/modules';
import type { InterfaceArtifact } from '../interface/types';
import type { PhaseId } from '../phaseId';
import type { Manifest } from '../project/generatedFiles';
import { type ArtifactNode, artifactNode, type NodeKind, phaseOfNode } from '../provenance';
import type { RealizeArtifact } from '../realize/types';
import type { TestArtifact } from '../scenarios/types';

/** The artifacts of a project as the phases saved them; any may be missing (a run that stopped early). */
export interface ProjectArtifacts {
  analyze?: AnalyzeArtifact;
  database?: DatabaseArtifact;
  interface?: InterfaceArtifact;
  test?: TestArtifact;
  realize?: RealizeArtifact;
}

/**
 * Every node of the artifacts with its content as canonical JSON, so two versions compare node by node:
 * sections and actors, tables and enums, modules (their operations in order), operations, DTOs and
 * sign-in specs, the scenarios of each operation, and each module's business logic.
 */
export function artifactNodes(artifacts: ProjectArtifacts): Map<ArtifactNode, string> {
  const nodes = new Map<ArtifactNode, string>();
  const put = (phase: PhaseId, kind: NodeKind, name: string, value: unknown) => nodes.set(artifactNode(phase, kind, name), canonical(value));
  const { analyze, database, interface: api, test, realize } = artifacts;
  if (analyze) {
    for (const section of analyze.sections) put('analyze', 'section', section.id, section);
    for (const actor of analyze.actors) put('analyze', 'actor', actor.name, actor);
  }
  if (database) {
    for (const model of database.models) put('database', 'model', model.name, model);
    for (const dbEnum of database.enums) put('database', 'enum', dbEnum.name, dbEnum);
  }
  if (api) {
    const modules = new Map<string, string[]>();
    for (const operation of api.operations) {
      put('interface', 'operation', operation.id, operation);
      modules.set(operation.module, [...(modules.get(operation.module) ?? []), operation.id]);
    }
    for (const [module, operations] of modules) put('interface', 'module', module, operations);
    for (const dto of api.dtos) put('interface', 'dto', dto.name, dto);
    for (const spec of api.authentication) put('interface', 'auth', spec.actor, spec);
  }
  if (test) {
    const byOperation = new Map<string, unknown[]>();
    for (const scenario of test.scenarios) byOperation.set(scenario.operation, [...(byOperation.get(scenario.operation) ?? []), scenario]);
    for (const [operation, scenarios] of byOperation) put('test', 'operation', operation, scenarios);
  }
  if (realize) for (const module of realize.modules) put('realize', 'module', module.name, module);
  return nodes;
}

export interface NodeChanges {
  added: ArtifactNode[];
  changed: ArtifactNode[];
  removed: ArtifactNode[];
}

/** The nodes that differ between two versions of the artifacts. */
export function changedNodes(before: ProjectArtifacts, after: ProjectArtifacts): NodeChanges {
  const [old, now] = [artifactNodes(before), artifactNodes(after)];
  return {
    added: [...now.keys()].filter((node) => !old.has(node)).sort(),
    changed: [...now.keys()].filter((node) => old.has(node) && old.get(node) !== now.get(node)).sort(),
    removed: [...old.keys()].filter((node) => !now.has(node)).sort(),
  };
}

/**
 * What depends on what, read from the artifacts: a section -> the operations it is cited by; a table ->
 * the tables that point at it, the DTOs linked to it and the operations on it; a DTO -> the operations
 * that take or answer it and the DTOs that nest it; an operation -> its module, its scenarios and its
 * module's business logic; a sign-in spec -> the operations its actor calls. Edges point from a node to
 * the nodes that must be looked at again when it changes.
 */
export function dependents(artifacts: ProjectArtifacts): Map<ArtifactNode, Set<ArtifactNode>> {
  const edges = new Map<ArtifactNode, Set<ArtifactNode>>();
  const edge = (from: ArtifactNode, to: ArtifactNode) => {
    if (from === to) return;
    let set = edges.get(from);
    if (!set) edges.set(from, (set = new Set()));
    set.add(to);
  };
  const { database, interface: api } = artifacts;
  const model = (name: string) => artifactNode('database', 'model', name);
  for (const table of database?.models ?? []) {
    for (const field of table.fields) {
      if (field.relation) edge(model(field.type), model(table.name));
      if (database!.enums.some((dbEnum) => dbEnum.name === field.type)) edge(artifactNode('database', 'enum', field.type), model(table.name));
    }
  }
  if (!api) return edges;
  const homes = dtoHomes(api);
  for (const dto of api.dtos) {
    const node = artifactNode('interface', 'dto', dto.name);
    if (dto.model) edge(model(dto.model), node);
    for (const property of dto.properties) if (property.dto) edge(artifactNode('interface', 'dto', property.dto), node);
    const home = homes.get(dto.name);
    if (home) edge(node, artifactNode('realize', 'module', home));
  }
  for (const operation of api.operations) {
    const node = artifactNode('interface', 'operation', operation.id);
    edge(artifactNode('analyze', 'section', operation.section), node);
    if (operation.model) edge(model(operation.model), node);
    for (const dto of [operation.query, operation.body, operation.response]) if (dto) edge(artifactNode('interface', 'dto', dto), node);
    for (const spec of api.authentication) if (spec.actor === operation.actor) edge(artifactNode('interface', 'auth', spec.actor), node);
    edge(node, artifactNode('interface', 'module', operation.module));
    edge(node, artifactNode('test', 'operation', operation.id));
    edge(node, artifactNode('realize', 'module', operation.module));
  }
  for (const spec of api.authentication) edge(model(spec.model), artifactNode('interface', 'auth', spec.actor));
  return edges;
}

/** The changed nodes and every node that depends on them, transitively. */
export function affectedNodes(changes: NodeChanges, edges: ReadonlyMap<ArtifactNode, ReadonlySet<ArtifactNode>>): Set<ArtifactNode> {
  const reached = new Set<ArtifactNode>();
  const queue = [...changes.added, ...changes.changed, ...changes.removed];
  while (queue.length > 0) {
    const node = queue.pop()!;
    if (reached.has(node)) continue;
    reached.add(node);
    for (const next of edges.get(node) ?? []) queue.push(next);
  }
  return reached;
}

/**
 * The generated files a set of nodes reaches, by the provenance each file recorded: a file rendered from
 * one of the nodes, or from the whole artifact one of them belongs to (`openapi.json` follows from every
 * operation). A file with no recorded sources is reached by anything: it predates provenance.
 */
export function affectedFiles(manifest: Manifest, nodes: ReadonlySet<ArtifactNode>): string[] {
  const phases = new Set([...nodes].map(phaseOfNode));
  return Object.entries(manifest)
    .filter(([, entry]) => entry.from === undefined || entry.from.some((from) => nodes.has(from) || (!from.includes('/') && phases.has(from))))
    .map(([path]) => path)
    .sort();
}

/** JSON with sorted keys: the same content compares equal whatever order its properties were written in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item) ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b))) : item,
  );
}
