import type { AnalyzeArtifact } from '../analyze/types';
import type { DatabaseId } from '../config/settings';
import type { DatabaseArtifact } from '../database/types';
import type { Issue } from '../diagnostics/issue';
import type { InterfaceTarget } from '../interface/agent';
import type { InterfaceArtifact } from '../interface/types';
import type { ArtifactNode, RenderedFiles } from '../provenance';
import type { CodeRegion } from './typeFeedback';
import type { RealizedModule } from './types';

/** A file around code the model wrote: which lines hold which part of the answer, so compiler errors go back there. */
export interface RenderedCode {
  path: string;
  content: string;
  regions: CodeRegion[];
  from: ArtifactNode[];
}

export interface BackendInput {
  analysis?: AnalyzeArtifact;
  database: DatabaseArtifact;
  api: InterfaceArtifact;
  databaseId: DatabaseId;
}

/** The generated backend's compiler, held in memory: `only` limits the problems to the files a call may change. */
export interface BackendChecker {
  check(files: ReadonlyMap<string, string>, only?: (path: string) => boolean): Issue[];
}

/**
 * What the Realize phase needs of the target that renders the project: everything the earlier artifacts
 * settle, the files the model's bodies complete (with the lines they fill), and a compiler for the whole.
 */
export interface RealizeTarget extends InterfaceTarget {
  /** The backend files that follow mechanically from the earlier artifacts: all but the services and derived values. */
  renderBackendBase(input: BackendInput): RenderedFiles;
  /** The module's service around the bodies of `realized`; `$.helpers`, `$.operations[i].body` regions. */
  renderService(api: InterfaceArtifact, database: DatabaseArtifact, realized: RealizedModule): RenderedCode;
  /** The module's derived values around their bodies (`$.derived[i].body`); undefined when it has none. */
  renderDerived(api: InterfaceArtifact, database: DatabaseArtifact, realized: RealizedModule): RenderedCode | undefined;
  backendChecker(database: DatabaseArtifact, databaseId: DatabaseId): BackendChecker;
}
