import type { PhaseId } from './phaseId';

/**
 * An artifact node a generated file was rendered from: a whole artifact (`database`) or one of its parts
 * (`database/model/Todo`, `interface/operation/createTodo`, `interface/dto/TodoView`, `interface/module/todos`,
 * `interface/auth/member`, `test/operation/createTodo`, `realize/module/todos`, `analyze/section/loans`).
 * Recorded beside each file in `.strata/generated.json`, so a change to a node names the files it reaches.
 */
export type ArtifactNode = string;

export type NodeKind = 'section' | 'actor' | 'model' | 'enum' | 'module' | 'operation' | 'dto' | 'auth';

export const artifactNode = (phase: PhaseId, kind?: NodeKind, name?: string): ArtifactNode =>
  kind === undefined ? phase : `${phase}/${kind}/${name}`;

/** The phase a node belongs to: its first segment. */
export const phaseOfNode = (node: ArtifactNode): string => node.split('/')[0]!;

/** A phase's rendered files: path -> content, and for each path the nodes it was rendered from (sorted, no repeats). */
export class RenderedFiles {
  readonly files = new Map<string, string>();
  readonly from = new Map<string, ArtifactNode[]>();

  set(path: string, content: string, from: Iterable<ArtifactNode>): this {
    this.files.set(path, content);
    this.from.set(path, [...new Set(from)].sort());
    return this;
  }
}
