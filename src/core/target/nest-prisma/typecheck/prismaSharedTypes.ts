import type { DatabaseId } from '../../../config/settings';
import type { DbEnum } from '../../../database/types';
import { type FilterKind, SCALAR_TYPES, SCALARS } from '../../../scalars';

/**
 * The model-independent part of the `Prisma` namespace of the stand-in client: runtime classes (Decimal,
 * errors, Sql), JSON and null markers, ordering, filters per scalar type, and the type utilities the
 * per-model declarations build on. Provider differences that Prisma rejects at runtime (`mode` on
 * SQLite, `skipDuplicates` on SQLite) follow `provider`; when it is unknown, the looser form is used.
 */
export function renderSharedTypes(enums: readonly DbEnum[], modelNames: readonly string[], provider: DatabaseId | undefined): string {
  const caseInsensitive = provider !== 'sqlite';
  const isolation = provider === 'sqlite' ? ['Serializable'] : ['ReadUncommitted', 'ReadCommitted', 'RepeatableRead', 'Serializable'];
  return [
    RUNTIME,
    constObject('ModelName', modelNames),
    constObject('TransactionIsolationLevel', isolation),
    UTILITIES,
    ...SCALAR_FILTERS.map(({ name, value, kind }) => renderFilters(name, value, kind, caseInsensitive)),
    ...enums.map((dbEnum) => renderFilters(`Enum${dbEnum.name}`, `$Enums.${dbEnum.name}`, 'equality', false)),
    ...SCALAR_FILTERS.map(({ name, value, numeric }) => updateOperations(name, value, numeric)),
    ...enums.map((dbEnum) => updateOperations(`Enum${dbEnum.name}`, `$Enums.${dbEnum.name}`, false)),
    ...LIST_ELEMENTS.map(({ name, value }) => listFilter(`${name}NullableListFilter`, value)),
    ...enums.map((dbEnum) => listFilter(`Enum${dbEnum.name}NullableListFilter`, `$Enums.${dbEnum.name}`)),
    jsonFilters(caseInsensitive),
  ].join('\n');
}

/** `const X: { readonly a: 'a' }` with its union type, the way Prisma declares its enum-like objects. */
export function constObject(name: string, values: readonly string[]): string {
  const members = values.length > 0 ? values.map((value) => `readonly ${value}: '${value}'`).join('; ') : '';
  return `export const ${name}: { ${members} };\nexport type ${name} = (typeof ${name})[keyof typeof ${name}];`;
}

/** Inside the namespace its own names go unqualified. */
const unqualified = (type: string): string => type.replace(/Prisma\./g, '');

/** The scalar types the client can filter on: filter name stem, accepted value, which operators, whether arithmetic. */
const SCALAR_FILTERS = SCALAR_TYPES.flatMap((type) => {
  const { filter, client, numeric } = SCALARS[type];
  return filter ? [{ name: filter.stem, value: unqualified(client.write), kind: filter.kind, numeric }] : [];
});

/** Element types of scalar lists (`String[]`): every scalar type, Json included. */
const LIST_ELEMENTS = SCALAR_TYPES.map((type) => ({ name: SCALARS[type].filter?.stem ?? type, value: unqualified(SCALARS[type].client.write) }));

/** `<Name>Filter` and `<Name>NullableFilter`. */
function renderFilters(name: string, value: string, kind: FilterKind, caseInsensitive: boolean): string {
  return [false, true]
    .map((nullable) => {
      const typeName = `${name}${nullable ? 'Nullable' : ''}Filter`;
      const one = nullable ? `${value} | null` : value;
      const many = nullable ? `Array<${value}> | null` : `Array<${value}>`;
      const members = [`equals?: ${one}`];
      if (kind !== 'boolean') members.push(`in?: ${many}`, `notIn?: ${many}`);
      if (kind === 'ordered' || kind === 'text') members.push(...['lt', 'lte', 'gt', 'gte'].map((op) => `${op}?: ${value}`));
      if (kind === 'text') {
        members.push(...['contains', 'startsWith', 'endsWith'].map((op) => `${op}?: ${value}`));
        if (caseInsensitive) members.push('mode?: QueryMode');
      }
      members.push(`not?: ${typeName} | ${one}`);
      return `export type ${typeName} = {\n  ${members.join('\n  ')}\n};`;
    })
    .join('\n');
}

