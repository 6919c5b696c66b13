import type { ActorKind, AnalyzeArtifact } from '../analyze/types';
import type { Issue } from '../diagnostics/issue';
import type { DbEnum, DbField, DbModel } from '../database/types';
import { missing } from '../diagnostics/nearMiss';
import { camelCase } from '../names/generated';
import type { AuthSpec, DtoSchema, InterfaceArtifact } from './types';

/** What every Interface rule reads: the artifact, the data model (with back-relations) and where to report. */
export interface InterfaceCheck {
  artifact: InterfaceArtifact;
  analysis?: AnalyzeArtifact;
  models: Map<string, DbModel>;
  enums: Map<string, DbEnum>;
  /** The first DTO of each name (duplicates are reported once, by the name rules). */
  dtos: Map<string, DtoSchema>;
  /** The first authentication entry of each actor. */
  auth: Map<string, AuthSpec>;
  /** `needs`: the earlier phase whose artifact must change for this to be fixed (see `Issue.needs`). */
  error(path: string, message: string, needs?: 'analyze' | 'database'): void;
  warning(path: string, message: string): void;
  /**
   * An error for a name an earlier artifact lacks (see `missing`): `message` gets the hint of a near miss,
   * and the issue `needs` that phase only when it is no slip.
   */
  lacks(path: string, message: string, name: string, candidates: Iterable<string>, phase: 'analyze' | 'database'): void;
  /** Whether an error is already reported at `path` or inside it: a later rule then keeps quiet about it. */
  reported(path: string): boolean;
}

export function makeCheck(
  artifact: InterfaceArtifact,
  analysis: AnalyzeArtifact | undefined,
  models: DbModel[],
  enums: DbEnum[],
  issues: Issue[],
): InterfaceCheck {
  const dtos = new Map<string, DtoSchema>();
  for (const dto of artifact.dtos) if (!dtos.has(dto.name)) dtos.set(dto.name, dto);
  const auth = new Map<string, AuthSpec>();
  for (const spec of artifact.authentication) if (!auth.has(spec.actor)) auth.set(spec.actor, spec);
  const error: InterfaceCheck['error'] = (path, message, needs) => void issues.push({ severity: 'error', source: 'interface', path, message, ...(needs ? { needs } : {}) });
  return {
    artifact,
    analysis,
    models: new Map(models.map((model) => [model.name, model])),
    enums: new Map(enums.map((dbEnum) => [dbEnum.name, dbEnum])),
    dtos,
    auth,
    error,
    warning: (path, message) => issues.push({ severity: 'warning', source: 'interface', path, message }),
    lacks: (path, message, name, candidates, phase) => {
      const { hint, needs } = missing(name, candidates, phase);
      error(path, `${message}${hint}`, needs);
    },
    reported: (path) => issues.some((issue) => issue.severity === 'error' && issue.path !== undefined && (issue.path === path || issue.path.startsWith(`${path}.`) || issue.path.startsWith(`${path}[`))),
  };
}

/**
 * The actor's kind: from the analysis when there is one; otherwise an actor named `guest` is a guest
 * and any other actor must log in.
 */
export function actorKind(check: InterfaceCheck, actor: string): ActorKind | undefined {
  if (check.analysis) return check.analysis.actors.find((candidate) => candidate.name === actor)?.kind;
  return actor === 'guest' ? 'guest' : 'member';
}

export function fieldOf(model: DbModel | undefined, name: string | undefined): DbField | undefined {
  return name === undefined ? undefined : model?.fields.find((field) => field.name === name);
}

/** `camelCase(name)`, the identifier generated code gives a module's service field or an actor's session; safe for names without letters. */
export const identifierOf = (name: string): string => (/[A-Za-z0-9]/.test(name) ? camelCase(name) : name);

/** The actor whose session an operation receives (as a parameter named `camelCase(actor)`), or undefined for guests. */
export function sessionActorOf(check: InterfaceCheck, actor: string): string | undefined {
  return check.auth.has(actor) && actorKind(check, actor) !== 'guest' ? actor : undefined;
}

/** `title, description, ...` for messages that list what would have been valid. */
export const listNames = (names: Iterable<string>): string => [...names].join(', ') || 'none';

/** The foreign key fields of `model` and the relation field holding each. */
export function foreignKeys(model: DbModel): Map<string, DbField> {
  const keys = new Map<string, DbField>();
  for (const field of model.fields) for (const key of field.relation?.fields ?? []) keys.set(key, field);
  return keys;
}
