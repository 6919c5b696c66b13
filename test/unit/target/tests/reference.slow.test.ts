import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { renderTests } from '../../../../src/core/target/nest-prisma/tests/tests';
import type { TestArtifact } from '../../../../src/core/scenarios/types';
import { todoArtifact } from '../../../fixtures/todo/databaseArtifact';
import { scriptedApi, TODO_DIR, scriptedScenarios } from '../../../fixtures/todo/fixtures';

const REFERENCE = join(TODO_DIR, '..', '..', '..', 'docs', 'research', 'reference-backend');

/**
 * The rendered e2e tests of the todo fixture, run for real against the hand-written reference backend
 * (the same API) in a temporary copy: `npm install`, then `npm test` builds it and runs every generated
 * test against a fresh database. Needs the npm registry: runs with STRATA_SLOW=1.
 */
describe('test phase: rendered tests against the reference backend (STRATA_SLOW=1)', function () {
  this.timeout(600_000);
  let project = '';

  const run = (command: string, args: string[]) =>
    new Promise<string>((resolve, reject) => {
      execFile(command, args, { cwd: project, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
        error ? reject(new Error(`${command} ${args.join(' ')} failed:\n${`${stdout}${stderr}`.slice(-8000)}`)) : resolve(`${stdout}${stderr}`),
      );
    });

  /** Replaces `from` in a file of the copy, failing loudly if the reference changed under the test. */
  const adapt = (file: string, from: string, to: string) => {
    const path = join(project, file);
    const text = readFileSync(path, 'utf8');
    assert.ok(text.includes(from), `the reference's ${file} no longer contains ${JSON.stringify(from)}`);
    writeFileSync(path, text.replace(from, to));
  };

  before(function () {
    if (process.env.STRATA_SLOW !== '1') {
      console.log('      skipped: set STRATA_SLOW=1 to run the rendered tests against the reference backend (~30 s, needs the npm registry)');
      this.skip();
    }
    project = mkdtempSync(join(tmpdir(), 'strata-reference-e2e-'));
    // The reference's own tests are replaced by the rendered ones; installs and builds are redone.
    cpSync(REFERENCE, project, {
      recursive: true,
      filter: (source) => !/^(node_modules|dist|test|src\/generated)(\/|$)/.test(relative(REFERENCE, source)),
    });
    // The contract's token answer carries `id`; the reference answers `userId` only.
    adapt('src/auth/auth.service.ts', "return { accessToken, tokenType: 'Bearer', userId };", "return { accessToken, tokenType: 'Bearer', userId, id: userId };");
    adapt('src/auth/auth.dto.ts', '  userId: number;\n', '  userId: number;\n\n  @ApiProperty()\n  id: number;\n');
    // The contract's guard refuses a validly signed token whose claims have the wrong types or name no
    // account; the reference trusts any signed claims (500 on a string sub, an empty session for a ghost).
    adapt('src/auth/auth.guard.ts', "import type { Request } from 'express';", "import type { Request } from 'express';\nimport { PrismaService } from '../prisma/prisma.service.js';");
    adapt('src/auth/auth.guard.ts', 'constructor(private readonly jwt: JwtService) {}', 'constructor(private readonly jwt: JwtService, private readonly prisma: PrismaService) {}');
    adapt(
      'src/auth/auth.guard.ts',
      "if (payload.actor !== 'user') throw new Error('wrong actor');",
      "if (payload.actor !== 'user') throw new Error('wrong actor');\n      if (typeof payload.sub !== 'number' || typeof payload.email !== 'string') throw new Error('wrong claims');\n      if (!(await this.prisma.user.findUnique({ where: { id: payload.sub }, select: { id: true } }))) throw new Error('no account');",
    );
    // The contract's bodies refuse null where a property may be left out but not be null (400, not a database error).
    adapt('src/todos/todo.dto.ts', 'MaxLength, Min, MinLength }', 'MaxLength, Min, MinLength, ValidateIf }');
    adapt('src/todos/todo.dto.ts', '  @IsOptional()\n  @IsBoolean()\n  done?: boolean;', '  @ValidateIf((_, value) => value !== undefined)\n  @IsBoolean()\n  done?: boolean;');
    adapt('src/todos/todo.dto.ts', 'PartialType(CreateTodoDto)', 'PartialType(CreateTodoDto, { skipNullProperties: false })');
    const files = renderTests(scriptedScenarios<TestArtifact>('todos'), scriptedApi(), todoArtifact());
    for (const [path, content] of files) {
      mkdirSync(dirname(join(project, path)), { recursive: true });
      writeFileSync(join(project, path), content);
    }
  });

  after(() => {
    if (project && !process.env.STRATA_KEEP_OUTPUT) rmSync(project, { recursive: true, force: true });
  });

  it('passes every rendered test', async () => {
    const started = Date.now();
    await run('npm', ['install', '--no-audit', '--no-fund']);
    const installed = Date.now();
    const output = await run('npm', ['test']);
    const count = (label: string) => Number(new RegExp(`ℹ ${label} (\\d+)`).exec(output)?.[1] ?? NaN);
    const rendered = ['test/auth.e2e.test.ts', 'test/todos.e2e.test.ts'].reduce((sum, file) => sum + (readFileSync(join(project, file), 'utf8').match(/^ {2}it\(/gm)?.length ?? 0), 0);
    console.log(
      `      ${count('pass')}/${count('tests')} passed; npm install ${((installed - started) / 1000).toFixed(1)} s, npm test (build + run) ${((Date.now() - installed) / 1000).toFixed(1)} s`,
    );
    assert.equal(count('fail'), 0, output.slice(-8000));
    assert.equal(count('tests'), rendered, 'every rendered test ran');
    assert.equal(count('pass'), rendered);
  });
});
