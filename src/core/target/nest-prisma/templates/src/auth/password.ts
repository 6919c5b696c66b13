import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { loadEnvironment } from '../config/environment.js';

interface Cost {
  N: number;
  r: number;
  p: number;
}

/** What `scrypt$<salt>$<hash>` hashes (the format before the cost was stored) were made with: Node's default. */
const LEGACY: Cost = { N: 2 ** 14, r: 8, p: 1 };
const KEY_LENGTH = 64;

/** New hashes: N = 2^PASSWORD_HASH_COST (17 by default, OWASP's minimum), r = 8, p = 1. */
const current = (): Cost => ({ N: 2 ** loadEnvironment().PASSWORD_HASH_COST, r: 8, p: 1 });

function derive(password: string, salt: Buffer, length: number, cost: Cost): Promise<Buffer> {
  // scrypt needs 128 * N * r bytes (128 MiB at N = 2^17), past Node's default limit of 32 MiB.
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
  return new Promise((resolve, reject) => scrypt(password, salt, length, options, (error, key) => (error ? reject(error) : resolve(key))));
}

/** Stored as scrypt$N=<N>,r=<r>,p=<p>$<salt base64>$<hash base64>. node:crypto only: no native addon, nothing to download. */
export async function hashPassword(password: string): Promise<string> {
  const cost = current();
  const salt = randomBytes(16);
  const hash = await derive(password, salt, KEY_LENGTH, cost);
  return `scrypt$N=${cost.N},r=${cost.r},p=${cost.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

let dummy: string | undefined;

/**
 * A well-formed hash that no password is known to match, at the current cost: logins of unknown accounts
 * are checked against it, so they take as long as a wrong password.
 */
export function dummyPasswordHash(): string {
  dummy ??= `scrypt$N=${current().N},r=8,p=1$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(KEY_LENGTH).toString('base64')}`;
  return dummy;
}

/** The parts of a stored hash, either format; undefined when it is neither or its cost is out of bounds. */
function parse(stored: string): { cost: Cost; salt: Buffer; hash: Buffer; legacy: boolean } | undefined {
  const parts = stored.split('$');
  if (parts[0] !== 'scrypt') return undefined;
  let cost = LEGACY;
  if (parts.length === 4) {
    const match = /^N=(\d+),r=(\d+),p=(\d+)$/.exec(parts[1]!);
    if (!match) return undefined;
    cost = { N: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
    // Bounds, so a tampered row cannot make one login take minutes or gigabytes.
    const powerOfTwo = cost.N >= 2 ** 10 && cost.N <= 2 ** 20 && (cost.N & (cost.N - 1)) === 0;
    if (!powerOfTwo || cost.r < 1 || cost.r > 32 || cost.p < 1 || cost.p > 16) return undefined;
  } else if (parts.length !== 3) {
    return undefined;
  }
  const [salt, hash] = parts.slice(-2).map((part) => Buffer.from(part!, 'base64'));
  return salt!.length > 0 && hash!.length > 0 ? { cost, salt: salt!, hash: hash!, legacy: parts.length === 3 } : undefined;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const actual = await derive(password, parsed.salt, parsed.hash.length, parsed.cost);
  return timingSafeEqual(actual, parsed.hash);
}

/** Whether a hash that verified was made at another cost than today's (or before the cost was stored). */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  const cost = current();
  return !parsed || parsed.legacy || parsed.cost.N !== cost.N || parsed.cost.r !== cost.r || parsed.cost.p !== cost.p;
}
