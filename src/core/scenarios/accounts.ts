import type { DatabaseArtifact } from '../database/types';
import { authRoutes, type AuthRoutes } from '../interface/auth';
import type { AuthSpec, InterfaceArtifact, PropertyType } from '../interface/types';

/**
 * Who signs in, as the tests see it: an actor with an `AuthSpec` signs up for a session before calling
 * its operations; any other actor (guests) calls without a token.
 */
export function authOf(api: InterfaceArtifact, actor: string): AuthSpec | undefined {
  return api.authentication.find((spec) => spec.actor === actor);
}

/** Sign-up and login of an actor, or undefined when it has none or its AuthSpec is broken (the Interface phase reports that). */
export function routesOf(api: InterfaceArtifact, database: DatabaseArtifact, actor: string): AuthRoutes | undefined {
  const spec = authOf(api, actor);
  if (!spec) return undefined;
  try {
    return authRoutes(spec, database, api.authentication);
  } catch {
    return undefined;
  }
}

/**
 * Fields `$session.<field>` may name: the id the sign-up (or login) answered and what the account was
 * made with (identifier, other required columns, and the password it signs in with). Undefined for guests.
 */
export function sessionFields(api: InterfaceArtifact, database: DatabaseArtifact, actor: string): Map<string, PropertyType | undefined> | undefined {
  if (!authOf(api, actor)) return undefined;
  const routes = routesOf(api, database, actor);
  if (!routes) return new Map([['id', undefined]]);
  const fields = new Map<string, PropertyType | undefined>([['id', routes.token.properties.find((p) => p.name === 'id')?.type]]);
  for (const property of routes.fields) fields.set(property.name, property.type);
  // Known to the test, never to an answer: a scenario changing its own password sends the current one.
  fields.set('password', 'string');
  return fields;
}

/** Keys no response may carry: the secret columns of the data model and the password itself. */
export function secretNames(database: DatabaseArtifact): string[] {
  const names = new Set(['password']);
  for (const model of database.models) for (const field of model.fields) if (field.secret) names.add(field.name);
  return [...names];
}
