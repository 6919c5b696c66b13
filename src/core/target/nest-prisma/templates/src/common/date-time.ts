/**
 * Date-times in requests, one parser for every DTO and route: RFC 3339 (the ISO 8601 profile of the
 * Internet): a four-digit year, hours, minutes and seconds, any number of fractional digits (kept to the
 * millisecond, Date's precision) and an explicit offset, e.g. `2024-03-05T09:30:00Z` or
 * `2024-03-05t10:30:00.123456+01:00`.
 */
const RFC_3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

/**
 * The instant an RFC 3339 date-time stands for; undefined for anything else: no seconds, a day that does
 * not exist (2024-02-30), an hour past 23, a leap second (Date has none), an offset past 23:59, or an
 * instant outside the years 0000-9999, whose stored text no longer sorts.
 */
export function instantOf(text: string): Date | undefined {
  const match = RFC_3339.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const [fraction = '', sign, offsetHours = '0', offsetMinutes = '0'] = match.slice(7);
  if (hour > 23 || minute > 59 || second > 59 || Number(offsetHours) > 23 || Number(offsetMinutes) > 59) return undefined;
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, Number(fraction.padEnd(3, '0').slice(0, 3))));
  date.setUTCFullYear(year);
  // The day exists when nothing rolled over (2024-02-30 would be March 1st).
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  const offset = (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes));
  const instant = new Date(date.getTime() - offset * 60_000);
  const instantYear = instant.getUTCFullYear();
  return instantYear >= 0 && instantYear <= 9999 ? instant : undefined;
}

/**
 * The Date a request's date-time text stands for; any other value is handed on unchanged, for `@IsDate`
 * to refuse with a 400. `new Date()` alone takes numbers, booleans, "2024" and "March 3, 2024", rolls
 * 2024-02-30 over to March 1st, and accepts years past 9999.
 */
export function parseDateTime(value: unknown): unknown {
  return typeof value === 'string' ? (instantOf(value) ?? value) : value;
}
