import type { Issue } from '../diagnostics/issue';
import type { RealizeAnswer } from './schema';
import { syntaxErrors } from './syntax';

/**
 * Rules a module's answer must meet before it is compiled: every method written exactly once and no
 * imports of its own (imports are generated from what the code uses, so a stray one would clash).
 */
export function validateRealizeAnswer(answer: RealizeAnswer, expected: readonly string[], derived: readonly { dto: string; property: string }[] = []): Issue[] {
  const issues: Issue[] = [];
  const error = (path: string, message: string) => issues.push({ severity: 'error', source: 'realize', path, message });
  const seen = new Set<string>();
  answer.operations.forEach((operation, index) => {
    const path = `$.operations[${index}]`;
    if (!expected.includes(operation.id)) error(`${path}.id`, `"${operation.id}" is not a method of this module; the methods are ${expected.join(', ')}`);
    else if (seen.has(operation.id)) error(`${path}.id`, `"${operation.id}" is written twice; keep one`);
    seen.add(operation.id);
    if (operation.body.trim() === '') error(`${path}.body`, 'the body is empty; write the statements of the method');
    checkCode(operation.body, `${path}.body`, error);
    checkTime(operation.body, `${path}.body`, 'body', error);
    for (const problem of syntaxErrors(operation.body, 'body')) error(`${path}.body`, `line ${problem.line}: ${problem.message}`);
  });
  const missing = expected.filter((id) => !seen.has(id));
  if (missing.length > 0) error('$.operations', `missing method(s): ${missing.join(', ')}; write one entry for each`);
  validateDerivedBodies(answer, derived, error);
  checkCode(answer.helpers, '$.helpers', error);
  checkTime(answer.helpers, '$.helpers', 'helpers', error);
  for (const problem of syntaxErrors(answer.helpers, 'helpers')) error('$.helpers', `line ${problem.line}: ${problem.message}`);
  return issues;
}

/**
 * The bodies of the module's derived values: each written exactly once, and pure: computed from `row`
 * and `now` alone (no queries, no `this`, no system time), so a response is the same for the same row and instant.
 */
function validateDerivedBodies(answer: RealizeAnswer, expected: readonly { dto: string; property: string }[], error: (path: string, message: string) => void): void {
  const name = (entry: { dto: string; property: string }) => `${entry.dto}.${entry.property}`;
  const wanted = expected.map(name);
  const seen = new Set<string>();
  (answer.derived ?? []).forEach((entry, index) => {
    const path = `$.derived[${index}]`;
    const key = name(entry);
    if (!wanted.includes(key)) error(`${path}.property`, `"${key}" is not a derived value of this module; ${wanted.length ? `they are ${wanted.join(', ')}` : 'it has none: leave "derived" out'}`);
    else if (seen.has(key)) error(`${path}.property`, `"${key}" is written twice; keep one`);
    seen.add(key);
    const at = `${path}.body`;
    if (entry.body.trim() === '') error(at, 'the body is empty; write the statements that compute the value from row and now, ending in return');
    checkCode(entry.body, at, error);
    checkTime(entry.body, at, 'derived', error);
    const code = withoutCommentsAndStrings(entry.body);
    if (/(?<![.\w$])(this|await)\b/.test(code)) {
      error(at, 'a derived value is computed from row and now only: no this, await or queries (list the columns it needs in the DTO property\'s "uses"; counts are in row._count)');
    }
    for (const problem of syntaxErrors(entry.body, 'derived')) error(at, `line ${problem.line}: ${problem.message}`);
  });
  const missing = wanted.filter((key) => !seen.has(key));
  if (missing.length > 0) error('$.derived', `missing derived value(s): ${missing.join(', ')}; write one entry for each ({"dto", "property", "body"})`);
}

function checkCode(text: string, path: string, error: (path: string, message: string) => void): void {
  const code = withoutCommentsAndStrings(text);
  if (/^\s*import\s/m.test(code) || /(^|[^.\w$'"`])(require|import)\s*\(/m.test(code)) {
    error(path, 'imports are generated from what the code uses: remove import/require statements and import() calls');
  }
  // Generated business logic has no reason to evaluate code or reach the process's internals.
  if (/(^|[^.\w$])(eval|Function)\s*\(|\bnew\s+Function\b|\bprocess\s*\.\s*(binding|dlopen|mainModule)\b|\bchild_process\b/m.test(code)) {
    error(path, 'eval, new Function, child processes and process internals are not allowed in operations');
  }
  if (/^\s*(export\s+)?class\s/m.test(code)) error(path, 'write functions and statements only: the service class is generated');
}

/** Ways of reading the system time, which only the backend's clock may do. */
const SYSTEM_TIME: { pattern: RegExp; what: string; instead: string }[] = [
  { pattern: /(?<![.\w$])new\s+Date\s*\(\s*\)|(?<![.\w$])new\s+Date\b(?!\s*\()/g, what: 'new Date()', instead: 'this.clock.now()' },
  { pattern: /(?<![.\w$])Date\s*\.\s*now\b/g, what: 'Date.now()', instead: 'this.clock.now().getTime()' },
  { pattern: /(?<![.\w$]|\bnew\s+)Date\s*\(/g, what: 'Date()', instead: 'this.clock.now().toISOString()' },
];

/**
 * The current time comes from the backend's clock (`this.clock.now()`), which the generated tests set
 * and move; `new Date()`, `Date.now()` and `Date()` read the system time instead, so a rule such as
 * "overdue" or "older than 90 days" could not be tested. A Date built from a value (`new Date(ms)`) is fine.
 */
function checkTime(text: string, path: string, kind: 'body' | 'helpers' | 'derived', error: (path: string, message: string) => void): void {
  const code = withoutCommentsAndStrings(text);
  for (const { pattern, what, instead } of SYSTEM_TIME) {
    for (const match of code.matchAll(pattern)) {
      const line = code.slice(0, match.index).split('\n').length;
      const fix =
        kind === 'body'
          ? `use ${instead}`
          : kind === 'derived'
            ? `use the parameter now (a Date: the clock's time), e.g. ${instead.replace('this.clock.now()', 'now')}`
            : `helpers have no this.clock: take the time as a parameter (now: Date) and pass this.clock.now() from the method`;
      error(path, `line ${line}: ${what} reads the system time; the backend reads the time from its clock, which the tests set: ${fix}`);
    }
  }
}

/**
 * The code with comments and string contents blanked (same length, lines kept), so words in them are
 * not taken for calls and positions still point at the model's text.
 */
function withoutCommentsAndStrings(code: string): string {
  const blank = (text: string) => text.replace(/[^\n]/g, ' ');
  return code.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, (match) => {
    if (match.startsWith('/')) return blank(match);
    if (!match.startsWith('`')) return `${match[0]}${blank(match.slice(1, -1))}${match[0]}`;
    // A template literal keeps its \${...} expressions: they are code.
    return match.replace(/^`|`$|((?:[^$\\`]|\\.|\$(?!\{))+)|\$\{([^}]*)\}/g, (part, text: string | undefined) => (text === undefined ? part : blank(text)));
  });
}
