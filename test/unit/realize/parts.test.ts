import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_SETTINGS } from '../../../src/core/config/settings';
import { partsAskedBy } from '../../../src/core/model/answerParts';
import type { ChatRequest } from '../../../src/core/model/chat';
import { generateBackend } from '../../../src/core/backend/generate';
import { MemoryProjectFiles } from '../../../src/core/project/projectFiles';
import { declarationsOf } from '../../../src/core/realize/declarations';
import { SMALL_MODEL_WINDOW } from '../../../src/core/model/contextWindow';
import { evenRuns, RETRY_ROOM } from '../../../src/core/model/callPlan';
import { expectedAnswer, modulePartTarget, planParts } from '../../../src/core/realize/parts';
import { fixturePath, ScriptedModel } from '../../fakes/scriptedModel';
import { fixtureApp } from '../../fixtures/fixtureApp';

describe('Realize in parts: a module too large for one call', () => {
  const ids = ['a', 'b', 'c', 'd', 'e'];

  it('cuts the operations into the fewest even runs, in order, whose calls fit with room for a retry', () => {
    const room = SMALL_MODEL_WINDOW - RETRY_ROOM;
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
    assert.equal(modulePartTarget('events', 0, 1), 'module events');
    assert.equal(modulePartTarget('events', 1, 3), 'module events, part 2 of 3');
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

describe('a module written in parts (the clinic appointments module, in two)', function () {
  this.timeout(60_000);
  const clinic = fixtureApp('clinic');
  const FIRST = 'module appointments, part 1 of 2';
  const SECOND = 'module appointments, part 2 of 2';

  it('the later part is given the helpers as written and asked only its methods; its problems are its own; the backend is the one written in one piece', async () => {
    let damaged = false;
    const model = new ScriptedModel((agent, target) => {
      const answer = JSON.parse(readFileSync(fixturePath(clinic.scripted, agent, target), 'utf8'));
      // The second part's first answer calls a helper wrongly (a type error in its first method).
      if (target === SECOND && !damaged) {
        damaged = true;
        answer.operations[0].body = `const late: string = ukDate(this.clock.now()).length;\n${answer.operations[0].body}`;
      }
      return answer;
    });
    const requests: ChatRequest[] = [];
    const chat = model.chat.bind(model);
    model.chat = (request) => (requests.push(request), chat(request));
    const target = new MemoryProjectFiles();
    const summary = await generateBackend({ requirements: readFileSync(clinic.requirements, 'utf8'), target, provider: model, settings: { ...DEFAULT_SETTINGS, model: 'scripted' } });
    assert.equal(summary.outcome, 'succeeded', JSON.stringify(summary.issues.slice(0, 3)));
    assert.deepEqual(summary.diagnostics, []);

    const first = requests.find((request) => request.purpose?.target === FIRST)!;
    const [second, retry] = requests.filter((request) => request.purpose?.target === SECOND);
    const prompt = (request: ChatRequest) => request.messages[1]!.content;
    const helpers = (JSON.parse(readFileSync(fixturePath(clinic.scripted, 'realize', FIRST), 'utf8')) as { helpers: string }).helpers;
    // The first part writes the helpers, knowing what the later part will write.
    assert.match(prompt(first), /and the module's helpers, which the later parts may use too/);
    assert.match(prompt(first), /The module's other methods \(later parts\):\n- checkInAppointment \(POST/);
    assert.ok(Object.keys((first.tool!.parameters as { properties: object }).properties).includes('helpers'));
    // The second gets them whole, and only its own methods to fill.
    assert.ok(prompt(second!).includes(`Helpers of this module, written already and in scope (use them; do not write them again):\n${helpers.trim()}`));
    assert.match(prompt(second!), /async checkInAppointment\(/);
    assert.doesNotMatch(prompt(second!), /async bookAppointment\(/);
    const schema = second!.tool!.parameters as { properties: Record<string, { items: { properties: { id: { enum: string[] } } } }> };
    assert.deepEqual(Object.keys(schema.properties), ['operations']);
    assert.deepEqual(schema.properties.operations!.items.properties.id.enum, ['checkInAppointment', 'cancelAppointment', 'markNoShow', 'completeAppointment']);
    // Its type error comes back at its own method, and nothing of the first part's is blamed on it.
    const feedback = retry!.messages.at(-1)!.content;
    assert.match(feedback, /^Your answer has 1 problem\(s\)[^]*- at \$\.operations\[0\]\.body: line 1: Type 'number' is not assignable to type 'string'/);
    assert.deepEqual(partsAskedBy(retry!.tool!.parameters), ['$.operations[0]']);

    const whole = new MemoryProjectFiles();
    await generateBackend({ requirements: readFileSync(clinic.requirements, 'utf8'), target: whole, provider: new ScriptedModel(clinic.scripted), settings: { ...DEFAULT_SETTINGS, model: 'scripted' } });
    assert.equal(target.files.get('src/appointments/appointments.service.ts'), whole.files.get('src/appointments/appointments.service.ts'));
  });
});
