import type { JsonSchema } from '../model/chat';
import { AUTH_PREFIX_MAX, DTO_NAME_MAX, IDENTIFIER_MAX, MODULE_NAME_MAX, OPERATION_PATH_MAX, REFUSAL_CODE_MAX, REFUSAL_MESSAGE_MAX } from '../names/limits';
import { PROPERTY_TYPES } from './types';

/**
 * The JSON schema of the whole `InterfaceArtifact`, and its parts the Interface calls fill (the plan's
 * authentication in planSchema.ts, DTOs and operations in moduleSchema.ts). Inline (no `$ref`), with
 * short descriptions, because small models read every word of it. Sign-up and login are not in it:
 * code derives them from `authentication`. Name lengths are explained in `check.ts`; strings that refer to
 * something declared elsewhere (a model, a column, a DTO) are checked against it instead.
 */
const NAME_PASCAL = { type: 'string', pattern: '^[A-Z][A-Za-z0-9]*$', maxLength: DTO_NAME_MAX };
const NAME_CAMEL = { type: 'string', pattern: '^[a-z][A-Za-z0-9]*$', maxLength: IDENTIFIER_MAX };

const propertySchema: JsonSchema = {
  type: 'object',
  required: ['name', 'type'],
  additionalProperties: false,
  properties: {
    name: { ...NAME_CAMEL, description: 'JSON name, camelCase' },
    type: {
      type: 'string',
      enum: [...PROPERTY_TYPES],
      description:
        '"object" nests the response DTO named in "dto"; "date" is a day without a time ("2030-02-28", DateTime column); "decimal" is exact money as a string ("12.50", Decimal column); "duration" is a whole number of the unit its name ends with (Seconds, Minutes, Hours, Days), Int column',
    },
    description: { type: 'string' },
    column: { type: 'string', description: "field of the DTO's model this property maps to (required in response and body DTOs with a model); for \"object\", the relation field" },
    dto: { type: 'string', description: 'only with type "object": the nested response DTO' },
    list: { type: 'boolean', description: 'an array of this type' },
    optional: { type: 'boolean', description: 'may be left out of a request; never in responses' },
    nullable: { type: 'boolean', description: 'may be null; required in responses for optional columns' },
    format: { type: 'string', enum: ['email', 'password'], description: '"password": only in a body DTO on the account model\'s password column, for a password staff give an account they create (stored hashed)' },
    enum: { type: 'array', items: { type: 'string' }, minItems: 1, description: 'allowed values of a string' },
    minLength: { type: 'integer', minimum: 0 },
    maxLength: { type: 'integer', minimum: 1 },
    pattern: { type: 'string', maxLength: 200, description: 'only "string": a regular expression the whole value must match, e.g. "[0-9]{13}" for an ISBN-13 or "[A-Z]{2}[0-9]{4}" for a code' },
    minimum: { type: 'number' },
    maximum: { type: 'number' },
    scale: { type: 'integer', minimum: 0, maximum: 10, description: 'only "decimal": digits after the point, e.g. 2 for money' },
    precision: { type: 'integer', minimum: 1, maximum: 15, description: 'only "decimal": digits in all (default 15)' },
    default: { type: ['string', 'number', 'boolean'], description: 'query DTOs only: value when left out' },
    count: {
      type: 'object',
      required: ['relation'],
      additionalProperties: false,
      description: 'response DTOs with a model, instead of "column": an integer counting the rows of a list relation',
      properties: {
        relation: { type: 'string', description: 'list relation field of the model, e.g. "comments"' },
        where: {
          type: 'array',
          description: 'count only rows meeting every condition, e.g. [{"column": "status", "in": ["confirmed"]}], [{"column": "returnedAt", "isNull": true}]',
          items: {
            type: 'object',
            required: ['column'],
            additionalProperties: false,
            properties: {
              column: { type: 'string', description: 'column of the related model' },
              in: { type: 'array', items: { type: ['string', 'number', 'boolean'] }, minItems: 1, description: 'the values counted' },
              isNull: { type: 'boolean', description: 'true: only rows where it is null; false: only where it is set' },
            },
          },
        },
      },
    },
    derived: {
      type: 'object',
      required: ['uses'],
      additionalProperties: false,
      description: 'response DTOs with a model, instead of "column": a value computed from the row and the current time (e.g. days late), written as code later',
      properties: { uses: { type: 'array', items: { type: 'string' }, description: 'columns of the model it is computed from' } },
    },
  },
};

export const dtoSchema: JsonSchema = {
  type: 'object',
  required: ['name', 'kind', 'description', 'properties'],
  additionalProperties: false,
  properties: {
    name: { ...NAME_PASCAL, description: 'e.g. "CreateTodoBody", "TodoListQuery", "Todo", "TodoPage"; not a framework name such as Post, Query, Body, Type or Date' },
    kind: { type: 'string', enum: ['body', 'query', 'response'], description: 'JSON request body, query string, or answer' },
    description: { type: 'string', minLength: 1 },
    model: { type: 'string', description: 'model whose columns the properties are (response and body DTOs: every property has a "column", or in responses a "count" or "derived"); leave out for pages' },
    properties: { type: 'array', items: propertySchema, minItems: 1 },
  },
};

