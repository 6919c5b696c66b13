/**
 * Time in scenarios. Every generated test starts with the server's clock standing still at one fixed
 * instant (`TEST_NOW` in the generated `test/support/clock.ts`), so values are written relative to it:
 * `"$now"`, `"$now+21d"`, `"$now-90d"`, `"$now+2h"`, `"$now+30min"`, `"$now-10s"`, resolved in the
 * rendered test against the clock at that step. A step may move the clock first: `"clock": {"advance":
 * "21d"}` or `"clock": {"set": "$now+21d" | "<ISO date-time>" | "$<given>.<date-time field>"}`.
 * Months and years are left out on purpose: they have no fixed length. Calendar dates (`date`
 * properties) are written `"$today"`, `"$today+21d"`: the test clock's day in UTC, moved by whole days.
 */

/** Milliseconds per unit of an offset or duration. */
export const TIME_UNITS = { d: 86_400_000, h: 3_600_000, min: 60_000, s: 1_000 } as const;
export type TimeUnit = keyof typeof TIME_UNITS;

/** How scenario texts name the grammar, for prompts and feedback. */
export const RELATIVE_DATE_EXAMPLES = '"$now", "$now+21d", "$now-90d", "$now+2h", "$now+30min"';
export const DURATION_EXAMPLES = '"21d", "2h", "30min", "10s"';

/**
 * A relative date: the test clock moved by `offset` (`+21d`, `-90d`; empty for `$now` itself). `$today`
 * (`"$today+21d"`, whole days only) is the calendar day of that instant, `YYYY-MM-DD` in UTC, for `date`
 * properties.
 */
export interface RelativeDate {
  offset: string;
  milliseconds: number;
  /** `$today...`: the day, not the instant. */
  day?: true;
}

export const RELATIVE_DAY_EXAMPLES = '"$today", "$today+21d", "$today-1d"';

/** Up to 5 digits: 99999 days is some 270 years, which keeps every date within years 0000-9999. */
const AMOUNT = '(\\d{1,5})';
const RELATIVE = new RegExp(`^\\$now(?:([+-])${AMOUNT}(d|h|min|s))?$`);
const RELATIVE_DAY = new RegExp(`^\\$today(?:([+-])${AMOUNT}d)?$`);
const DURATION = new RegExp(`^${AMOUNT}(d|h|min|s)$`);

export function parseRelativeDate(value: unknown): RelativeDate | undefined {
  if (typeof value !== 'string') return undefined;
  const day = RELATIVE_DAY.exec(value);
  if (day) return { offset: day[1] ? `${day[1]}${Number(day[2])}d` : '', milliseconds: day[1] ? Number(day[2]) * TIME_UNITS.d * (day[1] === '-' ? -1 : 1) : 0, day: true };
  const match = RELATIVE.exec(value);
  if (!match) return undefined;
  if (!match[1]) return { offset: '', milliseconds: 0 };
  const milliseconds = Number(match[2]) * TIME_UNITS[match[3] as TimeUnit] * (match[1] === '-' ? -1 : 1);
  return { offset: `${match[1]}${Number(match[2])}${match[3]}`, milliseconds };
}

/** A string meant as a relative date, well formed or not: `$now...` or `$today...`. */
export const looksRelative = (value: unknown): boolean => typeof value === 'string' && /^\$(now|today)(?![A-Za-z0-9_])/.test(value);

/** What is wrong with a string that looks like a relative date but is not one. */
export function relativeDateProblem(value: string): string {
  const grammar = `a relative date is "$now" or "$now" plus or minus a whole number of d, h, min or s, without spaces: ${RELATIVE_DATE_EXAMPLES}`;
  if (value.startsWith('$today')) return `"${value}": "$today" plus or minus whole days (${RELATIVE_DAY_EXAMPLES}) gives a calendar date for "date" properties; for date-times ${grammar}`;
  const unit = /^\$now\s*[+-]\s*\d+\s*([A-Za-z]+)$/.exec(value)?.[1];
  if (unit && /^(mo|mon|month|months|y|yr|year|years|w|wk|week|weeks)$/i.test(unit)) {
    return `"${value}": weeks, months and years are not units here (months and years have no fixed length); count days, e.g. "$now+30d"`;
  }
  if (unit === 'm') return `"${value}": write minutes as "min" (e.g. "$now+30min"); "m" could be read as months`;
  return `"${value}": ${grammar}`;
}

/** A clock advance in milliseconds (`21d`, `2h`, `30min`, `10s`), or undefined when it is not one or not positive. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = DURATION.exec(value);
  if (!match) return undefined;
  const milliseconds = Number(match[1]) * TIME_UNITS[match[2] as TimeUnit];
  return milliseconds > 0 ? milliseconds : undefined;
}

export function durationProblem(value: unknown): string {
  const grammar = `advance takes a positive whole number of d, h, min or s, without spaces or sign: ${DURATION_EXAMPLES}`;
  if (typeof value !== 'string') return `${grammar}; found ${JSON.stringify(value)}`;
  if (/^P(T?\d)/i.test(value)) return `"${value}": not an ISO 8601 duration; ${grammar}`;
  if (/^[+-]/.test(value)) return `"${value}": the clock only moves forward by a duration; ${grammar} (set it to an instant with {"set": "$now-1d"})`;
  if (/^0+(d|h|min|s)$/.test(value)) return `"${value}" does not move the clock; leave the move out or ${grammar}`;
  const unit = /^\d+\s*([A-Za-z]+)$/.exec(value)?.[1];
  if (unit === 'm') return `"${value}": write minutes as "min" (e.g. "30min"); "m" could be read as months`;
  if (unit && /^(mo|mon|month|months|y|yr|year|years|w|wk|week|weeks)$/i.test(unit)) return `"${value}": weeks, months and years are not units here; count days, e.g. "30d"`;
  return `"${value}": ${grammar}`;
}

/** The instant every generated test starts at: written here, rendered once into test/support/clock.ts. */
export const TEST_NOW = '2030-01-15T09:00:00.000Z';
