import * as assert from 'node:assert/strict';
import { jsonFromText } from '../../../src/core/model/jsonFromText';
import { splitReasoning } from '../../../src/core/model/reasoning';

const value = { name: 'Todo', fields: [{ name: 'title', optional: false }], done: null };
const json = JSON.stringify(value);

/** The recovered value, or the failure's message as a thrown error. */
function recovered(text: string): unknown {
  const result = jsonFromText(text);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('JSON recovery from what small models write', () => {
  const readable: [string, string][] = [
    ['bare JSON', json],
    ['a ```json fence after prose', `Here is the data model:\n\`\`\`json\n${json}\n\`\`\`\nDone.`],
    ['the second fence when the first is not JSON', `First a sketch:\n\`\`\`\nmodel Todo { title String }\n\`\`\`\nThen:\n\`\`\`json\n${json}\n\`\`\``],
    ['an unlabelled fence', `\`\`\`\n${json}\n\`\`\``],
    ['JSON in prose', `Sure! ${json} Let me know if you need more.`],
    ['a bracket in the prose before the JSON', `As the spec says [see section 2], here it is: ${json}`],
    ['a <think> block holding braces before the JSON', `<think>The model {maybe "Todo"} needs [fields]; { unbalanced</think>\n${json}`],
    ['a <think> block holding a whole JSON draft', `<think>Draft: {"name": "Wrong", "fields": []} — no, fix it.</think>${json}`],
    ['a lone closing tag (the template opened the block)', `reasoning with { a brace </think>\n${json}`],
    ['a stray opening brace before the value (format with think on some servers)', `{\n\n${json}\n\n  `],
  ];
  for (const [what, text] of readable) {
    it(`reads ${what}`, () => assert.deepEqual(recovered(text), value));
  }

  const repaired: [string, string, unknown][] = [
    ['trailing commas', '{"name": "Todo", "tags": ["a", "b",],}', { name: 'Todo', tags: ['a', 'b'] }],
    ['comments', '{\n  // the entity\n  "name": "Todo", /* its fields */ "fields": []\n}', { name: 'Todo', fields: [] }],
    ['Python literals', '{"optional": True, "unique": False, "default": None}', { optional: true, unique: false, default: null }],
    ['single quotes and unquoted keys in a fence', "```json\n{name: 'Todo', done: False}\n```", { name: 'Todo', done: false }],
  ];
  for (const [what, text, expected] of repaired) {
    it(`repairs ${what}`, () => {
      const result = jsonFromText(text);
      assert.ok(result.ok, JSON.stringify(result));
      assert.deepEqual(result.value, expected);
      assert.equal(result.repaired, true);
    });
  }

  it('reports a value that never closes as not closed, instead of completing it', () => {
    const cut = `Here is the call:\n${JSON.stringify({ name: 'define', arguments: { fields: [{ name: 'a' }, { name: 'b' }], more: 'x'.repeat(40) } }).slice(0, 90)}`;
    const result = jsonFromText(cut);
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.unclosed);
    assert.match(!result.ok ? result.error : '', /not closed/);
  });

  it('never takes a complete inner part of a cut-off value for the answer', () => {
    const whole = JSON.stringify({ name: 'define', arguments: { fields: [{ name: 'title', type: 'String' }, { name: 'done', type: 'Boolean' }, { name: 'due', type: 'DateTime' }], operation: { method: 'GET' } } });
    const cut = `Here is the call:\n${whole.slice(0, whole.indexOf('"operation"') + 5)}`;
    const result = jsonFromText(cut);
    assert.ok(!result.ok && result.unclosed, JSON.stringify(result));
  });

  it('says when there is no JSON at all, and when the answer is only reasoning', () => {
    const prose = jsonFromText('I would create a Todo model with a title.');
    assert.ok(!prose.ok && /no JSON object or array/.test(prose.error));
    const thinking = jsonFromText('<think>Let me think about {this}</think>');
    assert.ok(!thinking.ok && /empty/.test(thinking.error));
  });

  it('splits reasoning from the answer, an unclosed block running to the end', () => {
    assert.deepEqual(splitReasoning('<think>a {b}</think> answer'), { reasoning: 'a {b}', answer: 'answer' });
    assert.deepEqual(splitReasoning('answer <think>still thinking {'), { reasoning: 'still thinking {', answer: 'answer' });
  });
});
