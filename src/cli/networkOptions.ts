import { DEFAULT_SETTINGS, LIMITS, OUTPUT_MODES, type OutputModeSetting, type StrataSettings } from '../core/config/settings';

/** The command-line flags of the model-server time limits and retries, for `strata generate` and `strata doctor`. */
export const NETWORK_USAGE = `  --probe-timeout S       seconds for one list/show request (default ${DEFAULT_SETTINGS.probeSeconds})
  --first-byte-timeout S  seconds from sending a model call to the first byte of its answer (default ${DEFAULT_SETTINGS.firstByteSeconds})
  --load-timeout S        the same for a model's first call, which may load it from disk (default ${DEFAULT_SETTINGS.loadSeconds})
  --idle-timeout S        longest silence in a streamed answer (default ${DEFAULT_SETTINGS.idleSeconds})
  --call-timeout S        one whole model call, its answer included (default ${DEFAULT_SETTINGS.callSeconds})
  --retries N             retries of a transient fault: HTTP 408/429/5xx, a dropped connection, a stall (0-${LIMITS.networkRetries.max}, default ${DEFAULT_SETTINGS.networkRetries})
  --max-retry-after S     longest Retry-After waited for (default ${DEFAULT_SETTINGS.maxRetryAfterSeconds})
  --output-mode M         how typed answers are asked for: auto (tools when the model has them, else format), tools or format (default ${DEFAULT_SETTINGS.outputMode})`;

type SecondsField = 'probeSeconds' | 'firstByteSeconds' | 'loadSeconds' | 'idleSeconds' | 'callSeconds';

const SECONDS: Readonly<Record<string, SecondsField>> = {
  'probe-timeout': 'probeSeconds',
  'first-byte-timeout': 'firstByteSeconds',
  'load-timeout': 'loadSeconds',
  'idle-timeout': 'idleSeconds',
  'call-timeout': 'callSeconds',
};

/**
 * The settings the network flags name (only those given), or the first flag's problem as `error`
 * (a usage error: exit 2). Seconds may have decimals and must be above 0; `--retries` is an integer.
 */
export function networkOptions(options: Map<string, string | true>): { settings: Partial<StrataSettings>; error?: string } {
  const settings: Partial<StrataSettings> = {};
  const number = (flag: string): number | string => {
    const value = options.get(flag);
    if (value === true) return `--${flag} needs a value`;
    const text = String(value).trim();
    const parsed = /^\d+(\.\d+)?$|^\.\d+$/.test(text) ? Number(text) : Number.NaN;
    return Number.isFinite(parsed) ? parsed : `--${flag} needs a number, got "${value}"`;
  };

  for (const [flag, field] of Object.entries(SECONDS)) {
    if (!options.has(flag)) continue;
    const value = number(flag);
    if (typeof value === 'string') return { settings, error: value };
    if (value <= LIMITS.timeoutSeconds.min || value > LIMITS.timeoutSeconds.max) {
      return { settings, error: `--${flag} needs seconds above 0, at most ${LIMITS.timeoutSeconds.max}; got ${value}` };
    }
    settings[field] = value;
  }
  if (options.has('retries')) {
    const value = number('retries');
    if (typeof value === 'string') return { settings, error: value };
    if (!Number.isInteger(value) || value < LIMITS.networkRetries.min || value > LIMITS.networkRetries.max) {
      return { settings, error: `--retries needs a whole number from ${LIMITS.networkRetries.min} to ${LIMITS.networkRetries.max}; got ${value}` };
    }
    settings.networkRetries = value;
  }
  if (options.has('max-retry-after')) {
    const value = number('max-retry-after');
    if (typeof value === 'string') return { settings, error: value };
    if (value > LIMITS.maxRetryAfterSeconds.max) return { settings, error: `--max-retry-after needs seconds from 0 to ${LIMITS.maxRetryAfterSeconds.max}; got ${value}` };
    settings.maxRetryAfterSeconds = value;
  }
  if (options.has('output-mode')) {
    const value = options.get('output-mode');
    if (!OUTPUT_MODES.includes(value as OutputModeSetting)) return { settings, error: `--output-mode needs ${OUTPUT_MODES.join(', ')}; got ${value === true ? 'nothing' : `"${value}"`}` };
    settings.outputMode = value as OutputModeSetting;
  }
  return { settings };
}
