import type { DatabaseArtifact, DbField } from '../../../database/types';
import { type AuthRoutes, authRoutes, scalarPropertyType } from '../../../interface/auth';
import { currentActorDecorator, guardName, sessionType } from '../../../interface/names';
import type { InterfaceArtifact } from '../../../interface/types';

/** One actor with an account, with every name and type the auth renderers need. */
export interface AuthActor {
  /** Actor name as in the artifact (`member`): the token's `actor` claim and the session's key. */
  name: string;
  routes: AuthRoutes;
  /** `MemberGuard`, `MemberSession`, `CurrentMember`, `MemberToken`. */
  guard: string;
  session: string;
  decorator: string;
  token: string;
  /** Prisma delegate of the account model: `User` -> `user`. */
  delegate: string;
  identifier: string;
  /** The identifier is unique (or the id): logins look it up with `findUnique`. */
  identifierUnique: boolean;
  /** TypeScript type of the account id in tokens and sessions. */
  idType: 'number' | 'string';
  /** Expression turning `account.id` into `idType` (BigInt ids travel as strings in JSON). */
  idValue: string;
  /** Sign-up body properties that are unique columns: a taken one answers 409. */
  uniqueColumns: string[];
}

export function authActors(api: InterfaceArtifact, database: DatabaseArtifact): AuthActor[] {
  return api.authentication.map((spec) => {
    const routes = authRoutes(spec, database);
    const fields = new Map<string, DbField>(database.models.find((model) => model.name === spec.model)!.fields.map((field) => [field.name, field]));
    const isUnique = (name: string) => Boolean(fields.get(name)?.unique || fields.get(name)?.id);
    const numericId = ['integer', 'number'].includes(scalarPropertyType(routes.idField.type));
    return {
      name: spec.actor,
      routes,
      guard: guardName(spec.actor),
      session: sessionType(spec.actor),
      decorator: currentActorDecorator(spec.actor),
      token: routes.token.name,
      delegate: spec.model[0]!.toLowerCase() + spec.model.slice(1),
      identifier: spec.identifier,
      identifierUnique: isUnique(spec.identifier),
      idType: numericId ? 'number' : 'string',
      idValue: routes.idField.type === 'BigInt' ? 'String(account.id)' : 'account.id',
      uniqueColumns: routes.signup.body.properties.filter((property) => property.column && isUnique(property.column)).map((property) => property.name),
    };
  });
}

/** `email` -> `Email`, `[email, username]` -> `Email or username`: for messages. */
export function sentenceList(names: string[]): string {
  const words = names.map((name) => name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase());
  const text = words.join(' or ');
  return text[0]!.toUpperCase() + text.slice(1);
}
