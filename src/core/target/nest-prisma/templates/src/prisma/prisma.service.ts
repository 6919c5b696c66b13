import { Injectable, type OnModuleDestroy } from '@nestjs/common';
// @strata postgresql
import { PostgresAdapterFactory } from './postgres.js';
// @strata end
// @strata sqlite
import { SqliteAdapterFactory } from './sqlite.js';
// @strata end
import { Clock } from '../common/clock.js';
import { PrismaClient } from '../generated/prisma/client.js';

// @strata postgresql
// @ts-expect-error: the template declares both databases' URL; a project gets one. @strata template-only
export const databaseUrl = (): string => process.env.DATABASE_URL ?? 'postgresql://postgres:postgres@localhost:5432/postgres';
// @strata end
// @strata sqlite
// @ts-expect-error: the template declares both databases' URL; a project gets one. @strata template-only
export const databaseUrl = (): string => process.env.DATABASE_URL ?? 'file:./dev.db';
// @strata end

// @strata stamps
/** Per model, the columns Prisma would stamp with the system time (`@default(now())`, `@updatedAt`). */
const STAMPED: Record<string, { created: string[]; updated: string[] }> = {
  Todo: { created: ['createdAt'], updated: ['updatedAt'] }, // @strata slot stamped
};

type Data = Record<string, unknown>;

/**
 * Fills the columns of `STAMPED` a write leaves out from the backend's clock, as Prisma would from
 * the system time: creation and update times on creates, update times on updates.
 */
export function stampTimes(model: string | undefined, operation: string, args: Data, now: Date): void {
  const columns = model === undefined ? undefined : STAMPED[model];
  if (!columns) return;
  const fill = (data: unknown, names: string[]): void => {
    for (const item of Array.isArray(data) ? data : [data]) {
      if (typeof item !== 'object' || item === null) continue;
      for (const name of names) if ((item as Data)[name] === undefined) (item as Data)[name] = now;
    }
  };
  if (operation === 'create' || operation === 'createMany' || operation === 'createManyAndReturn') fill(args.data, [...columns.created, ...columns.updated]);
  else if (operation === 'update' || operation === 'updateMany' || operation === 'updateManyAndReturn') fill(args.data, columns.updated);
  else if (operation === 'upsert') {
    fill(args.create, [...columns.created, ...columns.updated]);
    fill(args.update, columns.updated);
  }
}

/**
 * The database client every service injects; Prisma 7 reaches the database through a driver adapter.
 * The time columns Prisma would stamp itself take the backend's `Clock` instead (on the model's own
 * writes; rows created inside a nested write keep Prisma's time).
 */
// @strata end
// @strata !stamps
/** The database client every service injects; Prisma 7 reaches the database through a driver adapter. */
// @strata end
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  // @strata !stamps
  // The same constructor as where time columns follow the clock; no column of this data model is stamped.
  // @ts-expect-error: the template has both constructors; a project gets one. @strata template-only
  constructor(_clock: Clock) {
    // @strata postgresql
    super({ adapter: new PostgresAdapterFactory({ connectionString: databaseUrl() }) });
    // @strata end
    // @strata sqlite
    super({ adapter: new SqliteAdapterFactory({ url: databaseUrl() }) });
    // @strata end
  }
  // @strata end
  // @strata stamps
  // @ts-expect-error: the template has both constructors; a project gets one. @strata template-only
  constructor(clock: Clock) {
    // @strata postgresql
    super({ adapter: new PostgresAdapterFactory({ connectionString: databaseUrl() }) });
    // @strata end
    // @strata sqlite
    super({ adapter: new SqliteAdapterFactory({ url: databaseUrl() }) });
    // @strata end
    // Nest hands the services this client extended with the stamping.
    return this.$extends({
      query: {
        $allModels: {
          $allOperations({ model, operation, args, query }: { model?: string; operation: string; args: any; query: (args: any) => Promise<any> }) {
            stampTimes(model, operation, args, clock.now());
            return query(args);
          },
        },
      },
    }) as unknown as PrismaService;
  }
  // @strata end

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
