import type { DatabaseId } from '../../../config/settings';
import type { DatabaseArtifact } from '../../../database/types';
import { DATE_TIME_FILE, INT_PARAM_FILE, moduleClass, VALUES_FILE } from '../../../names/generated';
import { dtoHomes, modulesOf } from '../../../interface/modules';
import { valueChecks } from '../api/dtos';
import type { InterfaceArtifact } from '../../../interface/types';
import { databaseAdapter } from './adapter';
import { template } from '../printer/templates';
import { renderHardening } from './hardening';
import { renderClockFiles, stampedColumns } from './clock';
import type { ScaffoldInput } from './scaffold';
import { VALUES_SOURCE } from './values';

/**
 * `src/main.ts`, `src/app.module.ts`, the global Prisma module, the clock (`src/common/clock*.ts`) and
 * the request parsing the DTOs and controllers share (`src/common/`, only what they use).
 * Project-relative path -> content.
 */
export function renderApp(input: ScaffoldInput): Map<string, string> {
  const files = new Map([
    ...renderHardening(input.databaseId, input.api.authentication.length > 0),
    ['src/app.module.ts', renderAppModule(input.api)],
    ['src/prisma/prisma.service.ts', renderPrismaService(input.databaseId, input.database)],
    ['src/prisma/prisma.module.ts', PRISMA_MODULE],
    ...Object.entries(databaseAdapter(input.databaseId).files),
    ...renderClockFiles(),
  ]);
  const homes = dtoHomes(input.api);
  // Always: the test clock's route reads its instant with it too.
  files.set(DATE_TIME_FILE, DATE_TIME);
  if (input.api.dtos.some((dto) => homes.has(dto.name) && valueChecks(dto).length > 0)) files.set(VALUES_FILE, VALUES_SOURCE);
  if (input.api.operations.some((operation) => operation.params.some((param) => param.type === 'integer'))) files.set(INT_PARAM_FILE, INT_PARAM);
  return files;
}

function renderAppModule(api: InterfaceArtifact): string {
  const imports = [
    { name: 'ClockModule', from: './common/clock.module.js' },
    { name: 'PrismaModule', from: './prisma/prisma.module.js' },
    ...(api.authentication.length > 0 ? [{ name: 'AuthModule', from: './auth/auth.module.js' }] : []),
    ...modulesOf(api).map((module) => ({ name: moduleClass(module, 'Module'), from: `./${module}/${module}.module.js` })),
  ];
  const importLines = [
    { name: 'AccessGuard', from: './common/access.js' },
    { name: 'loadEnvironment', from: './config/environment.js' },
    { name: 'HealthController', from: './health/health.controller.js' },
    ...imports,
  ]
    .sort((a, b) => (a.from < b.from ? -1 : 1))
    .map(({ name, from }) => `import { ${name} } from '${from}';`);
  return `import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
${importLines.join('\n')}

const environment = loadEnvironment();

@Module({
  imports: [
    // ConfigService for whoever needs the configuration, checked by the same schema as at start.
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: () => loadEnvironment() }),
    // Per client and route: THROTTLE_LIMIT requests per THROTTLE_TTL_SECONDS, then 429 with Retry-After.
    ThrottlerModule.forRoot({ throttlers: [{ ttl: environment.THROTTLE_TTL_SECONDS * 1000, limit: environment.THROTTLE_LIMIT }] }),
    ${imports.map(({ name }) => name).join(',\n    ')},
  ],
  controllers: [HealthController],
  providers: [
    { provide: APP_GUARD, useClass: ThrottlerGuard },
    // Deny by default: a route must be @Public() or name its actors' guard.
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
})
export class AppModule {}
`;
}

function renderPrismaService(databaseId: DatabaseId, database: DatabaseArtifact): string {
  const adapter = databaseAdapter(databaseId);
  const stamped = stampedColumns(database);
  const names = (columns: string[]) => `[${columns.map((column) => `'${column}'`).join(', ')}]`;
  const head = `import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ${adapter.className} } from '${adapter.importFrom}';
import { Clock } from '../common/clock.js';
import { PrismaClient } from '../generated/prisma/client.js';

export const databaseUrl = (): string => process.env.DATABASE_URL ?? '${adapter.defaultUrl}';
`;
  const destroy = `
  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
`;
  if (stamped.length === 0) {
    return `${head}
/** The database client every service injects; Prisma 7 reaches the database through a driver adapter. */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  // The same constructor as where time columns follow the clock; no column of this data model is stamped.
  constructor(_clock: Clock) {
    super({ adapter: ${adapter.create('databaseUrl()')} });
  }
${destroy}`;
  }
  return `${head}
/** Per model, the columns Prisma would stamp with the system time (\`@default(now())\`, \`@updatedAt\`). */
const STAMPED: Record<string, { created: string[]; updated: string[] }> = {
${stamped.map((entry) => `  ${entry.model}: { created: ${names(entry.created)}, updated: ${names(entry.updated)} },`).join('\n')}
};

type Data = Record<string, unknown>;

/**
 * Fills the columns of \`STAMPED\` a write leaves out from the backend's clock, as Prisma would from
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
 * The time columns Prisma would stamp itself take the backend's \`Clock\` instead (on the model's own
 * writes; rows created inside a nested write keep Prisma's time).
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor(clock: Clock) {
    super({ adapter: ${adapter.create('databaseUrl()')} });
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
${destroy}`;
}

const PRISMA_MODULE = template('src/prisma/prisma.module.ts');

const DATE_TIME = template('src/common/date-time.ts');

const INT_PARAM = template('src/common/int-param.ts');
