import type { Issue } from '../diagnostics/issue';
import type { RealizeAnswer } from './schema';
import { syntaxErrors } from './syntax';

/**
 * Rules a module's answer must meet before it is compiled: every method written exactly once and no
 * imports of its own (imports are generated from what the code uses, so a stray one would clash).
 */
export function validateRealizeAnswer(answer: RealizeAnswer, expected: readonly string[]): Issue[] {
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
    for (const problem of syntaxErrors(operation.body, 'body')) error(`${path}.body`, `line ${problem.line}: ${problem.message}`);
  });
  const missing = expected.filter((id) => !seen.has(id));
  if (missing.length > 0) error('$.operations', `missing method(s): ${missing.join(', ')}; write one entry for each`);
  checkCode(answer.helpers, '$.helpers', error);
  for (const problem of syntaxErrors(answer.helpers, 'helpers')) error('$.helpers', `line ${problem.line}: ${problem.message}`);
  return issues;
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

/** The code with comments and string contents blanked, so words in them are not taken for calls. */
function withoutCommentsAndStrings(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, (match) =>
    match.startsWith('/') ? ' ' : `${match[0]}${match[0]}`,
  );
}
