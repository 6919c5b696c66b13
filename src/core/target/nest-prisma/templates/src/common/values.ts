import { registerDecorator, type ValidationOptions } from 'class-validator';

/** `YYYY-MM-DD` naming a day that exists: 2030-02-28 and 2032-02-29, never 2030-02-30 or 2030-13-01. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const day = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}

/** `@IsCalendarDate()`: a calendar date `YYYY-MM-DD`; it stays text, the collectors make it a Date at midnight UTC. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({ name: 'isCalendarDate', target: target.constructor, propertyName: String(propertyName), options, validator: { validate: isCalendarDate } });
}

/** What a decimal property holds: digits after the point, digits in all, and bounds as decimal text. */
export interface DecimalShape {
  scale: number;
  precision: number;
  minimum?: string;
  maximum?: string;
}

/**
 * A decimal sent as text ("12.50"): an optional minus, no leading zeros, at most `precision - scale`
 * digits before the point and `scale` after it, within the bounds. No exponent ("1e3"), no "+", no
 * ".5", and never a JSON number: the value is compared digit by digit and no float ever holds it.
 */
export function isDecimalString(value: unknown, shape: DecimalShape): value is string {
  if (typeof value !== 'string') return false;
  const whole = shape.precision - shape.scale;
  const integer = whole <= 1 ? '0|[1-9]' : `0|[1-9]\\d{0,${whole - 1}}`;
  const fraction = shape.scale > 0 ? `(\\.\\d{1,${shape.scale}})?` : '';
  if (!new RegExp(`^-?(${integer})${fraction}$`).test(value)) return false;
  if (shape.minimum !== undefined && compareDecimals(value, shape.minimum) < 0) return false;
  return shape.maximum === undefined || compareDecimals(value, shape.maximum) <= 0;
}

/** `@IsDecimalString({ scale: 2, precision: 15 })`: see isDecimalString. */
export function IsDecimalString(shape: DecimalShape, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isDecimalString',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [shape],
      options,
      validator: { validate: (value: unknown) => isDecimalString(value, shape) },
    });
}

/** Compares two plain decimal texts: negative, zero or positive as `a` is below, equal to or above `b`. */
export function compareDecimals(a: string, b: string): number {
  const [signA, digitsA] = parts(a);
  const [signB, digitsB] = parts(b);
  if (signA !== signB) return signA - signB;
  const [wholeA, fractionA] = digitsA;
  const [wholeB, fractionB] = digitsB;
  const width = Math.max(fractionA.length, fractionB.length);
  const x = wholeA + fractionA.padEnd(width, '0');
  const y = wholeB + fractionB.padEnd(width, '0');
  const magnitude = x.length !== y.length ? x.length - y.length : x < y ? -1 : x > y ? 1 : 0;
  return signA < 0 ? -magnitude : magnitude;
}

/** Sign (-1, 0, 1) and the digits before and after the point, without leading or trailing zeros. */
function parts(text: string): [number, [string, string]] {
  const [whole = '', fraction = ''] = text.replace(/^-/, '').split('.');
  const digits: [string, string] = [whole.replace(/^0+/, ''), fraction.replace(/0+$/, '')];
  const sign = digits[0] === '' && digits[1] === '' ? 0 : text.startsWith('-') ? -1 : 1;
  return [sign, digits];
}
