import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as ts from 'typescript';
import { TEST_NOW, TIME_UNITS } from '../../../../src/core/scenarios/dates';
import { INT_MAX } from '../../../../src/core/target/nest-prisma/api/dtos';
import { databaseAdapter, TEST_DATABASE_URL_ENV } from '../../../../src/core/target/nest-prisma/project/adapter';
import { TEST_CLOCK_HEADER, TEST_CLOCK_ROUTE, TEST_CLOCK_SECRET_ENV } from '../../../../src/core/target/nest-prisma/project/clock';
import { MAX_BODY_DEPTH } from '../../../../src/core/target/nest-prisma/project/hardening';
import { OPENAPI_DRIFT } from '../../../../src/core/target/nest-prisma/project/openapiCheck';
import { ACCOUNT_PASSWORD_ENV } from '../../../../src/core/target/nest-prisma/auth/accounts';
import { TEST_PASSWORD } from '../../../../src/core/target/nest-prisma/tests/http';
import { quote } from '../../../../src/core/target/nest-prisma/printer/literals';
import { expandTemplate, type TemplateFlags, templateSlots } from '../../../../src/core/target/nest-prisma/printer/templates';
import { TEMPLATES } from '../../../../src/core/target/nest-prisma/templates.generated';

const root = join(__dirname, '../../../../..');
const target = join(root, 'src/core/target/nest-prisma');
const templatesDir = join(target, 'templates');

interface Embedder {
  readTemplates(): Record<string, string>;
}
const embedder = (): Promise<Embedder> => import(pathToFileURL(join(root, 'scripts/embed-templates.mjs')).href) as Promise<Embedder>;

