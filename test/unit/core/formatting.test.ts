import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as prettier from 'prettier';
import { positionAt } from '../../../src/core/diagnostics/issue';
import {
  PRETTIER_OPTIONS,
  PRETTIER_VERSION,
  renderEditorConfig,
  renderPrettierConfig,
} from '../../../src/core/project/codeStyle';
import { BackgroundFormatter, formatGenerated, formattedOffsets, formatText, parsersFor } from '../../../src/core/project/formatting';

const root = join(__dirname, '../../../..');

describe('formatting generated files', () => {
  it('formats each kind with the parser prettier itself picks, and leaves Prisma, Docker and ignore files alone', () => {
    assert.deepEqual(parsersFor('src/todos/todos.service.ts'), ['babel-ts', 'typescript']);
    assert.deepEqual(parsersFor('scripts/db.mjs'), ['babel']);
    assert.deepEqual(parsersFor('package.json'), ['json-stringify']);
    assert.deepEqual(parsersFor('openapi.json'), ['json']);
    assert.deepEqual(parsersFor('docs/requirements/01-accounts.md'), ['markdown']);
    assert.deepEqual(parsersFor('compose.yaml'), ['yaml']);
    assert.deepEqual(parsersFor('.prettierrc'), ['yaml']);
    for (const path of ['prisma/schema/todos.prisma', 'Dockerfile', '.gitignore', '.dockerignore', '.editorconfig']) assert.equal(parsersFor(path), undefined, path);
  });

  it('writes TypeScript with the shipped options: single quotes, trailing commas, 120 columns, objects that fit on one line', async () => {
    const call = `const row = await this.prisma.todo.create({ data: { ...collectCreateTodo(body), ownerId: member.id, title: "A title" }, select: todoSelect });`;
    const formatted = await formatText('src/a.ts', `async function f() {\n${call}\n}\nconst o = {\n  a: 1 }\n`);
    assert.equal(
      formatted,
      [
        'async function f() {',
        '  const row = await this.prisma.todo.create({',
        "    data: { ...collectCreateTodo(body), ownerId: member.id, title: 'A title' },",
        '    select: todoSelect,',
        '  });',
        '}',
        'const o = { a: 1 };',
        '',
      ].join('\n'),
    );
  });

  it('gives babel-ts and the typescript parser the same output (the command line uses the latter)', async () => {
    const source = readFileSync(join(root, 'src/core/pipeline/pipeline.ts'), 'utf8');
    const ours = await formatText('pipeline.ts', source);
    assert.equal(ours, await prettier.format(source, { ...PRETTIER_OPTIONS, parser: 'typescript' }));
  });

  it('keeps a file prettier cannot read as it was rendered, and throws when asked to format it', async () => {
    const broken = 'export const a = ;\n';
    assert.equal(await formatGenerated('src/a.ts', broken), broken);
    await assert.rejects(formatText('src/a.ts', broken));
    assert.equal(await formatGenerated('prisma/schema/a.prisma', 'model A {\nid Int @id\n}'), 'model A {\nid Int @id\n}');
  });

  it('moves a position with the code it points at', async () => {
    const source = 'export class A {\n  constructor(private readonly a: string, private readonly b: string) {}\n  f() { return this.a.lenght; }\n}\n';
    const offset = source.indexOf('lenght');
    const [moved] = await formattedOffsets('src/a.ts', source, [offset]);
    const formatted = await formatText('src/a.ts', source);
    assert.notEqual(positionAt(formatted, moved!).line, positionAt(source, offset).line, 'the formatting moved the line');
    assert.equal(formatted.slice(moved!, moved! + 'lenght'.length), 'lenght');
  });

  it('ships the prettier it bundles, and a .prettierrc and .editorconfig that prettier reads as the options Strata formats with', async () => {
    assert.equal(JSON.parse(readFileSync(join(root, 'node_modules/prettier/package.json'), 'utf8')).version, PRETTIER_VERSION);
    assert.equal(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies.prettier, PRETTIER_VERSION);
    const dir = mkdtempSync(join(tmpdir(), 'strata-style-'));
    try {
      writeFileSync(join(dir, '.editorconfig'), renderEditorConfig());
      // .editorconfig alone already gives the layout (prettier reads it when no .prettierrc says otherwise)...
      const fromEditorConfig = await prettier.resolveConfig(join(dir, 'a.ts'), { editorconfig: true });
      assert.deepEqual(fromEditorConfig, { useTabs: false, tabWidth: 2, printWidth: PRETTIER_OPTIONS.printWidth, endOfLine: 'lf' });
      // ...and .prettierrc adds the rest.
      writeFileSync(join(dir, '.prettierrc'), renderPrettierConfig());
      assert.deepEqual(await prettier.resolveConfig(join(dir, 'a.ts'), { editorconfig: false, useCache: false }), { ...PRETTIER_OPTIONS });
      assert.equal(await formatText('.prettierrc', renderPrettierConfig()), renderPrettierConfig());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('formats on a worker thread what it formats in process, each file once, and in process once the worker is gone', async () => {
    const files: [string, string][] = [
      ['src/a.ts', 'export const a = {\n  b: "c" }\n'],
      ['openapi.json', '{"openapi":"3.1.0","tags":["a","b"]}'],
      ['README.md', '# A\n\nOne\nparagraph.\n'],
      ['prisma/schema/a.prisma', 'model A {\nid Int @id\n}'],
      ['src/broken.ts', 'export const = ;\n'],
    ];
    const formatter = new BackgroundFormatter();
    try {
      assert.equal(formatter.threaded, true, 'the compiled worker script sits beside the module');
      const first = formatter.format('src/a.ts', files[0]![1]);
      assert.equal(formatter.format('src/a.ts', files[0]![1]), first, 'the same file and text is formatted once');
      for (const [path, text] of files) assert.equal(await formatter.format(path, text), await formatGenerated(path, text), path);
      assert.equal(await first, "export const a = { b: 'c' };\n");
    } finally {
      await formatter.close();
    }
    assert.equal(formatter.threaded, false);
    assert.equal(await formatter.format('src/d.ts', 'const d = "d"'), "const d = 'd';\n");
  });
});
