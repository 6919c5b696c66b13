import * as assert from 'node:assert/strict';
import type { InterfaceArtifact } from '../../../../src/core/interface/types';
import { durationProblem, looksRelative, parseDuration, parseRelativeDate } from '../../../../src/core/scenarios/dates';
import { TEST_NOW } from '../../../../src/core/scenarios/dates';
import { renderTests } from '../../../../src/core/target/nest-prisma/tests/tests';
import type { TestArtifact } from '../../../../src/core/scenarios/types';
import { validateScenarios } from '../../../../src/core/scenarios/validate';
import { todoArtifact } from '../../../fixtures/todo/databaseArtifact';
import { scriptedApi, scriptedScenarios } from '../../../fixtures/todo/fixtures';
import { loadRendered } from '../project/loadRendered';
import { CLOCK_SUPPORT_FILE, CLOCK_TEST_FILE } from '../../../../src/core/names/generated';

const todoApi = (): InterfaceArtifact => scriptedApi();
const todoScenarios = (): TestArtifact => scriptedScenarios('todos');
const DAY = 86_400_000;

/** The source of one `it` of a file, from its title to the next test. */
function testNamed(source: string, title: string): string {
  const start = Math.max(source.indexOf(`it('${title}'`), source.indexOf(`it("${title}"`));
  assert.ok(start >= 0, `no test "${title}"`);
  const end = source.indexOf('\n  it(', start + 1);
  return source.slice(start, end < 0 ? undefined : end);
}

