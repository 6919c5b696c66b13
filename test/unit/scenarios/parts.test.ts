import * as assert from 'node:assert/strict';
import type { Operation } from '../../../src/core/interface/types';
import { RETRY_ROOM } from '../../../src/core/model/callPlan';
import { SMALL_MODEL_WINDOW } from '../../../src/core/model/contextWindow';
import { expectedScenarioAnswer, planScenarioParts, REFUSAL_TOKENS, SUCCESSES_TOKENS, scenarioTarget } from '../../../src/core/scenarios/parts';
import type { TestArtifact, TestScenario } from '../../../src/core/scenarios/types';
import { validateScenarios } from '../../../src/core/scenarios/validate';
import { todoAnalysis } from '../../fixtures/todo/analyzeArtifact';
import { todoArtifact } from '../../fixtures/todo/databaseArtifact';
import { scriptedApi, scriptedScenarios } from '../../fixtures/todo/fixtures';

const ROOM = SMALL_MODEL_WINDOW - RETRY_ROOM;
const withRefusals = (count: number): Operation => ({
  ...scriptedApi().operations.find((operation) => operation.id === 'updateTodo')!,
  refusals: Array.from({ length: count }, (_, i) => ({ code: `r${i + 1}`, status: 409 as const, message: `Rule ${i + 1}.` })),
});
const shape = (parts: ReturnType<typeof planScenarioParts>) => parts.map((part) => `${part.successes ? 'S' : ''}${part.refusals.join(',')} ${part.index + 1}/${part.count}`);

describe('test phase: scenarios in parts', () => {
  it('asks in one call what fits, else the successes alone and the refusals in the fewest even runs that fit', () => {
    const operation = withRefusals(6);
    // A prompt that leaves room for everything: one call.
    assert.deepEqual(shape(planScenarioParts(operation, () => ROOM - expectedScenarioAnswer({ successes: true, refusals: ['', '', '', '', '', ''] }))), ['Sr1,r2,r3,r4,r5,r6 1/1']);
    // Room for four refusals beside the prompt: successes, then two runs of three.
    assert.deepEqual(shape(planScenarioParts(operation, () => ROOM - 4 * REFUSAL_TOKENS)), ['S 1/3', 'r1,r2,r3 2/3', 'r4,r5,r6 3/3']);
    // Room for one refusal only: one per call.
    assert.equal(planScenarioParts(operation, () => ROOM - REFUSAL_TOKENS).length, 7);
    // Without refusals there is nothing to cut, whatever the size.
    assert.deepEqual(shape(planScenarioParts(withRefusals(0), () => ROOM)), ['S 1/1']);
    // The prompt is sized per part: a part's prompt names only its refusals.
    const seen: string[] = [];
    planScenarioParts(operation, (part) => (seen.push(`${part.successes}:${part.refusals.length}`), ROOM - SUCCESSES_TOKENS));
    assert.ok(seen.includes('true:0') && seen.includes('false:3'), seen.join(' '));
    assert.equal(scenarioTarget('updateTodo', { index: 0, count: 1 }), 'scenarios updateTodo');
    assert.equal(scenarioTarget('updateTodo', { index: 1, count: 3 }), 'scenarios updateTodo, part 2 of 3');
  });

  it('a part is checked for exactly what it asks: its successes or its refusals, each of them, and no other', () => {
    const api = scriptedApi();
    const update = api.operations.find((operation) => operation.id === 'updateTodo')!;
    update.refusals = [
      { code: 'already-done', status: 409, message: 'The todo is done.' },
      { code: 'too-late', status: 422, message: 'The todo is overdue.' },
    ];
    const success = scriptedScenarios<TestArtifact>('todos').scenarios.find((scenario) => scenario.operation === 'updateTodo')!;
    const refusal = (code: string, status: number): TestScenario => ({ ...success, title: `refuses ${code}`, expect: { status, refusal: code } });
    const paths = (artifact: TestArtifact, part: { successes: boolean; refusals: string[] }) =>
      validateScenarios(artifact, { api, database: todoArtifact(), analysis: todoAnalysis(), operation: 'updateTodo', part }).map((issue) => `${issue.path} ${issue.message}`);
    assert.deepEqual(paths({ scenarios: [success] }, { successes: true, refusals: [] }), []);
    assert.deepEqual(paths({ scenarios: [refusal('too-late', 422)] }, { successes: false, refusals: ['too-late'] }), []);
    // A success where only refusals are asked for, and a refusal asked for in another part.
    assert.match(paths({ scenarios: [success, refusal('too-late', 422)] }, { successes: false, refusals: ['too-late'] }).join('\n'), /^\$\.scenarios\[0\]\.expect its successes are asked for apart; here write only the refusal "too-late"$/);
    assert.match(paths({ scenarios: [success, refusal('already-done', 409)] }, { successes: true, refusals: [] }).join('\n'), /^\$\.scenarios\[1\]\.expect "already-done" is asked for apart; here write its successes$/);
    // Each refusal the part asks for needs its scenario; the others are not missed here.
    assert.deepEqual(paths({ scenarios: [refusal('too-late', 422)] }, { successes: false, refusals: ['too-late', 'already-done'] }).map((line) => line.split(' ')[0]), ['$.scenarios']);
    assert.deepEqual(paths({ scenarios: [success] }, { successes: true, refusals: [] }).length, 0);
    // Without a part, every refusal is asked for.
    assert.equal(validateScenarios({ scenarios: [success] }, { api, database: todoArtifact(), operation: 'updateTodo' }).length, 2);
    // An unreachable claim only for a refusal of this part.
    const claims = paths({ scenarios: [refusal('too-late', 422)], unreachable: [{ refusal: 'already-done', why: 'the DTO refuses it' }] }, { successes: false, refusals: ['too-late'] });
    assert.deepEqual(claims, ['$.unreachable[0].refusal "already-done" is asked for apart; list here only the refusals asked for']);
  });
});
