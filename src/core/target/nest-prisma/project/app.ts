import type { DatabaseId } from '../../../config/settings';
import type { DatabaseArtifact } from '../../../database/types';
import { moduleClass } from '../../../names/generated';
import { dtoHomes, modulesOf } from '../../../interface/modules';
import { INT_PARAM_FILE } from '../api/controllers';
import { DATE_TIME_FILE, INT_MAX, VALUES_FILE, valueChecks } from '../api/dtos';
import type { InterfaceArtifact } from '../../../interface/types';
import { databaseAdapter } from './adapter';
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

const PRISMA_MODULE = `import { Global, Module } from '@nestjs/common';
import { PrismaService } from './prisma.service.js';

@Global()
@Module({ providers: [PrismaService], exports: [PrismaService] })
export class PrismaModule {}
`;

const DATE_TIME = `/**
 * Date-times in requests, one parser for every DTO and route: RFC 3339 (the ISO 8601 profile of the
 * Internet): a four-digit year, hours, minutes and seconds, any number of fractional digits (kept to the
 * millisecond, Date's precision) and an explicit offset, e.g. \`2024-03-05T09:30:00Z\` or
 * \`2024-03-05t10:30:00.123456+01:00\`.
 */
const RFC_3339 = /^(\\d{4})-(\\d{2})-(\\d{2})[Tt](\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d+))?(?:[Zz]|([+-])(\\d{2}):(\\d{2}))$/;

/**
 * The instant an RFC 3339 date-time stands for; undefined for anything else: no seconds, a day that does
 * not exist (2024-02-30), an hour past 23, a leap second (Date has none), an offset past 23:59, or an
 * instant outside the years 0000-9999, whose stored text no longer sorts.
 */
export function instantOf(text: string): Date | undefined {
  const match = RFC_3339.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const [fraction = '', sign, offsetHours = '0', offsetMinutes = '0'] = match.slice(7);
  if (hour > 23 || minute > 59 || second > 59 || Number(offsetHours) > 23 || Number(offsetMinutes) > 59) return undefined;
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, Number(fraction.padEnd(3, '0').slice(0, 3))));
  date.setUTCFullYear(year);
  // The day exists when nothing rolled over (2024-02-30 would be March 1st).
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  const offset = (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes));
  const instant = new Date(date.getTime() - offset * 60_000);
  const instantYear = instant.getUTCFullYear();
  return instantYear >= 0 && instantYear <= 9999 ? instant : undefined;
}

/**
 * The Date a request's date-time text stands for; any other value is handed on unchanged, for \`@IsDate\`
 * to refuse with a 400. \`new Date()\` alone takes numbers, booleans, "2024" and "March 3, 2024", rolls
 * 2024-02-30 over to March 1st, and accepts years past 9999.
 */
export function parseDateTime(value: unknown): unknown {
  return typeof value === 'string' ? (instantOf(value) ?? value) : value;
}
`;

const INT_PARAM = `import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/** The largest Prisma Int (32-bit); a larger id would fail in the database rather than be not found. */
const INT_MAX = ${INT_MAX};

/**
 * \`@IntParam('id')\`: the path parameter as a positive Int, or 400. It reads the raw text, which
 * \`@Param('id', ParseIntPipe)\` never sees: the global ValidationPipe first turns it into a number,
 * so \`1e3\`, \`1.0\` and \`99999999999\` would arrive as 1000, 1 and an id Prisma cannot take.
 */
export const IntParam = createParamDecorator((name: string, context: ExecutionContext): number => {
  const text = context.switchToHttp().getRequest<Request>().params[name];
  // Digits only, so Number() never sees what it would also read (1e3, 0x10, 1.0, " 7").
  const value = typeof text === 'string' && /^\\d{1,10}$/.test(text) ? Number(text) : 0;
  if (value < 1 || value > INT_MAX) throw new BadRequestException([\`\${name} must be a positive integer\`]);
  return value;
});
`;
