import type { DatabaseArtifact, DbField, DbModel } from '../database/types';
import { pascalCase } from './names';
import type { AuthSpec, DtoProperty, DtoSchema, PropertyType } from './types';

/**
 * Sign-up and login follow mechanically from an `AuthSpec`: these are their routes and DTOs, shared by
 * the OpenAPI renderer, the auth code renderer and the test renderer.
 */
export interface AuthRoutes {
  spec: AuthSpec;
  signup: { operationId: string; path: string; body: DtoSchema };
  login: { operationId: string; path: string; body: DtoSchema };
  /** Answer of both: `{ accessToken, tokenType: 'Bearer', id }`. */
  token: DtoSchema;
  /** The account model's id field (its type decides the session's id type). */
  idField: DbField;
}

export const PASSWORD_PROPERTY: DtoProperty = { name: 'password', type: 'string', minLength: 8, maxLength: 128, description: 'At least 8 characters.' };

export function authRoutes(spec: AuthSpec, database: DatabaseArtifact): AuthRoutes {
  const model = database.models.find((candidate) => candidate.name === spec.model);
  if (!model) throw new Error(`authentication of "${spec.actor}" names the unknown model "${spec.model}"`);
  const idField = model.fields.find((field) => field.id);
  if (!idField) throw new Error(`model "${spec.model}" has no single-field id`);
  const actor = pascalCase(spec.actor);
  const identifier = identifierProperty(spec, model);
  const base = spec.path.replace(/\/+$/, '');
  return {
    spec,
    idField,
    signup: {
      operationId: `signUp${actor}`,
      path: `${base}/signup`,
      body: {
        name: `SignUp${actor}Body`,
        kind: 'body',
        model: spec.model,
        description: `A new ${spec.actor} account.`,
        properties: [identifier, PASSWORD_PROPERTY, ...extraSignupColumns(spec, model)],
      },
    },
    login: {
      operationId: `logIn${actor}`,
      path: `${base}/login`,
      body: { name: `LogIn${actor}Body`, kind: 'body', description: `Credentials of a ${spec.actor}.`, properties: [{ ...identifier, column: undefined }, { ...PASSWORD_PROPERTY, minLength: 1, description: 'The account password.' }] },
    },
    token: {
      name: `${actor}Token`,
      kind: 'response',
      description: `A bearer token for a ${spec.actor}.`,
      properties: [
        { name: 'accessToken', type: 'string', description: 'Send as `Authorization: Bearer <accessToken>`.' },
        { name: 'tokenType', type: 'string', enum: ['Bearer'] },
        { name: 'id', type: scalarPropertyType(idField.type), description: `Id of the ${spec.actor}.` },
      ],
    },
  };
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

/** Required columns of the account model a sign-up must also fill: no default, not an id, not a relation or secret. */
function extraSignupColumns(spec: AuthSpec, model: DbModel): DtoProperty[] {
  const models = new Set<string>();
  return model.fields
    .filter((field) => field.name !== spec.identifier && field.name !== spec.password)
    .filter((field) => !field.optional && !field.list && !field.id && !field.default && !field.updatedAt && !field.secret && !field.relation && !models.has(field.type))
    .filter((field) => !model.fields.some((other) => other.relation?.fields.includes(field.name)))
    .filter((field) => scalarPropertyType(field.type) !== 'object')
    .map((field) => ({ name: field.name, type: scalarPropertyType(field.type), column: field.name, description: field.description, ...(field.type === 'String' ? { minLength: 1, maxLength: 200 } : {}) }));
}

/** The JSON type a column's values take in DTOs; `object` for anything that is not a scalar (relations, enums are strings). */
export function scalarPropertyType(type: string): PropertyType {
  switch (type) {
    case 'String':
    case 'Decimal':
    case 'Bytes':
    case 'BigInt':
      return 'string';
    case 'Int':
      return 'integer';
    case 'Float':
      return 'number';
    case 'Boolean':
      return 'boolean';
    case 'DateTime':
      return 'date-time';
    default:
      return 'object';
  }
}
