import * as assert from 'node:assert/strict';
import { checkPrismaSchema, parseValidationText } from '../../../src/core/compilers/prismaSchema';

const datasource = 'datasource db {\n  provider = "sqlite"\n}\n';

describe('Prisma schema check', () => {
  it('accepts a valid multi-file schema', () => {
    const issues = checkPrismaSchema([
      { path: 'prisma/schema/schema.prisma', content: datasource },
      { path: 'prisma/schema/user.prisma', content: 'model User {\n  id    Int    @id @default(autoincrement())\n  todos Todo[]\n}\n' },
      {
        path: 'prisma/schema/todo.prisma',
        content: 'model Todo {\n  id     Int  @id\n  userId Int\n  user   User @relation(fields: [userId], references: [id])\n}\n',
      },
    ]);
    assert.deepEqual(issues, []);
  });

  it('locates an unknown type at its file, line and columns', () => {
    const content = 'model User {\n  id   Int   @id\n  name Strin\n}\n';
    const [issue, ...rest] = checkPrismaSchema([
      { path: 'prisma/schema/schema.prisma', content: datasource },
      { path: 'prisma/schema/user.prisma', content },
    ]);
    assert.equal(rest.length, 0);
    assert.equal(issue!.severity, 'error');
    assert.equal(issue!.file, 'prisma/schema/user.prisma');
    assert.match(issue!.message, /Type "Strin" is neither a built-in type/);
    assert.deepEqual(issue!.range, { start: { line: 2, character: 7 }, end: { line: 2, character: 12 } });
  });

  it('reports a relation error in the file that holds it', () => {
    const issues = checkPrismaSchema([
      { path: 'a.prisma', content: `${datasource}model User {\n  id Int @id\n  posts Post[]\n}\n` },
      { path: 'b.prisma', content: 'model Post {\n  id Int @id\n  authorId Int\n  author User @relation(fields: [authorId], references: [idx])\n}\n' },
    ]);
    assert.equal(issues.length, 1);
    assert.equal(issues[0]!.file, 'b.prisma');
    assert.equal(issues[0]!.range!.start.line, 3);
    assert.match(issues[0]!.message, /idx/);
  });

  it('parses the validator text format and keeps unknown text whole', () => {
    const text =
      'Prisma schema validation - (validate wasm)\nError code: P1012\n\u001b[1;91merror\u001b[0m: Bad thing\n  -->  s.prisma:2\n   | \n';
    const issues = parseValidationText(text.replace('\u001b[1;91merror\u001b[0m', 'error'), new Map([['s.prisma', 'a\nbcd\n']]));
    assert.deepEqual(issues, [
      { severity: 'error', source: 'prisma', message: 'Bad thing', file: 's.prisma', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } } },
    ]);
    const unknown = parseValidationText('something else entirely', new Map());
    assert.equal(unknown[0]!.message, 'something else entirely');
  });
});
