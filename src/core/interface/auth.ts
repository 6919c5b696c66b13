import type { DatabaseArtifact, DbField, DbModel } from '../database/types';
import { scalarOf } from '../scalars';
import { pascalCase } from '../names/generated';
import type { AuthSpec, DtoProperty, DtoSchema, InterfaceArtifact, PropertyType } from './types';

/**
 * Sign-up and login follow mechanically from an `AuthSpec`: these are their routes and DTOs, shared by
 * the OpenAPI renderer, the auth code renderer and the test renderer.
 */
export interface AuthRoutes {
  spec: AuthSpec;
  /** Only for an actor who registers themselves (`signUp` not false). */
  signup?: { operationId: string; path: string; body: DtoSchema };
  /** One login per account model: every actor sharing it logs in here and learns its actor from the answer. */
  login: { operationId: string; path: string; body: DtoSchema };
  /** Answer of both: `{ accessToken, tokenType: 'Bearer', id }`, plus `actor` where several share the model. */
  token: DtoSchema;
  /** The account model's id field (its type decides the session's id type). */
  idField: DbField;
  /** Every actor whose accounts live in this model, this one included, in artifact order. */
  group: AuthSpec[];
  /** What a new account of the actor holds besides the password: the identifier and the required plain columns. */
  fields: DtoProperty[];
}

export const PASSWORD_PROPERTY: DtoProperty = { name: 'password', type: 'string', minLength: 8, maxLength: 128, description: 'At least 8 characters.' };

/** The actor's password property: at least its `passwordMinLength` (8 by default), at most 128 characters. */
export function passwordProperty(spec: AuthSpec): DtoProperty {
  const minLength = Math.max(PASSWORD_PROPERTY.minLength!, spec.passwordMinLength ?? 0);
  return { ...PASSWORD_PROPERTY, minLength, description: `At least ${minLength} characters.` };
}

/**
 * A property as the server checks it: a password staff set (`"format": "password"`) has the limits
 * sign-up has, whatever the design says less. The DTO class and the OpenAPI document both read this.
 */
export function checkedProperty(api: InterfaceArtifact, dto: DtoSchema, property: DtoProperty): DtoProperty {
  if (property.format !== 'password') return property;
  const account = api.authentication.find((spec) => spec.model === dto.model && spec.password === property.column);
  const floor = Math.max(PASSWORD_PROPERTY.minLength!, account?.passwordMinLength ?? 0);
  return { ...property, minLength: Math.max(property.minLength ?? 0, floor), maxLength: Math.min(property.maxLength ?? PASSWORD_PROPERTY.maxLength!, PASSWORD_PROPERTY.maxLength!) };
}

/** The actors whose accounts live in `spec.model`, in artifact order (one entry per actor). */
export function accountGroup(specs: readonly AuthSpec[], spec: AuthSpec): AuthSpec[] {
  const seen = new Set<string>();
  return specs.filter((other) => other.model === spec.model && !seen.has(other.actor) && seen.add(other.actor));
}

/** Whether the actor registers themselves (`POST {path}/signup`). */
export const signsUp = (spec: AuthSpec): boolean => spec.signUp !== false;

/** Name of the login and token of an account group: the actor's when it is alone, the model's when several share it. */
export function loginName(group: readonly AuthSpec[]): string {
  return group.length > 1 ? pascalCase(group[0]!.model) : pascalCase(group[0]!.actor);
}

