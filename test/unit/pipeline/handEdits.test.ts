import * as assert from 'node:assert/strict';
import * as prettier from 'prettier';
import { DEFAULT_SETTINGS } from '../../../src/core/config/settings';
import type { Phase } from '../../../src/core/pipeline/phase';
import { runPipeline } from '../../../src/core/pipeline/pipeline';
import { PRETTIER_OPTIONS } from '../../../src/core/project/codeStyle';
import { contentHash, readManifest } from '../../../src/core/project/generatedFiles';
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
    const refused = await runPipeline([renders({ 'package.json': '{\n  "name": "generated"\n}\n', 'src/main.ts': 'main();\n' })], options(target));
    assert.equal(refused.outcome, 'failed');
    assert.match(refused.issues[0]!.message, /1 file\(s\) in the way: package\.json\. .*nothing was changed/);
    assert.deepEqual([...target.files.keys()], ['package.json']);

    let asked: string[] = [];
    const allowed = await runPipeline([renders({ 'package.json': '{\n  "name": "generated"\n}\n' })], {
      ...options(target),
      confirmOverwrite: (conflicts) => {
        asked = conflicts.map((conflict) => `${conflict.path}:${conflict.reason}`);
        return true;
      },
    });
    assert.equal(allowed.outcome, 'succeeded');
    assert.deepEqual(asked, ['package.json:not-generated']);
    assert.equal(target.files.get('package.json'), '{\n  "name": "generated"\n}\n');
  });

  it('overwrites its own unedited output freely, but asks about a hand edit', async () => {
    const target = new MemoryProjectFiles();
    assert.equal((await runPipeline([renders({ 'src/a.ts': 'one();\n' })], options(target))).outcome, 'succeeded');
    assert.equal((await runPipeline([renders({ 'src/a.ts': 'two();\n' })], options(target))).outcome, 'succeeded');
    assert.equal(target.files.get('src/a.ts'), 'two();\n');

    await target.write('src/a.ts', 'two(); // edited by hand\n');
    const refused = await runPipeline([renders({ 'src/a.ts': 'three();\n' })], options(target));
    assert.equal(refused.outcome, 'failed');
    assert.match(refused.issues[0]!.message, /src\/a\.ts \(edited by hand\)/);
    assert.equal(target.files.get('src/a.ts'), 'two(); // edited by hand\n');
  });

  it('merges a hand edit with the run\'s change three ways when they touch different lines, and reports it; refuses when they touch the same', async () => {
    const target = new MemoryProjectFiles();
    const v1 = 'export class TodosService {\n  list() {\n    return 20;\n  }\n\n  get() {\n    return 1;\n  }\n}\n';
    await runPipeline([renders({ 'src/a.ts': v1 })], options(target));
    const mine = v1.replace('return 1;', 'return 1; // checked by hand');
    await target.write('src/a.ts', mine);
    const v2 = v1.replace('return 20;', 'return 50;');
    const merged = await runPipeline([renders({ 'src/a.ts': v2 })], options(target));
    assert.equal(merged.outcome, 'succeeded', JSON.stringify(merged.issues));
    assert.deepEqual(merged.merged, ['src/a.ts']);
    assert.equal(target.files.get('src/a.ts'), v2.replace('return 1;', 'return 1; // checked by hand'));
    // Recorded as Strata's rendering: the next change merges against v2, and a clash on the edited line is refused.
    assert.equal((await readManifest(target))['src/a.ts']!.hash, contentHash(v2));
    const v3 = v2.replace('return 1;', 'return 2;');
    const refused = await runPipeline([renders({ 'src/a.ts': v3 })], options(target));
    assert.equal(refused.outcome, 'failed');
    assert.match(refused.issues[0]!.message, /src\/a\.ts \(edited by hand\)/);
    assert.equal(target.files.get('src/a.ts'), v2.replace('return 1;', 'return 1; // checked by hand'));
  });

  it('in a feature step (keepUnchangedEdits), a hand edit the run has nothing new for is kept without asking', async () => {
    const target = new MemoryProjectFiles();
    await runPipeline([renders({ 'src/a.ts': 'one();\n', 'src/b.ts': 'b();\n' })], options(target));
    await target.write('src/a.ts', 'one(); // mine\n');
    const asked = await runPipeline([renders({ 'src/a.ts': 'one();\n', 'src/b.ts': 'b2();\n' })], options(target));
    assert.equal(asked.outcome, 'failed', 'a whole run still asks: the user may want Strata\'s version back');
    const kept = await runPipeline([renders({ 'src/a.ts': 'one();\n', 'src/b.ts': 'b2();\n' })], { ...options(target), keepUnchangedEdits: true });
    assert.equal(kept.outcome, 'succeeded', JSON.stringify(kept.issues));
    assert.equal(target.files.get('src/a.ts'), 'one(); // mine\n');
    assert.equal(target.files.get('src/b.ts'), 'b2();\n');
    assert.deepEqual(kept.kept, ['src/a.ts']);
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
    await runPipeline([renders({ 'src/app.ts': 'app();\n' })], options(target));
    const database: Phase = { id: 'database', run: async () => ({ artifact: {}, files: new Map([['prisma/schema/a.prisma', 'model\n']]), issues: [] }) };
    const result = await runPipeline([database], options(target));
    assert.deepEqual(result.removed, []);
    assert.equal(target.files.get('src/app.ts'), 'app();\n');
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

  describe('a generated file only reformatted is not a hand edit', () => {
    const service = [
      'import { Injectable } from "@nestjs/common"',
      '@Injectable() export class TodosService { constructor(private readonly prisma: PrismaService, private readonly clock: Clock) {}',
      '  async listTodos(member: { id: number }, page: number) { const where = { ownerId: member.id, deletedAt: null, createdAt: { lt: this.clock.now() } }',
      '    return this.prisma.todo.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (page - 1) * 20, take: 20 }) } }',
      '',
    ].join('\n');
    const readme = '# Todos\n\nA todo service: members sign up, keep their todos with a due date and see which are overdue; nobody reads or changes another member\'s todos.\n\n| path | holds |\n|---|---|\n| `src/main.ts` | start-up |\n| `src/todos/todos.service.ts` | the business logic |\n';
    const openapi = `${JSON.stringify({ openapi: '3.1.0', paths: { '/todos': { get: { operationId: 'listTodos', tags: ['todos'] } } } }, null, 2)}\n`;
    const rendered = { 'src/todos/todos.service.ts': service, 'README.md': readme, 'openapi.json': openapi };
    /** Options far from Strata's: what someone's own prettier setup might be. */
    const theirs: prettier.Options = { useTabs: true, printWidth: 80, singleQuote: false, semi: false, trailingComma: 'none', bracketSpacing: false, arrowParens: 'avoid', proseWrap: 'always' };
    const reformat = async (target: MemoryProjectFiles, options: prettier.Options) => {
      for (const path of Object.keys(rendered)) await target.write(path, await prettier.format(target.files.get(path)!, { ...options, filepath: path }));
    };
    const neverAsked = () => assert.fail('asked about overwriting');

    it('formatted with the shipped options (format-on-save): nothing to see, the next run goes on', async () => {
      const target = new MemoryProjectFiles();
      assert.equal((await runPipeline([renders(rendered)], options(target))).outcome, 'succeeded');
      const written = new Map(target.files);
      assert.notEqual(written.get('src/todos/todos.service.ts'), service, 'the pipeline formatted the rendered service');
      await reformat(target, PRETTIER_OPTIONS);
      for (const path of Object.keys(rendered)) assert.equal(target.files.get(path), written.get(path), `${path} changed under the shipped options`);
    });

    it('formatted with other options (tabs, double quotes, no semicolons, 80 columns): the rerun goes on without asking and keeps their layout', async () => {
      const target = new MemoryProjectFiles();
      await runPipeline([renders(rendered)], options(target));
      await reformat(target, theirs);
      const formatted = new Map(Object.keys(rendered).map((path) => [path, target.files.get(path)!]));
      assert.match(formatted.get('src/todos/todos.service.ts')!, /^\t/m, 'the service is indented with tabs now');
      assert.doesNotMatch(formatted.get('README.md')!, /^A todo service.*todos\.$/m, 'the paragraph is wrapped at 80 columns now');
      const again = await runPipeline([renders(rendered)], { ...options(target), confirmOverwrite: neverAsked });
      assert.equal(again.outcome, 'succeeded', JSON.stringify(again.issues));
      for (const [path, content] of formatted) assert.equal(target.files.get(path), content, `${path} kept as they formatted it`);
    });

    it('reformatted, then rendered differently: written anew without asking', async () => {
      const target = new MemoryProjectFiles();
      await runPipeline([renders(rendered)], options(target));
      await reformat(target, theirs);
      const changed = { ...rendered, 'src/todos/todos.service.ts': service.replace('take: 20', 'take: 50').replace('* 20', '* 50') };
      const again = await runPipeline([renders(changed)], { ...options(target), confirmOverwrite: neverAsked });
      assert.equal(again.outcome, 'succeeded', JSON.stringify(again.issues));
      const written = target.files.get('src/todos/todos.service.ts')!;
      assert.match(written, /take: 50/);
      assert.equal(written, await prettier.format(written, { ...PRETTIER_OPTIONS, parser: 'typescript' }), "Strata's layout again");
    });

    it('reformatted and changed in its code, a string or a Markdown cell: still a hand edit', async () => {
      const edits: [string, (text: string) => string][] = [
        ['src/todos/todos.service.ts', (text) => text.replace('take: 20', 'take: 21')],
        ['src/todos/todos.service.ts', (text) => text.replace('"desc"', '"asc"')],
        ['README.md', (text) => text.replace('start-up', 'start up')],
        ['openapi.json', (text) => text.replace('"todos"', '"todo"')],
      ];
      for (const [path, edit] of edits) {
        const target = new MemoryProjectFiles();
        await runPipeline([renders(rendered)], options(target));
        await reformat(target, theirs);
        const edited = edit(target.files.get(path)!);
        assert.notEqual(edited, target.files.get(path), `the edit of ${path} changes it`);
        await target.write(path, edited);
        const refused = await runPipeline([renders(rendered)], options(target));
        assert.equal(refused.outcome, 'failed', path);
        assert.match(refused.issues[0]!.message, new RegExp(`1 file\\(s\\) in the way: ${path.replace(/\./g, '\\.')} \\(edited by hand\\)`));
        assert.equal(target.files.get(path), edited);
      }
    });

    it('line ends turned to CRLF (a Windows checkout), in formatted files and in a Prisma schema: not an edit either', async () => {
      const target = new MemoryProjectFiles();
      const schema = 'model Todo {\n  id    Int    @id @default(autoincrement())\n  title String\n}\n';
      const withSchema = { ...rendered, 'prisma/schema/todos.prisma': schema };
      await runPipeline([renders(withSchema)], options(target));
      for (const path of Object.keys(withSchema)) await target.write(path, target.files.get(path)!.replace(/\n/g, '\r\n'));
      const again = await runPipeline([renders(withSchema)], { ...options(target), confirmOverwrite: neverAsked });
      assert.equal(again.outcome, 'succeeded', JSON.stringify(again.issues));
      assert.match(target.files.get('prisma/schema/todos.prisma')!, /\r\n/, 'kept as checked out');
      await target.write('prisma/schema/todos.prisma', schema.replace('title String', 'title String?').replace(/\n/g, '\r\n'));
      const refused = await runPipeline([renders(withSchema)], options(target));
      assert.match(refused.issues[0]!.message, /in the way: prisma\/schema\/todos\.prisma \(edited by hand\)/);
    });

    it('retired after being reformatted: removed like any unedited file', async () => {
      const target = new MemoryProjectFiles();
      await runPipeline([renders(rendered)], options(target));
      await reformat(target, theirs);
      const result = await runPipeline([renders({ 'README.md': readme, 'openapi.json': openapi })], { ...options(target), confirmOverwrite: neverAsked });
      assert.equal(result.outcome, 'succeeded');
      assert.deepEqual(result.removed, ['src/todos/todos.service.ts']);
      assert.deepEqual(result.diagnostics, []);
    });
  });
});
