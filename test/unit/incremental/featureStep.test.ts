import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { AnalyzeArtifact } from '../../../src/core/analyze/types';
import { generateBackend } from '../../../src/core/backend/generate';
import { DEFAULT_SETTINGS } from '../../../src/core/config/settings';
import { runFeatureStep } from '../../../src/core/incremental/featureStep';
import { fixturePath } from '../../../src/core/model/scriptedProvider';
import { MemoryProjectFiles } from '../../../src/core/project/projectFiles';
import { ScriptedModel } from '../../fakes/scriptedModel';
import { fixtureApp } from '../../fixtures/fixtureApp';

const todo = fixtureApp('todo');
const settings = { ...DEFAULT_SETTINGS, model: 'scripted', retryBudget: 2 };

/** A generated todo project in memory: every file and Strata's state. */
async function generatedTodo(): Promise<MemoryProjectFiles> {
  const target = new MemoryProjectFiles();
  const summary = await generateBackend({ requirements: readFileSync(todo.requirements, 'utf8'), target, provider: new ScriptedModel(todo.scripted), settings, format: false });
  assert.equal(summary.outcome, 'succeeded', JSON.stringify(summary.issues));
  return target;
}

const snapshot = async (files: MemoryProjectFiles): Promise<Map<string, string>> => new Map(files.files);

/** The todo app's own answers, with some calls answered by `overrides` (agent/target -> value). */
function todoModel(overrides: Record<string, unknown>): ScriptedModel {
  return new ScriptedModel((agent, target) => {
    const key = `${agent}/${target}`;
    if (key in overrides) return overrides[key];
    return JSON.parse(readFileSync(fixturePath(todo.scripted, agent, target), 'utf8'));
  });
}

describe('feature step: growing a finished project', function () {
  this.timeout(120_000);

  it('a change the data model does not see keeps the data model call unasked downstream and writes only what renders differently', async () => {
    const target = await generatedTodo();
    const before = await snapshot(target);
    const analysis = JSON.parse(before.get('.strata/analyze.json')!) as AnalyzeArtifact;
    const accounts = analysis.sections.find((section) => section.id === 'accounts')!;
    const changed = { ...accounts, rules: [...accounts.rules, 'A password has at most 72 characters.'] };
    const model = todoModel({
      'analyze/change': { sections: [changed], removedSections: [], actors: [] },
      'database/data model change': { models: [], changes: [], removedModels: [], enums: [], removedEnums: [] },
      // The plan as it was, and no existing operation altered: a password rule is the accounts section's alone.
      'interface/api plan': { ...todo.answer<object>('interface', 'api_plan.json'), changedOperations: [] },
    });
    const summary = await runFeatureStep({ kind: 'change', request: 'Passwords may be at most 72 characters long.', target, provider: model, settings, format: false });
    assert.equal(summary.outcome, 'succeeded', JSON.stringify(summary.issues));
    const asked = model.asked.map((call) => `${call.agent}/${call.target}`);
    // The accounts section reaches no todo operation: the plan is asked (a section changed), the todos module and its tests and logic are kept.
    assert.deepEqual(asked, ['analyze/change', 'database/data model change', 'interface/api plan']);
    assert.ok(summary.plan, "the step has a plan");
    assert.deepEqual(summary.plan!.kept.filter((key) => key.startsWith('test/')).length, 5);
    assert.ok(summary.plan!.kept.includes('realize/module todos'), summary.plan!.kept.join(', '));
    const after = await snapshot(target);
    // Only the requirements docs, Strata's state and the step's record differ.
    const differing = [...after.keys()].filter((path) => after.get(path) !== before.get(path) && !path.startsWith('.strata/'));
    assert.deepEqual(differing, [...summary.plan!.added, ...summary.plan!.changed].sort());
    assert.ok(differing.every((path) => path.startsWith('docs/')), differing.join(', '));
    assert.ok(after.has(`.strata/features/${summary.plan!.step}.json`));
    assert.match(after.get('.strata/requirements.md')!, /## Changed \(001-change-passwords-may-be-at-most\)\n\nPasswords may be at most 72 characters long\.\n$/);
  });
});
