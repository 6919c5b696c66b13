import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ChatMessage, ChatRequest } from '../../../src/core/model/chat';
import { fixturePath, ScriptedModel } from '../../fakes/scriptedModel';
import { CallLedger } from '../../../src/core/model/accounting';
import { typedCall } from '../../../src/core/model/typedCall';
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

  it('the realistic weak model repairs at most two thirds of what is named per retry, and fails in form as small models do', async () => {
    const many = { type: 'object', required: ['a', 'b', 'c', 'd'], properties: { a: { type: 'string' }, b: { type: 'string' }, c: { type: 'string' }, d: { type: 'string' } } };
    const value = { a: 'x', b: 'y', c: 'z', d: 'w' };
    const weak = new WeakModel(new ScriptedModel(() => value), { rawSuccess: 0, seed: 11, repairRate: 1, realistic: { regression: 0, truncate: 0, prose: 0, wrap: 0 } });
    const ask = (messages: ChatMessage[]) => weak.chat({ model: 'm', messages, tool: { name: 'answer', description: 'd', parameters: many }, purpose: { agent: 'a', target: 'half' } });
    // Drive one target until it has at least two wrong spots, then name them all at once.
    let wrong: string[] = [];
    for (let i = 0; i < 40 && wrong.length < 2; i++) {
      const result = await ask(first);
      const args = result.toolCalls[0]?.arguments as Record<string, unknown> | undefined;
      wrong = args ? Object.keys(value).filter((key) => args[key] !== value[key as keyof typeof value]) : [];
    }
    assert.ok(wrong.length >= 2, 'a first answer with two or more wrong spots');
    const named = await ask(retry(wrong.map((key) => `- at $.${key}: expected the value asked for`).join('\n')));
    const still = Object.keys(value).filter((key) => (named.toolCalls[0]!.arguments as Record<string, unknown>)[key] !== value[key as keyof typeof value]);
    assert.equal(still.length, wrong.length - Math.max(1, Math.floor((wrong.length * 2) / 3)), `told of ${wrong.join(', ')}, still wrong: ${still.join(', ')}`);
    assert.ok(weak.stats.leftNamed > 0);

    const forms = new WeakModel(new ScriptedModel(() => correct), { rawSuccess: 1, seed: 5, realistic: { truncate: 0.3, prose: 0.3, wrap: 0.3 } });
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => forms.chat(request(first, `f${i}`))));
    assert.ok(results.some((result) => result.finishReason === 'length' && result.toolCalls.length === 0), 'some answers are cut off');
    assert.ok(results.some((result) => result.toolCalls.length === 0 && !/[{[]/.test(result.content)), 'some answers are prose');
    assert.ok(results.some((result) => /<think>[\s\S]*\{[\s\S]*<\/think>[\s\S]*```json/.test(result.content)), 'some calls are written out in text, after reasoning with braces');
    assert.equal(forms.stats.truncated + forms.stats.prose + forms.stats.wrapped + results.filter((result) => result.toolCalls.length > 0).length, 60);
  });

  it('the realistic weak model still ends valid through the typed-call loop within the budget', async () => {
    const weak = new WeakModel(new ScriptedModel(() => correct), { rawSuccess: 0.1, seed: 21, realistic: true });
    const ledger = new CallLedger();
    for (let i = 0; i < 60; i++) {
      await typedCall(weak, { agent: 'a', target: `v${i}`, model: 'm', system: 's', prompt: 'p', tool: { name: 'answer', description: 'd' }, schema, retryBudget: 5 }, ledger).catch(() => undefined);
    }
    const total = ledger.total();
    assert.ok(total.succeeded >= 58, `${total.succeeded} of 60 valid`);
    assert.ok(weak.stats.truncated + weak.stats.prose + weak.stats.wrapped + weak.stats.regressions > 0, JSON.stringify(weak.stats));
  });
});
