import * as assert from 'node:assert/strict';
import { parseSidebarMessage } from '../../src/sidebar/protocol';

describe('sidebar protocol', () => {
  it('accepts the known messages', () => {
    assert.deepEqual(parseSidebarMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseSidebarMessage({ type: 'run', action: 'newBackend' }), { type: 'run', action: 'newBackend' });
    assert.deepEqual(parseSidebarMessage({ type: 'pong', id: 3, rendered: 'x', extra: 1 }), { type: 'pong', id: 3, rendered: 'x' });
  });

  it('drops anything else', () => {
    for (const message of [null, 'ready', { type: 'run', action: 'rm -rf' }, { type: 'pong', id: '3', rendered: 'x' }, { type: 'eval' }]) {
      assert.equal(parseSidebarMessage(message), undefined, JSON.stringify(message));
    }
  });
});
