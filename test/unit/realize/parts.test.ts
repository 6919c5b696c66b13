import * as assert from 'node:assert/strict';
import { declarationsOf } from '../../../src/core/realize/declarations';
import { evenRuns, expectedAnswer, planParts, partTarget, REALIZE_WINDOW, RETRY_ROOM } from '../../../src/core/realize/parts';

describe('Realize in parts: a module too large for one call', () => {
  const ids = ['a', 'b', 'c', 'd', 'e'];

  it('cuts the operations into the fewest even runs, in order, whose calls fit with room for a retry', () => {
    const room = REALIZE_WINDOW - RETRY_ROOM;
    // A prompt of 3,000 tokens whatever the part: the answers decide.
    assert.deepEqual(planParts(ids, () => room - expectedAnswer(5)), [ids]);
    assert.deepEqual(planParts(ids, () => room - expectedAnswer(3)), [['a', 'b', 'c'], ['d', 'e']]);
    // A prompt that grows with the operations it covers (their rules, tables and DTOs).
    const growing = (operations: readonly string[]) => 3000 + operations.length * 800;
    assert.deepEqual(planParts(ids, growing), [['a', 'b'], ['c', 'd'], ['e']]);
    // Nothing fits: one operation per call, the least that can be asked.
    assert.deepEqual(planParts(ids, () => room), ids.map((id) => [id]));
  });

  it("runs differ by one operation at most, and each part has its own target (the module's own when it is one call)", () => {
    assert.deepEqual(evenRuns(['a', 'b', 'c', 'd', 'e', 'f', 'g'], 3), [['a', 'b', 'c'], ['d', 'e'], ['f', 'g']]);
    assert.equal(partTarget('events', 0, 1), 'module events');
    assert.equal(partTarget('events', 1, 3), 'module events, part 2 of 3');
  });
});

describe('generated code as the Realize prompt shows it: declarations', () => {
  const code = [
    "import { Prisma } from '../generated/prisma/client.js';",
    "import type { Comment } from './posts.dto.js';",
    '/** The Comment columns that make up Comment. */',
    'export const commentSelect = {',
    '  id: true,',
    '  body: true,',
    '} satisfies Prisma.CommentSelect;',
    '',
    '/** Comment from the row loaded with commentSelect. */',
    'export function toComment(row: Prisma.CommentGetPayload<{ select: typeof commentSelect }>): Comment {',
    '  return { id: row.id, body: row.body };',
    '}',
    '',
    '/** A comment on a post, as readers see it */',
    'export class CreateCommentBody {',
    '  @IsString()',
    '  @MaxLength(500)',
    '  body: string;',
    '}',
  ].join('\n');

  it('signatures without bodies or imports; functions and constants on one line, types with their comments', () => {
    assert.equal(
      declarationsOf(code),
      [
        'export declare const commentSelect: Prisma.CommentSelect;',
        'export declare function toComment(row: Prisma.CommentGetPayload<{ select: typeof commentSelect; }>): Comment;',
        '/** A comment on a post, as readers see it */',
        'export declare class CreateCommentBody {',
        '    body: string;',
        '}',
      ].join('\n'),
    );
  });

  it('only the declarations asked for', () => {
    assert.equal(declarationsOf(code, (name) => name === 'toComment'), 'export declare function toComment(row: Prisma.CommentGetPayload<{ select: typeof commentSelect; }>): Comment;');
    assert.equal(declarationsOf(code, () => false), '');
  });
});
