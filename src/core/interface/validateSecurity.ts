import type { DbField, DbModel } from '../database/types';
import { grantsOf } from './access';
import { actorKind, fieldOf, foreignKeys, type InterfaceCheck } from './check';
import type { AuthSpec, DtoSchema, Operation } from './types';

/** Words that mark a credential in a property name (`passwordHash`, `resetToken`, `salt`). */
const SECRET_WORDS = new Set(['password', 'passwd', 'secret', 'token', 'hash', 'salt']);
/** Relation and key names that mean "who did it" when a model has several relations to the account model. */
const ACTING_NAMES = ['user', 'owner', 'author', 'creator', 'createdby', 'sender'];

/**
 * What must never cross the API boundary: secrets going out, and the caller's identity coming in
 * (the session knows who is calling; a request that says so can lie).
 */
export function validateSecurity(check: InterfaceCheck): void {
  const index = new Map(check.artifact.dtos.map((dto, d) => [dto, d]));
  check.artifact.dtos.forEach((dto, d) => {
    const model = dto.model === undefined ? undefined : check.models.get(dto.model);
    dto.properties.forEach((property, p) => {
      const path = `$.dtos[${d}].properties[${p}]`;
      const column = fieldOf(model, property.column);
      if (dto.kind === 'response') {
        if (column?.secret) check.error(`${path}.column`, `${model!.name}.${column.name} is secret and never leaves the server: remove "${property.name}" from ${dto.name}`);
        else if (looksSecret(property.name)) check.error(`${path}.name`, `"${property.name}" looks like a credential, which never leaves the server: remove it from ${dto.name}`);
      } else if (dto.kind === 'body' && column?.secret) {
        const accountPassword = check.artifact.authentication.some((spec) => spec.model === model!.name && spec.password === column.name);
        if (accountPassword && property.format !== 'password') {
          check.error(`${path}.format`, `${model!.name}.${column.name} holds password hashes: a body writes it only as a password it hashes, so set "format": "password" on "${property.name}"`);
        } else if (!accountPassword) {
          check.error(`${path}.column`, `${model!.name}.${column.name} is secret: requests never write it (passwords are hashed by the generated sign-up): remove "${property.name}"`);
        }
      }
    });
  });

  const reported = new Set<string>();
  const actors = check.analysis?.actors;
  check.artifact.operations.forEach((operation, o) => {
    const spec = check.auth.get(operation.actor);
    // Guests have no session; an actor reaching all records (staff) legitimately names other accounts,
    // for instance to list one patient's bookings, so only an operation of own records alone is checked.
    if (!spec || actorKind(check, operation.actor) === 'guest' || grantsOf(operation, actors).some((grant) => grant.scope === 'all')) return;
    for (const name of [operation.query, operation.body]) {
      const dto = name === undefined ? undefined : check.dtos.get(name);
      if (dto && dto.kind !== 'response') actingIdInRequest(check, dto, index.get(dto)!, operation, spec, reported);
    }
    ownIdInPath(check, operation, `$.operations[${o}]`, spec);
  });
}

function looksSecret(name: string): boolean {
  return name.split(/(?=[A-Z])|[_-]/).some((word) => SECRET_WORDS.has(word.toLowerCase()));
}

function actingIdInRequest(check: InterfaceCheck, dto: DtoSchema, d: number, operation: Operation, spec: AuthSpec, reported: Set<string>): void {
  const model = dto.model === undefined ? undefined : check.models.get(dto.model);
  const keys = model ? foreignKeys(model) : new Map<string, DbField>();
  const suspicious = new Set(['userid', 'ownerid', `${spec.actor.toLowerCase()}id`, 'authorid', 'createdbyid']);
  dto.properties.forEach((property, p) => {
    const path = `$.dtos[${d}].properties[${p}]`;
    const take = `take it from the session (${spec.actor}.id), not from the request: remove "${property.name}" from ${dto.name}`;
    const relation = property.column === undefined ? undefined : keys.get(property.column);
    let at: string | undefined;
    let message = '';
    if (model && relation && relation.type === spec.model && isActingRelation(model, relation, spec)) {
      at = `${path}.column`;
      message = `${model.name}.${property.column} is the ${spec.actor} behind ${operation.id}; ${take}`;
    } else if (property.column === undefined && suspicious.has(property.name.toLowerCase())) {
      at = `${path}.name`;
      message = `"${property.name}" would let the caller of ${operation.id} claim to be someone else; ${take}`;
    }
    if (at && !reported.has(at)) check.error(at, message);
    if (at) reported.add(at);
  });
}

/**
 * A relation to the account model names the acting user when it is the only one; with several
 * (an author and an assignee), only the one named like the actor or an owner does.
 */
function isActingRelation(model: DbModel, relation: DbField, spec: AuthSpec): boolean {
  // On the account model itself, a relation to another account (a manager) is data, not the caller.
  if (model.name === spec.model) return false;
  const toAccounts = model.fields.filter((field) => field.relation && field.type === spec.model);
  if (toAccounts.length <= 1) return true;
  const names = [relation.name, ...(relation.relation?.fields ?? [])].map((name) => name.toLowerCase().replace(/id$/, ''));
  return names.some((name) => ACTING_NAMES.includes(name) || name === spec.actor.toLowerCase());
}

/**
 * A member changing an account by its id in the path is changing their own (or trying someone
 * else's): `/me` says which without a parameter to tamper with. Reads stay allowed (public profiles).
 */
function ownIdInPath(check: InterfaceCheck, operation: Operation, path: string, spec: AuthSpec): void {
  if (operation.method === 'GET' || operation.model !== spec.model) return;
  const model = check.models.get(spec.model);
  operation.params.forEach((param, p) => {
    if (!fieldOf(model, param.column)?.id) return;
    check.error(
      `${path}.params[${p}]`,
      `a ${spec.actor} changes their own ${spec.model} through the session: use a path without the id, e.g. "/me", and take it from ${spec.actor}.id`,
    );
  });
}
