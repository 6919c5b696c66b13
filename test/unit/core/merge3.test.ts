import * as assert from 'node:assert/strict';
import { matchingLines } from '../../../src/core/project/lineDiff';
import { merge3 } from '../../../src/core/project/merge3';

/** A small deterministic generator, so a failure names the seed that shows it. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** The length of a longest common subsequence, by the textbook table: the reference Myers must reach. */
function lcsLength(a: readonly string[], b: readonly string[]): number {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) table[i]![j] = a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
  return table[0]![0]!;
}

const file = (...lines: string[]) => lines.map((line) => `${line}\n`).join('');

describe('three-way merge of a hand-edited file and its new rendering', () => {
  it('matches lines as a longest common subsequence, in order, on random texts', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed);
      const words = (count: number) => Array.from({ length: count }, () => 'abcde'[Math.floor(next() * 5)]!);
      const [a, b] = [words(Math.floor(next() * 30)), words(Math.floor(next() * 30))];
      const pairs = matchingLines(a, b);
      assert.equal(pairs.length, lcsLength(a, b), `seed ${seed}`);
      pairs.forEach(([i, j], index) => {
        assert.equal(a[i], b[j], `seed ${seed}`);
        if (index > 0) assert.ok(i > pairs[index - 1]![0] && j > pairs[index - 1]![1], `seed ${seed}: not in order`);
      });
    }
  });

  it("keeps the user's edit and the regeneration's change when they touch different lines", () => {
    const base = file('import a;', '', 'function one() {', '  return 1;', '}', '', 'function two() {', '  return 2;', '}');
    const mine = file('import a;', '', 'function one() {', '  // the user: one is special', '  return 11;', '}', '', 'function two() {', '  return 2;', '}');
    const theirs = file('import a;', 'import b;', '', 'function one() {', '  return 1;', '}', '', 'function two() {', '  return b(2);', '}');
    const merged = merge3(base, mine, theirs);
    assert.deepEqual(merged, {
      clean: true,
      text: file('import a;', 'import b;', '', 'function one() {', '  // the user: one is special', '  return 11;', '}', '', 'function two() {', '  return b(2);', '}'),
    });
  });

  it('is a conflict, with both sides between markers, where both changed the same lines differently', () => {
    const base = file('a', 'b', 'c');
    const merged = merge3(base, file('a', 'B mine', 'c'), file('a', 'B new', 'c'));
    assert.deepEqual(merged, { clean: false, conflicts: 1, text: file('a', '<<<<<<< yours', 'B mine', '=======', 'B new', '>>>>>>> Strata', 'c') });
    // The same change on both sides is no conflict.
    assert.deepEqual(merge3(base, file('a', 'X', 'c'), file('a', 'X', 'c')), { clean: true, text: file('a', 'X', 'c') });
  });

  it('gives back the new rendering when the user changed nothing, and the user\'s file when the rendering is the same', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const next = random(seed);
      const lines = (count: number) => Array.from({ length: count }, () => `line ${Math.floor(next() * 8)}`);
      const [base, other] = [file(...lines(Math.floor(next() * 20))), file(...lines(Math.floor(next() * 20)))];
      assert.deepEqual(merge3(base, base, other), { clean: true, text: other }, `seed ${seed}`);
      assert.deepEqual(merge3(base, other, base), { clean: true, text: other }, `seed ${seed}`);
    }
  });

  it('applies random edits to disjoint halves of a file cleanly, whatever they are', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const next = random(seed);
      const base = Array.from({ length: 20 }, (_, index) => `unique ${index}`);
      const edit = (lines: string[], from: number, to: number, tag: string) => {
        const copy = [...lines];
        const at = from + Math.floor(next() * (to - from));
        const removed = Math.floor(next() * 3);
        copy.splice(at, Math.min(removed, to - at), ...Array.from({ length: Math.floor(next() * 3) }, (_, index) => `${tag} ${index}`));
        return copy;
      };
      // Line 10 stays on both sides: the halves never touch.
      const mine = [...edit(base.slice(0, 10), 0, 10, 'mine'), ...base.slice(10)];
      const theirs = [...base.slice(0, 11), ...edit(base.slice(11), 0, 9, 'theirs')];
      const expected = [...mine.slice(0, mine.length - 10), ...theirs.slice(10)];
      assert.deepEqual(merge3(file(...base), file(...mine), file(...theirs)), { clean: true, text: file(...expected) }, `seed ${seed}`);
    }
  });

  it('keeps a file without a final new line as it is', () => {
    assert.deepEqual(merge3('a\nb', 'a\nb', 'a\nc'), { clean: true, text: 'a\nc' });
    assert.deepEqual(merge3('a\nb\nc', 'A\nb\nc', 'a\nb\nC'), { clean: true, text: 'A\nb\nC' });
  });
});
