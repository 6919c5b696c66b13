/**
 * The names a piece of model-written TypeScript refers to, so the file around it imports exactly what
 * it uses. Comments, string literals, template text and property names after `.` are skipped; a
 * spread (`...collectCreateTodo(body)`) still counts. Regular expression literals are not recognised,
 * which at worst imports a name that is not needed.
 */
export function identifiersIn(code: string): Set<string> {
  const names = new Set<string>();
  /** Brace depth at which each open `${` of a template literal closes. */
  const templates: number[] = [];
  let depth = 0;
  let i = 0;
  const n = code.length;

  const skipTemplateText = () => {
    while (i < n) {
      const c = code[i]!;
      if (c === '\\') i += 2;
      else if (c === '`') {
        i++;
        return;
      } else if (c === '$' && code[i + 1] === '{') {
        i += 2;
        templates.push(depth);
        depth++;
        return;
      } else i++;
    }
  };

  while (i < n) {
    const c = code[i]!;
    if (c === '/' && code[i + 1] === '/') {
      const end = code.indexOf('\n', i);
      i = end < 0 ? n : end;
    } else if (c === '/' && code[i + 1] === '*') {
      const end = code.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === "'" || c === '"') {
      i++;
      while (i < n && code[i] !== c && code[i] !== '\n') i += code[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '`') {
      i++;
      skipTemplateText();
    } else if (c === '{') {
      depth++;
      i++;
    } else if (c === '}') {
      depth--;
      i++;
      if (templates.length > 0 && templates[templates.length - 1] === depth) {
        templates.pop();
        skipTemplateText();
      }
    } else if (/[A-Za-z_$]/.test(c)) {
      const start = i;
      while (i < n && /[\w$]/.test(code[i]!)) i++;
      const member = code[start - 1] === '.' && code.slice(Math.max(0, start - 3), start) !== '...';
      if (!member) names.add(code.slice(start, i));
    } else if (/[0-9]/.test(c)) {
      while (i < n && /[\w.]/.test(code[i]!)) i++;
    } else i++;
  }
  return names;
}

/** Names a block of module-level code declares itself, which must therefore not be imported. */
export function declaredIn(code: string): Set<string> {
  return new Set([...code.matchAll(/\b(?:function\*?|const|let|var|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/g)].map((match) => match[1]!));
}
