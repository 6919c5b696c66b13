import type { DatabaseId } from '../../../config/settings';
import { moduleClass, modulesOf } from '../../../interface/names';
import type { InterfaceArtifact } from '../../../interface/types';
import { databaseAdapter } from './adapter';
import type { ScaffoldInput } from './scaffold';

/** `src/main.ts`, `src/app.module.ts` and the global Prisma module. Project-relative path -> content. */
export function renderApp(input: ScaffoldInput): Map<string, string> {
  return new Map([
    ['src/main.ts', renderMain()],
    ['src/app.module.ts', renderAppModule(input.api)],
    ['src/prisma/prisma.service.ts', renderPrismaService(input.databaseId)],
    ['src/prisma/prisma.module.ts', PRISMA_MODULE],
  ]);
}

/**
 * Serves the API's own OpenAPI 3.1 document (rendered from the Interface artifact next to package.json)
 * rather than one derived from decorators, so `/openapi.json` is exactly the designed API.
 */
function renderMain(): string {
  return `import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from './app.module.js';

// dist/src/main.js -> openapi.json at the project root.
const OPENAPI_FILE = new URL('../../openapi.json', import.meta.url);

export async function createApp(): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule, {
    logger: ['error', 'warn', 'log'],
    // Close keep-alive sockets on shutdown instead of waiting for them to time out (~5 s).
    forceCloseConnections: true,
  });
  // Unknown properties and invalid values are answered with 400 and the list of what is wrong.
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.enableShutdownHooks();
  const document = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as OpenAPIObject;
  // The Swagger UI assets are served from the local swagger-ui-dist package: no CDN.
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
  return app;
}

const app = await createApp();
await app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1');
console.log(\`listening on \${await app.getUrl()}\`);
`;
}

function renderAppModule(api: InterfaceArtifact): string {
  const imports = [
    { name: 'PrismaModule', from: './prisma/prisma.module.js' },
    ...(api.authentication.length > 0 ? [{ name: 'AuthModule', from: './auth/auth.module.js' }] : []),
    ...modulesOf(api).map((module) => ({ name: moduleClass(module, 'Module'), from: `./${module}/${module}.module.js` })),
  ];
  const importLines = [...imports].sort((a, b) => (a.from < b.from ? -1 : 1)).map(({ name, from }) => `import { ${name} } from '${from}';`);
  return `import { Module } from '@nestjs/common';
${importLines.join('\n')}

@Module({ imports: [${imports.map(({ name }) => name).join(', ')}] })
export class AppModule {}
`;
}

function renderPrismaService(databaseId: DatabaseId): string {
  const adapter = databaseAdapter(databaseId);
  return `import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ${adapter.className} } from '${adapter.package}';
import { PrismaClient } from '../generated/prisma/client.js';

export const databaseUrl = (): string => process.env.DATABASE_URL ?? '${adapter.defaultUrl}';

/** The database client every service injects; Prisma 7 reaches the database through a driver adapter. */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor() {
    super({ adapter: ${adapter.create('databaseUrl()')} });
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
`;
}

const PRISMA_MODULE = `import { Global, Module } from '@nestjs/common';
import { PrismaService } from './prisma.service.js';

@Global()
@Module({ providers: [PrismaService], exports: [PrismaService] })
export class PrismaModule {}
`;
