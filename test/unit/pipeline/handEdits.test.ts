import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../../src/core/config/settings';
import type { Phase } from '../../../src/core/pipeline/phase';
import { runPipeline } from '../../../src/core/pipeline/pipeline';
import { readManifest } from '../../../src/core/project/generatedFiles';
import { MemoryProjectFiles } from '../../../src/core/project/projectFiles';
import { ScriptedModel } from '../../fakes/scriptedModel';

/** A phase that renders the given files without asking a model. */
function renders(files: Record<string, string>): Phase {
  return { id: 'realize', run: async () => ({ artifact: { files: Object.keys(files) }, files: new Map(Object.entries(files)), issues: [] }) };
}

const options = (target: MemoryProjectFiles, confirmOverwrite?: () => boolean) => ({ target, provider: new ScriptedModel(() => ({})), settings: DEFAULT_SETTINGS, confirmOverwrite });

describe('pipeline: files the user wrote or edited', () => {
  it('does not overwrite a file Strata did not write unless allowed, and says which', async () => {
    const target = new MemoryProjectFiles('/memory', { 'package.json': '{ "name": "mine" }\n' });
    const refused = await runPipeline([renders({ 'package.json': '{ "name": "generated" }\n', 'src/main.ts': 'main\n' })], options(target));
    assert.equal(refused.outcome, 'failed');
    assert.match(refused.issues[0]!.message, /1 file\(s\) in the way: package\.json\. .*nothing was changed/);
    assert.deepEqual([...target.files.keys()], ['package.json']);

    let asked: string[] = [];
    const allowed = await runPipeline([renders({ 'package.json': '{ "name": "generated" }\n' })], {
      ...options(target),
      confirmOverwrite: (conflicts) => {
        asked = conflicts.map((conflict) => `${conflict.path}:${conflict.reason}`);
        return true;
      },
    });
    assert.equal(allowed.outcome, 'succeeded');
    assert.deepEqual(asked, ['package.json:not-generated']);
    assert.equal(target.files.get('package.json'), '{ "name": "generated" }\n');
  });

  it('overwrites its own unedited output freely, but asks about a hand edit', async () => {
    const target = new MemoryProjectFiles();
    assert.equal((await runPipeline([renders({ 'src/a.ts': 'one\n' })], options(target))).outcome, 'succeeded');
    assert.equal((await runPipeline([renders({ 'src/a.ts': 'two\n' })], options(target))).outcome, 'succeeded');
    assert.equal(target.files.get('src/a.ts'), 'two\n');

    await target.write('src/a.ts', 'two, edited by hand\n');
    const refused = await runPipeline([renders({ 'src/a.ts': 'three\n' })], options(target));
    assert.equal(refused.outcome, 'failed');
    assert.match(refused.issues[0]!.message, /src\/a\.ts \(edited by hand\)/);
    assert.equal(target.files.get('src/a.ts'), 'two, edited by hand\n');
  });

  it('removes files an earlier run wrote and this one no longer renders, keeping hand-edited ones with a warning', async () => {
    const target = new MemoryProjectFiles();
    await runPipeline([renders({ 'src/todos/todos.ts': 'todos\n', 'src/tags/tags.ts': 'tags\n', 'src/keep.ts': 'keep\n' })], options(target));
    await target.write('src/tags/tags.ts', 'tags, edited\n');
    const result = await runPipeline([renders({ 'src/tasks/tasks.ts': 'tasks\n', 'src/keep.ts': 'keep\n' })], options(target));
    assert.equal(result.outcome, 'succeeded');
    assert.deepEqual(result.removed, ['src/todos/todos.ts']);
    assert.equal(target.files.has('src/todos/todos.ts'), false);
    assert.equal(target.files.get('src/tags/tags.ts'), 'tags, edited\n');
    assert.deepEqual(result.diagnostics.map((issue) => [issue.severity, issue.file]), [['warning', 'src/tags/tags.ts']]);
    assert.deepEqual(Object.keys(await readManifest(target)).sort(), ['src/keep.ts', 'src/tags/tags.ts', 'src/tasks/tasks.ts']);
  });

  it('a run of some phases never retires the files of the others', async () => {
    const target = new MemoryProjectFiles();
    await runPipeline([renders({ 'src/app.ts': 'app\n' })], options(target));
    const database: Phase = { id: 'database', run: async () => ({ artifact: {}, files: new Map([['prisma/schema/a.prisma', 'model\n']]), issues: [] }) };
    const result = await runPipeline([database], options(target));
    assert.deepEqual(result.removed, []);
    assert.equal(target.files.get('src/app.ts'), 'app\n');
  });

  it('refuses, before writing anything, a path some OS cannot write (a device name, a case-only twin)', async () => {
    const target = new MemoryProjectFiles('/memory', { 'notes.md': 'mine\n' });
    const result = await runPipeline([renders({ 'src/con/con.module.ts': 'x\n', 'src/Todo.ts': 'a\n', 'src/todo.ts': 'b\n', 'src/ok.ts': 'ok\n' })], options(target));
    assert.equal(result.outcome, 'failed');
    assert.equal(result.changed, false);
    assert.match(result.issues[0]!.message, /"con" is a device name Windows reserves/);
    assert.match(result.issues[0]!.message, /src\/Todo\.ts and src\/todo\.ts are one file on macOS and Windows/);
    assert.match(result.issues[0]!.message, /Nothing was changed\.$/);
    assert.deepEqual([...target.files.keys()], ['notes.md']);
  });
});
