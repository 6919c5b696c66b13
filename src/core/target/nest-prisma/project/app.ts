import type { DatabaseId } from '../../../config/settings';
import type { DatabaseArtifact } from '../../../database/types';
import { DATE_TIME_FILE, INT_PARAM_FILE, moduleClass, VALUES_FILE } from '../../../names/generated';
import { dtoHomes, modulesOf } from '../../../interface/modules';
import { valueChecks } from '../api/dtos';
import type { InterfaceArtifact } from '../../../interface/types';
import { databaseAdapter } from './adapter';
import { databaseFlags, template } from '../printer/templates';
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

/**
 * `src/prisma/prisma.service.ts` (templates/src/prisma/prisma.service.ts): the client on the database's
 * driver adapter; where the data model has columns Prisma would stamp with the system time, the clock
 * stamps them instead, and the stamped columns fill the template's slot.
 */
function renderPrismaService(databaseId: DatabaseId, database: DatabaseArtifact): string {
  const stamped = stampedColumns(database);
  const names = (columns: string[]) => `[${columns.map((column) => `'${column}'`).join(', ')}]`;
  return template(
    'src/prisma/prisma.service.ts',
    { ...databaseFlags(databaseId), stamps: stamped.length > 0 },
    { stamped: stamped.map((entry) => `  ${entry.model}: { created: ${names(entry.created)}, updated: ${names(entry.updated)} },`) },
  );
}

const PRISMA_MODULE = template('src/prisma/prisma.module.ts');

const DATE_TIME = template('src/common/date-time.ts');

const INT_PARAM = template('src/common/int-param.ts');
