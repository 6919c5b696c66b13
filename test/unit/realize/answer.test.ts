import * as assert from 'node:assert/strict';
import type { RealizeAnswer } from '../../../src/core/realize/schema';
import { validateRealizeAnswer } from '../../../src/core/realize/validate';
import { scriptedAnswer } from '../../fixtures/todo/fixtures';

const METHODS = ['listTodos', 'createTodo', 'getTodo', 'updateTodo', 'deleteTodo'];
const todo = () => scriptedAnswer<RealizeAnswer>('realize', 'module_todos.json');

describe('realize: rules of a module answer before it is compiled', () => {
  it('accepts the todo module', () => {
    assert.deepEqual(validateRealizeAnswer(todo(), METHODS), []);
  });

  it('blames an unbalanced brace on the body that has it, with the line', () => {
    const answer = todo();
    answer.operations[1]!.body = `if (body.title) {\n${answer.operations[1]!.body}`;
    const issues = validateRealizeAnswer(answer, METHODS);
    assert.deepEqual(issues.map((issue) => issue.path), ['$.operations[1].body']);
    assert.match(issues[0]!.message, /^line \d+: '\}' expected\./);
  });

  it('finds syntax errors in the helpers too', () => {
    const answer = todo();
    answer.helpers = 'function ownTodo(member: MemberSession, id: number {\n  return {};\n}';
    assert.deepEqual(validateRealizeAnswer(answer, METHODS).map((issue) => [issue.path, issue.message]), [['$.helpers', "line 1: ',' expected."]]);
  });

  it('names missing, unknown and repeated methods', () => {
    const answer = todo();
    answer.operations[4] = { id: 'getTodo', body: 'return;' };
    answer.operations.push({ id: 'archiveTodo', body: 'return;' });
    assert.deepEqual(validateRealizeAnswer(answer, METHODS).map((issue) => issue.path), ['$.operations[4].id', '$.operations[5].id', '$.operations']);
  });

  it('refuses imports, dynamic imports, eval and child processes in model-written code', () => {
    for (const code of ["import { x } from 'y';", "const cp = await import('node:child_process');", "const f = require('fs');", 'eval(body.title);', "new Function('return 1')();"]) {
      const answer = todo();
      answer.operations[0]!.body = `${code}\n${answer.operations[0]!.body}`;
      assert.ok(validateRealizeAnswer(answer, METHODS).some((issue) => issue.path === '$.operations[0].body'), code);
    }
    const quoted = todo();
    quoted.operations[0]!.body = `// titles require (one) word\n${quoted.operations[0]!.body}`;
    assert.deepEqual(validateRealizeAnswer(quoted, METHODS), [], 'words in comments are not code');
  });

  it('refuses the system time (new Date(), Date.now(), Date()) in bodies and helpers, at their path and line, with the clock to use', () => {
    const answer = todo();
    answer.operations[0]!.body = `const cutoff = new Date();\nconst stamp = Date.now() - 1000;\nconst label = \`at \${Date()}\`;\nconst bare = new Date;\n${answer.operations[0]!.body}`;
    answer.helpers = `${answer.helpers}\nfunction isOld(at: Date): boolean {\n  return at.getTime() < Date . now();\n}`;
    const issues = validateRealizeAnswer(answer, METHODS).map((issue) => [issue.path, issue.message]);
    assert.deepEqual(
      issues.map(([path, message]) => [path, /^line (\d+): (.+?) reads the system time/.exec(message!)?.slice(1).join(' ')]),
      [
        ['$.operations[0].body', '1 new Date()'],
        ['$.operations[0].body', '4 new Date()'],
        ['$.operations[0].body', '2 Date.now()'],
        ['$.operations[0].body', '3 Date()'],
        ['$.helpers', `${answer.helpers.split('\n').length - 1} Date.now()`],
      ],
    );
    assert.match(issues[0]![1]!, /use this\.clock\.now\(\)$/);
    assert.match(issues[2]![1]!, /use this\.clock\.now\(\)\.getTime\(\)$/);
    assert.match(issues[4]![1]!, /helpers have no this\.clock: take the time as a parameter \(now: Date\) and pass this\.clock\.now\(\) from the method$/);
  });

  it('lets dates be made from values, and the words in strings and comments', () => {
    const answer = todo();
    answer.operations[0]!.body = [
      'const due = new Date(this.clock.now().getTime() + 21 * 86_400_000);',
      "const parsed = new Date('2030-01-01T00:00:00Z');",
      'const utc = Date.UTC(2030, 0, 1) + Date.parse(parsed.toISOString());',
      "// new Date() would read the system time; so would Date.now()",
      "const note = 'new Date() and Date.now() are refused';",
      'const myDate = (at: Date): Date => at;',
      'myDate(due);',
      answer.operations[0]!.body,
    ].join('\n');
    assert.deepEqual(validateRealizeAnswer(answer, METHODS), []);
  });
});
