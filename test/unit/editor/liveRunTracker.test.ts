import * as assert from 'node:assert/strict';
import type { CallRecord } from '../../../src/core/model/accounting';
import type { AgentTotals } from '../../../src/core/model/accounting';
import { LiveRunTracker } from '../../../src/sidebar/liveRunTracker';

const totals = (calls: number, attempts: number, inputTokens: number, outputTokens: number): AgentTotals => ({
  calls,
  succeeded: calls,
  firstTry: calls,
  attempts,
  parseFailures: 0,
  validationFailures: attempts - calls,
  inputTokens,
  outputTokens,
  durationMs: 1000,
});

const record = (target: string, ok: boolean, error?: string): CallRecord => ({
  agent: 'database',
  target,
  model: 'm',
  ok,
  attempts: 2,
  parseFailures: 0,
  validationFailures: 1,
  inputTokens: 10,
  outputTokens: 5,
  tokens: 'provider',
  durationMs: 20,
  ...(error ? { error } : {}),
});

describe('live run view model', () => {
  let now = 0;
  const tracker = () => {
    now = 1_000;
    return new LiveRunTracker(1, 'New Backend', 'qwen', () => now);
  };
  const row = (t: LiveRunTracker, phase: string) => t.snapshot().phases.find((entry) => entry.phase === phase)!;

  it('starts with every phase waiting and nothing counted', () => {
    const run = tracker().snapshot();
    assert.deepEqual(run.phases.map((phase) => phase.status), ['waiting', 'waiting', 'waiting', 'waiting', 'waiting']);
    assert.equal(run.outcome, 'running');
    assert.equal(run.phases.reduce((sum, phase) => sum + phase.attempts + phase.calls, 0), 0);
  });

  it('shows a retry with the feedback it sends, the streamed answer, tokens and time', () => {
    const t = tracker();
    t.event({ type: 'phase-started', phase: 'database' });
    t.request('database', 'data_model', undefined);
    t.text('database', 'data_model', '{"models": [');
    t.answered('database', { inputTokens: 120, outputTokens: 30 });
    assert.equal(row(t, 'database').status, 'running');
    assert.equal(row(t, 'database').active[0]!.answer, '{"models": [');
    t.request('database', 'data_model', 'Your answer has 1 problem(s):\n- at $.models: expected array, found nothing');
    now += 2_500;
    let database = row(t, 'database');
    assert.equal(database.status, 'retrying');
    assert.equal(database.attempts, 2);
    assert.equal(database.active[0]!.attempt, 2);
    assert.match(database.active[0]!.feedback!, /at \$\.models: expected array/);
    assert.equal(database.active[0]!.answer, '', 'a retry streams a new answer');
    assert.equal(database.inputTokens, 120);
    assert.equal(database.elapsedMs, 2_500);
    t.text('database', 'data_model', '{"models": [{"name": "Todo"}]}');
    t.event({ type: 'call', phase: 'database', record: record('data_model', true) });
    assert.equal(row(t, 'database').status, 'running', 'no call is retrying any more');
    assert.deepEqual(row(t, 'database').active, []);
    assert.equal(row(t, 'database').last?.answer, '{"models": [{"name": "Todo"}]}', "the finished call's answer stays to be read");
    assert.equal(row(t, 'database').last?.attempt, 2);
    t.event({ type: 'phase-finished', phase: 'database', ok: true, issues: [], files: [], totals: totals(1, 2, 250, 60) });
    database = row(t, 'database');
    assert.equal(database.status, 'done');
    assert.deepEqual([database.calls, database.attempts, database.inputTokens, database.outputTokens], [1, 2, 250, 60]);
    now += 5_000;
    assert.equal(row(t, 'database').elapsedMs, 2_500, 'a finished phase stops its clock');
  });

  it('keeps a failed phase failed, with the problems the pipeline named', () => {
    const t = tracker();
    t.event({ type: 'phase-started', phase: 'realize' });
    t.request('realize', 'module todos', undefined);
    t.event({ type: 'call', phase: 'realize', record: { ...record('module todos', false, 'stopped after 6 attempt(s)'), agent: 'realize' } });
    t.event({
      type: 'phase-finished',
      phase: 'realize',
      ok: false,
      issues: [{ severity: 'error', source: 'typescript', message: "Property 'titel' does not exist", path: '$.operations[1].body' }],
      files: [],
      totals: totals(1, 6, 1, 1),
    });
    t.event({ type: 'run-finished', outcome: 'failed', written: [] });
    const realize = row(t, 'realize');
    assert.equal(realize.status, 'failed');
    assert.deepEqual(realize.problems, ['module todos: stopped after 6 attempt(s)', "$.operations[1].body: Property 'titel' does not exist"]);
    assert.equal(t.snapshot().outcome, 'failed');
  });

  it('marks what was going on as cancelled when the run is cancelled, and leaves finished phases done', () => {
    const t = tracker();
    t.event({ type: 'phase-started', phase: 'analyze' });
    t.event({ type: 'phase-finished', phase: 'analyze', ok: true, issues: [], files: [], totals: totals(1, 1, 1, 1) });
    t.event({ type: 'phase-started', phase: 'database' });
    t.request('database', 'data_model', undefined);
    t.finish('cancelled');
    const run = t.snapshot();
    assert.equal(run.outcome, 'cancelled');
    assert.deepEqual(run.phases.map((phase) => phase.status), ['done', 'cancelled', 'waiting', 'waiting', 'waiting']);
    assert.deepEqual(run.phases[1]!.active, []);
    // A late event of the ended run changes nothing about its outcome.
    t.event({ type: 'run-finished', outcome: 'succeeded', written: [] });
    assert.equal(t.snapshot().outcome, 'cancelled');
  });

  it('going back sends the later phases to waiting and says why', () => {
    const t = tracker();
    for (const phase of ['analyze', 'database', 'interface'] as const) {
      t.event({ type: 'phase-started', phase });
      t.event({ type: 'phase-finished', phase, ok: true, issues: [], files: [], totals: totals(1, 1, 1, 1) });
    }
    t.event({ type: 'phase-started', phase: 'test' });
    t.event({ type: 'backtrack', from: 'test', to: 'database', round: 1, limit: 2, issues: [{ severity: 'error', source: 'test', message: 'no column "due"', path: '$.scenarios[0]' }] });
    const run = t.snapshot();
    assert.deepEqual(run.phases.map((phase) => phase.status), ['done', 'done', 'waiting', 'waiting', 'waiting']);
    assert.deepEqual(run.phases[3]!.problems, ['$.scenarios[0]: no column "due"']);
    assert.match(run.message!, /Test needs a change only Database can make: going back \(1 of 2\)/);
  });

  it('keeps only the end of a long streamed answer', () => {
    const t = tracker();
    t.request('interface', 'api_plan', undefined);
    for (let i = 0; i < 500; i++) t.text('interface', 'api_plan', `chunk ${i};`);
    const answer = row(t, 'interface').active[0]!.answer;
    assert.ok(answer.length <= 1200, `${answer.length}`);
    assert.ok(answer.endsWith('chunk 499;'));
    assert.ok(answer.startsWith('…'));
  });
});
