import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeOllamaServer } from '../fakes/fakeOllamaServer';
import { fixtureApp } from '../fixtures/fixtureApp';
import { TODO_REQUIREMENTS, TODO_SCRIPTED } from '../fixtures/todo/fixtures';

const cli = join(__dirname, '../../../dist/cli.js');

function strata(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

/** Runs the CLI, noting when each stdout line arrived (ms after the start) and when it exited. */
function strataLines(...args: string[]): Promise<{ code: number | null; lines: { at: number; line: string }[]; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: { at: number; line: string }[] = [];
    let pending = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      pending += chunk;
      const parts = pending.split('\n');
      pending = parts.pop()!;
      for (const line of parts) lines.push({ at: Date.now() - started, line });
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, lines, stderr, ms: Date.now() - started }));
  });
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('strata CLI (dist/cli.js)', () => {
  it('doctor against a closed port exits non-zero with a one-line reason, within 5 seconds', async () => {
    const result = await strata('doctor', '--host', `http://127.0.0.1:${await closedPort()}`, '--model', 'qwen2.5-coder:7b');
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    assert.match(result.stderr, /^FAIL reachable: .* refused the connection/);
    assert.ok(result.ms < 5000, `took ${result.ms} ms`);
  });

  it('doctor against a healthy server exits 0 after six checks, naming the output mode, thinking and the todo app\'s largest window', async function () {
    this.timeout(20_000);
    const server = await new FakeOllamaServer([{ name: 'qwen2.5-coder:7b', capabilities: ['completion', 'tools'], contextLength: 32768 }]).start();
    server.responder = (request) => ({ toolCalls: [{ name: request.tools![0]!.function.name, arguments: { sum: 5 } }] });
    try {
      const result = await strata('doctor', '--host', server.url, '--model', 'qwen2.5-coder:7b');
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout.trim().split('\n').filter((line) => line.startsWith('ok ')).length, 6, result.stdout);
      assert.match(result.stdout, /^ok {3}output mode: tools: /m);
      assert.match(result.stdout, /^ok {3}thinking: no "thinking" capability listed/m);
      assert.match(result.stdout, /^ok {3}context length: context length 32768 tokens; the todo app's largest call \(\w+\/[\w ]+\) would get num_ctx [\d,]+ \(prompt ~[\d,]+ \+ answer ~[\d,]+ tokens\)$/m);
    } finally {
      await server.stop();
    }
  });

  it('doctor of a model without tools and with thinking: format mode, think, and a format round trip', async function () {
    this.timeout(20_000);
    const server = await new FakeOllamaServer([{ name: 'deepseek-r1:8b', capabilities: ['completion', 'thinking'], contextLength: 131072 }]).start();
    server.responder = (request) => ({ thinking: 'Two and three {make} five.', content: request.format ? '{"sum": 5}' : 'no format' });
    try {
      const result = await strata('doctor', '--host', server.url, '--model', 'deepseek-r1:8b');
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^ok {3}output mode: format: answers are JSON constrained to the schema \(the model lists no "tools" capability\)$/m);
      assert.match(result.stdout, /^ok {3}thinking: a thinking model/m);
      assert.match(result.stdout, /^ok {3}typed round trip: a typed call came back valid \(sum 5\)/m);
      const [roundTrip] = server.chatRequests;
      assert.equal(roundTrip!.think, true);
      assert.equal(roundTrip!.tools, undefined);
      const forced = await strata('doctor', '--host', server.url, '--model', 'deepseek-r1:8b', '--output-mode', 'tools');
      assert.equal(forced.code, 1);
      assert.match(forced.stderr, /^FAIL output mode: Model "deepseek-r1:8b" does not support tool calling/m);
    } finally {
      await server.stop();
    }
  });

  it('doctor names each problem on its own line: missing model', async () => {
    const server = await new FakeOllamaServer([{ name: 'llama3.2:1b', capabilities: ['completion'] }]).start();
    try {
      const result = await strata('doctor', '--host', server.url, '--model', 'qwen2.5-coder:7b');
      assert.equal(result.code, 1);
      assert.match(result.stderr, /^FAIL model installed: model "qwen2.5-coder:7b" is not on the server/m);
    } finally {
      await server.stop();
    }
  });

  it('rejects a malformed host and unknown commands with usage errors', async () => {
    assert.equal((await strata('doctor', '--host', 'not a url')).code, 2);
    assert.equal((await strata('frobnicate')).code, 2);
    const badTimeout = await strata('doctor', '--probe-timeout', 'soon');
    assert.equal(badTimeout.code, 2);
    assert.match(badTimeout.stderr, /--probe-timeout needs a number, got "soon"/);
  });

  it('doctor prints each check as it finishes, and the round trip ends on --load-timeout', async function () {
    this.timeout(20_000);
    const server = await new FakeOllamaServer([{ name: 'qwen2.5-coder:7b', capabilities: ['completion', 'tools'], contextLength: 32768 }]).start();
    server.responder = () => ({ neverAnswer: true });
    try {
      const result = await strataLines('doctor', '--host', server.url, '--model', 'qwen2.5-coder:7b', '--load-timeout', '3');
      assert.equal(result.code, 1);
      assert.deepEqual(result.lines.map(({ line }) => line.split(':')[0]), ['ok   reachable', 'ok   model installed', 'ok   output mode', 'ok   thinking', 'ok   context length']);
      const lastOk = result.lines.at(-1)!.at;
      assert.ok(result.ms - lastOk >= 2500, `the checks came at ${result.lines.map(({ at }) => at).join(', ')} ms, the exit at ${result.ms} ms`);
      assert.match(result.stderr, /^FAIL typed round trip: the typed round trip did not finish within 3 s \(load allowance, strata\.timeouts\.loadSeconds\)$/m);
      assert.ok(result.ms - lastOk < 5000, `the round trip ended ${result.ms - lastOk} ms after the last check`);
    } finally {
      await server.stop();
    }
  });

  it('doctor survives one HTTP 500, saying it retried', async function () {
    this.timeout(20_000);
    const server = await new FakeOllamaServer([{ name: 'qwen2.5-coder:7b', capabilities: ['completion', 'tools'], contextLength: 32768 }]).start();
    server.responder = (request) => ({ toolCalls: [{ name: request.tools![0]!.function.name, arguments: { sum: 5 } }] });
    server.failNext('GET /api/tags', { status: 500 });
    try {
      const result = await strata('doctor', '--host', server.url, '--model', 'qwen2.5-coder:7b');
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stderr, /^retry 1 of 4 \(listModels\) in [\d.]+ s: .*answered HTTP 500/m);
      assert.equal(result.stdout.trim().split('\n').length, 6, result.stdout);
    } finally {
      await server.stop();
    }
  });

  it('doctor gives up on a server that accepts and never answers, on --probe-timeout', async function () {
    this.timeout(20_000);
    const server = await new FakeOllamaServer().start();
    server.failNext('GET /api/tags', { hang: true });
    try {
      const result = await strata('doctor', '--host', server.url, '--probe-timeout', '1');
      assert.equal(result.code, 1);
      assert.match(result.stderr, /^FAIL reachable: .* did not answer within 1 s \(probe limit, strata\.timeouts\.probeSeconds\)$/m);
      assert.ok(result.ms < 4000, `took ${result.ms} ms`);
    } finally {
      await server.stop();
    }
  });

  describe('generate', function () {
    // Each test runs one or two whole generations of the todo (type-checked and formatted) in a child process.
    this.timeout(60_000);
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'strata-cli-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('writes the todo backend from the scripted model and prints per-phase calls and tokens with --json', async () => {
      const out = join(dir, 'todo');
      const result = await strata('generate', '--requirements', TODO_REQUIREMENTS, '--out', out, '--model', `scripted:${TODO_SCRIPTED}`, '--json');
      assert.equal(result.code, 0, result.stderr);
      const summary = JSON.parse(result.stdout) as { outcome: string; phases: { phase: string; calls: number; tokens: number }[]; totals: { calls: number } };
      assert.equal(summary.outcome, 'succeeded');
      assert.deepEqual(summary.phases.map((phase) => phase.phase), ['analyze', 'database', 'interface', 'test', 'realize']);
      assert.equal(summary.totals.calls, 11, 'one call per phase, but a plan and two module calls for Interface and one per operation in the Test phase');
      for (const file of ['package.json', 'openapi.json', 'src/main.ts', 'src/todos/todos.service.ts', 'test/todos.e2e.test.ts', '.strata/requirements.md']) {
        assert.ok(existsSync(join(out, file)), `${file} missing`);
      }
    });

    it('goes back to an earlier phase, says so on stderr, and takes a script for the revision from <target>_revised.json', async () => {
      // The todo script with Todo.dueAt missing from the first data model; the revision has it.
      const scripted = join(dir, 'scripted');
      cpSync(TODO_SCRIPTED, scripted, { recursive: true });
      const file = join(scripted, 'database', 'data_model.json');
      const complete = readFileSync(file, 'utf8');
      const model = JSON.parse(complete) as { models: { name: string; fields: { name: string }[]; indexes?: string[][] }[] };
      const todo = model.models.find((candidate) => candidate.name === 'Todo')!;
      todo.fields = todo.fields.filter((field) => field.name !== 'dueAt');
      todo.indexes = todo.indexes?.filter((index) => !index.includes('dueAt'));
      writeFileSync(file, JSON.stringify(model));
      writeFileSync(join(scripted, 'database', 'data_model_revised.json'), complete);
      const out = join(dir, 'todo');
      const result = await strata('generate', '--requirements', TODO_REQUIREMENTS, '--out', out, '--model', `scripted:${scripted}`);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stderr, /strata: interface needs a change only database can make; going back to database \(1 of 2\):\n  interface \$\.dtos\[\d+\]\.properties\[\d+\]\.column: Todo has no field "dueAt"/);
      // Analyze, Database, the plan, the module call that stopped (once, however many answers it took), the revised
      // data model, the plan (replayed) and the module's two calls, five Test calls and Realize.
      assert.match(result.stdout, /; 14 model call\(s\), \d+ tokens \(went back to an earlier phase 1 time\(s\)\)\. Next:/);
      assert.match(readFileSync(join(out, 'prisma/schema/todos.prisma'), 'utf8'), /dueAt\s+DateTime\?/);
      const refused = await strata('generate', '--requirements', TODO_REQUIREMENTS, '--out', join(dir, 'x'), '--model', `scripted:${scripted}`, '--backtracks', '9');
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, /--backtracks needs a whole number from 0 to 5; got 9/);
    });

    it('says what is wrong with its arguments (exit 2) and writes nothing', async () => {
      const missing = await strata('generate', '--out', join(dir, 'x'), '--model', 'scripted:/nowhere');
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /--requirements, --out and --model are required/);
      const badModel = await strata('generate', '--requirements', TODO_REQUIREMENTS, '--out', join(dir, 'x'), '--model', 'gpt4');
      assert.equal(badModel.code, 2);
      assert.match(badModel.stderr, /ollama:NAME, openai:NAME or scripted:FIXTURE_DIR/);
      const empty = join(dir, 'empty.md');
      writeFileSync(empty, '  \n');
      assert.equal((await strata('generate', '--requirements', empty, '--out', join(dir, 'x'), '--model', `scripted:${TODO_SCRIPTED}`)).code, 2);
      assert.deepEqual(readdirSync(dir), ['empty.md']);
    });

    it('refuses to overwrite a file it did not write unless --force is given', async () => {
      const out = join(dir, 'existing');
      const args = ['generate', '--requirements', TODO_REQUIREMENTS, '--out', out, '--model', `scripted:${TODO_SCRIPTED}`];
      mkdirSync(out);
      writeFileSync(join(out, 'README.md'), '# My own notes\n');
      const refused = await strata(...args);
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /1 file\(s\) in the way: README\.md/);
      // Nothing changed but the checkpoint: the answers are kept, so the forced run need not ask again.
      assert.match(refused.stdout, /nothing was changed in .* \(but its checkpoint\); the finished work is kept in .*\.strata\/resume: continue with strata generate --resume/);
      assert.deepEqual(readdirSync(out), ['.strata', 'README.md']);
      assert.deepEqual(readdirSync(join(out, '.strata')), ['resume']);
      const forced = await strata(...args, '--force', '--resume');
      assert.equal(forced.code, 0, forced.stderr);
      assert.match(forced.stdout, /^wrote \d+ file\(s\) in .*; 11 model call\(s\), 0 tokens \(11 answer\(s\) reused from the checkpoint\)/);
      assert.ok(existsSync(join(out, 'src/main.ts')));
      assert.equal(existsSync(join(out, '.strata/resume')), false);
    });

    it('a model that cannot answer fails the run (exit 1) and leaves no new folder behind', async () => {
      const out = join(dir, 'new/out');
      const result = await strata('generate', '--requirements', TODO_REQUIREMENTS, '--out', out, '--model', `scripted:${join(dir, 'no-fixtures')}`);
      assert.equal(result.code, 1);
      assert.match(result.stdout, /generation failed in analyze: .*new\/out was new and has been removed/);
      assert.match(result.stderr, /No scripted answer for analyze\/requirements/);
      assert.equal(existsSync(join(dir, 'new')), false, 'the parent it made is gone too');
    });

    it('an existing empty folder stays, and the run says nothing was changed in it', async () => {
      const out = join(dir, 'empty');
      mkdirSync(out);
      const result = await strata('generate', '--requirements', TODO_REQUIREMENTS, '--out', out, '--model', `scripted:${join(dir, 'no-fixtures')}`);
      assert.equal(result.code, 1);
      assert.match(result.stdout, /generation failed in analyze: nothing was changed in /);
      assert.deepEqual(readdirSync(out), []);
    });

    it('--resume without a checkpoint is a usage error, and one for other requirements is refused', async () => {
      const out = join(dir, 'resume');
      const none = await strata('generate', '--out', out, '--model', `scripted:${TODO_SCRIPTED}`, '--resume');
      assert.equal(none.code, 2);
      assert.match(none.stderr, /nothing to resume in .*: no checkpoint/);
      mkdirSync(join(out, '.strata/resume'), { recursive: true });
      writeFileSync(join(out, '.strata/resume/checkpoint.json'), JSON.stringify({ version: 1, createdAt: '', requirements: 'a blog', database: 'sqlite', reason: 'x', phases: [], answers: {} }));
      const other = await strata('generate', '--requirements', TODO_REQUIREMENTS, '--out', out, '--model', `scripted:${TODO_SCRIPTED}`, '--resume');
      assert.equal(other.code, 2);
      assert.match(other.stderr, /the checkpoint was made for other requirements/);
    });

    it('refuses bad timeout and retry flags as usage errors', async () => {
      const bad = await strata('generate', '--requirements', TODO_REQUIREMENTS, '--out', join(dir, 'x'), '--model', `scripted:${TODO_SCRIPTED}`, '--idle-timeout', 'soon');
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /--idle-timeout needs a number, got "soon"/);
      assert.equal(existsSync(join(dir, 'x')), false);
    });
  });

  describe('feature', function () {
    this.timeout(90_000);
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'strata-cli-feature-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));
    const tags = fixtureApp('todo-tags');
    const step = join(tags.dir, 'step');
    const files = (root: string): Record<string, string> => {
      const all: Record<string, string> = {};
      const walk = (folder: string) => {
        for (const entry of readdirSync(folder, { withFileTypes: true })) {
          const path = join(folder, entry.name);
          if (entry.isDirectory()) walk(path);
          else all[path.slice(root.length + 1)] = readFileSync(path, 'utf8');
        }
      };
      walk(root);
      return all;
    };

    it('--plan-only prints the plan with its migration and calls and changes nothing; then the step applies it and undo takes it back', async () => {
      const out = join(dir, 'todo');
      assert.equal((await strata('generate', '--requirements', TODO_REQUIREMENTS, '--out', out, '--model', `scripted:${TODO_SCRIPTED}`)).code, 0);
      const before = files(out);
      const model = `scripted:${step},${tags.scripted}`;
      const planned = await strata('feature', 'add', '--project', out, '--requirements', join(step, 'feature.md'), '--model', model, '--plan-only', '--json');
      assert.equal(planned.code, 0, planned.stderr);
      const summary = JSON.parse(planned.stdout) as { planned: boolean; plan: { added: string[]; migrations: string[]; asked: unknown[]; kept: string[] } };
      assert.equal(summary.planned, true);
      assert.ok(summary.plan.added.includes('src/tags/tags.service.ts'));
      assert.equal(summary.plan.migrations.length, 1);
      assert.ok(summary.plan.kept.includes('test/scenarios getTodo'));
      assert.deepEqual(files(out), before, '--plan-only writes nothing');

      const applied = await strata('feature', 'add', '--project', out, '--requirements', join(step, 'feature.md'), '--model', model);
      assert.equal(applied.code, 0, applied.stderr);
      assert.match(applied.stdout, /^step 001-add-people-can-also-label-their: 10 new, 10 changed, 0 removed file\(s\)$/m);
      assert.match(applied.stdout, /^  migration prisma\/migrations\/\d{14}_001_add_people_can_also_label_their\/migration\.sql/m);
      assert.ok(existsSync(join(out, 'src/tags/tags.service.ts')));
      const undone = await strata('feature', 'undo', '--project', out);
      assert.equal(undone.code, 0, undone.stderr);
      const after = files(out);
      for (const path of Object.keys(after)) if (path.startsWith('.strata/checkpoints/')) delete after[path];
      for (const path of Object.keys(before)) if (path.startsWith('.strata/checkpoints/')) delete before[path];
      assert.deepEqual(after, before);
      const again = await strata('feature', 'undo', '--project', out);
      assert.equal(again.code, 1);
      assert.match(again.stderr, /No feature step to undo/);
    });

    it('says what is wrong with its arguments (exit 2), and refuses a folder without a finished backend (exit 1)', async () => {
      const usage = await strata('feature', 'grow', '--project', dir);
      assert.equal(usage.code, 2);
      assert.match(usage.stderr, /say what the step does: add, change, remove or undo \(got grow\)/);
      const both = await strata('feature', 'add', '--project', dir, '--force', '--keep-mine');
      assert.equal(both.code, 2);
      writeFileSync(join(dir, 'feature.md'), 'Tags.\n');
      const empty = await strata('feature', 'add', '--project', dir, '--requirements', join(dir, 'feature.md'), '--model', `scripted:${step}`);
      assert.equal(empty.code, 1);
      assert.match(empty.stderr, /no finished Strata backend to grow/);
      assert.deepEqual(readdirSync(dir), ['feature.md']);
    });
  });
});