export const operationSchema: JsonSchema = {
  type: 'object',
  required: ['id', 'module', 'section', 'summary', 'method', 'path', 'actor', 'params', 'status', 'errors'],
  additionalProperties: false,
  properties: {
    id: { ...NAME_CAMEL, description: 'unique verb + resource, e.g. "listTodos"' },
    module: { type: 'string', pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$', maxLength: MODULE_NAME_MAX, description: 'feature module, e.g. "todos" or "todo-lists"' },
    section: { type: 'string', description: 'id of the requirement section it serves' },
    summary: { type: 'string', minLength: 1 },
    method: { type: 'string', enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] },
    path: { type: 'string', pattern: '^/', maxLength: OPERATION_PATH_MAX, description: 'e.g. "/todos/{id}"; lower-case words, parameters in braces' },
    actor: { type: 'string', description: 'actor allowed to call it' },
    scope: { type: 'string', enum: ['own', 'all'], description: 'which records "actor" reaches: "own" (only records tied to its account; another\'s answer 404) or "all". Default: "own" for members, "all" for staff' },
    alsoAllowed: {
      type: 'array',
      description: 'further actors who may call it, each with its scope, e.g. [{"actor": "receptionist", "scope": "all"}] when staff see every patient\'s bookings',
      items: {
        type: 'object',
        required: ['actor', 'scope'],
        additionalProperties: false,
        properties: { actor: { type: 'string' }, scope: { type: 'string', enum: ['own', 'all'] } },
      },
    },
    model: { type: 'string', description: 'main model read or written' },
    params: {
      type: 'array',
      description: 'one per {name} in the path',
      items: {
        type: 'object',
        required: ['name', 'type'],
        additionalProperties: false,
        properties: {
          name: { ...NAME_CAMEL, description: 'e.g. "id" or "listId"; not "query", "body" or the actor\'s name' },
          type: { type: 'string', enum: ['integer', 'string'] },
          column: { type: 'string', description: "field of the operation's model it identifies, e.g. \"id\"" },
        },
      },
    },
    query: { type: 'string', description: 'name of a query DTO' },
    body: { type: 'string', description: 'name of a body DTO; not for GET or DELETE' },
    response: { type: 'string', description: 'name of a response DTO; leave out with status 204' },
    responseList: { type: 'boolean', description: 'the answer is an array of "response"' },
    status: { type: 'integer', enum: [200, 201, 204], description: '201 for create, 204 when nothing is answered' },
    errors: {
      type: 'array',
      description: 'error answers besides 400/401, e.g. 404 for an unknown id',
      items: {
        type: 'object',
        required: ['status', 'description'],
        additionalProperties: false,
        properties: { status: { type: 'integer', enum: [400, 401, 403, 404, 409] }, description: { type: 'string', minLength: 1 } },
      },
    },
    refusals: {
      type: 'array',
      description: 'what the business rules refuse, one entry per distinct refusal, e.g. a fourth active loan (409), approving one\'s own request (403)',
      items: {
        type: 'object',
        required: ['code', 'status', 'message'],
        additionalProperties: false,
        properties: {
          code: { type: 'string', pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$', maxLength: REFUSAL_CODE_MAX, description: 'kebab-case, e.g. "loan-limit-reached"; the same code means the same refusal across the module' },
          status: { type: 'integer', enum: [403, 409, 422], description: '409: conflicts with the current state; 403: a rule forbids this caller; 422: the request is valid but breaks a rule' },
          message: { type: 'string', minLength: 1, maxLength: REFUSAL_MESSAGE_MAX, description: 'what the caller is told, one sentence' },
        },
      },
    },
  },
};

export const AUTHENTICATION_SCHEMA: JsonSchema = {
  type: 'array',
  description: 'one entry per actor that logs in; sign-up and login routes are generated from it. Actors on one account model share its login and are told apart by "role"',
  items: {
    type: 'object',
    required: ['actor', 'model', 'identifier', 'password', 'path'],
    additionalProperties: false,
    properties: {
      actor: { type: 'string', description: 'a member or admin actor' },
      model: { type: 'string', description: 'model of the accounts, e.g. "User"; several actors may share one (with "role")' },
      identifier: { type: 'string', description: 'unique String column used to log in, e.g. "email"' },
      password: { type: 'string', description: 'secret String column holding the password hash' },
      path: { type: 'string', pattern: '^/', maxLength: AUTH_PREFIX_MAX, description: 'route prefix, e.g. "/auth"; the same for actors sharing a model, different across models' },
      role: {
        type: 'object',
        required: ['column', 'value'],
        additionalProperties: false,
        description: 'only when several actors share the model: the enum or String column telling them apart and this actor\'s value, e.g. {"column": "role", "value": "DOCTOR"}',
        properties: { column: { type: 'string' }, value: { type: 'string' } },
      },
      signUp: { type: 'boolean', description: 'false when nobody registers as this actor (staff accounts made by another actor\'s operation, or the create-account script); default true' },
      active: { type: 'string', description: 'Boolean column (default true) that is false for a deactivated account: it cannot log in or call anything' },
      passwordMinLength: { type: 'integer', minimum: 8, maximum: 64, description: 'shortest password, when the requirements ask for more than 8 characters' },
      signUpFields: { type: 'array', items: { type: 'string' }, description: 'optional columns a sign-up may also fill, e.g. ["phone", "birthDate"] (required plain columns always are)' },
    },
  },
};

export const INTERFACE_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['authentication', 'dtos', 'operations'],
  additionalProperties: false,
  properties: {
    authentication: AUTHENTICATION_SCHEMA,
    dtos: { type: 'array', items: dtoSchema },
    operations: { type: 'array', items: operationSchema, minItems: 1 },
  },
};
