/**
 * The Interface phase's artifact: the HTTP API as data. Operations say who calls what with which
 * DTOs; DTO properties are linked to the tables and columns of the Database artifact, so collectors
 * (request -> Prisma input) and transformers (row -> response) follow mechanically.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * JSON-level property types; `object` nests another (response) DTO. `date` is a calendar date
 * (`"2030-02-28"`), `decimal` an exact decimal as a string (`"12.50"`, money), `duration` a whole number
 * of the unit its name ends with (`durationMinutes`): their rules are in `values.ts`.
 */
export const PROPERTY_TYPES = ['string', 'integer', 'number', 'boolean', 'date-time', 'date', 'decimal', 'duration', 'object'] as const;
export type PropertyType = (typeof PROPERTY_TYPES)[number];

export interface DtoProperty {
  /** camelCase JSON name. */
  name: string;
  type: PropertyType;
  description?: string;
  /**
   * Column (field) of the DTO's model this property maps to: written by collectors (body DTOs), read
   * by transformers (response DTOs). For `type: "object"`, the relation field whose row is nested.
   */
  column?: string;
  /** For `type: "object"`: the response DTO nested here. */
  dto?: string;
  list?: boolean;
  /** May be left out of a request (body/query DTOs); a response property is always present. */
  optional?: boolean;
  /** May be `null`. */
  nullable?: boolean;
  /**
   * `email` is checked as an e-mail address. `password` (body DTOs only, on the account model's password
   * column): a password staff give an account they create; the collector stores its hash, never the text.
   */
  format?: 'email' | 'password';
  /** Allowed values (string properties). */
  enum?: string[];
  minLength?: number;
  maxLength?: number;
  /** String properties: a regular expression the whole value must match (anchored by Strata), e.g. `[0-9]{13}`. */
  pattern?: string;
  /** Bounds of numbers, durations and decimals (a decimal is compared exactly). */
  minimum?: number;
  maximum?: number;
  /** `decimal`: digits after the point, 0-10 (default 2); answers always carry exactly this many. */
  scale?: number;
  /** `decimal`: digits in all, scale + 1 to 15 (the default). */
  precision?: number;
  /** Query DTOs: the value used when the parameter is left out. */
  default?: string | number | boolean;
  /**
   * Response DTOs with a model: the number of related rows, loaded by the transformer's select
   * (`_count`); an `integer` without `column`.
   */
  count?: RelationCount;
  /**
   * Response DTOs with a model: a value computed from the row by a small pure function whose body the
   * Realize model writes (it gets the selected row and the clock's `now`); no `column`.
   */
  derived?: DerivedValue;
}

/** `count: { relation: "tickets", where: [{ column: "status", in: ["confirmed"] }] }`: rows of a list relation. */
export interface RelationCount {
  /** List relation field of the DTO's model, e.g. `comments`. */
  relation: string;
  /** Count only the related rows meeting every condition. */
  where?: CountCondition[];
}

/** One condition on a column of the related model: its value is one of `in`, or (`isNull`) it is null or not. Exactly one. */
export interface CountCondition {
  column: string;
  in?: (string | number | boolean)[];
  isNull?: boolean;
}

export interface DerivedValue {
  /** Scalar columns of the DTO's model the function reads; the select loads them. */
  uses: string[];
}

/** `body`: JSON request body; `query`: query string; `response`: what an operation answers. */
export type DtoKind = 'body' | 'query' | 'response';

export interface DtoSchema {
  /** PascalCase type name, e.g. `CreateTodoBody`, `TodoListQuery`, `Todo`, `TodoPage`. */
  name: string;
  kind: DtoKind;
  description: string;
  /** Table this DTO is linked to; properties with a `column` refer to its fields. */
  model?: string;
  properties: DtoProperty[];
}

export interface PathParam {
  /** Appears in the path as `{name}`. */
  name: string;
  type: 'integer' | 'string';
  /** Field of the operation's model it identifies (usually its id). */
  column?: string;
}

export type SuccessStatus = 200 | 201 | 204;

/** Statuses of refusals a business rule produces: forbidden by a rule, a conflict with the state, unprocessable. */
export const REFUSAL_STATUSES = [403, 409, 422] as const;
export type RefusalStatus = (typeof REFUSAL_STATUSES)[number];

