import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wholeAnswers } from '../../fixtures/realizeParts';

describe('the script that cuts scripted Realize answers into parts (npm run fixtures:realize-parts)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'strata-realize-parts-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const write = (file: string, value: unknown) => writeFileSync(join(dir, file), JSON.stringify(value));

  it('joins a module\'s parts back in order (helpers and derived values from the first), so it can cut them again', () => {
    write('module_events_part_2_of_2.json', { operations: [{ id: 'c', body: '3' }] });
    write('module_events_part_1_of_2.json', { helpers: 'h', operations: [{ id: 'a', body: '1' }, { id: 'b', body: '2' }], derived: [{ dto: 'D', property: 'p', body: 'd' }] });
    write('module_todos.json', { helpers: '', operations: [{ id: 't', body: 'x' }] });
    assert.deepEqual(Object.fromEntries(wholeAnswers(dir)), {
      events: { helpers: 'h', operations: [{ id: 'a', body: '1' }, { id: 'b', body: '2' }, { id: 'c', body: '3' }], derived: [{ dto: 'D', property: 'p', body: 'd' }] },
      todos: { helpers: '', operations: [{ id: 't', body: 'x' }] },
    });
  });

  it('a whole answer wins over old parts (a merge that changed module_<m>.json)', () => {
    write('module_events_part_1_of_2.json', { helpers: 'old', operations: [{ id: 'a', body: 'old' }] });
    write('module_events_part_2_of_2.json', { operations: [{ id: 'b', body: 'old' }] });
    write('module_events.json', { helpers: 'new', operations: [{ id: 'a', body: 'new' }, { id: 'b', body: 'new' }] });
    assert.deepEqual(wholeAnswers(dir).get('events'), { helpers: 'new', operations: [{ id: 'a', body: 'new' }, { id: 'b', body: 'new' }] });
  });
});
