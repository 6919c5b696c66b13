/**
 * One table of the scalar column types a data model may use and what follows from each, read by the
 * phases' rules (which JSON types a DTO property linked to the column may take, what may autoincrement,
 * what is a number) and by every printer of the target (the Prisma client's types and filters, the
 * class-validator check of a text form). Adding a type is a row here, plus the conversions of the
 * printers that move its values between JSON and the client (target/nest-prisma/module/collectors.ts and
 * transformers.ts).
 */
export const SCALAR_TYPES = ['String', 'Int', 'BigInt', 'Float', 'Decimal', 'Boolean', 'DateTime', 'Json', 'Bytes'] as const;
export type ScalarType = (typeof SCALAR_TYPES)[number];

/** The JSON types of DTO properties that hold a column's value (the Interface artifact's PropertyType, `object` aside). */
export type ValueType = 'string' | 'integer' | 'number' | 'boolean' | 'date-time' | 'date' | 'decimal' | 'duration';

/** The operators of a Prisma filter: `text` adds contains/startsWith/mode, `ordered` lt/gt, `equality` only equals/in. */
export type FilterKind = 'text' | 'ordered' | 'boolean' | 'equality';

export interface Scalar {
  /**
   * The JSON types a DTO property linked to such a column may take, the usual one first; empty when DTOs
   * cannot carry it (Json).
   */
  readonly json: readonly ValueType[];
  /** The JSON type where a value is shown without its own form (auth tokens, session DTOs): no decimal scale. */
  readonly plainJson: ValueType | undefined;
  /** Arithmetic in the client (increment, sums) and numeric comparisons. */
  readonly numeric: boolean;
  /** The JSON literal that stands for a value in the artifacts (a default, a value a count compares with); none: no literal can. */
  readonly literal?: 'string' | 'integer' | 'number' | 'boolean';
  /** May carry `@default(autoincrement())`. */
  readonly autoincrement: boolean;
  /** The Prisma client's types: a value read, a value written (in data and filters), names of its namespace qualified `Prisma.`. */
  readonly client: { readonly read: string; readonly write: string };
  /** The stem of the client's filter type names (`StringFilter`) and its operators; none: the type cannot be filtered on. */
  readonly filter?: { readonly stem: string; readonly kind: FilterKind };
  /**
   * The class-validator check of a `string` property whose column needs a text form (a bad value is a
   * 400, not a conversion error): a decorator taking `{}`, or `Matches` with a pattern and what it says;
   * `wrong` is a string it refuses, which the generated 400 tests send.
   */
  readonly textForm?: ({ readonly decorator: 'IsDecimal' | 'IsBase64' } | { readonly decorator: 'Matches'; readonly pattern: string; readonly says: string }) & {
    readonly wrong: { readonly value: string; readonly problem: string };
  };
}

const DECIMAL_WRITE = 'Prisma.Decimal | Prisma.DecimalJsLike | number | string';

export const SCALARS: Readonly<Record<ScalarType, Scalar>> = {
  String: { literal: 'string', json: ['string'], plainJson: 'string', numeric: false, autoincrement: false, client: { read: 'string', write: 'string' }, filter: { stem: 'String', kind: 'text' } },
  Int: { literal: 'integer', json: ['integer', 'duration'], plainJson: 'integer', numeric: true, autoincrement: true, client: { read: 'number', write: 'number' }, filter: { stem: 'Int', kind: 'ordered' } },
  BigInt: {
    literal: 'integer',
    json: ['string'],
    plainJson: 'string',
    numeric: true,
    autoincrement: true,
    client: { read: 'bigint', write: 'bigint | number' },
    filter: { stem: 'BigInt', kind: 'ordered' },
    textForm: { decorator: 'Matches', pattern: '^-?\\d+$', says: 'must be an integer', wrong: { value: '12.5', problem: 'is not an integer' } },
  },
  Float: { literal: 'number', json: ['number'], plainJson: 'number', numeric: true, autoincrement: false, client: { read: 'number', write: 'number' }, filter: { stem: 'Float', kind: 'ordered' } },
  Decimal: {
    literal: 'number',
    json: ['decimal'],
    plainJson: 'string',
    numeric: true,
    autoincrement: false,
    client: { read: 'Prisma.Decimal', write: DECIMAL_WRITE },
    filter: { stem: 'Decimal', kind: 'ordered' },
    textForm: { decorator: 'IsDecimal', wrong: { value: 'twelve', problem: 'is not a decimal' } },
  },
  Boolean: { literal: 'boolean', json: ['boolean'], plainJson: 'boolean', numeric: false, autoincrement: false, client: { read: 'boolean', write: 'boolean' }, filter: { stem: 'Bool', kind: 'boolean' } },
  DateTime: { json: ['date-time', 'date'], plainJson: 'date-time', numeric: false, autoincrement: false, client: { read: 'Date', write: 'Date | string' }, filter: { stem: 'DateTime', kind: 'ordered' } },
  Json: { json: [], plainJson: undefined, numeric: false, autoincrement: false, client: { read: 'Prisma.JsonValue', write: 'Prisma.InputJsonValue' } },
  Bytes: {
    json: ['string'],
    plainJson: 'string',
    numeric: false,
    autoincrement: false,
    client: { read: 'Uint8Array', write: 'Uint8Array' },
    filter: { stem: 'Bytes', kind: 'equality' },
    textForm: { decorator: 'IsBase64', wrong: { value: 'not base64!', problem: 'is not base64' } },
  },
};

export function isScalarType(type: string): type is ScalarType {
  return (SCALAR_TYPES as readonly string[]).includes(type);
}

/** The row of a column type, or undefined for an enum or a relation. */
export const scalarOf = (type: string): Scalar | undefined => (isScalarType(type) ? SCALARS[type] : undefined);

/** Whether a JSON value is a literal of the type (see `Scalar.literal`). */
export function isLiteralOf(scalar: Pick<Scalar, 'literal'>, value: unknown): boolean {
  switch (scalar.literal) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return false;
  }
}

/** How a message names the literals of a type: `strings`, `integers`, `numbers`, `true or false`. */
export const LITERAL_WORDS: Readonly<Record<NonNullable<Scalar['literal']>, string>> = { string: 'strings', integer: 'integers', number: 'numbers', boolean: 'true or false' };
