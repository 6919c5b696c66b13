import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import type { DatabaseArtifact } from '../../../../src/core/database/types';
import { renderApp } from '../../../../src/core/target/nest-prisma/project/app';
import { stampedColumns } from '../../../../src/core/target/nest-prisma/project/clock';
import type { ScaffoldInput } from '../../../../src/core/target/nest-prisma/project/scaffold';
import { checkBackend } from '../../../../src/core/target/nest-prisma/typecheck/checkBackend';
import { todoAnalysis } from '../../../fixtures/todo/analyzeArtifact';
import { todoArtifact } from '../../../fixtures/todo/databaseArtifact';
import { scriptedApi } from '../../../fixtures/todo/fixtures';
import { loadRendered, noDecorator, StubBadRequest, StubHttpException } from './loadRendered';
import { CLOCK_FILE, CLOCK_MODULE_FILE } from '../../../../src/core/names/generated';

const todo = (database: DatabaseArtifact = todoArtifact()): ScaffoldInput => ({
  analysis: todoAnalysis(),
  database,
  api: scriptedApi(),
  databaseId: 'sqlite',
});

class StubNotFound extends StubHttpException {
  constructor(body: unknown) {
    super(body, 404);
  }
}

/** The generated clock files, loaded under `env`: the module's metadata, the controller and the clock classes. */
function loadClock(env: Record<string, string | undefined>) {
  const files = renderApp(todo());
  const clock = loadRendered(files.get(CLOCK_FILE)!, { '@nestjs/common': { Injectable: noDecorator } });
  let metadata: { providers: { provide: unknown; useValue: unknown }[]; controllers: unknown[]; exports: unknown[] } | undefined;
  const saved = { NODE_ENV: process.env.NODE_ENV, TEST_CLOCK_SECRET: process.env.TEST_CLOCK_SECRET };
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  try {
    const module = loadRendered(files.get(CLOCK_MODULE_FILE)!, {
      'node:crypto': crypto,
      '@nestjs/throttler': { SkipThrottle: noDecorator },
      './access.js': { Public: noDecorator },
      './date-time.js': loadRendered(files.get('src/common/date-time.ts')!),
      '@nestjs/common': {
        BadRequestException: StubBadRequest,
        NotFoundException: StubNotFound,
        Body: noDecorator,
        Controller: noDecorator,
        Global: noDecorator,
        Headers: noDecorator,
        HttpCode: noDecorator,
        Put: noDecorator,
        Module: (meta: typeof metadata) => {
          metadata = meta;
          return () => undefined;
        },
      },
      './clock.js': clock,
    });
    return { clock, module, metadata: metadata! };
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** What a call of the generated code ends in: its result, or `[status, body]` of the HTTP error it throws. */
function outcome(call: () => unknown): unknown {
  try {
    return call();
  } catch (error) {
    if (error instanceof StubHttpException) return [error.status, error.body];
    throw error;
  }
}

describe('generated clock', () => {
  it('the system clock everywhere but a test server: no test route, whatever the secret', () => {
    for (const env of [{ NODE_ENV: 'production', TEST_CLOCK_SECRET: 'a-secret-of-this-run' }, { NODE_ENV: undefined, TEST_CLOCK_SECRET: 'a-secret-of-this-run' }, { NODE_ENV: 'test', TEST_CLOCK_SECRET: undefined }, { NODE_ENV: 'test', TEST_CLOCK_SECRET: '' }]) {
      const { clock, metadata } = loadClock(env);
      assert.deepEqual(metadata.controllers, [], JSON.stringify(env));
      const provided = metadata.providers[0]!;
      assert.equal(provided.provide, clock.Clock);
      assert.ok(provided.useValue instanceof clock.Clock && !(provided.useValue instanceof clock.TestClock), JSON.stringify(env));
      assert.deepEqual(metadata.exports, [clock.Clock]);
      const before = Date.now();
      const now = (provided.useValue as { now(): Date }).now().getTime();
      assert.ok(now >= before && now <= Date.now() + 1);
    }
  });

  it('under NODE_ENV=test with the secret: a test clock standing still, set only with the secret', () => {
    const { clock, module, metadata } = loadClock({ NODE_ENV: 'test', TEST_CLOCK_SECRET: 'a-secret-of-this-run' });
    assert.deepEqual(metadata.controllers, [module.TestClockController]);
    const testClock = metadata.providers[0]!.useValue as { now(): Date };
    assert.ok(testClock instanceof clock.TestClock);
    const controller = new module.TestClockController(testClock);
    const body = { now: '2030-01-15T09:00:00Z' };
    for (const secret of [undefined, '', 'a-secret-of-this-ru', 'a-secret-of-this-run!', 'A-SECRET-OF-THIS-RUN']) {
      assert.deepEqual(outcome(() => controller.set(secret, body)), [404, 'Cannot PUT /__test__/clock'], String(secret));
    }
    for (const wrong of [undefined, {}, { now: 5 }, { now: '2030-01-15' }, { now: 'tomorrow' }, { now: '2030-02-30T00:00:00Z' }, { now: '2030-13-01T00:00:00Z' }, { now: '2030-01-15T25:00:00Z' }]) {
      assert.deepEqual(outcome(() => controller.set('a-secret-of-this-run', wrong)), [400, ['now must be an ISO 8601 date-time']], JSON.stringify(wrong));
    }
    assert.deepEqual(controller.set('a-secret-of-this-run', body), { now: '2030-01-15T09:00:00.000Z' });
    const first = testClock.now();
    assert.equal(first.toISOString(), '2030-01-15T09:00:00.000Z');
    first.setFullYear(1999);
    assert.equal(testClock.now().toISOString(), '2030-01-15T09:00:00.000Z', 'it stands still, and a caller cannot move it by changing the Date it got');
  });
});

describe('time columns follow the clock', () => {
  it('stamps every @default(now()) and @updatedAt DateTime column, per model', () => {
    assert.deepEqual(stampedColumns(todoArtifact()), [
      { model: 'User', created: ['createdAt'], updated: [] },
      { model: 'Todo', created: ['createdAt'], updated: ['updatedAt'] },
    ]);
  });

  it('fills what a write leaves out from the clock: creation and update times on creates, update times on updates', () => {
    const service = renderApp(todo()).get('src/prisma/prisma.service.ts')!;
    const { stampTimes } = loadRendered(service, {
      '@nestjs/common': { Injectable: noDecorator },
      './sqlite.js': { SqliteAdapterFactory: class {} },
      '../common/clock.js': { Clock: class {} },
      '../generated/prisma/client.js': { PrismaClient: class {} },
    });
    const now = new Date('2030-01-15T09:00:00.000Z');
    const earlier = new Date('2029-01-01T00:00:00.000Z');
    const stamp = (model: string | undefined, operation: string, args: Record<string, unknown>) => {
      stampTimes(model, operation, args, now);
      return args;
    };
    assert.deepEqual(stamp('Todo', 'create', { data: { title: 'x' } }), { data: { title: 'x', createdAt: now, updatedAt: now } });
    assert.deepEqual(stamp('Todo', 'create', { data: { title: 'x', createdAt: earlier } }), { data: { title: 'x', createdAt: earlier, updatedAt: now } }, 'a value the write gives stays');
    assert.deepEqual(stamp('Todo', 'createMany', { data: [{ title: 'a' }, { title: 'b' }] }), { data: [{ title: 'a', createdAt: now, updatedAt: now }, { title: 'b', createdAt: now, updatedAt: now }] });
    assert.deepEqual(stamp('Todo', 'update', { where: { id: 1 }, data: { done: true } }), { where: { id: 1 }, data: { done: true, updatedAt: now } });
    assert.deepEqual(stamp('Todo', 'updateMany', { data: { done: true } }), { data: { done: true, updatedAt: now } });
    assert.deepEqual(stamp('Todo', 'upsert', { where: { id: 1 }, create: { title: 'x' }, update: {} }), { where: { id: 1 }, create: { title: 'x', createdAt: now, updatedAt: now }, update: { updatedAt: now } });
    assert.deepEqual(stamp('User', 'update', { data: { email: 'a@b.c' } }), { data: { email: 'a@b.c' } }, 'User has no @updatedAt');
    assert.deepEqual(stamp('Todo', 'findMany', { where: { done: true } }), { where: { done: true } });
    assert.deepEqual(stamp(undefined, 'queryRaw', {}), {});
    assert.match(service, /constructor\(clock: Clock\) \{\n {4}super\([^]*return this\.\$extends\(/);
  });

  it('a data model without time columns keeps a plain client, with the same constructor', () => {
    const database = todoArtifact();
    const plain: DatabaseArtifact = { ...database, models: database.models.map((model) => ({ ...model, fields: model.fields.filter((field) => field.type !== 'DateTime') })) };
    const service = renderApp(todo(plain)).get('src/prisma/prisma.service.ts')!;
    assert.doesNotMatch(service, /\$extends|STAMPED/);
    assert.match(service, /constructor\(_clock: Clock\) \{\n {4}super\(/);
  });
});

describe('the in-memory type checker knows the clock from the generated files', () => {
  /** The generated app files and one more file, `src/probe.ts`, checked on its own. */
  const probe = (code: string): string[] => {
    const files = new Map(renderApp(todo())).set(
      'src/probe.ts',
      `import { Injectable } from '@nestjs/common';\nimport { Clock } from './common/clock.js';\n\n@Injectable()\nexport class Probe {\n  constructor(private readonly clock: Clock) {}\n\n  run(): unknown {\n${code}\n  }\n}\n`,
    );
    return checkBackend(files, todoArtifact(), { only: (path) => path === 'src/probe.ts' }).map((issue) => issue.message);
  };

  it('this.clock.now() is a Date; anything else the Clock does not have is a compiler error', () => {
    assert.deepEqual(probe('    const due: Date = new Date(this.clock.now().getTime() + 1000);\n    return due.toISOString();'), []);
    assert.match(probe('    return this.clock.today();').join('\n'), /Property 'today' does not exist on type 'Clock'/);
    assert.match(probe('    const n: number = this.clock.now();\n    return n;').join('\n'), /Type 'Date' is not assignable to type 'number'/);
  });

  it('the generated clock, clock module and Prisma service check clean against the shims', () => {
    assert.deepEqual(checkBackend(renderApp(todo()), todoArtifact(), { only: (path) => path.startsWith('src/common/clock') || path === 'src/prisma/prisma.service.ts' }), []);
  });
});
