import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { ConsoleLogger, Logger, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import helmet from 'helmet';
import { AppModule } from './app.module.js';
import { PrismaErrorFilter } from './common/prisma-errors.js';
import { RequestLimitsPipe } from './common/request-limits.js';
import { logRequests } from './common/request-log.js';
import { type Environment, loadEnvironment } from './config/environment.js';

// dist/src/app.js -> openapi.json at the project root.
const OPENAPI_FILE = new URL('../../openapi.json', import.meta.url);

export async function createApp(): Promise<NestExpressApplication> {
  const environment = loadEnvironment();
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    // In production one JSON object per line, for a log collector; elsewhere Nest's coloured lines.
    logger: environment.NODE_ENV === 'production' ? new ConsoleLogger({ json: true, logLevels: ['error', 'warn', 'log'] }) : ['error', 'warn', 'log'],
    // Requests in flight finish on shutdown (see drainOnShutdown); idle keep-alive sockets close at once.
    forceCloseConnections: false,
    // JSON only, with the size limit below; no URL-encoded forms.
    bodyParser: false,
  });
  if (environment.TRUST_PROXY !== undefined) {
    app.set('trust proxy', /^\d+$/.test(environment.TRUST_PROXY) ? Number(environment.TRUST_PROXY) : environment.TRUST_PROXY);
  }
  if (environment.LOG_REQUESTS === 'on') app.use(logRequests());
  // Security headers (CSP, HSTS, nosniff, frame options …) and no X-Powered-By.
  app.use(helmet());
  // A larger body is refused with 413 while it arrives.
  app.useBodyParser('json', { limit: `${environment.BODY_LIMIT_KB}kb` });
  // Too deep or unclean input is 400 first; then unknown properties and invalid values are 400 with the list of what is wrong.
  app.useGlobalPipes(new RequestLimitsPipe(), new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  // A write that lost a race to another request is 404 or 409, not 500.
  app.useGlobalFilters(new PrismaErrorFilter());
  drainOnShutdown(app);
  app.enableShutdownHooks();
  serveDocs(app, environment);
  return app;
}

/**
 * A graceful stop: on SIGTERM or SIGINT the requests in flight still get their answers, each on a
 * connection that then closes (no keep-alive), and idle keep-alive connections close at once, so a
 * rolling deploy drops no request and the process does not wait for sockets to time out.
 */
function drainOnShutdown(app: NestExpressApplication): void {
  const open = new Set<ServerResponse>();
  let closing = false;
  app.use((_request: IncomingMessage, response: ServerResponse, next: () => void) => {
    if (closing) response.shouldKeepAlive = false;
    open.add(response);
    response.once('close', () => open.delete(response));
    next();
  });
  const drain = () => {
    closing = true;
    for (const response of open) response.shouldKeepAlive = false;
    (app.getHttpServer() as Server).closeIdleConnections();
  };
  // Before Nest's own handlers (enableShutdownHooks), which close the server and the database client.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.prependOnceListener(signal, drain);
}

/**
 * The API's own OpenAPI 3.1 document (rendered next to package.json) at `/openapi.json` with Swagger UI
 * at `/docs`, served from the local swagger-ui-dist package: off in production unless SWAGGER=on, and
 * left out with a warning, never a crash, when the document is missing or broken.
 */
function serveDocs(app: NestExpressApplication, environment: Environment): void {
  const on = environment.SWAGGER === undefined ? environment.NODE_ENV !== 'production' : environment.SWAGGER === 'on';
  if (!on) return;
  const logger = new Logger('Docs');
  if (!existsSync(OPENAPI_FILE)) {
    logger.warn('openapi.json is missing next to package.json: /docs and /openapi.json are off');
    return;
  }
  let document: OpenAPIObject;
  try {
    document = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as OpenAPIObject;
  } catch (error) {
    logger.warn(`openapi.json cannot be read (${(error as Error).message}): /docs and /openapi.json are off`);
    return;
  }
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
}
