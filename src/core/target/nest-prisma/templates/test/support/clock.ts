import assert from 'node:assert/strict';
import type { TestServer } from './server.js';

/** The instant every test starts at, the server's clock standing still there: no test depends on today's date. */
export const TEST_NOW = '2030-01-15T09:00:00.000Z';

const UNITS: Record<string, number> = { d: 86_400_000, h: 3_600_000, min: 60_000, s: 1_000 };

let server: TestServer | undefined;
let current = Date.parse(TEST_NOW);

/** Milliseconds of an offset such as `+21d`, `-90d`, `+2h`, `+30min`, `-10s` (empty: none). */
function offsetOf(text: string): number {
  if (text === '') return 0;
  const match = /^([+-])(\d+)(d|h|min|s)$/.exec(text);
  assert.ok(match, `not a clock offset: "${text}"`);
  return (match[1] === '-' ? -1 : 1) * Number(match[2]) * UNITS[match[3]!]!;
}

/** Called by useServer before each test: this file's clock is that server's, back at TEST_NOW. */
export async function useClock(target: TestServer): Promise<void> {
  server = target;
  await setClock(TEST_NOW);
}

/** What the server's clock reads now, moved by `offset`, as ISO 8601: `now()`, `now('+21d')`, `now('-90d')`. */
export function now(offset = ''): string {
  return new Date(current + offsetOf(offset)).toISOString();
}

/** The server clock's day (UTC), moved by whole days, as `YYYY-MM-DD`: `today()`, `today('+21d')`. */
export function today(offset = ''): string {
  assert.ok(/^([+-]\d+d)?$/.test(offset), `not a day offset: "${offset}"`);
  return now(offset).slice(0, 10);
}

/** Sets the server's clock to `instant` (an ISO 8601 date-time); it stands still there. */
export async function setClock(instant: string): Promise<void> {
  const at = Date.parse(instant);
  assert.ok(!Number.isNaN(at), `not an instant: "${instant}"`);
  assert.ok(server, 'the clock moves only inside a test of a file that calls useServer()');
  await server.setClock(new Date(at).toISOString());
  current = at;
}

/** Moves the server's clock forward by `duration`: `21d`, `2h`, `30min`, `10s`. */
export async function advanceClock(duration: string): Promise<void> {
  await setClock(now(`+${duration}`));
}
