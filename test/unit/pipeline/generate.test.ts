import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as prettier from 'prettier';
import { DEFAULT_SETTINGS } from '../../../src/core/config/settings';
import type { ChatRequest } from '../../../src/core/model/chat';
import { readCheckpoint } from '../../../src/core/pipeline/checkpoint';
import { generateBackend } from '../../../src/core/backend/generate';
import { MemoryProjectFiles } from '../../../src/core/project/projectFiles';
import { fixturePath, ScriptedModel } from '../../fakes/scriptedModel';
import { scriptedAnswer, TODO_REQUIREMENTS, TODO_SCRIPTED } from '../../fixtures/todo/fixtures';

const settings = { ...DEFAULT_SETTINGS, model: 'scripted', retryBudget: 2 };
const requirements = readFileSync(TODO_REQUIREMENTS, 'utf8');

type RealizeAnswer = { helpers: string; operations: { id: string; body: string }[] };

/** The todo fixtures, with the Realize answer changed by `edit`. */
function withRealize(edit: (answer: RealizeAnswer) => void): ScriptedModel {
  return new ScriptedModel((agent, target) => {
    if (agent !== 'realize') return JSON.parse(readFileSync(fixturePath(TODO_SCRIPTED, agent, target), 'utf8'));
    const answer = scriptedAnswer<RealizeAnswer>('realize', 'module_todos.json');
    edit(answer);
    return answer;
  });
}

