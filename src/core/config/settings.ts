import type { Issue } from '../diagnostics/issue';
import { PHASE_IDS, type PhaseId } from '../phaseId';

export type ProviderId = 'ollama' | 'openai-compatible';
export type DatabaseId = 'sqlite' | 'postgresql';
/** How typed answers are asked for (see model/outputMode.ts). */
export type OutputModeSetting = 'auto' | 'tools' | 'format';
export const OUTPUT_MODES: readonly OutputModeSetting[] = ['auto', 'tools', 'format'];
/** When the editor shows a finished run for review before writing it (the CLI writes at once). */
export type ReviewSetting = 'existingProjects' | 'always' | 'never';
export const REVIEW_SETTINGS: readonly ReviewSetting[] = ['existingProjects', 'always', 'never'];

/** Everything Strata reads from the user's configuration. API keys are not here: they live in secret storage. */
export interface StrataSettings {
  provider: ProviderId;
  ollamaHost: string;
  model: string;
  phaseModels: Partial<Record<PhaseId, string>>;
  openaiBaseUrl: string;
  database: DatabaseId;
  concurrency: number;
  retryBudget: number;
  /**
   * How many times one run may go back to an earlier phase when a later one finds problems only that
   * phase can fix (a column the data model lacks, a refusal no request can reach).
   */
  backtracks: number;
  /**
   * How typed answers are asked for: `tools` (function calling), `format` (JSON constrained to the
   * schema by the server), or `auto`: tools when the model's capabilities list them, else format.
   */
  outputMode: OutputModeSetting;
  /** Limit of one list/show/models request, in seconds. */
  probeSeconds: number;
  /** From sending a chat request to the first byte of the answer, in seconds. */
  firstByteSeconds: number;
  /** The first-byte limit of a model's first call (the server may be loading it from disk), in seconds. */
  loadSeconds: number;
  /** Longest gap between two chunks of a streamed answer, in seconds. */
  idleSeconds: number;
  /** One whole chat call, its stream included, in seconds. */
  callSeconds: number;
  /** How many times a request that failed transiently (503, 429, a dropped connection, …) is sent again. */
  networkRetries: number;
  /** Longest Retry-After Strata waits for; a server asking for longer fails the call at once. */
  maxRetryAfterSeconds: number;
  /**
   * Review before apply: `existingProjects` reviews Add Feature and every run into a folder that already
   * holds a Strata project, `always` every run, `never` none.
   */
  reviewBeforeApply: ReviewSetting;
}

/** The defaults; `package.json` declares the same values (a unit test keeps the two equal). */
export const DEFAULT_SETTINGS: Readonly<StrataSettings> = Object.freeze({
  provider: 'ollama',
  ollamaHost: 'http://127.0.0.1:11434',
  model: 'qwen2.5-coder:7b',
  phaseModels: {},
  openaiBaseUrl: '',
  database: 'sqlite',
  concurrency: 2,
  retryBudget: 5,
  backtracks: 2,
  outputMode: 'auto',
  probeSeconds: 10,
  firstByteSeconds: 300,
  loadSeconds: 600,
  idleSeconds: 120,
  callSeconds: 1800,
  networkRetries: 4,
  maxRetryAfterSeconds: 120,
  reviewBeforeApply: 'existingProjects',
});

/** Setting keys under the `strata.` section, mapped to the field each one fills. */
export const SETTING_KEYS: Readonly<Record<keyof StrataSettings, string>> = {
  provider: 'provider',
  ollamaHost: 'ollama.host',
  model: 'model',
  phaseModels: 'phaseModels',
  openaiBaseUrl: 'openaiCompatible.baseUrl',
  database: 'database',
  concurrency: 'concurrency',
  retryBudget: 'retryBudget',
  backtracks: 'backtracks',
  outputMode: 'outputMode',
  probeSeconds: 'timeouts.probeSeconds',
  firstByteSeconds: 'timeouts.firstByteSeconds',
  loadSeconds: 'timeouts.loadSeconds',
  idleSeconds: 'timeouts.idleSeconds',
  callSeconds: 'timeouts.callSeconds',
  networkRetries: 'network.retries',
  maxRetryAfterSeconds: 'network.maxRetryAfterSeconds',
  reviewBeforeApply: 'reviewBeforeApply',
};

export const LIMITS = {
  concurrency: { min: 1, max: 32 },
  retryBudget: { min: 0, max: 20 },
  backtracks: { min: 0, max: 5 },
  /** Every time limit: above 0, at most a day. */
  timeoutSeconds: { min: 0, max: 86_400 },
  networkRetries: { min: 0, max: 10 },
  maxRetryAfterSeconds: { min: 0, max: 3_600 },
} as const;

export interface SettingsResult {
  settings: StrataSettings;
  /** One issue per value that was unusable and replaced by its default; `path` is the setting key. */
  issues: Issue[];
}

/**
 * Turns raw configuration values (possibly hand-edited JSON) into usable settings. A bad value never
 * stops Strata: it falls back to the default and is reported.
 */
