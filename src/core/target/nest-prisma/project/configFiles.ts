import type { DatabaseId } from '../../../config/settings';
import { databaseAdapter } from './adapter';

/** One tsconfig for build and tests: ESM (nodenext), decorators with metadata for Nest's injection. */
export function renderTsconfig(): string {
  // `types`: TypeScript 6 loads no @types packages unless told.
  return `{
  "compilerOptions": {
    "target": "ES2023",
    "lib": ["ES2023"],
    "module": "nodenext",
    "moduleResolution": "nodenext",
    "types": ["node"],
    "rootDir": ".",
    "outDir": "dist",
    "strict": true,
    "strictPropertyInitialization": false,
    "experimentalDecorators": true,
    "emitDecoratorMetadata": true,
    "esModuleInterop": true,
    "skipLibCheck": true,
    "sourceMap": true,
    "declaration": false,
    "incremental": false
  },
  "include": ["src", "test"]
}
`;
}

/**
 * Prisma 7 reads its datasource URL here; `env()` from `prisma/config` would throw when the variable is
 * unset, so the default is spelled out.
 */
export function renderPrismaConfig(databaseId: DatabaseId): string {
  return `import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? '${databaseAdapter(databaseId).defaultUrl}' },
});
`;
}

export function renderGitignore(): string {
  return ['node_modules/', 'dist/', 'src/generated/', '*.db', '*.db-journal', ''].join('\n');
}
