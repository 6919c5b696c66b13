import { scalarOf } from '../scalars';
import type { DtoProperty, PropertyType } from './types';

/**
 * The value types whose JSON form says more than the column's type: a calendar date, an exact decimal
 * (money) and a duration. One table of their rules, which the Interface validator, the DTO and OpenAPI
 * renderers, the collectors and transformers and the Test phase all read, so they agree.
 *
 * - `date`: a calendar date without a time (a due date, a birthday), `"2030-02-28"`. Stored in a DateTime
 *   column at midnight UTC (SQLite has no date type); answered as `YYYY-MM-DD` again.
 * - `decimal`: an exact decimal such as money, sent and answered as a JSON string (`"12.50"`) so no JS float
 *   ever holds it; `scale` digits after the point (answered with exactly that many), `precision` digits in
 *   all. Stored in a Decimal column.
 * - `duration`: a whole number of one unit, named in the property (`durationMinutes`, `ttlSeconds`),
 *   stored in an Int column. Chosen over ISO 8601 (`PT1H30M`) because clients and queries add, compare
 *   and sort integers without a parser, and `P1M` (a month) has no fixed length.
 */

/** The property types a column of `columnType` may be linked to (the first is the usual one); `[]` when none. */
export function columnPropertyTypes(columnType: string): PropertyType[] {
  return [...(scalarOf(columnType)?.json ?? [])];
}

/** Whether the JSON value is a number (integer and number, and a duration's count). */
export const isNumeric = (type: PropertyType): boolean => type === 'integer' || type === 'number' || type === 'duration';