export function normalizeSettings(raw: Partial<Record<keyof StrataSettings, unknown>>): SettingsResult {
  const issues: Issue[] = [];
  const report = (field: keyof StrataSettings, message: string): void => {
    issues.push({ severity: 'warning', source: 'settings', path: `strata.${SETTING_KEYS[field]}`, message });
  };

  const pick = <K extends keyof StrataSettings>(
    field: K,
    accept: (value: unknown) => value is StrataSettings[K],
    expected: string,
  ): StrataSettings[K] => {
    const value = raw[field];
    if (value === undefined || value === null) return DEFAULT_SETTINGS[field];
    if (accept(value)) return value;
    report(field, `expected ${expected}, found ${JSON.stringify(value)}; using ${JSON.stringify(DEFAULT_SETTINGS[field])}`);
    return DEFAULT_SETTINGS[field];
  };

  const isProvider = (v: unknown): v is ProviderId => v === 'ollama' || v === 'openai-compatible';
  const isDatabase = (v: unknown): v is DatabaseId => v === 'sqlite' || v === 'postgresql';
  const isOutputMode = (v: unknown): v is OutputModeSetting => OUTPUT_MODES.includes(v as OutputModeSetting);
  const isReviewSetting = (v: unknown): v is ReviewSetting => REVIEW_SETTINGS.includes(v as ReviewSetting);
  const isModelName = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
  const isHttpUrl = (v: unknown): v is string => typeof v === 'string' && parseHttpUrl(v) !== undefined;
  const isOptionalHttpUrl = (v: unknown): v is string => v === '' || isHttpUrl(v);
  const intIn = (min: number, max: number) => (v: unknown): v is number =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
  const { min: tMin, max: tMax } = LIMITS.timeoutSeconds;
  const isSeconds = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > tMin && v <= tMax;
  const seconds = `a number of seconds above ${tMin}, at most ${tMax}`;
  const isWait = (v: unknown): v is number =>
    typeof v === 'number' && Number.isFinite(v) && v >= LIMITS.maxRetryAfterSeconds.min && v <= LIMITS.maxRetryAfterSeconds.max;

  const settings: StrataSettings = {
    provider: pick('provider', isProvider, '"ollama" or "openai-compatible"'),
    ollamaHost: trimSlash(pick('ollamaHost', isHttpUrl, 'an http(s) URL')),
    model: pick('model', isModelName, 'a model name').trim(),
    phaseModels: normalizePhaseModels(raw.phaseModels, (message) => report('phaseModels', message)),
    openaiBaseUrl: trimSlash(pick('openaiBaseUrl', isOptionalHttpUrl, 'an http(s) URL')),
    database: pick('database', isDatabase, '"sqlite" or "postgresql"'),
    concurrency: pick('concurrency', intIn(LIMITS.concurrency.min, LIMITS.concurrency.max), 'an integer from 1 to 32'),
    retryBudget: pick('retryBudget', intIn(LIMITS.retryBudget.min, LIMITS.retryBudget.max), 'an integer from 0 to 20'),
    backtracks: pick('backtracks', intIn(LIMITS.backtracks.min, LIMITS.backtracks.max), 'an integer from 0 to 5'),
    outputMode: pick('outputMode', isOutputMode, '"auto", "tools" or "format"'),
    probeSeconds: pick('probeSeconds', isSeconds, seconds),
    firstByteSeconds: pick('firstByteSeconds', isSeconds, seconds),
    loadSeconds: pick('loadSeconds', isSeconds, seconds),
    idleSeconds: pick('idleSeconds', isSeconds, seconds),
    callSeconds: pick('callSeconds', isSeconds, seconds),
    networkRetries: pick('networkRetries', intIn(LIMITS.networkRetries.min, LIMITS.networkRetries.max), 'an integer from 0 to 10'),
    maxRetryAfterSeconds: pick('maxRetryAfterSeconds', isWait, `a number of seconds from 0 to ${LIMITS.maxRetryAfterSeconds.max}`),
    reviewBeforeApply: pick('reviewBeforeApply', isReviewSetting, '"existingProjects", "always" or "never"'),
  };
  return { settings, issues };
}

/** The model a phase runs with: its own override, else the common one. */
export function modelForPhase(settings: StrataSettings, phase: PhaseId): string {
  return settings.phaseModels[phase] ?? settings.model;
}

function normalizePhaseModels(value: unknown, report: (message: string) => void): Partial<Record<PhaseId, string>> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    report(`expected an object mapping phases to model names, found ${JSON.stringify(value)}`);
    return {};
  }
  const result: Partial<Record<PhaseId, string>> = {};
  for (const [key, model] of Object.entries(value as Record<string, unknown>)) {
    if (!(PHASE_IDS as readonly string[]).includes(key)) {
      report(`unknown phase "${key}" (phases: ${PHASE_IDS.join(', ')}); ignored`);
    } else if (typeof model !== 'string' || model.trim() === '') {
      report(`phase "${key}" needs a model name, found ${JSON.stringify(model)}; ignored`);
    } else {
      result[key as PhaseId] = model.trim();
    }
  }
  return result;
}

export function parseHttpUrl(value: string): URL | undefined {
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

function trimSlash(url: string): string {
  return url.trim().replace(/\/+$/, '');
}
