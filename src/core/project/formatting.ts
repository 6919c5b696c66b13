import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Plugin } from 'prettier';
import { PRETTIER_CONFIG_FILE, PRETTIER_OPTIONS } from './codeStyle';

/**
 * Generated files formatted by prettier (its standalone build, bundled in the engine) with the options the
 * project ships in `.prettierrc`. Prisma schemas are not prettier's: they are rendered as `prisma format`
 * writes them (a test holds them to it). Dockerfile and ignore files have no formatter.
 */

type Standalone = typeof import('prettier/standalone');

let loading: Promise<{ prettier: Standalone; plugins: Plugin[] }> | undefined;

/**
 * Prettier and its plugins (about 2 MB of code) are loaded on first use, not when the engine or the command
 * line starts: `strata doctor` and runs that fail before writing never need them.
 */
function loadPrettier(): Promise<{ prettier: Standalone; plugins: Plugin[] }> {
  loading ??= Promise.all([
    import('prettier/standalone'),
    import('prettier/plugins/babel'),
    import('prettier/plugins/estree'),
    import('prettier/plugins/markdown'),
    import('prettier/plugins/typescript'),
    import('prettier/plugins/yaml'),
  ]).then(([prettier, ...plugins]) => ({ prettier, plugins: plugins as Plugin[] }));
  return loading;
}

/**
 * The parsers a file is formatted with, tried in turn, or undefined when Strata leaves it as rendered.
 * TypeScript goes through babel-ts first: the same output as prettier's `typescript` parser, the one its
 * command line picks (a unit test compares both; the backend stage's `prettier --check` in every generated
 * reference app uses the latter), in about two thirds of the time.
 */
export function parsersFor(path: string): readonly string[] | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (/\.[mc]?ts$/.test(name)) return ['babel-ts', 'typescript'];
  if (/\.[mc]?js$/.test(name)) return ['babel'];
  // What prettier's command line infers: package.json as JSON.stringify writes it, other JSON with its own layout.
  if (name === 'package.json' || name === 'package-lock.json') return ['json-stringify'];
  if (name.endsWith('.json')) return ['json'];
  if (name.endsWith('.md')) return ['markdown'];
  if (/\.ya?ml$/.test(name) || name === PRETTIER_CONFIG_FILE) return ['yaml'];
  return undefined;
}

/** Formatted text by parser and content: a run renders mostly what the one before did. */
const cache = new Map<string, string>();
const CACHE_ENTRIES = 1000;

/**
 * `text` as prettier formats it with Strata's options. Throws when prettier cannot read it (a syntax error)
 * or does not format files of this kind.
 */
export async function formatText(path: string, text: string): Promise<string> {
  const parsers = parsersFor(path);
  if (!parsers) throw new Error(`${path}: prettier does not format this kind of file`);
  const key = `${parsers[0]}:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const { prettier, plugins } = await loadPrettier();
  let firstError: unknown;
  for (const parser of parsers) {
    try {
      const formatted = await prettier.format(text, { ...PRETTIER_OPTIONS, parser, plugins });
      if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
      cache.set(key, formatted);
      return formatted;
    } catch (error) {
      firstError ??= error;
    }
  }
  throw firstError;
}

/**
 * A generated file as it is written: formatted, or as rendered when prettier does not format its kind or
 * cannot read it (code with a syntax error is reported by the compilers, at the lines as rendered).
 */
export async function formatGenerated(path: string, text: string): Promise<string> {
  if (!parsersFor(path)) return text;
  return formatText(path, text).catch(() => text);
}

/**
 * Where offsets into `text` land in its formatted form, by prettier's own cursor translation (one format per
 * offset: meant for the few positions of problems left in a file). An offset it cannot place stays as it was.
 */
export async function formattedOffsets(path: string, text: string, offsets: readonly number[]): Promise<number[]> {
  const parsers = parsersFor(path);
  if (!parsers) return [...offsets];
  const { prettier, plugins } = await loadPrettier();
  return Promise.all(
    offsets.map(async (cursorOffset) => {
      for (const parser of parsers) {
        try {
          return (await prettier.formatWithCursor(text, { ...PRETTIER_OPTIONS, parser, plugins, cursorOffset })).cursorOffset;
        } catch {
          // the next parser, or the offset as it was
        }
      }
      return cursorOffset;
    }),
  );
}

/** The worker's script, beside this module: dist/formatWorker.js in the bundles, the compiled module in tests. */
const WORKER_FILE = join(__dirname, 'formatWorker.js');

/**
 * A run's files formatted on a worker thread, so that the files of the phases already done are formatted
 * while the later ones run (on another core, or while a model answers). `format` may be called as soon as a
 * file is rendered and again when it is written: the same path and text are formatted once. Where no worker
 * starts, or it dies, files are formatted in process; the result is the same.
 */
export class BackgroundFormatter {
  private worker: Worker | undefined;
  private readonly results = new Map<string, Promise<string>>();
  private readonly waiting = new Map<number, { path: string; text: string; resolve: (formatted: string) => void }>();
  private nextId = 0;

  constructor() {
    try {
      if (!existsSync(WORKER_FILE)) return;
      const worker = new Worker(WORKER_FILE);
      // Never what keeps a process alive: a run that ends without close() must not hang its command.
      worker.unref();
      worker.on('message', (message: { id: number; formatted: string }) => {
        const entry = this.waiting.get(message.id);
        this.waiting.delete(message.id);
        entry?.resolve(message.formatted);
      });
      worker.on('error', () => this.inProcess());
      worker.on('exit', () => this.inProcess());
      this.worker = worker;
    } catch {
      this.worker = undefined;
    }
  }

  /** Whether files go to the worker thread (false: in process). */
  get threaded(): boolean {
    return this.worker !== undefined;
  }

  /** The file as it is written (see `formatGenerated`). Never rejects. */
  format(path: string, text: string): Promise<string> {
    if (!parsersFor(path)) return Promise.resolve(text);
    const key = `${path}\0${text}`;
    let result = this.results.get(key);
    if (!result) {
      result = this.worker
        ? new Promise<string>((resolve) => {
            const id = this.nextId++;
            this.waiting.set(id, { path, text, resolve });
            this.worker!.postMessage({ id, path, text });
          })
        : formatGenerated(path, text);
      this.results.set(key, result);
    }
    return result;
  }

  /** Stops the worker once the run is over: files it had not answered are left as rendered (nobody waits for them). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    for (const { text, resolve } of this.waiting.values()) resolve(text);
    this.waiting.clear();
    await worker?.terminate();
  }

  /** The worker failed or stopped: from now on in process, including what it had not answered yet. */
  private inProcess(): void {
    this.worker = undefined;
    for (const { path, text, resolve } of this.waiting.values()) void formatGenerated(path, text).then(resolve);
    this.waiting.clear();
  }
}
