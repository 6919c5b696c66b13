import * as assert from 'node:assert/strict';
import { TypeScriptProject } from '../../../src/core/compilers/typescriptProject';

describe('TypeScript project (in memory)', () => {
  it('finds a type error with its position, then clears it after an edit', () => {
    const project = new TypeScriptProject('/virtual/app');
    project.setFile('src/todo.ts', 'export interface Todo { title: string }\n');
    project.setFile('src/main.ts', "import type { Todo } from './todo.js';\nexport const todo: Todo = { title: 42 };\n");
    const [issue, ...rest] = project.check();
    assert.equal(rest.length, 0, JSON.stringify(rest));
    assert.equal(issue!.file, 'src/main.ts');
    assert.equal(issue!.code, 'TS2322');
    assert.equal(issue!.range!.start.line, 1);

    project.setFile('src/main.ts', "import type { Todo } from './todo.js';\nexport const todo: Todo = { title: 'write tests' };\n");
    assert.deepEqual(project.check(), []);
  });

  it('knows the standard library (lib files are found on disk)', () => {
    const project = new TypeScriptProject('/virtual/app');
    project.setFile('src/a.ts', 'export const found = [1, 2].includes(2) && new Map<string, number>().size === 0;\nexport async function f(): Promise<void> {}\n');
    assert.deepEqual(project.check(), []);
  });
});
