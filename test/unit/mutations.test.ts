import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_SETTINGS } from '../../src/core/config/settings';
import { generateBackend } from '../../src/core/backend/generate';
import { MemoryProjectFiles } from '../../src/core/project/projectFiles';
import { applyMutation, loadMutations, MUTATION_APPS, occurrences, staleReason } from '../bench/mutations';
import { ScriptedModel } from '../fakes/scriptedModel';
import { fixtureApp } from '../fixtures/fixtureApp';

/**
 * bench:mutation's mutation lists (test/fixtures/<app>/mutations.json) against the code generated
 * today: when a renderer or a scripted answer changes, the stale mutation is named here rather than
 * stopping the bench later. Generation is in memory with the scripted model; nothing is installed.
 */
describe('bench:mutation lists match the generated reference apps', () => {
  for (const app of MUTATION_APPS) {
    it(`${app}: every mutation's "find" occurs exactly once in its generated file, and "replace" changes it`, async function () {
      this.timeout(60_000);
      const mutations = loadMutations(app);
      assert.ok(mutations.length >= 8, `${app} has only ${mutations.length} mutations (at least 8)`);
      const fixture = fixtureApp(app);
      const target = new MemoryProjectFiles();
      const summary = await generateBackend({
        requirements: readFileSync(fixture.requirements, 'utf8'),
        target,
        provider: new ScriptedModel(fixture.scripted),
        settings: { ...DEFAULT_SETTINGS, model: 'scripted' },
      });
      assert.equal(summary.outcome, 'succeeded', JSON.stringify(summary.issues));
      const problems = mutations.map((mutation) => staleReason(app, mutation, target.files.get(mutation.file))).filter((reason) => reason !== undefined);
      assert.deepEqual(problems, [], `update test/fixtures/${app}/mutations.json:\n${problems.join('\n')}`);
      for (const mutation of mutations) {
        const source = target.files.get(mutation.file)!;
        assert.notEqual(applyMutation(source, mutation), source, `${app}/${mutation.id} changes nothing`);
      }
    });
  }

  it('a mutation whose text occurs twice, not at all, or unchanged is refused with its name', () => {
    const mutation = { id: 'limit-off-by-one', description: 'x', file: 'src/a.ts', find: 'Min(8)', replace: 'Min(7)' };
    assert.equal(staleReason('todo', mutation, '@Min(8) @Max(9)'), undefined);
    assert.equal(applyMutation('@Min(8) @Max(9)', mutation), '@Min(7) @Max(9)');
    assert.match(staleReason('todo', mutation, '@Min(8) @Min(8)')!, /todo\/limit-off-by-one .*occurs 2 times/);
    assert.match(staleReason('todo', mutation, '@Min(1)')!, /todo\/limit-off-by-one .*is stale/);
    assert.match(staleReason('todo', mutation, undefined)!, /no src\/a\.ts/);
    assert.match(staleReason('todo', { ...mutation, replace: 'Min(8)' }, '@Min(8)')!, /"replace" is the same as "find"/);
    assert.equal(occurrences('aaa', 'aa'), 2);
  });
});
