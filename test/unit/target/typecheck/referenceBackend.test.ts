import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { DatabaseArtifact } from '../../../../src/core/database/types';
import { BackendTypeChecker } from '../../../../src/core/target/nest-prisma/typecheck/checkBackend';

/** The hand-written backend proven against real Prisma 7 and NestJS 12 (docs/research/reference-backend). */
function referenceDir(): string {
  // Found from the compiled test wherever the output folder is, else from the repository (cwd).
  for (const start of [__dirname, process.cwd()]) {
    for (let folder = start; folder !== dirname(folder); folder = dirname(folder)) {
      const candidate = join(folder, 'docs', 'research', 'reference-backend');
      if (existsSync(join(candidate, 'package.json'))) return candidate;
    }
  }
  throw new Error('docs/research/reference-backend not found');
}

function readTree(root: string, folder: string, files = new Map<string, string>()): Map<string, string> {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) readTree(root, path, files);
    else files.set(relative(root, path).split('\\').join('/'), readFileSync(path, 'utf8'));
  }
  return files;
}

/** The reference backend's schema (prisma/schema/*.prisma) as the Database artifact: `userId`, no `updatedAt`. */
const REFERENCE_DATABASE: DatabaseArtifact = {
  enums: [],
  models: [
    {
      name: 'Todo',
      description: 'Something a user wants to get done.',
      file: 'todo',
      fields: [
        { name: 'id', type: 'Int', id: true, default: { kind: 'autoincrement' } },
        { name: 'title', type: 'String' },
        { name: 'description', type: 'String', optional: true },
        { name: 'dueAt', type: 'DateTime', optional: true },
        { name: 'done', type: 'Boolean', default: { kind: 'value', value: false } },
        { name: 'deletedAt', type: 'DateTime', optional: true },
        { name: 'createdAt', type: 'DateTime', default: { kind: 'now' } },
        { name: 'userId', type: 'Int' },
        { name: 'user', type: 'User', relation: { fields: ['userId'], references: ['id'], onDelete: 'Cascade' } },
      ],
      indexes: [['userId']],
    },
    {
      name: 'User',
      description: 'A person who signs up and keeps todos.',
      file: 'user',
      fields: [
        { name: 'id', type: 'Int', id: true, default: { kind: 'autoincrement' } },
        { name: 'email', type: 'String', unique: true },
        { name: 'passwordHash', type: 'String', secret: true },
        { name: 'createdAt', type: 'DateTime', default: { kind: 'now' } },
      ],
    },
  ],
};

describe('realize: the reference backend type-checks against the declarations', () => {
  const root = referenceDir();
  const files = readTree(root, join(root, 'src'));

  it('finds the reference sources', () => {
    for (const path of ['src/todos/todos.service.ts', 'src/auth/auth.service.ts', 'src/auth/auth.guard.ts', 'src/main.ts']) {
      assert.ok(files.has(path), path);
    }
  });

  it('has no issues in the todos service, auth service and guard (nor anywhere else in src/)', () => {
    const checker = new BackendTypeChecker(REFERENCE_DATABASE, { provider: 'sqlite' });
    const issues = checker.check(files);
    assert.deepEqual(
      issues.map((issue) => `${issue.file}:${issue.range!.start.line + 1} ${issue.code} ${issue.message}`),
      [],
    );
  });

  it('still catches a mistake in the same code', () => {
    const service = files.get('src/todos/todos.service.ts')!;
    const broken = service.replace('deletedAt: null }', 'deletedAt: null, archived: false }');
    assert.notEqual(broken, service);
    const checker = new BackendTypeChecker(REFERENCE_DATABASE, { provider: 'sqlite' });
    const issues = checker.check(new Map([...files, ['src/todos/todos.service.ts', broken]]), (path) => path === 'src/todos/todos.service.ts');
    assert.equal(issues.length, 1);
    assert.match(issues[0]!.message, /'archived' does not exist in type 'TodoWhereInput'/);
  });
});
