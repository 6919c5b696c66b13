import * as assert from 'node:assert/strict';
import type { Issue } from '../../../src/core/diagnostics/issue';
import type { ChatRequest } from '../../../src/core/model/chat';
import { typedCall } from '../../../src/core/model/typedCall';
import { ScriptedModel } from '../../fakes/scriptedModel';

type Value = { a: number; b: number };

/** `a` and `b` must both be 1. */
const validate = (value: Value): Issue[] =>
  (['a', 'b'] as const).filter((key) => value[key] !== 1).map((key) => ({ severity: 'error', source: 'test', path: `$.${key}`, message: `${key} must be 1` }));

describe('typed call: feedback remembers what earlier feedback in the same call settled', () => {
  it('tells the model which earlier problems its later answers fixed, so a model that sees only its last answer keeps them fixed', async () => {
    // Fixes a, then breaks a again while fixing b (what a model that forgot why it changed a does), then gets both right.
    const answers: Value[] = [{ a: 0, b: 0 }, { a: 1, b: 0 }, { a: 0, b: 1 }, { a: 1, b: 1 }];
    let i = 0;
    const model = new ScriptedModel(() => answers[i++]);
    const requests: ChatRequest[] = [];
    const chat = model.chat.bind(model);
    const schema = { type: 'object', properties: { a: { type: 'integer' }, b: { type: 'integer' } }, required: ['a', 'b'] };
    // A model that gives the whole value again when asked for a part of it: only then can a fixed part break again.
    model.chat = (request) => (requests.push(request), chat({ ...request, tool: { ...request.tool!, parameters: schema } }));
    const result = await typedCall<Value>(model, { agent: 'test', target: 't', model: 'm', system: 's', prompt: 'p', tool: { name: 'f', description: 'd' }, schema, validate, retryBudget: 5 });
    assert.deepEqual(result.value, { a: 1, b: 1 });
    const feedback = requests.slice(1).map((request) => request.messages.at(-1)!.content);
    assert.equal(feedback.length, 3);
    assert.doesNotMatch(feedback[0]!, /Fixed in your earlier answers/, 'nothing was settled after the first answer');
    assert.match(feedback[1]!, /Fixed in your earlier answers of this call \(keep them so\):\n- at \$\.a: a must be 1$/);
    // a is open again, so it is a problem, not a settled one; b is settled now.
    assert.match(feedback[2]!, /^Your answer has 1 problem\(s\)[^]*- at \$\.a: a must be 1\n[^]*Fixed in your earlier answers of this call \(keep them so\):\n- at \$\.b: b must be 1$/);
    // Each retry still sends only the task, the last answer and its feedback.
    assert.ok(requests.every((request) => request.messages.length <= 4));
  });
});