export function authRoutes(spec: AuthSpec, database: DatabaseArtifact, specs: readonly AuthSpec[] = [spec]): AuthRoutes {
  const model = database.models.find((candidate) => candidate.name === spec.model);
  if (!model) throw new Error(`authentication of "${spec.actor}" names the unknown model "${spec.model}"`);
  const idField = model.fields.find((field) => field.id);
  if (!idField) throw new Error(`model "${spec.model}" has no single-field id`);
  const group = accountGroup(specs.includes(spec) ? specs : [...specs, spec], spec);
  const actor = pascalCase(spec.actor);
  const name = loginName(group);
  const identifier = identifierProperty(spec, model);
  const fields = [identifier, ...extraSignupColumns(spec, model)];
  const base = spec.path.replace(/\/+$/, '');
  const who = group.length > 1 ? group.map((member) => member.actor).join(' or ') : spec.actor;
  const token: DtoSchema = {
    name: `${name}Token`,
    kind: 'response',
    description: `A bearer token for a ${who}.`,
    properties: [
      { name: 'accessToken', type: 'string', description: 'Send as `Authorization: Bearer <accessToken>`.' },
      { name: 'tokenType', type: 'string', enum: ['Bearer'] },
      { name: 'id', type: scalarPropertyType(idField.type), description: `Id of the ${who}.` },
      ...(group.length > 1 ? [{ name: 'actor', type: 'string' as const, enum: group.map((member) => member.actor), description: 'Who the account signs in as: what its routes are.' }] : []),
    ],
  };
  return {
    spec,
    idField,
    group,
    fields,
    token,
    signup: signsUp(spec)
      ? {
          operationId: `signUp${actor}`,
          path: `${base}/signup`,
          body: {
            name: `SignUp${actor}Body`,
            kind: 'body',
            model: spec.model,
            description: `A new ${spec.actor} account.`,
            properties: [identifier, passwordProperty(spec), ...fields.slice(1), ...optionalSignupColumns(spec, model)],
          },
        }
      : undefined,
    login: {
      operationId: `logIn${name}`,
      path: `${base}/login`,
      body: { name: `LogIn${name}Body`, kind: 'body', description: `Credentials of a ${who}.`, properties: [{ ...identifier, column: undefined }, { ...PASSWORD_PROPERTY, minLength: 1, description: 'The account password.' }] },
    },
  };
}

/** One routes entry per actor with an account, each knowing its account group. */
export function allAuthRoutes(specs: readonly AuthSpec[], database: DatabaseArtifact): AuthRoutes[] {
  return specs.map((spec) => authRoutes(spec, database, specs));
}

function identifierProperty(spec: AuthSpec, model: DbModel): DtoProperty {
  const isEmail = /e-?mail/i.test(spec.identifier);
  const field = model.fields.find((candidate) => candidate.name === spec.identifier);
  return {
    name: spec.identifier,
    type: 'string',
    column: spec.identifier,
    maxLength: isEmail ? 254 : 100,
    minLength: isEmail ? undefined : 1,
    format: isEmail ? 'email' : undefined,
    description: field?.description,
  };
}

/**
 * Required columns of the account model a sign-up (or a created account) must also fill: no default, not
 * an id, a relation, a secret, the role (set from the actor) or the active flag.
 */
export function extraSignupColumns(spec: AuthSpec, model: DbModel): DtoProperty[] {
  const models = new Set<string>();
  const own = new Set([spec.identifier, spec.password, spec.role?.column, spec.active]);
  return model.fields
    .filter((field) => !own.has(field.name))
    .filter((field) => !field.optional && !field.list && !field.id && !field.default && !field.updatedAt && !field.secret && !field.relation && !models.has(field.type))
    .filter((field) => !model.fields.some((other) => other.relation?.fields.includes(field.name)))
    .filter((field) => scalarPropertyType(field.type) !== 'object')
    .map((field) => ({ name: field.name, type: scalarPropertyType(field.type), column: field.name, description: field.description, ...(field.type === 'String' ? { minLength: 1, maxLength: 200 } : {}) }));
}

/** The optional columns the AuthSpec lets a sign-up fill (`signUpFields`), each optional in the body. */
function optionalSignupColumns(spec: AuthSpec, model: DbModel): DtoProperty[] {
  return (spec.signUpFields ?? []).flatMap((name) => {
    const field = model.fields.find((candidate) => candidate.name === name);
    if (!field || scalarPropertyType(field.type) === 'object') return [];
    return [{ name: field.name, type: scalarPropertyType(field.type), column: field.name, optional: true, nullable: true, description: field.description, ...(field.type === 'String' ? { minLength: 1, maxLength: 200 } : {}) }];
  });
}

/** The JSON type a column's values take in DTOs; `object` for anything that is not a scalar (relations, enums are strings). */
export function scalarPropertyType(type: string): PropertyType {
  return scalarOf(type)?.plainJson ?? 'object';
}

/** A body that sets an account's password: its collector hashes it, so it is async. */
export const hashesPassword = (dto: DtoSchema): boolean => dto.properties.some((property) => property.format === 'password' && property.column !== undefined);