/** Every combination of the flags a template names (the databases too, though a project has one). */
function flagSettings(text: string): TemplateFlags[] {
  const names = [...new Set([...text.matchAll(/^\s*(?:\/\/|#)\s*@strata\s+!?(\w+)\s*$/gm)].map((match) => match[1]!).filter((name) => name !== 'end'))];
  return names.reduce<TemplateFlags[]>((settings, name) => settings.flatMap((flags) => [true, false].map((value) => ({ ...flags, [name]: value }))), [{}]);
}

/** A text for every slot of a template. */
const fillSlots = (text: string): Record<string, string> => Object.fromEntries(templateSlots(text).map((name) => [name, `/* ${name} */`]));

/** The diagnostics of one templates tsconfig, as `tsc -p` reports them, with `planted` in place of files' text. */
function checkTemplates(config: string, planted: Record<string, string> = {}): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(templatesDir, config), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => assert.fail(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')),
  })!;
  const host = ts.createCompilerHost(parsed.options);
  const readFile = host.readFile.bind(host);
  const plantedAt = new Map(Object.entries(planted).map(([file, text]) => [join(templatesDir, file), text]));
  host.readFile = (file) => plantedAt.get(file) ?? readFile(file);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file ? `${diagnostic.file.fileName.slice(templatesDir.length + 1)}: ` : '';
    return `${where}${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
  });
}

function printerSources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return path === templatesDir ? [] : printerSources(path);
    return entry.name.endsWith('.ts') && entry.name !== 'templates.generated.ts' ? [path] : [];
  });
}

describe('templates of the generated files (src/core/target/nest-prisma/templates/)', function () {
  // Two programs over the generated project's packages.
  this.timeout(120_000);

  it('are embedded as they are on disk: templates.generated.ts is not stale', async () => {
    assert.deepEqual(TEMPLATES, (await embedder()).readTemplates(), 'run node scripts/embed-templates.mjs (npm run compile does)');
  });

  it('are each rendered by some printer, which names its path', () => {
    const named = new Set(printerSources(target).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\btemplate\(\s*'([^']+)'/g)].map((match) => match[1]!)));
    assert.deepEqual(Object.keys(TEMPLATES).filter((path) => !named.has(path)), [], 'templates no printer renders');
    assert.deepEqual([...named].filter((path) => TEMPLATES[path] === undefined), [], 'printers naming a template that does not exist');
  });

  it('leave no marker in any file, for every setting', () => {
    for (const [path, text] of Object.entries(TEMPLATES)) {
      for (const flags of flagSettings(text)) assert.doesNotMatch(expandTemplate(text, flags, path, fillSlots(text)), /@strata/, `${path} ${JSON.stringify(flags)}`);
    }
  });

  it('keep the lines of the blocks whose flags hold and drop template-only lines', () => {
    const text = ['a', '// @strata sqlite', 'b', '  # @strata !signsIn', 'c', '# @strata end', '// @strata end', 'd // @strata template-only', 'e', ''].join('\n');
    assert.equal(expandTemplate(text, { sqlite: true, signsIn: false }), 'a\nb\nc\ne\n');
    assert.equal(expandTemplate(text, { sqlite: true, signsIn: true }), 'a\nb\ne\n');
    assert.equal(expandTemplate(text, { sqlite: false, signsIn: false }), 'a\ne\n');
    assert.throws(() => expandTemplate(text, { sqlite: true }), /the flag "signsIn" was not given/);
    assert.throws(() => expandTemplate('// @strata sqlite\nx', { sqlite: true }), /not closed/);
    assert.throws(() => expandTemplate('x\n// @strata end', {}), /without a block/);
  });

  it('put the printer text in place of each slot line, verbatim, and fail on a slot missing, unknown or named twice', () => {
    const text = ['a', "  const paths = { member: '/login' }; // @strata slot paths", '// @strata signsIn', 'b // @strata slot guards', '// @strata end', 'c // @strata slot none', 'd', ''].join('\n');
    assert.deepEqual(templateSlots(text), ['paths', 'guards', 'none']);
    const slots = { paths: "  const paths = {\n    admin: '/staff/login',\n  };", guards: ['x', 'y'], none: [] };
    assert.equal(expandTemplate(text, { signsIn: true }, 'test', slots), "a\n  const paths = {\n    admin: '/staff/login',\n  };\nx\ny\nd\n");
    // A slot in a block left out is still named (so still required); its text goes with the block.
    assert.equal(expandTemplate(text, { signsIn: false }, 'test', slots), "a\n  const paths = {\n    admin: '/staff/login',\n  };\nd\n");
    assert.equal(expandTemplate(text, { signsIn: false }, 'test', { ...slots, none: '' }), "a\n  const paths = {\n    admin: '/staff/login',\n  };\n\nd\n");
    assert.throws(() => expandTemplate(text, { signsIn: true }, 'test', { paths: '', none: '' }), /test: the slot "guards" was not given/);
    assert.throws(() => expandTemplate(text, { signsIn: true }, 'test', { ...slots, gaurds: '' }), /test: the template has no slot "gaurds"/);
    assert.throws(() => expandTemplate('x // @strata slot a\ny // @strata slot a', {}, 'test', { a: '' }), /the slot "a" is named twice/);
    // Only a marker at the end of a line makes a slot.
    assert.equal(expandTemplate("'// @strata slot a' + b;", {}, 'test'), "'// @strata slot a' + b;");
  });

  it('type-check clean, as npm run compile checks them', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    assert.match(manifest.scripts.compile!, /npm run check:templates/);
    for (const config of ['tsconfig.json', 'tsconfig.scripts.json']) {
      assert.match(manifest.scripts['check:templates']!, new RegExp(`tsc -p src/core/target/nest-prisma/templates/${config.replace('.', '\\.')}`));
      assert.deepEqual(checkTemplates(config), [], config);
    }
  });

  it('report a type error planted in a copy of a template, in TypeScript and in the JavaScript scripts', () => {
    const values = TEMPLATES['src/common/values.ts']!.replace('return [sign, digits];', 'return [digits, sign];');
    assert.deepEqual(
      checkTemplates('tsconfig.json', { 'src/common/values.ts': values }).filter((message) => message.startsWith('src/common/values.ts')).length > 0,
      true,
    );
    const db = TEMPLATES['scripts/db.mjs']!.replace("await fs.mkdir(folder, { recursive: true });", "await fs.makeDirectory(folder, { recursive: true });");
    assert.match(checkTemplates('tsconfig.scripts.json', { 'scripts/db.mjs': db }).join('\n'), /scripts\/db\.mjs: Property 'makeDirectory' does not exist/);
  });

  it('check the static code around slots and the stand-ins of the slots alike', () => {
    const http = 'test/support/http.ts';
    const errorsIn = (text: string) => checkTemplates('tsconfig.json', { [http]: text }).filter((message) => message.startsWith(http));
    assert.ok(TEMPLATES[http]!.includes('expectStatus(reply, 201);') && templateSlots(TEMPLATES[http]!).length > 0);
    assert.match(errorsIn(TEMPLATES[http]!.replace('expectStatus(reply, 201);', "expectStatus(reply, '201');")).join('\n'), /not assignable to parameter of type 'number'/);
    // A stand-in that no longer fits the code around it: an Actor without its login path.
    const loginPaths = /^const loginPaths: .* \/\/ @strata slot loginPaths$/m;
    assert.match(TEMPLATES[http]!, loginPaths);
    assert.match(errorsIn(TEMPLATES[http]!.replace(loginPaths, "const loginPaths: Record<Actor, string> = { member: '/auth/login' }; // @strata slot loginPaths")).join('\n'), /Property 'admin' is missing/);
  });

  it("hold the values Strata's own code relies on, written out in them", () => {
    const has = (path: string, text: string) => assert.ok(TEMPLATES[path]!.includes(text), `${path} should contain ${text}`);
    for (const path of ['src/common/clock.module.ts', 'test/clock.e2e.test.ts', 'test/support/server.ts']) has(path, TEST_CLOCK_SECRET_ENV);
    for (const path of ['src/common/clock.module.ts', 'test/support/server.ts']) {
      has(path, TEST_CLOCK_ROUTE);
      has(path, TEST_CLOCK_HEADER);
    }
    has('test/support/server.ts', `process.env.${TEST_DATABASE_URL_ENV}`);
    has('src/common/request-limits.ts', `export const MAX_DEPTH = ${MAX_BODY_DEPTH};`);
    has('scripts/check-openapi.mjs', `console.error(\`${OPENAPI_DRIFT} (`);
    has('src/common/int-param.ts', `const INT_MAX = ${INT_MAX};`);
    has('test/support/clock.ts', `export const TEST_NOW = '${TEST_NOW}';`);
    has('test/support/http.ts', `export const PASSWORD = ${quote(TEST_PASSWORD)};`);
    has('src/scripts/create-account.ts', `const password = process.env.${ACCOUNT_PASSWORD_ENV};`);
    const units = Object.entries(TIME_UNITS).map(([unit, ms]) => `${unit}: ${ms.toLocaleString('en-US').replace(/,/g, '_')}`);
    has('test/support/clock.ts', `const UNITS: Record<string, number> = { ${units.join(', ')} };`);
    for (const database of ['sqlite', 'postgresql'] as const) {
      const adapter = databaseAdapter(database);
      const flags = { sqlite: database === 'sqlite', postgresql: database === 'postgresql', signsIn: true };
      const db = expandTemplate(TEMPLATES['scripts/db.mjs']!, flags);
      for (const text of [`?? '${adapter.defaultUrl}';`, `import { ${adapter.packageClass} } from '${adapter.package}';`, `provider = "${adapter.provider}"`]) assert.ok(db.includes(text), `${database}: ${text}`);
      assert.ok(expandTemplate(TEMPLATES['src/config/environment.ts']!, flags).includes(`DATABASE_URL: string = '${adapter.defaultUrl}';`), database);
      for (const stamps of [true, false]) {
        const service = expandTemplate(TEMPLATES['src/prisma/prisma.service.ts']!, { ...flags, stamps }, 'src/prisma/prisma.service.ts', { stamped: [] });
        for (const text of [`import { ${adapter.className} } from '${adapter.importFrom}';`, `?? '${adapter.defaultUrl}';`, `super({ adapter: ${adapter.create('databaseUrl()')} });`]) {
          assert.ok(service.includes(text), `${database}: ${text}`);
        }
      }
    }
  });
});
