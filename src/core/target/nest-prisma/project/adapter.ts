import type { DatabaseId } from '../../../config/settings';
import { LITERAL_LIKES_SOURCE, POSTGRES_ADAPTER_SOURCE } from './literalLikes';
import { SQLITE_ADAPTER_SOURCE } from './sqliteAdapter';
import { LITERAL_LIKES_FILE, POSTGRES_ADAPTER_FILE, SQLITE_ADAPTER_FILE } from '../../../names/generated';

/** How the generated backend reaches its database: the Prisma driver adapter and the default URL. */
export interface DatabaseAdapter {
  /** npm package of the Prisma driver adapter, and the factory class it exports (the offline schema script uses it). */
  package: string;
  packageClass: string;
  /** The adapter factory class `PrismaService` constructs, and the module it imports it from. */
  className: string;
  importFrom: string;
  /** Source files the factory needs in the project (project-relative path -> content). */
  files: Record<string, string>;
  /** Packages the adapter needs next to it, with pinned versions. */
  dependencies: Record<string, string>;
  /** `DATABASE_URL` when the environment leaves it unset. */
  defaultUrl: string;
  /** `provider` of `prisma/migrations/migration_lock.toml`. */
  provider: DatabaseId;
  /** TypeScript/JavaScript expression constructing the adapter from a URL expression. */
  create(url: string): string;
}

export const PRISMA_VERSION = '7.10.0';

/** The variable naming the PostgreSQL server on which the tests of a PostgreSQL backend create their databases. */
export const TEST_DATABASE_URL_ENV = 'TEST_DATABASE_URL';

export function databaseAdapter(databaseId: DatabaseId): DatabaseAdapter {
  if (databaseId === 'postgresql') {
    return {
      package: '@prisma/adapter-pg',
      packageClass: 'PrismaPg',
      // Prisma's text filters made literal: see LITERAL_LIKES_SOURCE.
      className: 'PostgresAdapterFactory',
      importFrom: './postgres.js',
      files: { [POSTGRES_ADAPTER_FILE]: POSTGRES_ADAPTER_SOURCE, [LITERAL_LIKES_FILE]: LITERAL_LIKES_SOURCE },
      dependencies: { pg: '8.23.1' },
      // The credentials of the official postgres container image; real deployments set DATABASE_URL.
      defaultUrl: 'postgresql://postgres:postgres@localhost:5432/postgres',
      provider: 'postgresql',
      create: (url) => `new PostgresAdapterFactory({ connectionString: ${url} })`,
    };
  }
  return {
    // libsql ships prebuilt binaries on npm; better-sqlite3 would be compiled by node-gyp (~70 s) when GitHub is unreachable.
    package: '@prisma/adapter-libsql',
    packageClass: 'PrismaLibSql',
    // The adapter's factory kept on one connection: see SQLITE_ADAPTER_SOURCE for the leak it avoids.
    className: 'SqliteAdapterFactory',
    importFrom: './sqlite.js',
    files: { [SQLITE_ADAPTER_FILE]: SQLITE_ADAPTER_SOURCE, [LITERAL_LIKES_FILE]: LITERAL_LIKES_SOURCE },
    // Its types are imported; the version the adapter itself resolves.
    dependencies: { '@libsql/client': '0.17.4' },
    defaultUrl: 'file:./dev.db',
    provider: 'sqlite',
    create: (url) => `new SqliteAdapterFactory({ ${url === 'url' ? 'url' : `url: ${url}`} })`,
  };
}
