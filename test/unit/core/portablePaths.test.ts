import * as assert from 'node:assert/strict';
import { caseCollisions, isWindowsDeviceName, MAX_RELATIVE_PATH, pathProblems } from '../../../src/core/project/portablePaths';

describe('portable paths', () => {
  it('accepts what a generated backend writes', () => {
    for (const path of ['src/todo-lists/todo-lists.service.ts', 'prisma/schema/schema.prisma', 'docs/requirements/01-con.md', '.strata/previous/realize.json', 'test/support/http.ts', 'src/consoles/consoles.module.ts']) {
      assert.deepEqual(pathProblems(path), [], path);
    }
  });

  it('knows the Windows device names, in any case and with any extension', () => {
    const reserved = ['con', 'CON', 'Prn', 'aux', 'nul', 'NUL.txt', 'nul.tar.gz', 'con.service.ts', 'COM0', 'com1', 'com9', 'lpt0', 'LPT9', 'COM¹', 'lpt³', 'nul .txt'];
    for (const name of reserved) assert.ok(isWindowsDeviceName(name), name);
    for (const name of ['cons', 'console', 'com10', 'lpt', 'com', 'xnul', 'nul-items', 'auxiliary.ts', '.con', 'my.con']) assert.ok(!isWindowsDeviceName(name), name);
  });

  it('refuses a device name as any folder or the file, naming the file', () => {
    const problems = pathProblems('src/con/con.service.ts');
    assert.equal(problems.length, 2);
    assert.match(problems[0]!, /^In "src\/con\/con\.service\.ts", the folder "con" is a device name Windows reserves \(CON, PRN, AUX, NUL, COM0-9, LPT0-9/);
    assert.match(problems[1]!, /the file name "con\.service\.ts" is a device name Windows reserves/);
    assert.equal(pathProblems('prisma/schema/LPT1.prisma').length, 1);
  });

  it('keeps the whole path within 180 characters and each name within 255 UTF-8 bytes', () => {
    const long = `src/${'a'.repeat(MAX_RELATIVE_PATH)}.ts`;
    const [tooLong] = pathProblems(long);
    assert.match(tooLong!, new RegExp(`is ${long.length} characters long; project paths are at most 180, .*MAX_PATH`));
    assert.deepEqual(pathProblems(`${'a'.repeat(MAX_RELATIVE_PATH - 3)}.ts`), []);
    assert.equal(pathProblems(`${'a'.repeat(MAX_RELATIVE_PATH - 2)}.ts`).length, 1);

    // 128 two-byte characters: 256 bytes, though only 128 characters.
    const [wide] = pathProblems(`docs/${'é'.repeat(128)}`);
    assert.match(wide!, /is 256 bytes long; file systems allow at most 255/);
    assert.deepEqual(pathProblems(`docs/${'é'.repeat(85)}.md`), []);
  });

  it('refuses characters Windows refuses, control characters, and a trailing dot or space', () => {
    for (const char of ['<', '>', ':', '"', '\\', '|', '?', '*']) {
      const problems = pathProblems(`src/a${char}b.ts`);
      assert.equal(problems.length, 1, char);
      assert.match(problems[0]!, /which Windows refuses in file names/);
    }
    assert.match(pathProblems('src/a\u0001b.ts')[0]!, /a control character/);
    assert.match(pathProblems('src/a\nb.ts')[0]!, /a control character/);
    assert.match(pathProblems('src/notes.')[0]!, /the file name "notes\." ends with a dot/);
    assert.match(pathProblems('src/dir /a.ts')[0]!, /the folder "dir " ends with a space/);
  });

  it('refuses empty names and relative steps', () => {
    assert.deepEqual(pathProblems(''), ['The path is empty: a file needs a name.']);
    assert.match(pathProblems('/etc/passwd')[0]!, /starts with "\/"/);
    assert.match(pathProblems('src//a.ts')[0]!, /has an empty folder name/);
    assert.match(pathProblems('src/')[0]!, /ends with "\/"/);
    assert.match(pathProblems('src/../a.ts')[0]!, /has "\.\." as a part/);
    assert.match(pathProblems('./a.ts')[0]!, /has "\." as a part/);
  });

  it('groups paths that are one file on a case-insensitive file system', () => {
    assert.deepEqual(caseCollisions(['src/a.ts', 'src/b.ts']), []);
    assert.deepEqual(caseCollisions(['src/a.ts', 'src/a.ts']), [], 'the same path twice is not a collision');
    assert.deepEqual(
      caseCollisions(['src/generated/prisma/models/TodoItem.ts', 'src/x.ts', 'SRC/X.ts', 'src/generated/prisma/models/Todoitem.ts', 'src/X.TS']),
      [
        ['src/generated/prisma/models/TodoItem.ts', 'src/generated/prisma/models/Todoitem.ts'],
        ['src/x.ts', 'SRC/X.ts', 'src/X.TS'],
      ],
    );
    // Composed and decomposed é are one name on APFS.
    assert.deepEqual(caseCollisions(['docs/caf\u00e9.md', 'docs/CAFE\u0301.md']), [['docs/caf\u00e9.md', 'docs/CAFE\u0301.md']]);
    assert.deepEqual(caseCollisions(new Set(['a', 'A'])), [['a', 'A']]);
  });
});
