import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ChatMessage, ChatRequest } from '../../../src/core/model/chat';
import { fixturePath, ScriptedModel } from '../../fakes/scriptedModel';
import { WeakModel } from '../../fakes/weakModel';

const schema = {
  type: 'object',
  required: ['title', 'priority', 'count'],
  properties: { title: { type: 'string' }, priority: { type: 'string', enum: ['low', 'high'] }, count: { type: 'integer' } },
};
const correct = { title: 'Write tests', priority: 'high', count: 2 };

function request(messages: ChatMessage[], target = 't1'): ChatRequest {
  return { model: 'm', messages, tool: { name: 'answer', description: 'd', parameters: schema }, purpose: { agent: 'a', target } };
}
const first: ChatMessage[] = [{ role: 'user', content: 'go' }];
const retry = (feedback: string): ChatMessage[] => [...first, { role: 'assistant', content: '{}' }, { role: 'user', content: feedback }];

describe('test doubles', () => {
  it('the scripted model answers from fixture files keyed by agent and target, whatever the prompt', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-fixtures-'));
    try {
      const file = fixturePath(dir, 'database', 'model Todo');
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(correct));
      const model = new ScriptedModel(dir);
      const a = await model.chat({ ...request([{ role: 'user', content: 'prompt v1' }]), purpose: { agent: 'database', target: 'model Todo' } });
      const b = await model.chat({ ...request([{ role: 'user', content: 'a reworded prompt v2' }]), purpose: { agent: 'database', target: 'model Todo' } });
      assert.deepEqual(a.toolCalls[0]!.arguments, correct);
      assert.deepEqual(b.toolCalls[0]!.arguments, correct);
      await assert.rejects(model.chat({ ...request(first), purpose: { agent: 'database', target: 'model Tag' } }), /No scripted answer for database\/model Tag/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the weak model corrupts about the set share of first answers', async () => {
    const weak = new WeakModel(new ScriptedModel(() => correct), { rawSuccess: 0.3, seed: 42 });
    let intact = 0;
    for (let i = 0; i < 400; i++) {
      const result = await weak.chat(request(first, `t${i}`));
      if (JSON.stringify(result.toolCalls[0]?.arguments) === JSON.stringify(correct)) intact++;
    }
    assert.ok(intact > 90 && intact < 150, `intact ${intact} of 400 at 30%`);
  });

  it('repairs a corruption only when the feedback names its path', async () => {
    const weak = new WeakModel(new ScriptedModel(() => correct), { rawSuccess: 0, seed: 3, repairRate: 1 });
    let damaged: unknown;
    let target = '';
    // Find a call whose damage is a plain value change (not malformed JSON) to follow through.
    for (let i = 0; i < 50 && damaged === undefined; i++) {
      const result = await weak.chat(request(first, `t${i}`));
      if (result.toolCalls[0]) {
        damaged = result.toolCalls[0].arguments;
        target = `t${i}`;
      }
    }
    const wrongPaths = Object.keys(correct)
      .filter((key) => JSON.stringify((damaged as Record<string, unknown>)[key]) !== JSON.stringify(correct[key as keyof typeof correct]))
      .map((key) => `$.${key}`);
    assert.ok(wrongPaths.length > 0);

    const vague = await weak.chat(request(retry('Your answer is wrong, try again.'), target));
    assert.deepEqual(vague.toolCalls[0]!.arguments, damaged, 'vague feedback repairs nothing');

    const precise = await weak.chat(request(retry(wrongPaths.map((path) => `- at ${path}: expected something else`).join('\n')), target));
    assert.deepEqual(precise.toolCalls[0]!.arguments, correct);
  });
});
