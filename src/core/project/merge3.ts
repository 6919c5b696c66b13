import { matchingLines } from './lineDiff';

export type MergeResult =
  | { clean: true; text: string }
  /** `text` carries git-style conflict markers around each region both sides changed differently. */
  | { clean: false; text: string; conflicts: number };

/**
 * A three-way merge of text by lines (diff3): the changes from `base` to `mine` and from `base` to
 * `theirs` are both applied where they touch different lines; where both changed the same lines
 * differently, the region is a conflict. Used where a regeneration must touch a file the user edited:
 * base = what Strata last wrote, mine = the user's file, theirs = the new rendering.
 */
export function merge3(base: string, mine: string, theirs: string, labels = { mine: 'yours', theirs: 'Strata' }): MergeResult {
  const [o, a, b] = [lines(base), lines(mine), lines(theirs)];
  const inA = new Map(matchingLines(o, a));
  const inB = new Map(matchingLines(o, b));
  const out: string[] = [];
  let conflicts = 0;
  let [i, ia, ib] = [0, 0, 0];
  const emitRegion = (oEnd: number, aEnd: number, bEnd: number) => {
    const [os, as, bs] = [o.slice(i, oEnd), a.slice(ia, aEnd), b.slice(ib, bEnd)];
    if (same(as, os)) out.push(...bs);
    else if (same(bs, os) || same(as, bs)) out.push(...as);
    else {
      conflicts++;
      out.push(`<<<<<<< ${labels.mine}\n`, ...withEnd(as), '=======\n', ...withEnd(bs), `>>>>>>> ${labels.theirs}\n`);
    }
  };
  // A base line both sides kept is a stable point; what lies between two stable points is one region.
  for (let k = 0; k < o.length; k++) {
    const ka = inA.get(k);
    const kb = inB.get(k);
    if (ka === undefined || kb === undefined || ka < ia || kb < ib) continue;
    emitRegion(k, ka, kb);
    out.push(o[k]!);
    [i, ia, ib] = [k + 1, ka + 1, kb + 1];
  }
  emitRegion(o.length, a.length, b.length);
  const text = out.join('');
  return conflicts === 0 ? { clean: true, text } : { clean: false, text, conflicts };
}

/** Lines with their endings kept, so the merge gives back exactly the bytes it was given. */
function lines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

const same = (x: readonly string[], y: readonly string[]): boolean => x.length === y.length && x.every((line, index) => line === y[index]);

/** A side without a final new line still closes before the next marker. */
const withEnd = (side: readonly string[]): string[] => side.map((line, index) => (index === side.length - 1 && !line.endsWith('\n') ? `${line}\n` : line));