/** `<Name>FieldUpdateOperationsInput` and its nullable twin: `{ set }`, plus arithmetic for numbers. */
function updateOperations(name: string, value: string, arithmetic: boolean): string {
  return [false, true]
    .map((nullable) => {
      const members = [`set?: ${value}${nullable ? ' | null' : ''}`];
      if (arithmetic) members.push(...['increment', 'decrement', 'multiply', 'divide'].map((op) => `${op}?: ${value}`));
      return `export type ${nullable ? 'Nullable' : ''}${name}FieldUpdateOperationsInput = { ${members.join('; ')} };`;
    })
    .join('\n');
}

function listFilter(name: string, value: string): string {
  return `export type ${name} = {\n  equals?: Array<${value}> | null\n  has?: ${value} | null\n  hasEvery?: Array<${value}>\n  hasSome?: Array<${value}>\n  isEmpty?: boolean\n};`;
}

function jsonFilters(caseInsensitive: boolean): string {
  const members = [
    'equals?: InputJsonValue | JsonNullValueFilter',
    'path?: string[] | string',
    ...(caseInsensitive ? ['mode?: QueryMode'] : []),
    'string_contains?: string',
    'string_starts_with?: string',
    'string_ends_with?: string',
    'array_contains?: InputJsonValue | null',
    'array_starts_with?: InputJsonValue | null',
    'array_ends_with?: InputJsonValue | null',
    'lt?: InputJsonValue',
    'lte?: InputJsonValue',
    'gt?: InputJsonValue',
    'gte?: InputJsonValue',
    'not?: InputJsonValue | JsonNullValueFilter',
  ];
  const body = `{\n  ${members.join('\n  ')}\n}`;
  return `export type JsonFilter = ${body};\nexport type JsonNullableFilter = JsonFilter;`;
}

