import type { DatabaseId } from '../../../config/settings';

/** How the generated backend reaches its database: the Prisma driver adapter and the default URL. */
export interface DatabaseAdapter {
  /** npm package of the Prisma driver adapter. */
  package: string;
  /** The adapter factory class it exports. */
  className: string;
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

export function databaseAdapter(databaseId: DatabaseId): DatabaseAdapter {
  if (databaseId === 'postgresql') {
    return {
      package: '@prisma/adapter-pg',
      className: 'PrismaPg',
      dependencies: { pg: '8.23.1' },
      // The credentials of the official postgres container image; real deployments set DATABASE_URL.
      defaultUrl: 'postgresql://postgres:postgres@localhost:5432/postgres',
      provider: 'postgresql',
      create: (url) => `new PrismaPg({ connectionString: ${url} })`,
    };
  }
  return {
    // libsql ships prebuilt binaries on npm; better-sqlite3 would be compiled by node-gyp (~70 s) when GitHub is unreachable.
    package: '@prisma/adapter-libsql',
    className: 'PrismaLibSql',
    dependencies: {},
    defaultUrl: 'file:./dev.db',
    provider: 'sqlite',
    create: (url) => `new PrismaLibSql({ ${url === 'url' ? 'url' : `url: ${url}`} })`,
  };
}
