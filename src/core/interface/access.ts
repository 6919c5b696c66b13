import type { AccessScope, Grant, InterfaceArtifact, Operation } from './types';

/** An actor as the Analyze phase names it; only `kind` matters here (`guest` needs no sign-in). */
export interface ActorKind {
  name: string;
  kind: string;
}

/**
 * The scope an actor has when the operation does not say: a member reaches its own records, staff and
 * guests reach all (a guest's "all" is the public view). Without the analysis, only `guest` is a guest
 * and any other actor is taken for a member.
 */
export function defaultScope(actor: string, actors?: readonly ActorKind[]): AccessScope {
  const kind = actors?.find((candidate) => candidate.name === actor)?.kind ?? (actor === 'guest' ? 'guest' : 'member');
  return kind === 'member' ? 'own' : 'all';
}

/** Every actor the operation lets in, its own actor first, each once, with the scope it has. */
export function grantsOf(operation: Operation, actors?: readonly ActorKind[]): Grant[] {
  const grants: Grant[] = [{ actor: operation.actor, scope: operation.scope ?? defaultScope(operation.actor, actors) }];
  for (const grant of operation.alsoAllowed ?? []) {
    if (!grants.some((known) => known.actor === grant.actor)) grants.push({ actor: grant.actor, scope: grant.scope ?? defaultScope(grant.actor, actors) });
  }
  return grants;
}

/** Whether `actor` signs in: it has an authentication entry and is not a guest. */
export function signsIn(api: InterfaceArtifact, actor: string, actors?: readonly ActorKind[]): boolean {
  if (actors?.find((candidate) => candidate.name === actor)?.kind === 'guest') return false;
  return api.authentication.some((spec) => spec.actor === actor);
}

/**
 * The signed-in actors an operation lets in, in the order of their authentication entries (so one set
 * of actors has one guard, whatever order the grants list them in); empty for a public operation. An actor of
 * kind `member` or `admin` without authentication is refused rather than left open.
 */
export function sessionActors(api: InterfaceArtifact, operation: Operation, actors?: readonly ActorKind[]): string[] {
  const out: string[] = [];
  for (const grant of grantsOf(operation, actors)) {
    const known = actors?.find((actor) => actor.name === grant.actor);
    if (known?.kind === 'guest') continue;
    if (api.authentication.some((spec) => spec.actor === grant.actor)) out.push(grant.actor);
    else if (known) throw new Error(`operation "${operation.id}" is for the ${known.kind} actor "${grant.actor}", which has no authentication to guard it`);
  }
  const order = (actor: string) => api.authentication.findIndex((spec) => spec.actor === actor);
  return out.sort((a, b) => order(a) - order(b));
}

/** The grants of actors reaching only their own records. */
export const ownScoped = (operation: Operation, actors?: readonly ActorKind[]): Grant[] => grantsOf(operation, actors).filter((grant) => grant.scope === 'own');

/** "patient (own records), receptionist (all records)": who may call an operation, for documents. */
export function describeGrants(api: InterfaceArtifact, operation: Operation, actors?: readonly ActorKind[]): string {
  const grants = grantsOf(operation, actors);
  if (!grants.some((grant) => signsIn(api, grant.actor, actors))) return `${operation.actor} (public)`;
  return grants.map((grant) => `${grant.actor} (${grant.scope === 'own' ? 'own records' : 'all records'})`).join(', ');
}