const RUNTIME = `export interface PrismaPromise<T> extends Promise<T> {
  readonly [Symbol.toStringTag]: 'PrismaPromise';
}
export type BatchPayload = { count: number };

export class Decimal {
  constructor(value: Decimal.Value);
  readonly d: number[];
  readonly e: number;
  readonly s: number;
  abs(): Decimal;
  absoluteValue(): Decimal;
  add(n: Decimal.Value): Decimal;
  plus(n: Decimal.Value): Decimal;
  sub(n: Decimal.Value): Decimal;
  minus(n: Decimal.Value): Decimal;
  mul(n: Decimal.Value): Decimal;
  times(n: Decimal.Value): Decimal;
  div(n: Decimal.Value): Decimal;
  dividedBy(n: Decimal.Value): Decimal;
  divToInt(n: Decimal.Value): Decimal;
  mod(n: Decimal.Value): Decimal;
  modulo(n: Decimal.Value): Decimal;
  pow(n: Decimal.Value): Decimal;
  toPower(n: Decimal.Value): Decimal;
  neg(): Decimal;
  negated(): Decimal;
  sqrt(): Decimal;
  round(): Decimal;
  floor(): Decimal;
  ceil(): Decimal;
  trunc(): Decimal;
  clamp(min: Decimal.Value, max: Decimal.Value): Decimal;
  cmp(n: Decimal.Value): number;
  comparedTo(n: Decimal.Value): number;
  eq(n: Decimal.Value): boolean;
  equals(n: Decimal.Value): boolean;
  gt(n: Decimal.Value): boolean;
  greaterThan(n: Decimal.Value): boolean;
  gte(n: Decimal.Value): boolean;
  greaterThanOrEqualTo(n: Decimal.Value): boolean;
  lt(n: Decimal.Value): boolean;
  lessThan(n: Decimal.Value): boolean;
  lte(n: Decimal.Value): boolean;
  lessThanOrEqualTo(n: Decimal.Value): boolean;
  isZero(): boolean;
  isNeg(): boolean;
  isNegative(): boolean;
  isPos(): boolean;
  isPositive(): boolean;
  isInt(): boolean;
  isInteger(): boolean;
  isFinite(): boolean;
  isNaN(): boolean;
  dp(): number;
  decimalPlaces(): number;
  toDP(decimalPlaces?: number, rounding?: Decimal.Rounding): Decimal;
  toDecimalPlaces(decimalPlaces?: number, rounding?: Decimal.Rounding): Decimal;
  toFixed(decimalPlaces?: number, rounding?: Decimal.Rounding): string;
  toPrecision(significantDigits?: number, rounding?: Decimal.Rounding): string;
  toSignificantDigits(significantDigits?: number, rounding?: Decimal.Rounding): Decimal;
  toExponential(decimalPlaces?: number, rounding?: Decimal.Rounding): string;
  toNumber(): number;
  toString(): string;
  toJSON(): string;
  valueOf(): string;
  static isDecimal(object: unknown): object is Decimal;
  static max(...n: Decimal.Value[]): Decimal;
  static min(...n: Decimal.Value[]): Decimal;
  static sum(...n: Decimal.Value[]): Decimal;
}
export namespace Decimal {
  type Value = string | number | Decimal;
  type Rounding = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;
}
export type DecimalJsLike = { d: number[]; e: number; s: number; toFixed(): string };

export class PrismaClientKnownRequestError extends Error {
  constructor(message: string, options: { code: string; clientVersion: string; meta?: Record<string, unknown>; batchRequestIdx?: number });
  code: string;
  meta?: Record<string, unknown>;
  clientVersion: string;
  batchRequestIdx?: number;
}
export class PrismaClientUnknownRequestError extends Error {
  constructor(message: string, options: { clientVersion: string; batchRequestIdx?: number });
  clientVersion: string;
}
export class PrismaClientRustPanicError extends Error {
  constructor(message: string, clientVersion: string);
  clientVersion: string;
}
export class PrismaClientInitializationError extends Error {
  constructor(message: string, clientVersion: string, errorCode?: string);
  clientVersion: string;
  errorCode?: string;
}
export class PrismaClientValidationError extends Error {
  constructor(message: string, options: { clientVersion: string });
  clientVersion: string;
}

export class Sql {
  readonly sql: string;
  readonly text: string;
  readonly values: unknown[];
  readonly strings: string[];
}
export function sql(strings: ReadonlyArray<string>, ...values: unknown[]): Sql;
export function raw(value: string): Sql;
export function join(values: ReadonlyArray<unknown>, separator?: string, prefix?: string, suffix?: string): Sql;
export const empty: Sql;

export type JsonObject = { [Key in string]?: JsonValue };
export interface JsonArray extends Array<JsonValue> {}
export type JsonValue = string | number | boolean | JsonObject | JsonArray | null;
export type InputJsonObject = { readonly [Key in string]?: InputJsonValue | null };
export interface InputJsonArray extends ReadonlyArray<InputJsonValue | null> {}
export type InputJsonValue = string | number | boolean | InputJsonObject | InputJsonArray | { toJSON(): unknown };

/** Markers for a JSON column: SQL NULL, JSON null, or either (filters only). */
export const DbNull: { readonly __prismaNull: 'DbNull' };
export const JsonNull: { readonly __prismaNull: 'JsonNull' };
export const AnyNull: { readonly __prismaNull: 'AnyNull' };
export type NullableJsonNullValueInput = typeof DbNull | typeof JsonNull;
export type JsonNullValueInput = typeof JsonNull;
export type JsonNullValueFilter = typeof DbNull | typeof JsonNull | typeof AnyNull;

export const SortOrder: { readonly asc: 'asc'; readonly desc: 'desc' };
export type SortOrder = (typeof SortOrder)[keyof typeof SortOrder];
export const NullsOrder: { readonly first: 'first'; readonly last: 'last' };
export type NullsOrder = (typeof NullsOrder)[keyof typeof NullsOrder];
export const QueryMode: { readonly default: 'default'; readonly insensitive: 'insensitive' };
export type QueryMode = (typeof QueryMode)[keyof typeof QueryMode];
export type SortOrderInput = { sort: SortOrder; nulls?: NullsOrder };

export type LogLevel = 'info' | 'query' | 'warn' | 'error';
export type LogDefinition = { level: LogLevel; emit: 'stdout' | 'event' };
export type QueryEvent = { timestamp: Date; query: string; params: string; duration: number; target: string };
export type LogEvent = { timestamp: Date; message: string; target: string };
export type PrismaClientOptions = {
  adapter?: unknown;
  accelerateUrl?: string;
  log?: Array<LogLevel | LogDefinition>;
  errorFormat?: 'pretty' | 'colorless' | 'minimal';
  transactionOptions?: TransactionOptions;
  omit?: Record<string, Record<string, boolean>>;
};
export type TransactionOptions = { maxWait?: number; timeout?: number; isolationLevel?: TransactionIsolationLevel };
export type TransactionClient = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$use' | '$extends'>;
export type PrismaVersion = { client: string; engine: string };
export const prismaVersion: PrismaVersion;`;