describe('generateBackend: the five phases on the todo fixtures', () => {
  it('writes the whole backend, its artifacts and the requirements, with figures per phase', async () => {
    const target = new MemoryProjectFiles();
    const summary = await generateBackend({ requirements, target, provider: new ScriptedModel(TODO_SCRIPTED), settings });
    assert.equal(summary.outcome, 'succeeded', JSON.stringify(summary.issues));
    assert.deepEqual(summary.phases.map((phase) => [phase.phase, phase.calls, phase.attempts]), [
      ['analyze', 1, 1],
      ['database', 1, 1],
      ['interface', 3, 3],
      ['test', 5, 5],
      ['realize', 1, 1],
    ]);
    assert.equal(summary.totals.tokens, summary.phases.reduce((sum, phase) => sum + phase.tokens, 0));
    for (const file of ['.strata/requirements.md', '.strata/realize.json', 'openapi.json', 'src/todos/todos.service.ts', 'src/todos/todos.dto.ts', 'src/auth/guards.ts', 'test/todos.e2e.test.ts', 'package.json']) {
      assert.ok(target.files.has(file), `${file} missing`);
    }
    // Every file but the run's restore point, Strata's bookkeeping beside them.
    assert.equal(summary.written, target.files.size - 1);
    assert.ok(target.files.has(`.strata/checkpoints/${summary.restorePoint}.json`), 'the run is a restore point');
    assert.deepEqual(summary.diagnostics, []);
  });

  it('rewrites nothing generated when run again on the same answers: only the previous artifacts are added', async () => {
    const target = new MemoryProjectFiles();
    await generateBackend({ requirements, target, provider: new ScriptedModel(TODO_SCRIPTED), settings });
    const before = new Map(target.files);
    const again = await generateBackend({ requirements, target, provider: new ScriptedModel(TODO_SCRIPTED), settings });
    assert.equal(again.outcome, 'succeeded');
    assert.deepEqual(again.files, ['analyze', 'database', 'interface', 'realize', 'test'].map((phase) => `.strata/previous/${phase}.json`));
    for (const [path, content] of before) assert.equal(target.files.get(path), content, path);
  });

  it('a run cancelled in the Test phase leaves the target exactly as it was', async () => {
    const target = new MemoryProjectFiles('/memory', { 'notes.txt': 'mine\n' });
    const controller = new AbortController();
    const scripted = new ScriptedModel(TODO_SCRIPTED);
    const provider = Object.assign(Object.create(scripted) as ScriptedModel, {
      chat: (request: ChatRequest) => {
        if (request.purpose?.agent === 'test') controller.abort();
        return scripted.chat(request);
      },
    });
    const summary = await generateBackend({ requirements, target, provider, settings, signal: controller.signal });
    assert.equal(summary.outcome, 'cancelled');
    assert.equal(summary.stoppedAt, 'test');
    assert.deepEqual([...target.files.keys()], ['notes.txt']);
  });

  it('a Realize answer that never covers every operation fails the run and writes nothing', async () => {
    const target = new MemoryProjectFiles();
    const summary = await generateBackend({ requirements, target, provider: withRealize((answer) => answer.operations.pop()), settings });
    assert.equal(summary.outcome, 'failed');
    assert.equal(summary.stoppedAt, 'realize');
    assert.match(summary.issues[0]!.message, /missing method\(s\): deleteTodo/);
    assert.equal(summary.changed, false);
    // Only the checkpoint: what the model got right, so a resumed run need not ask again.
    assert.equal(summary.checkpoint, '.strata/resume');
    assert.deepEqual([...target.files.keys()].sort(), ['.strata/resume/analyze.json', '.strata/resume/checkpoint.json', '.strata/resume/database.json', '.strata/resume/interface.json', '.strata/resume/test.json']);
    const checkpoint = (await readCheckpoint(target))!;
    assert.equal(checkpoint.stoppedAt, 'realize');
    assert.deepEqual(checkpoint.phases, ['analyze', 'database', 'interface', 'test']);
    assert.deepEqual(Object.keys(checkpoint.answers).sort(), ['analyze/requirements', 'database/data model', 'interface/api plan', 'interface/module todos part 1', 'interface/module todos part 2', ...['createTodo', 'deleteTodo', 'getTodo', 'listTodos', 'updateTodo'].map((id) => `test/scenarios ${id}`)]);
    assert.equal(checkpoint.requirements, requirements);
  });

  it('a resumed run asks the model only for what the failed run had not got, and removes the checkpoint', async () => {
    const target = new MemoryProjectFiles();
    await generateBackend({ requirements, target, provider: withRealize((answer) => answer.operations.pop()), settings });
    const checkpoint = (await readCheckpoint(target))!;
    const scripted = new ScriptedModel(TODO_SCRIPTED);
    const summary = await generateBackend({ requirements, target, provider: scripted, settings, resume: checkpoint });
    assert.equal(summary.outcome, 'succeeded');
    assert.equal(summary.reused, 10);
    assert.deepEqual(scripted.asked, [{ agent: 'realize', target: 'module todos' }]);
    assert.equal([...target.files.keys()].some((file) => file.startsWith('.strata/resume/')), false);
    // The same backend a fresh run writes.
    const fresh = new MemoryProjectFiles();
    await generateBackend({ requirements, target: fresh, provider: new ScriptedModel(TODO_SCRIPTED), settings });
    const project = (files: MemoryProjectFiles) => [...files.files.keys()].filter((file) => !file.startsWith('.strata/checkpoints/')).sort();
    assert.deepEqual(project(target), project(fresh));
    for (const [file, content] of fresh.files) if (!file.startsWith('.strata/')) assert.equal(target.files.get(file), content, file);
  });

  it('a replayed answer that no longer fits goes back to the model with the feedback', async () => {
    const target = new MemoryProjectFiles();
    await generateBackend({ requirements, target, provider: withRealize((answer) => answer.operations.pop()), settings });
    const checkpoint = (await readCheckpoint(target))!;
    // An answer damaged on disk: its own validator catches it and the model is asked again.
    (checkpoint.answers['interface/module todos part 2'] as { operations: unknown[] }).operations = [];
    const scripted = new ScriptedModel(TODO_SCRIPTED);
    const summary = await generateBackend({ requirements, target, provider: scripted, settings, resume: checkpoint });
    assert.equal(summary.outcome, 'succeeded');
    assert.equal(summary.reused, 10);
    assert.deepEqual(scripted.asked.map((call) => call.agent), ['interface', 'realize']);
  });

  it('a type error the model never fixes is written with the code and reported at its file, line and body', async () => {
    const target = new MemoryProjectFiles();
    const summary = await generateBackend({
      requirements,
      target,
      provider: withRealize((answer) => {
        const getTodo = answer.operations.find((operation) => operation.id === 'getTodo')!;
        getTodo.body = getTodo.body.replace('return toTodo(row);', 'const title: string = row.titel;\nreturn { ...toTodo(row), title };');
      }),
      settings,
    });
    assert.equal(summary.outcome, 'succeeded');
    const realize = summary.phases.find((phase) => phase.phase === 'realize')!;
    assert.equal(realize.attempts, settings.retryBudget + 1, 'every retry was spent on the error');
    const [issue, ...rest] = summary.diagnostics;
    assert.deepEqual(rest, []);
    assert.equal(issue!.file, 'src/todos/todos.service.ts');
    assert.equal(issue!.path, '$.operations[2].body');
    assert.match(issue!.message, /^line 3: .*titel/);
    const service = target.files.get('src/todos/todos.service.ts')!;
    assert.match(service.split('\n')[issue!.range!.start.line]!, /row\.titel/);
  });

  it("is laid out as its own .prettierrc says: prettier's check with the shipped config and ignore files passes on every file it reads", async () => {
    const target = new MemoryProjectFiles();
    assert.equal((await generateBackend({ requirements, target, provider: new ScriptedModel(TODO_SCRIPTED), settings })).outcome, 'succeeded');
    const dir = mkdtempSync(join(tmpdir(), 'strata-format-'));
    try {
      for (const [path, content] of target.files) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), content);
      }
      // What `prettier --check .` reads: files it has a parser for, minus .gitignore and .prettierignore.
      const ignorePath = [join(dir, '.gitignore'), join(dir, '.prettierignore')];
      const checked: string[] = [];
      const unformatted: string[] = [];
      for (const [path, content] of target.files) {
        const info = await prettier.getFileInfo(join(dir, path), { ignorePath });
        if (info.ignored || !info.inferredParser) continue;
        checked.push(path);
        const config = await prettier.resolveConfig(join(dir, path), { editorconfig: true });
        if (!(await prettier.check(content, { ...config, filepath: join(dir, path) }))) unformatted.push(path);
      }
      assert.deepEqual(unformatted, []);
      const expected = [...target.files.keys()].filter((path) => /\.(ts|mjs|json|md|yaml)$/.test(path) && !path.startsWith('.strata/'));
      assert.deepEqual(checked.sort(), [...expected, '.prettierrc'].sort(), 'every generated TypeScript, JSON, Markdown and YAML file was checked');
      assert.ok(checked.filter((path) => path.endsWith('.ts')).length > 30);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('generated again after the user reformatted files with their own options: goes on without asking, their layout kept', async () => {
    const target = new MemoryProjectFiles();
    await generateBackend({ requirements, target, provider: new ScriptedModel(TODO_SCRIPTED), settings });
    const theirs: prettier.Options = { useTabs: true, printWidth: 80, singleQuote: false, semi: false, trailingComma: 'es5', proseWrap: 'always' };
    const reformatted = ['src/todos/todos.service.ts', 'src/todos/todos.dto.ts', 'test/todos.e2e.test.ts', 'openapi.json', 'README.md'];
    for (const path of reformatted) {
      const formatted = await prettier.format(target.files.get(path)!, { ...theirs, filepath: path });
      assert.notEqual(formatted, target.files.get(path), `${path} looks different under their options`);
      await target.write(path, formatted);
    }
    const before = new Map(target.files);
    const confirmOverwrite = () => assert.fail('asked about overwriting');
    const again = await generateBackend({ requirements, target, provider: new ScriptedModel(TODO_SCRIPTED), settings, confirmOverwrite });
    assert.equal(again.outcome, 'succeeded', JSON.stringify(again.issues));
    for (const path of reformatted) assert.equal(target.files.get(path), before.get(path), path);
  });
});
