/**
 * Recovers a JSON value from model text: a bare value, one inside a ```json fence, or the first
 * balanced object/array in prose. Small models often write the tool call as text instead of calling it.
 */
export type Recovered = { ok: true; value: unknown } | { ok: false; error: string };

export function jsonFromText(text: string): Recovered {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: 'the answer was empty' };
  const direct = tryParse(trimmed);
  if (direct.ok) return direct;

  for (const fence of trimmed.matchAll(/```(?:json|JSON)?\s*\n?([\s\S]*?)```/g)) {
    const fenced = tryParse(fence[1]!.trim());
    if (fenced.ok) return fenced;
  }
  const start = trimmed.search(/[{[]/);
  if (start >= 0) {
    const end = balancedEnd(trimmed, start);
    if (end > start) {
      const embedded = tryParse(trimmed.slice(start, end + 1));
      if (embedded.ok) return embedded;
      return { ok: false, error: embedded.error };
    }
    return { ok: false, error: 'the JSON is not closed (a brace or bracket is missing)' };
  }
  return { ok: false, error: direct.error };
}

function tryParse(text: string): Recovered {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/** Index of the bracket closing the one at `start`, honouring strings; -1 when it never closes. */
function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}