/**
 * A refusal one of the operation's rules produces ("a fourth active loan is refused"). Code renders
 * one exception class per code (`LoanLimitReachedException` in `src/<module>/<module>.exceptions.ts`)
 * whose body carries the code, so clients and the generated tests can tell refusals apart.
 */
export interface Refusal {
  /** kebab-case, e.g. `loan-limit-reached`; the same code means the same refusal across a module. */
  code: string;
  status: RefusalStatus;
  /** What the caller is told, e.g. "A member may have at most 3 active loans". */
  message: string;
}
/** Which records an actor reaches through an operation. */
export const ACCESS_SCOPES = ['own', 'all'] as const;
export type AccessScope = (typeof ACCESS_SCOPES)[number];

/** One actor an operation lets in, and which records it reaches. */
export interface Grant {
  actor: string;
  scope: AccessScope;
}

export type ErrorStatus = 400 | 401 | 403 | 404 | 409;

export interface Operation {
  /** camelCase, unique: the service method and the OpenAPI operationId, e.g. `listTodos`. */
  id: string;
  /** Lower-case feature module, e.g. `todos` -> `src/todos/`. */
  module: string;
  /** Requirement section (Analyze) this operation serves. */
  section: string;
  summary: string;
  method: HttpMethod;
  /** Starts with `/`; parameters as `{name}`, e.g. `/todos/{id}`. */
  path: string;
  /** Actor allowed to call it; an actor of kind `guest` means no authentication. */
  actor: string;
  /**
   * Which records `actor` reaches: `own` (only records tied to its account: another's answers 404) or
   * `all`. Left out: `own` for a member actor whose account the operation's model relates to, else `all`.
   */
  scope?: AccessScope;
  /** Further actors allowed to call it, each with its scope (staff who see every patient's bookings). */
  alsoAllowed?: Grant[];
  /** Main table the operation reads or writes. */
  model?: string;
  params: PathParam[];
  /** Name of a `query` DTO. */
  query?: string;
  /** Name of a `body` DTO. */
  body?: string;
  /** Name of a `response` DTO; left out for 204. */
  response?: string;
  /** The response is an array of `response`. */
  responseList?: boolean;
  status: SuccessStatus;
  /** Error answers the operation documents (400/401 are implied where they apply). */
  errors: { status: ErrorStatus; description: string }[];
  /** The refusals its business rules produce. */
  refusals?: Refusal[];
}

/**
 * How an actor signs in. Sign-up, login, token issuing and the actor's guard are generated from this by
 * code: `POST {path}/signup` (for actors who register themselves), `POST {path}/login`. Several actors
 * may share one account model, told apart by a role column; they then share its path and one login.
 */
export interface AuthSpec {
  /** Actor name (Analyze), of kind `member` or `admin`. */
  actor: string;
  /** Table of the accounts, e.g. `User`. */
  model: string;
  /** Unique column used to log in, e.g. `email`. */
  identifier: string;
  /** Secret column holding the password hash, e.g. `passwordHash`. */
  password: string;
  /** Route prefix, e.g. `/auth`. */
  path: string;
  /**
   * Where several actors share the account model: the column telling them apart (an enum or String
   * column) and this actor's value in it, e.g. `{ column: "role", value: "doctor" }`.
   */
  role?: { column: string; value: string };
  /**
   * Whether people register themselves as this actor. `false`: there is no sign-up; accounts are made by
   * an operation of another actor (staff accounts), or by the project's create-account script. Default true.
   */
  signUp?: boolean;
  /** Boolean column that is false for a deactivated account: it cannot log in, and its tokens stop working. */
  active?: string;
  /** Shortest password the actor's accounts take (sign-up, staff-made accounts, password changes); 8 unless the requirements say more. */
  passwordMinLength?: number;
  /** Optional columns of the account model a sign-up may also fill (a phone number, a date of birth); required plain columns always are. */
  signUpFields?: string[];
}

export interface InterfaceArtifact {
  authentication: AuthSpec[];
  dtos: DtoSchema[];
  operations: Operation[];
}