describe('test phase: relative dates and the test clock', () => {
  it('reads "$now" with an offset of d, h, min or s, and durations to advance by', () => {
    assert.deepEqual(parseRelativeDate('$now'), { offset: '', milliseconds: 0 });
    assert.deepEqual(parseRelativeDate('$now+21d'), { offset: '+21d', milliseconds: 21 * DAY });
    assert.deepEqual(parseRelativeDate('$now-90d'), { offset: '-90d', milliseconds: -90 * DAY });
    assert.deepEqual(parseRelativeDate('$now+2h'), { offset: '+2h', milliseconds: 7_200_000 });
    assert.deepEqual(parseRelativeDate('$now-30min'), { offset: '-30min', milliseconds: -1_800_000 });
    assert.deepEqual(parseRelativeDate('$now+007s'), { offset: '+7s', milliseconds: 7_000 });
    // "$today" is the clock's day, moved by whole days only.
    assert.deepEqual(parseRelativeDate('$today'), { offset: '', milliseconds: 0, day: true });
    assert.deepEqual(parseRelativeDate('$today+21d'), { offset: '+21d', milliseconds: 21 * DAY, day: true });
    assert.deepEqual(parseRelativeDate('$today-001d'), { offset: '-1d', milliseconds: -DAY, day: true });
    for (const text of ['$now+21', '$now + 21d', '$now+21D', '$now+3m', '$now+1w', '$now+1.5d', '$now+123456d', '$nowish', '$today+2h', '$today+1', '$todays', 'now+1d', '$now.id', 5]) {
      assert.equal(parseRelativeDate(text), undefined, String(text));
    }
    assert.deepEqual(['$now+3m', '$today', '$now.dueAt', '$nowhere', '$todo.id', 'now'].map(looksRelative), [true, true, true, false, false, false]);
    assert.deepEqual(['21d', '2h', '30min', '10s', '1d'].map(parseDuration), [21 * DAY, 7_200_000, 1_800_000, 10_000, DAY]);
    for (const text of ['0d', '-1d', '+1d', 'P21D', '21', '3m', '1 d', 21]) assert.equal(parseDuration(text), undefined, String(text));
    assert.match(durationProblem(21), /found 21$/);
  });

  it('renders relative dates as now(offset) computed at that step, and clock moves before the call they precede', () => {
    const files = renderTests(todoScenarios(), todoApi(), todoArtifact());
    const todos = files.get('test/todos.e2e.test.ts')!;
    assert.match(todos, /^import \{ advanceClock, now \} from '\.\/support\/clock\.js';$/m);
    const overdue = testNamed(todos, 'lists a todo as overdue once the clock passes its due date');
    assert.match(overdue, /body: \{ title: 'Return library books', dueAt: now\('\+1d'\) \},\n {4}\}\);\n {4}expectStatus\(todo, 201\);\n {4}await advanceClock\('2d'\);\n {4}const reply = await call\('GET', '\/todos', \{ token: session\.token, query: \{ status: 'overdue' \} \}\);/);
    assert.match(overdue, /expectSubset\(reply\.body, \{ items: \[\{ id: todo\.body\.id, dueAt: now\('-1d'\), done: false \}\], total: 1 \}\);/);
    const newest = testNamed(todos, 'lists todos newest first by default, by creation time');
    assert.match(newest, /expectStatus\(older, 201\);\n {4}await advanceClock\('1min'\);\n {4}const newer = await call\(/);
    assert.match(newest, /items: \[\{ id: newer\.body\.id, createdAt: now\(\) \}, \{ id: older\.body\.id, createdAt: now\('-1min'\) \}\]/);
    assert.doesNotMatch(todos, /'(2020|2021|2100)-/, 'the overdue filter no longer depends on fixed dates');
    // The clock's own tests and support are rendered once, with the one fixed instant.
    assert.equal(files.get(CLOCK_SUPPORT_FILE)!.match(/2030-01-15T09:00:00\.000Z/g)?.length, 1);
    assert.equal(TEST_NOW, '2030-01-15T09:00:00.000Z');
    assert.match(files.get(CLOCK_TEST_FILE)!, /startServer\(\{ environment: 'development' \}\)/);
    assert.match(files.get('test/support/server.ts')!, /NODE_ENV: options\.environment \?\? 'test',\n {4}TEST_CLOCK_SECRET: clockSecret,/);
    assert.match(files.get('test/support/server.ts')!, /const clockSecret = randomBytes\(24\)\.toString\('hex'\);/);
  });

  it("replays the first scenario's request move in the tests built on it, and resolves sets, paths and queries", () => {
    const artifact = todoScenarios();
    const get = artifact.scenarios.find((scenario) => scenario.operation === 'getTodo')!;
    get.request.clock = { set: '$todo.dueAt' };
    const list = artifact.scenarios.find((scenario) => scenario.operation === 'listTodos')!;
    list.given[0]!.clock = { set: '$now-1h' };
    list.request.clock = { set: '2031-06-01T12:00:00.000Z' };
    assert.deepEqual(validateScenarios(artifact, { api: todoApi(), database: todoArtifact(), module: 'todos' }), []);
    const todos = renderTests(artifact, todoApi(), todoArtifact()).get('test/todos.e2e.test.ts')!;
    assert.match(todos, /^import \{ advanceClock, now, setClock \} from '\.\/support\/clock\.js';$/m);
    assert.match(testNamed(todos, "reads one of the caller's todos"), /expectStatus\(todo, 201\);\n {4}await setClock\(todo\.body\.dueAt\);\n {4}const reply = /);
    assert.match(testNamed(todos, "404 on another member's todo"), /const intruder = await newSession\('member'\);\n {4}await setClock\(todo\.body\.dueAt\);\n {4}const reply = /);
    assert.match(testNamed(todos, '404 on a todo that does not exist'), /await setClock\(todo\.body\.dueAt\);\n {4}const reply = await call\('GET', '\/todos\/2147483647'/);
    assert.match(testNamed(todos, "lists the caller's todos with the default paging"), /const session = await newSession\('member'\);\n {4}await setClock\(now\('-1h'\)\);\n {4}const todo = [^]*await setClock\('2031-06-01T12:00:00\.000Z'\);\n {4}const reply = /);
  });

  it('a module whose scenarios never use the time imports nothing from the clock', () => {
    const artifact = todoScenarios();
    artifact.scenarios = artifact.scenarios
      .filter((scenario) => JSON.stringify(scenario).indexOf('$now') < 0 && JSON.stringify(scenario).indexOf('"clock"') < 0);
    const todos = renderTests(artifact, todoApi(), todoArtifact()).get('test/todos.e2e.test.ts')!;
    assert.doesNotMatch(todos, /support\/clock\.js/);
  });

  it("test/support/clock.ts: now() is the server's clock, moved by the offset; setClock and advanceClock move both", async () => {
    const support = renderTests(todoScenarios(), todoApi(), todoArtifact()).get(CLOCK_SUPPORT_FILE)!;
    const clock = loadRendered(support, { 'node:assert/strict': assert });
    const set: string[] = [];
    const server = { setClock: async (instant: string) => void set.push(instant) };
    await assert.rejects(() => clock.setClock('2030-01-15T09:00:00.000Z'), /useServer/);
    await clock.useClock(server);
    assert.deepEqual(set, [TEST_NOW]);
    assert.equal(clock.now(), TEST_NOW);
    assert.deepEqual(['+21d', '-90d', '+2h', '+30min', '-10s'].map((offset) => clock.now(offset)), [
      '2030-02-05T09:00:00.000Z',
      '2029-10-17T09:00:00.000Z',
      '2030-01-15T11:00:00.000Z',
      '2030-01-15T09:30:00.000Z',
      '2030-01-15T08:59:50.000Z',
    ]);
    assert.throws(() => clock.now('+3m'), /not a clock offset/);
    await clock.advanceClock('21d');
    assert.equal(clock.now(), '2030-02-05T09:00:00.000Z');
    await clock.setClock('2031-06-01T14:00:00+02:00');
    assert.equal(clock.now('-1d'), '2031-05-31T12:00:00.000Z');
    assert.deepEqual(set, [TEST_NOW, '2030-02-05T09:00:00.000Z', '2031-06-01T12:00:00.000Z']);
    await assert.rejects(() => clock.setClock('next monday'), /not an instant/);
    await clock.useClock(server);
    assert.equal(clock.now(), TEST_NOW, 'each test starts at TEST_NOW again');
  });
});