// ---- calendar dates ----

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` naming a day that exists (2030-02-28, 2032-02-29; not 2030-02-30 or 2030-13-01). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = CALENDAR_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear keeps the year as written.
  date.setUTCFullYear(year);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const calendarDateMessage = (name: string): string => `${name} must be a calendar date YYYY-MM-DD`;

// ---- exact decimals ----

/**
 * Digits a decimal may have in all. SQLite through `@prisma/adapter-libsql` 7.10 stores a Decimal column
 * as a REAL (a double; `typeof(amount)` is `real`) and reads it back through a JS number, which gives
 * back every decimal of up to 15 significant digits exactly; measured: "9999999999999.99" came back
 * unchanged, "1234567890123456.78" as "1234567890123456.8". So every decimal property stays within 15
 * digits, on PostgreSQL too (its `decimal(65,30)` holds them), and a backend answers the same on both.
 */
export const DECIMAL_DIGITS_MAX = 15;
/** Digits after the point when the design gives none: money in most currencies. */
export const DEFAULT_SCALE = 2;

export interface DecimalShape {
  /** Digits after the point. */
  scale: number;
  /** Digits in all. */
  precision: number;
}

export function decimalShape(property: Pick<DtoProperty, 'scale' | 'precision'>): DecimalShape {
  return { scale: property.scale ?? DEFAULT_SCALE, precision: property.precision ?? DECIMAL_DIGITS_MAX };
}

/**
 * The regular expression of the texts a decimal property accepts: an optional minus, digits without
 * leading zeros (at most precision - scale of them), and up to `scale` digits after a point. No
 * exponent, no `+`, no `.5`, no spaces.
 */
export function decimalPattern(shape: DecimalShape): string {
  const whole = shape.precision - shape.scale;
  const integer = whole <= 1 ? '0|[1-9]' : `0|[1-9]\\d{0,${whole - 1}}`;
  const fraction = shape.scale > 0 ? `(\\.\\d{1,${shape.scale}})?` : '';
  return `^-?(${integer})${fraction}$`;
}

/** The 400 message of a decimal the property refuses (`name` first, as class-validator words its own). */
export function decimalMessage(name: string, shape: DecimalShape, bounds: Pick<DtoProperty, 'minimum' | 'maximum'> = {}): string {
  const range =
    bounds.minimum !== undefined && bounds.maximum !== undefined
      ? `, from ${plainDecimal(bounds.minimum)} to ${plainDecimal(bounds.maximum)}`
      : bounds.minimum !== undefined
        ? `, at least ${plainDecimal(bounds.minimum)}`
        : bounds.maximum !== undefined
          ? `, at most ${plainDecimal(bounds.maximum)}`
          : '';
  return shape.scale > 0
    ? `${name} must be a decimal string with up to ${shape.scale} digits after the point and ${shape.precision - shape.scale} before it${range}, e.g. "${exampleDecimal(shape)}"`
    : `${name} must be a whole number as a string of up to ${shape.precision} digits${range}, e.g. "12"`;
}

/** A bound as plain decimal text: `0.01`, `1000000`, never `1e-7`. */
export const plainDecimal = (value: number): string => expand(String(value));

/** `"12.50"` at scale 2, `"12"` at scale 0. */
export function exampleDecimal(shape: DecimalShape): string {
  return shape.scale > 0 ? `12.${'5'.padEnd(shape.scale, '0')}` : '12';
}

/** Whether `text` is a decimal the property accepts, bounds included (compared exactly, never as floats). */
export function isDecimalText(text: unknown, shape: DecimalShape, bounds: Pick<DtoProperty, 'minimum' | 'maximum'> = {}): text is string {
  if (typeof text !== 'string' || !new RegExp(decimalPattern(shape)).test(text)) return false;
  if (bounds.minimum !== undefined && compareDecimals(text, plainDecimal(bounds.minimum)) < 0) return false;
  if (bounds.maximum !== undefined && compareDecimals(text, plainDecimal(bounds.maximum)) > 0) return false;
  return true;
}

/** The decimal answered for `text`: exactly `scale` digits after the point (`"12.5"` -> `"12.50"`). */
export function withScale(text: string, scale: number): string {
  const [whole, fraction = ''] = text.split('.');
  return scale > 0 ? `${whole}.${fraction.padEnd(scale, '0')}` : whole!;
}

/**
 * Compares two plain decimal texts (`-12.5`, `3`, `0.125`; a number's `String()` of a bound, exponents
 * expanded first) digit by digit: negative, zero or positive as `a` is below, equal to or above `b`.
 */
export function compareDecimals(a: string, b: string): number {
  const [sa, ia, fa] = split(a);
  const [sb, ib, fb] = split(b);
  if (ia === '' && fa === '' && ib === '' && fb === '') return 0;
  if (sa !== sb) return sa === '-' ? -1 : 1;
  const width = Math.max(fa.length, fb.length);
  const [x, y] = [ia + fa.padEnd(width, '0'), ib + fb.padEnd(width, '0')];
  const magnitude = x.length !== y.length ? x.length - y.length : x < y ? -1 : x > y ? 1 : 0;
  return sa === '-' ? -magnitude : magnitude;
}

/** Sign, integer digits without leading zeros, fraction digits without trailing zeros; zero has sign `+`. */
function split(text: string): [string, string, string] {
  const plain = expand(text);
  const sign = plain.startsWith('-') ? '-' : '+';
  const [whole = '', fraction = ''] = plain.replace(/^[-+]/, '').split('.');
  const integer = whole.replace(/^0+/, '');
  const digits = fraction.replace(/0+$/, '');
  return [integer === '' && digits === '' ? '+' : sign, integer, digits];
}

/** `1e-7` -> `0.0000001`, `1.5e21` -> `1500000000000000000000` (how JS prints small and large bounds). */
function expand(text: string): string {
  const match = /^([-+]?)(\d+)(?:\.(\d+))?e([-+]?\d+)$/i.exec(text);
  if (!match) return text;
  const digits = `${match[2]}${match[3] ?? ''}`;
  const point = match[2]!.length + Number(match[4]);
  const body = point <= 0 ? `0.${'0'.repeat(-point)}${digits}` : point >= digits.length ? digits.padEnd(point, '0') : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return `${match[1]}${body}`;
}

// ---- durations ----

/** The units a duration's name ends with, as a client reads them in the JSON key. */
export const DURATION_UNITS = ['Seconds', 'Minutes', 'Hours', 'Days'] as const;

/** The unit a duration property's name carries (`durationMinutes` -> `minutes`), if it ends with one. */
export function durationUnit(name: string): string | undefined {
  const unit = DURATION_UNITS.find((candidate) => name.endsWith(candidate) && name.length > candidate.length);
  return unit?.toLowerCase();
}
