/**
 * The longest common subsequence of two line lists, as matched index pairs in order (Myers' O(ND)
 * algorithm: fast when the versions are close, as a user's edit and a regeneration usually are).
 */
export function matchingLines(a: readonly string[], b: readonly string[]): [number, number][] {
  // Common ends first: most of a file is untouched, and Myers then works on the middle only.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const pairs: [number, number][] = [];
  for (let i = 0; i < start; i++) pairs.push([i, i]);
  for (const [i, j] of myers(a.slice(start, endA), b.slice(start, endB))) pairs.push([i + start, j + start]);
  for (let i = endA, j = endB; i < a.length; i++, j++) pairs.push([i, j]);
  return pairs;
}

function myers(a: readonly string[], b: readonly string[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  if (n === 0 || m === 0) return [];
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // v after each round d: the furthest x reached on each diagonal k = x - y with d moves off the diagonal.
  const rounds: Int32Array[] = [];
  let last = -1;
  for (let d = 0; d <= max && last < 0; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) last = d;
    }
    rounds.push(v.slice());
  }
  // Back from the end: each round undoes one move off the diagonal, after the matching run that followed it.
  const pairs: [number, number][] = [];
  let x = n;
  let y = m;
  for (let d = last; d > 0; d--) {
    const before = rounds[d - 1]!;
    const k = x - y;
    const previousK = k === -d || (k !== d && before[offset + k - 1]! < before[offset + k + 1]!) ? k + 1 : k - 1;
    const previousX = before[offset + previousK]!;
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) {
      x--;
      y--;
      pairs.push([x, y]);
    }
    x = previousX;
    y = previousY;
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    pairs.push([x, y]);
  }
  return pairs.reverse();
}
