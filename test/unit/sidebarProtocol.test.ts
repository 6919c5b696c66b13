import * as assert from 'node:assert/strict';
import { parseSidebarMessage } from '../../src/sidebar/protocol';

describe('sidebar protocol', () => {
  it('accepts the known messages', () => {
    assert.deepEqual(parseSidebarMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseSidebarMessage({ type: 'run', action: 'newBackend' }), { type: 'run', action: 'newBackend' });
    assert.deepEqual(parseSidebarMessage({ type: 'pong', id: 3, rendered: 'x', extra: 1 }), { type: 'pong', id: 3, rendered: 'x' });
    assert.deepEqual(parseSidebarMessage({ type: 'run', action: 'cancelGeneration' }), { type: 'run', action: 'cancelGeneration' });
    assert.deepEqual(parseSidebarMessage({ type: 'queried', id: 4, elements: [{ data: { phase: 'test' }, text: 'Test' }] }), {
      type: 'queried',
      id: 4,
      elements: [{ data: { phase: 'test' }, text: 'Test' }],
    });
  });

  it('drops anything else', () => {
    for (const message of [null, 'ready', { type: 'run', action: 'rm -rf' }, { type: 'pong', id: '3', rendered: 'x' }, { type: 'eval' }, { type: 'queried', id: 1, elements: [{ data: { x: 1 }, text: '' }] }]) {
      assert.equal(parseSidebarMessage(message), undefined, JSON.stringify(message));
    }
  });
});