const UTILITIES = `export type Enumerable<T> = T | Array<T>;
type Without<T, U> = { [K in Exclude<keyof T, keyof U>]?: never };
/** Exactly one of two shapes (Prisma's checked and unchecked inputs), never a mix. */
export type XOR<T, U> = T extends object ? (U extends object ? (Without<T, U> & U) | (Without<U, T> & T) : U) : T;
/** All of O optional except that at least one of the keys K is given. */
export type AtLeast<O extends object, K extends string> = K extends keyof O ? O & { [P in K]: O[P] } : never;
export type Subset<T, U> = { [K in keyof T]: K extends keyof U ? T[K] : never };
export type SelectSubset<T, U> = Subset<T, U> &
  (T extends { select: unknown; include: unknown } ? 'Please either choose \`select\` or \`include\`.' : T extends { select: unknown; omit: unknown } ? 'Please either choose \`select\` or \`omit\`.' : {});
/** Rejects \`include\`/\`omit\` next to \`select\`, as Prisma does. */
export type $Exclusive<S, I, O> = [S] extends [object]
  ? ([I] extends [object] ? { include: 'Please either choose \`select\` or \`include\`.' } : unknown) & ([O] extends [object] ? { omit: 'Please either choose \`select\` or \`omit\`.' } : unknown)
  : unknown;
/** Keys of a selection that the model does not have, so a misspelt \`select\` key is an error. */
export type $Known<S, Allowed, Model extends string> = [S] extends [object]
  ? { [K in Exclude<keyof S, keyof Allowed>]: { [M in \`\${K & string} is not a field of \${Model}\`]: never } }
  : unknown;
type $Selected<V> = V extends false | undefined | null ? false : true;
export type $Omitted<M, O> = [O] extends [object] ? { [K in keyof M as K extends keyof O ? (O[K] extends true ? never : K) : K]: M[K] } : M;
export type $CountOf<S> = { [K in keyof S as $Selected<S[K]> extends true ? K : never]: number };
export type $AggregateOf<M, A> = {
  [K in keyof A as K extends '_count' | '_avg' | '_sum' | '_min' | '_max' ? K : never]: K extends '_count'
    ? A[K] extends true
      ? number
      : $CountOf<A[K]>
    : { [F in keyof A[K] & keyof M as $Selected<A[K][F]> extends true ? F : never]: M[F] | null };
};
export type $ByKeys<B> = B extends ReadonlyArray<infer K> ? K : B;`;
