import type { DatabaseArtifact, DbField } from '../../../database/types';
import { allAuthRoutes, type AuthRoutes, scalarPropertyType } from '../../../interface/auth';
import { currentActorDecorator, guardName, sessionType } from '../../../names/generated';
import type { InterfaceArtifact } from '../../../interface/types';

/** One actor with an account, with every name and type the auth renderers need. */
export interface AuthActor {
  /** Actor name as in the artifact (`member`): the token's `actor` claim and the session's key. */
  name: string;
  routes: AuthRoutes;
  /** `MemberGuard`, `MemberSession`, `CurrentMember`. */
  guard: string;
  session: string;
  decorator: string;
  /** The account model it signs in with, shared with the other actors of the same model. */
  account: AuthAccount;
  /** The value of the account's role column that makes an account this actor's (several actors on one model). */
  roleValue?: string;
  /** Sign-up body properties that are unique columns: a taken one answers 409. */
  uniqueColumns: string[];
}

/** One account model and its login, shared by every actor whose accounts it holds. */
export interface AuthAccount {
  model: string;
  /** Prisma delegate of the account model: `User` -> `user`. */
  delegate: string;
  identifier: string;
  /** The identifier is unique (or the id): logins look it up with `findUnique`. */
  identifierUnique: boolean;
  password: string;
  /** Column telling the actors apart, where several share the model. */
  roleColumn?: string;
  /** Boolean column that is false for a deactivated account. */
  activeColumn?: string;
  /** `MemberToken` / `UserToken`: the login's (and sign-ups') answer. */
  token: string;
  /** TypeScript type of the account id in tokens and sessions. */
  idType: 'number' | 'string';
  /** Expression turning `account.id` into `idType` (BigInt ids travel as strings in JSON). */
  idValue: string;
  /** The routes of the account's first actor: its login, token and id field are the account's. */
  routes: AuthRoutes;
  actors: AuthActor[];
}

export function authActors(api: InterfaceArtifact, database: DatabaseArtifact): AuthActor[] {
  return authAccounts(api, database).flatMap((account) => account.actors);
}

/** The account models in the order of their first actor, each with its actors in artifact order. */
export function authAccounts(api: InterfaceArtifact, database: DatabaseArtifact): AuthAccount[] {
  const accounts = new Map<string, AuthAccount>();
  const seen = new Set<string>();
  for (const routes of allAuthRoutes(api.authentication, database)) {
    const { spec } = routes;
    if (seen.has(spec.actor)) continue;
    seen.add(spec.actor);
    const fields = new Map<string, DbField>(database.models.find((model) => model.name === spec.model)!.fields.map((field) => [field.name, field]));
    const isUnique = (name: string) => Boolean(fields.get(name)?.unique || fields.get(name)?.id);
    let account = accounts.get(spec.model);
    if (!account) {
      const numericId = ['integer', 'number'].includes(scalarPropertyType(routes.idField.type));
      account = {
        model: spec.model,
        delegate: spec.model[0]!.toLowerCase() + spec.model.slice(1),
        identifier: spec.identifier,
        identifierUnique: isUnique(spec.identifier),
        password: spec.password,
        roleColumn: spec.role?.column,
        activeColumn: spec.active,
        token: routes.token.name,
        idType: numericId ? 'number' : 'string',
        idValue: routes.idField.type === 'BigInt' ? 'String(account.id)' : 'account.id',
        routes,
        actors: [],
      };
      accounts.set(spec.model, account);
    }
    account.actors.push({
      name: spec.actor,
      routes,
      guard: guardName(spec.actor),
      session: sessionType(spec.actor),
      decorator: currentActorDecorator(spec.actor),
      account,
      roleValue: spec.role?.value,
      uniqueColumns: (routes.signup?.body.properties ?? []).filter((property) => property.column && isUnique(property.column)).map((property) => property.name),
    });
  }
  return [...accounts.values()];
}

/** `email` -> `Email`, `[email, username]` -> `Email or username`: for messages. */
export function sentenceList(names: string[]): string {
  const words = names.map((name) => name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase());
  const text = words.join(' or ');
  return text[0]!.toUpperCase() + text.slice(1);
}
