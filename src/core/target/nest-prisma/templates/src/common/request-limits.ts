import { BadRequestException, Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';

/** Deepest nesting of arrays and objects a request may carry; the DTOs nest a few levels at most. */
export const MAX_DEPTH = 32;

/**
 * Runs before the ValidationPipe on bodies, queries and path parameters: refuses (400) a value nested
 * deeper than MAX_DEPTH, which class-transformer would recurse into until the stack overflows (a 500),
 * and text holding NUL or a lone UTF-16 surrogate, which databases truncate or cannot store. Walks the
 * value without recursion, so a deep body cannot overflow the stack here either.
 */
@Injectable()
export class RequestLimitsPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const problem = problemOf(value);
    if (problem) throw new BadRequestException([`the ${metadata.type === 'param' ? 'path' : metadata.type} ${problem}`]);
    return value;
  }
}

function problemOf(root: unknown): string | undefined {
  const pending: [unknown, number][] = [[root, 0]];
  while (pending.length > 0) {
    const [value, depth] = pending.pop()!;
    if (typeof value === 'string') {
      if (!isCleanText(value)) return 'has text with a NUL character or an unpaired surrogate';
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_DEPTH) return `nests arrays and objects deeper than ${MAX_DEPTH} levels`;
    for (const [key, item] of Object.entries(value)) {
      if (!isCleanText(key)) return 'has a name with a NUL character or an unpaired surrogate';
      pending.push([item, depth + 1]);
    }
  }
  return undefined;
}

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const isCleanText = (text: string): boolean => !text.includes('\u0000') && !LONE_SURROGATE.test(text);
