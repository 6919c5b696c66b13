import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { renderSchema } from '../../../../src/core/target/nest-prisma/prisma/schemaFiles';
import type { DatabaseArtifact } from '../../../../src/core/database/types';
import { renderControllers } from '../../../../src/core/target/nest-prisma/api/controllers';
import { renderDtos } from '../../../../src/core/target/nest-prisma/api/dtos';
import type { ActorKind } from '../../../../src/core/target/nest-prisma/api/signature';
import { moduleClass } from '../../../../src/core/names/generated';
import type { InterfaceArtifact } from '../../../../src/core/interface/types';
import { renderCollectors } from '../../../../src/core/target/nest-prisma/module/collectors';
import { renderApp } from '../../../../src/core/target/nest-prisma/project/app';
import { renderModuleFile } from '../../../../src/core/target/nest-prisma/module/moduleFile';
import { renderService } from '../../../../src/core/target/nest-prisma/module/service';
import { renderTransformers } from '../../../../src/core/target/nest-prisma/module/transformers';
import type { RealizedModule } from '../../../../src/core/realize/types';
import { todoAnalysis } from '../../../fixtures/todo/analyzeArtifact';
import { todoArtifact } from '../../../fixtures/todo/databaseArtifact';
import { scriptedApi } from '../../../fixtures/todo/fixtures';
import { BLOG_ACTORS, blogApi, blogDatabase, blogRealized } from './blogFixture';
import { todoRealized } from './todoRealized';

/**
 * The proof that rendered modules compile for real: the hand-written reference backend (NestJS 12,
 * Prisma 7, SQLite) with its todos module and schema replaced by rendered ones, type-checked by tsc
 * against the generated Prisma client; the todo variant also passes the reference's own e2e suite.
 * Needs the npm registry (~20 s install), so it runs only with STRATA_SLOW=1.
 */
const slow = process.env.STRATA_SLOW === '1' ? describe : describe.skip;

/** The reference backend in the repository, found from the compiled file wherever the output folder is. */
function referenceBackend(): string {
  for (let folder = __dirname; folder !== dirname(folder); folder = dirname(folder)) {
    const candidate = join(folder, 'docs', 'research', 'reference-backend');
    if (existsSync(join(candidate, 'package.json'))) return candidate;
  }
  // Compiled to an output folder outside the repository: tests run from its root.
  return join(process.cwd(), 'docs', 'research', 'reference-backend');
}

/** Runs a command in the project; a failure shows its output. */
function run(cwd: string, command: string, args: string[], timeout = 300_000): string {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: 'pipe', timeout, env: { ...process.env, CHECKPOINT_DISABLE: '1', SCARF_ANALYTICS: 'false' } });
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string };
    assert.fail(`${command} ${args.join(' ')} failed:\n${failure.stdout ?? ''}\n${failure.stderr ?? failure.message}`);
  }
}

/** Replaces the reference's todos module, schema and app module with rendered ones. */
function install(project: string, api: InterfaceArtifact, database: DatabaseArtifact, realized: RealizedModule[], actors: ActorKind[]): void {
  const files = new Map<string, string>([...renderDtos(api, database), ...renderControllers(api, actors), ...renderCollectors(api, database), ...renderTransformers(api, database)]);
  for (const module of realized) {
    const service = renderService(api, database, module);
    const moduleFile = renderModuleFile(module.name);
    files.set(service.path, service.content).set(moduleFile.path, moduleFile.content);
  }
  for (const [path, content] of renderSchema(database, 'sqlite').files) files.set(path, content);
  // The request parsing the DTOs and controllers share and the clock the services inject (src/common/), as the app renderer writes them.
  for (const [path, content] of renderApp({ api, database, databaseId: 'sqlite' })) if (path.startsWith('src/common/')) files.set(path, content);
  // The reference's auth under the names the contract gives the generated one.
  files.set('src/auth/sessions.ts', "export { CurrentUser as CurrentMember, type AuthUser as MemberSession } from './auth.guard.js';\n");
  files.set('src/auth/guards.ts', "export { UserAuthGuard as MemberGuard } from './auth.guard.js';\n");
  const modules = realized.map((module) => module.name);
  files.set(
    'src/app.module.ts',
    [
      "import { Module } from '@nestjs/common';",
      "import { AuthModule } from './auth/auth.module.js';",
      "import { ClockModule } from './common/clock.module.js';",
      "import { PrismaModule } from './prisma/prisma.module.js';",
      ...modules.map((module) => `import { ${moduleClass(module, 'Module')} } from './${module}/${module}.module.js';`),
      '',
      `@Module({ imports: [ClockModule, PrismaModule, AuthModule, ${modules.map((module) => moduleClass(module, 'Module')).join(', ')}] })`,
      'export class AppModule {}',
      '',
    ].join('\n'),
  );
  for (const folder of ['src/todos', 'src/posts', 'src/users', 'prisma/schema', 'src/generated', 'dist']) rmSync(join(project, folder), { recursive: true, force: true });
  for (const [path, content] of files) {
    mkdirSync(dirname(join(project, path)), { recursive: true });
    writeFileSync(join(project, path), content);
  }
}

slow('rendered feature modules in a real NestJS + Prisma project', function () {
  this.timeout(600_000);
  let project = '';

  before(() => {
    project = mkdtempSync(join(tmpdir(), 'strata-modules-'));
    cpSync(referenceBackend(), project, { recursive: true, filter: (source) => !['node_modules', 'dist'].includes(basename(source)) });
    run(project, 'npm', ['install', '--no-audit', '--no-fund']);
  });

  after(() => {
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it('the todo module type-checks and passes the reference e2e suite', () => {
    const api = scriptedApi();
    install(project, api, todoArtifact(), [todoRealized()], todoAnalysis().actors);
    // The rendered controllers check ids strictly (1 to 2^31-1, digits only) with their own message.
    const e2e = join(project, 'test', 'todos.e2e.test.ts');
    writeFileSync(e2e, readFileSync(e2e, 'utf8').replace('/numeric string is expected/', '/id must be a positive integer/'));
    run(project, 'npm', ['run', 'prisma:generate']);
    run(project, 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
    const report = run(project, 'npm', ['test']);
    assert.match(report, /ℹ fail 0/);
    assert.match(report, /ℹ pass [1-9]/);
  });

  it('the blog modules (nested relations across modules, enum, Decimal, BigInt, Bytes) type-check', () => {
    install(project, blogApi(), blogDatabase(), blogRealized(), BLOG_ACTORS);
    run(project, 'npm', ['run', 'prisma:generate']);
    run(project, 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
  });

  it('a wrong body fails tsc on a line its region points at', () => {
    const posts = blogRealized()[1]!;
    posts.operations[1]!.body = "const row = await this.prisma.post.findUnique({ where: { slug } });\nreturn row?.title ?? 'none';";
    const service = renderService(blogApi(), blogDatabase(), posts);
    writeFileSync(join(project, service.path), service.content);
    let output = '';
    try {
      execFileSync('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit'], { cwd: project, encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      output = (error as { stdout: string }).stdout;
    }
    const lines = [...output.matchAll(/src\/posts\/posts\.service\.ts\((\d+),\d+\): error/g)].map((match) => Number(match[1]) - 1);
    assert.ok(lines.length > 0, output || 'tsc found nothing');
    const paths = lines.map((line) => service.regions.find((region) => region.startLine <= line && line <= region.endLine)?.path);
    assert.deepEqual([...new Set(paths)], ['$.operations[1].body']);
  });
});
