import type { DatabaseId } from '../../../config/settings';
import { PRETTIER_VERSION } from '../../../project/codeStyle';
import { PRISMA_VERSION, databaseAdapter } from './adapter';
import { OPENAPI_CHECK_FILE } from '../../../names/generated';

/**
 * Exact versions proven together offline (docs/research/generated-backend.md). Prisma CLI, client,
 * adapters and driver-adapter-utils share one version; the WASM schema engine is built from that
 * version's engines hash (`npm view @prisma/engines@<v> dependencies` -> `@prisma/engines-version`).
 */
export const PINNED = {
  nest: '12.5.1',
  nestJwt: '12.0.2',
  nestSwagger: '12.0.2',
  nestConfig: '12.0.1',
  nestThrottler: '6.7.1',
  helmet: '8.3.0',
  prisma: PRISMA_VERSION,
  schemaEngineWasm: `${PRISMA_VERSION}-4.0edf323efd1d98336f3f0a68684b56f689b900d3`,
  classTransformer: '0.5.1',
  classValidator: '0.15.1',
  reflectMetadata: '0.2.2',
  rxjs: '7.8.2',
  typesExpress: '5.0.6',
  typesNode: '20.19.43',
  typescript: '6.0.3',
  prettier: PRETTIER_VERSION,
} as const;

/** A valid npm package name from a title: `Todo service` -> `todo-service`. */
export function packageName(title: string | undefined): string {
  const name = (title ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/, '');
  return name || 'backend';
}

/**
 * `createAccount`: the project has actors who do not sign up, so it ships `npm run create-account` (src/scripts/create-account.ts).
 * `soak`: an actor signs up, so the tests include a soak (test/support/soak.ts) that `npm run soak` runs for longer.
 */
export function renderPackageJson(name: string, databaseId: DatabaseId, options: { createAccount?: boolean; soak?: boolean } = {}): string {
  const adapter = databaseAdapter(databaseId);
  const manifest = {
    name,
    version: '0.1.0',
    private: true,
    type: 'module',
    // The lines its suite passes on (Node 22 and 24 in Strata's own test run, 20 on the machine); Node 20 is past
    // its end of life, and some dependencies (the Prisma CLI's streams-local, file-type) already ask for 22 there.
    engines: { node: '^20.19.0 || ^22.12.0 || >=24.0.0' },
    scripts: {
      // Any existing file as the native engine keeps `prisma generate` from downloading one it does not need.
      'prisma:generate': 'PRISMA_SCHEMA_ENGINE_BINARY=${PRISMA_SCHEMA_ENGINE_BINARY:-/bin/false} CHECKPOINT_DISABLE=1 prisma generate',
      // dist/ starts empty: a module removed since the last build (a feature taken out) leaves no compiled code or tests behind.
      build: `npm run clean && npm run prisma:generate && tsc -p tsconfig.json && node ${OPENAPI_CHECK_FILE}`,
      clean: `node -e "require('node:fs').rmSync('dist', { recursive: true, force: true })"`,
      'db:push': 'node scripts/db.mjs push',
      'db:migrate': 'node scripts/db.mjs migrate',
      'db:deploy': 'node scripts/db.mjs deploy',
      start: 'node scripts/db.mjs deploy && node dist/src/main.js',
      ...(options.createAccount ? { 'create-account': 'node scripts/db.mjs deploy && node dist/src/scripts/create-account.js' } : {}),
      pretest: 'npm run build',
      // A shell glob: Node 20's test runner has no glob of its own.
      test: 'node --test --test-reporter=spec dist/test/*.test.js',
      ...(options.soak ? { soak: 'npm run build && node dist/test/support/soak.js' } : {}),
      // The layout Strata writes (.prettierrc): a file reformatted with it is still Strata's, not a hand edit.
      format: 'prettier --write .',
      'format:check': 'prettier --check .',
    },
    dependencies: sorted({
      '@nestjs/common': PINNED.nest,
      '@nestjs/config': PINNED.nestConfig,
      '@nestjs/core': PINNED.nest,
      '@nestjs/jwt': PINNED.nestJwt,
      '@nestjs/platform-express': PINNED.nest,
      '@nestjs/swagger': PINNED.nestSwagger,
      '@nestjs/throttler': PINNED.nestThrottler,
      [adapter.package]: PINNED.prisma,
      '@prisma/client': PINNED.prisma,
      '@prisma/driver-adapter-utils': PINNED.prisma,
      '@prisma/schema-engine-wasm': PINNED.schemaEngineWasm,
      'class-transformer': PINNED.classTransformer,
      'class-validator': PINNED.classValidator,
      helmet: PINNED.helmet,
      'reflect-metadata': PINNED.reflectMetadata,
      rxjs: PINNED.rxjs,
      ...adapter.dependencies,
    }),
    devDependencies: {
      '@types/express': PINNED.typesExpress,
      '@types/node': PINNED.typesNode,
      prettier: PINNED.prettier,
      prisma: PINNED.prisma,
      typescript: PINNED.typescript,
    },
    // Install scripts that only reach the network: Prisma's version check and native engine download, Scarf analytics.
    allowScripts: {
      prisma: false,
      '@prisma/engines': false,
      '@scarf/scarf': false,
    },
    scarfSettings: { enabled: false },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

function sorted(entries: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(entries).sort(([a], [b]) => (a < b ? -1 : 1)));
}
