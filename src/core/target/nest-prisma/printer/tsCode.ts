import { posix } from 'node:path';
import { commentText } from './literals';

/**
 * Small pieces of TypeScript source shared by the renderers of generated backend files: import lines,
 * doc comments and indentation, so every file is written the same way (literals: literals.ts).
 */

/** Collects named imports per module specifier and renders them sorted; a value import wins over a type one. */
export class Imports {
  private readonly bySpecifier = new Map<string, Map<string, boolean>>();

  /** `typeOnly`: the name is used only as a type (`import type`). */
  add(specifier: string, name: string, typeOnly = false): this {
    let names = this.bySpecifier.get(specifier);
    if (!names) this.bySpecifier.set(specifier, (names = new Map()));
    names.set(name, (names.get(name) ?? true) && typeOnly);
    return this;
  }

  /** Packages first, then `../` and `./` files; names alphabetically. */
  lines(): string[] {
    return [...this.bySpecifier]
      .sort(([a], [b]) => specifierRank(a) - specifierRank(b) || compareText(a, b))
      .map(([specifier, names]) => {
        const sorted = [...names].sort(([a], [b]) => compareText(a, b));
        if (sorted.every(([, typeOnly]) => typeOnly)) return `import type { ${sorted.map(([name]) => name).join(', ')} } from '${specifier}';`;
        return `import { ${sorted.map(([name, typeOnly]) => (typeOnly ? `type ${name}` : name)).join(', ')} } from '${specifier}';`;
      });
  }
}

const specifierRank = (specifier: string): number => (specifier.startsWith('./') ? 2 : specifier.startsWith('.') ? 1 : 0);

/** Case-insensitive first, so `Body, Controller, type MemberSession, todoSelect` read naturally; then exact. */
export const compareText = (a: string, b: string): number => {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
};

/** ESM specifier from one project file to another: `src/todos/todos.service.ts` -> `../users/users.dto.js`. */
export function relativeSpecifier(fromFile: string, toFile: string): string {
  const path = posix.relative(posix.dirname(fromFile), toFile).replace(/\.ts$/, '.js');
  return path.startsWith('.') ? path : `./${path}`;
}

/** A one-line JSDoc comment at the given indentation, or nothing for an empty text. */
export function jsDoc(text: string | undefined, indent = ''): string[] {
  const line = commentText(text ?? '');
  return line ? [`${indent}/** ${line} */`] : [];
}

/** The lines of a block of code without its common leading indentation and surrounding blank lines. */
export function dedent(code: string): string[] {
  const lines = code.replace(/\r\n?/g, '\n').replace(/\t/g, '  ').split('\n').map((line) => line.replace(/\s+$/, ''));
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const margins = lines.filter((line) => line !== '').map((line) => line.length - line.trimStart().length);
  const margin = margins.length > 0 ? Math.min(...margins) : 0;
  return lines.map((line) => line.slice(margin));
}

/** Prefixes each non-empty line. */
export function indent(lines: string[], prefix: string): string[] {
  return lines.map((line) => (line === '' ? '' : prefix + line));
}
