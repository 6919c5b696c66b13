import { DEFAULT_SETTINGS, type StrataSettings } from '../config/settings';
import { type LimitName, ModelError } from './errors';

/**
 * The time limits of model-server requests, in milliseconds. Each has a setting (seconds):
 * - probe: one list/show/models request, answer included (strata.timeouts.probeSeconds);
 * - firstByte: from sending a chat request to the first byte of its answer (strata.timeouts.firstByteSeconds);
 * - load: the first-byte limit of a model's first call on a provider, while the server may still be
 *   loading it from disk and sends nothing (strata.timeouts.loadSeconds);
 * - idle: the longest gap between two chunks of a streamed answer (strata.timeouts.idleSeconds);
 * - call: one whole chat request, its stream included (strata.timeouts.callSeconds).
 */
export interface Timeouts {
  probeMs: number;
  firstByteMs: number;
  loadMs: number;
  idleMs: number;
  callMs: number;
}

type TimeoutSettings = Pick<StrataSettings, 'probeSeconds' | 'firstByteSeconds' | 'loadSeconds' | 'idleSeconds' | 'callSeconds'>;

export function timeoutsFrom(settings: TimeoutSettings): Timeouts {
  return {
    probeMs: settings.probeSeconds * 1000,
    firstByteMs: settings.firstByteSeconds * 1000,
    loadMs: settings.loadSeconds * 1000,
    idleMs: settings.idleSeconds * 1000,
    callMs: settings.callSeconds * 1000,
  };
}

export const DEFAULT_TIMEOUTS: Readonly<Timeouts> = Object.freeze(timeoutsFrom(DEFAULT_SETTINGS));

/** What each limit is called in messages, and the setting that changes it. */
export const LIMIT_NAMES: Readonly<Record<LimitName, { label: string; setting: string }>> = {
  probe: { label: 'probe limit', setting: 'strata.timeouts.probeSeconds' },
  'first-byte': { label: 'first-byte limit', setting: 'strata.timeouts.firstByteSeconds' },
  load: { label: 'load allowance', setting: 'strata.timeouts.loadSeconds' },
  idle: { label: 'idle limit', setting: 'strata.timeouts.idleSeconds' },
  call: { label: 'whole-call limit', setting: 'strata.timeouts.callSeconds' },
};

/** `120 s`, `0.5 s`, `1.25 s`. */
export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}

/**
 * The error of a limit that fired, naming the limit and its setting:
 * "Ollama at http://… sent nothing for 120 s mid-answer (idle limit, strata.timeouts.idleSeconds)".
 */
export function limitExceeded(where: string, limit: LimitName, ms: number, model?: string): ModelError {
  const { label, setting } = LIMIT_NAMES[limit];
  const time = formatSeconds(ms);
  const what = {
    probe: `did not answer within ${time}`,
    'first-byte': `sent nothing for ${time} after the request`,
    load: `sent nothing for ${time} on the first call to ${model ? `"${model}"` : 'the model'}, which it may still be loading`,
    idle: `sent nothing for ${time} mid-answer`,
    call: `did not finish the answer within ${time}`,
  }[limit];
  return new ModelError('timeout', `${where} ${what} (${label}, ${setting})`, undefined, { limit });
}
