/**
 * The candidate a name most likely misspells: the same ignoring case, a plural or singular of it, or a
 * few edits away (one for short names, two from five characters). A name an earlier artifact lacks is
 * then a slip the model can fix itself, not a reason to change that artifact.
 */
export function nearMiss(name: string, candidates: Iterable<string>): string | undefined {
  const wanted = name.toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const lower = candidate.toLowerCase();
    if (lower === wanted || singular(lower) === singular(wanted)) return candidate;
    const distance = Math.min(editDistance(wanted, lower), editDistance(singular(wanted), singular(lower)));
    if (distance <= (Math.min(wanted.length, lower.length) >= 5 ? 2 : 1) && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

function singular(word: string): string {
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ses') || word.endsWith('xes')) return word.slice(0, -2);
  return word.endsWith('s') ? word.slice(0, -1) : word;
}

/** Levenshtein distance. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * For a name an earlier artifact lacks: `needs` that phase, unless the name looks like a slip for one it
 * has, which the hint then names (the model fixes a slip itself; the earlier phase is asked only for what
 * is really missing).
 */
export function missing<P extends 'analyze' | 'database'>(name: string, candidates: Iterable<string>, phase: P): { hint: string; needs?: P } {
  const guess = nearMiss(name, candidates);
  return guess ? { hint: `; did you mean "${guess}"?` } : { hint: '', needs: phase };
}
