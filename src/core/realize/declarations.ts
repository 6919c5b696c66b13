import * as ts from 'typescript';

/**
 * Generated code as a Realize prompt shows it: its declarations only (TypeScript's own declaration
 * emit, one file at a time), without imports, and when `keep` is given only the declarations it
 * names. A model calling `toX(row)` needs its signature, not its body; a select is shown by its type.
 */
export function declarationsOf(code: string, keep?: (name: string) => boolean): string {
  // Generated files carry their types where declarations need them; anything they leave out still prints (as `any`).
  const { outputText } = ts.transpileDeclaration(code, { compilerOptions: { target: ts.ScriptTarget.ES2022 } });
  const source = ts.createSourceFile('declarations.d.ts', outputText, ts.ScriptTarget.ES2022, true);
  return source.statements
    .filter((statement) => !ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement))
    .filter((statement) => !keep || namesOf(statement).some(keep))
    .map((statement) => shown(statement, source))
    .join('\n')
    .trim();
}

/**
 * A declaration as the prompt shows it: types with their comments (they say what a DTO means); functions
 * and constants on one line without theirs, which restate the name (`toX`: "X from the row loaded with xSelect").
 */
function shown(statement: ts.Statement, source: ts.SourceFile): string {
  if (ts.isFunctionDeclaration(statement) || ts.isVariableStatement(statement)) return statement.getText(source).replace(/\s*\n\s*/g, ' ');
  return statement.getFullText(source).replace(/^\s*\n/, '').trimEnd();
}

/** The names a top-level statement declares. */
function namesOf(statement: ts.Statement): string[] {
  if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.flatMap((declaration) => (ts.isIdentifier(declaration.name) ? [declaration.name.text] : []));
  const name = (statement as { name?: ts.Node }).name;
  return name && ts.isIdentifier(name) ? [name.text] : [];
}
