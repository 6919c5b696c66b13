import { createHash } from 'node:crypto';
import type { Options, Plugin } from 'prettier';
import * as babel from 'prettier/plugins/babel';
import * as estree from 'prettier/plugins/estree';
import * as markdown from 'prettier/plugins/markdown';
import * as typescript from 'prettier/plugins/typescript';
import * as yaml from 'prettier/plugins/yaml';
import * as prettier from 'prettier/standalone';
import { PRETTIER_CONFIG_FILE, PRETTIER_OPTIONS } from './codeStyle';

/**
 * Generated files formatted by prettier (its standalone build, bundled in the engine) with the options the
 * project ships in `.prettierrc`. Prisma schemas are not prettier's: they are rendered as `prisma format`
 * writes them (a test holds them to it). Dockerfile and ignore files have no formatter.
 */

const PLUGINS = [babel, estree, markdown, typescript, yaml] as Plugin[];

/**
 * The parsers a file is formatted with, tried in turn, or undefined when Strata leaves it as rendered.
 * TypeScript goes through babel-ts first: the same output as prettier's `typescript` parser (the one its
 * command line picks; a test compares both on every reference app), in about two thirds of the time.
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
  let firstError: unknown;
  for (const parser of parsers) {
    try {
      const formatted = await prettier.format(text, options(parser));
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
  return Promise.all(
    offsets.map(async (cursorOffset) => {
      for (const parser of parsers) {
        try {
          return (await prettier.formatWithCursor(text, { ...options(parser), cursorOffset })).cursorOffset;
        } catch {
          // the next parser, or the offset as it was
        }
      }
      return cursorOffset;
    }),
  );
}

function options(parser: string): Options {
  return { ...PRETTIER_OPTIONS, parser, plugins: PLUGINS };
}
