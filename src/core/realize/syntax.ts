import * as ts from 'typescript';

/**
 * Syntax errors of one piece of model-written code on its own, so an unbalanced brace is blamed on the
 * body that has it: once pasted into the service class it would break the parse of everything after.
 * Method bodies are parsed inside an async method (await and `this` are allowed), derived values' bodies
 * inside a plain function; helpers at module level.
 */
export function syntaxErrors(code: string, kind: 'body' | 'helpers' | 'derived'): { line: number; message: string }[] {
  const prefix = kind === 'body' ? 'export class Service {\nasync method() {\n' : kind === 'derived' ? 'export function derived(row: any, now: Date) {\n' : '';
  const suffix = kind === 'body' ? '\n}\n}\n' : kind === 'derived' ? '\n}\n' : '\n';
  // transpileModule reports parse errors only: types are the checker's business, later, with the whole backend.
  const { diagnostics = [] } = ts.transpileModule(`${prefix}${code}${suffix}`, {
    reportDiagnostics: true,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, experimentalDecorators: true },
  });
  const offset = prefix.split('\n').length - 1;
  const lines = code.split('\n').length;
  // The first error only: the ones after it are usually the parser losing its way.
  return diagnostics.slice(0, 1).map((diagnostic) => {
    const line = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line - offset : 0;
    return { line: Math.min(Math.max(line, 0), lines - 1) + 1, message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n') };
  });
}
