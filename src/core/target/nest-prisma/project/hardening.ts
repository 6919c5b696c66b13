import type { DatabaseId } from '../../../config/settings';

/**
 * What every generated backend has around its routes, whatever its API: configuration checked at start,
 * security headers, body limits, throttling, request logs, health, and a global guard that refuses any
 * route that names neither its actors nor itself public. Project-relative path -> content.
 */
export const ENVIRONMENT_FILE = 'src/config/environment.ts';
export const ACCESS_FILE = 'src/common/access.ts';
export const REQUEST_LIMITS_FILE = 'src/common/request-limits.ts';
export const REQUEST_LOG_FILE = 'src/common/request-log.ts';
export const HEALTH_FILE = 'src/health/health.controller.ts';
export const APP_FILE = 'src/app.ts';
export const PRISMA_ERRORS_FILE = 'src/common/prisma-errors.ts';

/** Deepest nesting of arrays and objects a request body may have; DTOs nest a few levels at most. */
export const MAX_BODY_DEPTH = 32;

/** `signsIn`: some actor has an account, so tokens are signed and production needs JWT_SECRET. */
export function renderHardening(databaseId: DatabaseId, signsIn: boolean): Map<string, string> {
  return new Map([
    [ENVIRONMENT_FILE, renderEnvironment(databaseId, signsIn)],
    [ACCESS_FILE, ACCESS_SOURCE],
    [REQUEST_LIMITS_FILE, REQUEST_LIMITS],
    [REQUEST_LOG_FILE, REQUEST_LOG],
    [PRISMA_ERRORS_FILE, PRISMA_ERRORS_SOURCE],
    [HEALTH_FILE, HEALTH],
    [APP_FILE, APP],
    ['src/main.ts', MAIN],
  ]);
}

function renderEnvironment(databaseId: DatabaseId, signsIn: boolean): string {
  const url =
    databaseId === 'postgresql'
      ? { pattern: '/^postgres(ql)?:\\/\\/\\S+$/', text: 'a postgresql:// connection string', fallback: 'postgresql://postgres:postgres@localhost:5432/postgres' }
      : { pattern: '/^file:\\S+$/', text: 'a file: URL of the SQLite database', fallback: 'file:./dev.db' };
  return `import { Logger } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { randomBytes } from 'node:crypto';

export const ENVIRONMENTS = ['development', 'production', 'test'] as const;

/** A duration jsonwebtoken reads: a whole number of seconds, minutes, hours or days. */
export type Lifetime = \`\${number}\${'s' | 'm' | 'h' | 'd'}\`;

/**
 * The server's configuration, from the environment (README, "Configuration"). Checked once when the
 * server starts: a value out of its range stops the start with every problem listed. Numbers are
 * converted from text by their declared type, so each property states it.
 */
export class Environment {
  @IsIn(ENVIRONMENTS, { message: \`NODE_ENV must be one of \${ENVIRONMENTS.join(', ')}\` })
  NODE_ENV: (typeof ENVIRONMENTS)[number] = 'development';

  @IsInt({ message: 'PORT must be a whole number' })
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  @IsString()
  @MinLength(1)
  HOST: string = '127.0.0.1';

  @Matches(${url.pattern}, { message: 'DATABASE_URL must be ${url.text}' })
  DATABASE_URL: string = '${url.fallback}';

  /** Signs the access tokens: required in production; a random key per process elsewhere when unset. */
  @IsOptional()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  @Matches(/^\\S+$/, { message: 'JWT_SECRET must not contain white space' })
  JWT_SECRET?: string;

  @Matches(/^[1-9]\\d*[smhd]$/, { message: 'JWT_EXPIRES_IN must be a whole number of s, m, h or d, e.g. 12h' })
  JWT_EXPIRES_IN: Lifetime = '12h';

  /** Requests one client (IP address) may make to one route per THROTTLE_TTL_SECONDS. */
  @IsInt()
  @Min(1)
  THROTTLE_LIMIT: number = 300;

  /** The same for sign-up and login, where each attempt is a password guess. */
  @IsInt()
  @Min(1)
  THROTTLE_AUTH_LIMIT: number = 10;

  @IsInt()
  @Min(1)
  THROTTLE_TTL_SECONDS: number = 60;

  /** log2 of scrypt's N for new password hashes: 17 (OWASP's minimum) by default; tests may go down to 14. */
  @IsInt()
  @Min(14)
  @Max(20)
  PASSWORD_HASH_COST: number = 17;

  /** Largest JSON body, in KiB: a larger one is answered 413 before it is read whole. */
  @IsInt()
  @Min(1)
  @Max(10240)
  BODY_LIMIT_KB: number = 100;

  /** \`/docs\` and \`/openapi.json\`: on by default, off by default in production. */
  @IsOptional()
  @IsIn(['on', 'off'], { message: 'SWAGGER must be on or off' })
  SWAGGER?: 'on' | 'off';

  /** Express's \`trust proxy\`: the proxies in front (e.g. \`1\` or \`loopback\`), so client addresses are the real ones. */
  @IsOptional()
  @IsString()
  TRUST_PROXY?: string;

  @IsIn(['on', 'off'], { message: 'LOG_REQUESTS must be on or off' })
  LOG_REQUESTS: 'on' | 'off' = 'on';
}

const NAMES = Object.keys(new Environment()).concat('JWT_SECRET', 'SWAGGER', 'TRUST_PROXY');

/** The configuration in \`raw\`, or every problem with it. */
export function checkEnvironment(raw: NodeJS.ProcessEnv = process.env): { environment: Environment } | { problems: string[] } {
  const given = Object.fromEntries(NAMES.filter((name) => raw[name] !== undefined && raw[name] !== '').map((name) => [name, raw[name]]));
  const environment = plainToInstance(Environment, given, { enableImplicitConversion: true });
  const problems = validateSync(environment).flatMap((error) => Object.values(error.constraints ?? {}));
  const secret = environment.JWT_SECRET;
  // 32 characters of one kind ("aaaa…", "1111…") are as guessable as a short secret.
  if (secret !== undefined && new Set(secret).size < 10) problems.push('JWT_SECRET must mix at least 10 different characters, e.g. from openssl rand -base64 48');
${signsIn ? "  if (secret === undefined && environment.NODE_ENV === 'production') problems.push('JWT_SECRET must be set when NODE_ENV is production');\n" : ''}${
    databaseId === 'postgresql'
      ? "  // The default is a local development database with the image's well-known password.\n  if (given.DATABASE_URL === undefined && environment.NODE_ENV === 'production') problems.push('DATABASE_URL must be set when NODE_ENV is production');\n"
      : ''
  }  if (environment.NODE_ENV === 'production' && environment.PASSWORD_HASH_COST < 17) problems.push('PASSWORD_HASH_COST must be at least 17 when NODE_ENV is production');
  return problems.length > 0 ? { problems } : { environment };
}

let loaded: Environment | undefined;

/** The checked configuration, read once; outside production an unset JWT_SECRET becomes a random key. */
export function loadEnvironment(): Environment {
  if (loaded) return loaded;
  const checked = checkEnvironment();
  if ('problems' in checked) throw new Error(\`Invalid configuration: \${checked.problems.join('; ')}\`);
  if (checked.environment.JWT_SECRET === undefined) {
    new Logger('Environment').warn('JWT_SECRET is not set: tokens are signed with a random key and stop working when the server restarts');
    checked.environment.JWT_SECRET = randomBytes(32).toString('hex');
  }
  loaded = checked.environment;
  return loaded;
}
`;
}

export const ACCESS_SOURCE = `import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

const PUBLIC = 'strata:public';
const ACTOR_GUARD = 'strata:actor-guard';
/** Where \`@UseGuards()\` keeps a route's guards (GUARDS_METADATA of @nestjs/common). */
const GUARDS = '__guards__';

/** A route anyone may call without signing in. */
export const Public = () => SetMetadata(PUBLIC, true);

/** Marks a guard that admits the accounts of named actors (src/auth/guards.ts): a route using one declares who may call it. */
export const ActorGuard = () => SetMetadata(ACTOR_GUARD, true);

/**
 * Global: refuses (403) every route that neither is \`@Public()\` nor names the actors it admits with
 * \`@UseGuards(<Actor>Guard)\`, so a route added without a thought for access is closed, not open. Other
 * guards (a throttle, a feature flag) do not count: they say nothing of who may call.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC, targets)) return true;
    const guards = this.reflector.getAllAndMerge<unknown[]>(GUARDS, targets) ?? [];
    const actorGuard = (guard: unknown) => {
      const type = typeof guard === 'function' ? guard : (guard as object | null)?.constructor;
      return typeof type === 'function' && this.reflector.get<boolean | undefined>(ACTOR_GUARD, type) === true;
    };
    if (guards.some(actorGuard)) return true;
    throw new ForbiddenException('This route declares no actor that may call it');
  }
}
`;

const REQUEST_LIMITS = `import { BadRequestException, Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';

/** Deepest nesting of arrays and objects a request may carry; the DTOs nest a few levels at most. */
export const MAX_DEPTH = ${MAX_BODY_DEPTH};

/**
 * Runs before the ValidationPipe on bodies, queries and path parameters: refuses (400) a value nested
 * deeper than MAX_DEPTH, which class-transformer would recurse into until the stack overflows (a 500),
 * and text holding NUL or a lone UTF-16 surrogate, which databases truncate or cannot store. Walks the
 * value without recursion, so a deep body cannot overflow the stack here either.
 */
@Injectable()
export class RequestLimitsPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const problem = problemOf(value);
    if (problem) throw new BadRequestException([\`the \${metadata.type === 'param' ? 'path' : metadata.type} \${problem}\`]);
    return value;
  }
}

function problemOf(root: unknown): string | undefined {
  const pending: [unknown, number][] = [[root, 0]];
  while (pending.length > 0) {
    const [value, depth] = pending.pop()!;
    if (typeof value === 'string') {
      if (!isCleanText(value)) return 'has text with a NUL character or an unpaired surrogate';
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_DEPTH) return \`nests arrays and objects deeper than \${MAX_DEPTH} levels\`;
    for (const [key, item] of Object.entries(value)) {
      if (!isCleanText(key)) return 'has a name with a NUL character or an unpaired surrogate';
      pending.push([item, depth + 1]);
    }
  }
  return undefined;
}

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]/;

const isCleanText = (text: string): boolean => !text.includes('\\u0000') && !LONE_SURROGATE.test(text);
`;

const REQUEST_LOG = `import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';

/** A request id a client or proxy may send along; anything else is replaced by a fresh one. */
const GIVEN_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * One line per answered request: method, path (without the query string), status, time and request id.
 * Never headers or bodies, so no token or password reaches the log. The id comes from \`x-request-id\`
 * when it is well-formed, else is made here, and goes back in the response's \`x-request-id\`.
 */
export function logRequests(): (request: Request, response: Response, next: NextFunction) => void {
  const logger = new Logger('HTTP');
  return (request, response, next) => {
    const given = request.headers['x-request-id'];
    const id = typeof given === 'string' && GIVEN_ID.test(given) ? given : randomUUID();
    response.setHeader('x-request-id', id);
    const started = performance.now();
    response.on('finish', () => {
      logger.log(\`\${request.method} \${request.path} \${response.statusCode} \${(performance.now() - started).toFixed(1)} ms id=\${id}\`);
    });
    next();
  };
}
`;

export const PRISMA_ERRORS_SOURCE = `import { type ArgumentsHost, Catch, ConflictException, type ExceptionFilter, type HttpException, Logger, NotFoundException } from '@nestjs/common';
import type { Response } from 'express';
import { Prisma } from '../generated/prisma/client.js';

/**
 * The refusal a known Prisma error stands for when a service let it through: writes that race (the record
 * deleted, a unique value taken, a referenced record removed between a check and the write) answer what
 * they mean, never 500. P2025 (the record to change is gone) 404; P2002 (unique value taken), P2003 (a
 * record it refers to is gone) and P2034 (a conflicting concurrent write) 409.
 */
export function refusalFor(error: Prisma.PrismaClientKnownRequestError): HttpException | undefined {
  switch (error.code) {
    case 'P2025':
      return new NotFoundException('The record was not found');
    case 'P2002':
      return new ConflictException('A record with this value already exists');
    case 'P2003':
      return new ConflictException('A record this one refers to does not exist');
    case 'P2034':
      return new ConflictException('The write conflicted with another one; try again');
    default:
      return undefined;
  }
}

/** Global: Prisma's known errors as their refusals; any other stays a 500 (logged), as Nest answers it. */
@Catch(Prisma.PrismaClientKnownRequestError)
export class PrismaErrorFilter implements ExceptionFilter<Prisma.PrismaClientKnownRequestError> {
  private readonly logger = new Logger('PrismaErrorFilter');

  catch(error: Prisma.PrismaClientKnownRequestError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const refusal = refusalFor(error);
    if (refusal) {
      response.status(refusal.getStatus()).json(refusal.getResponse());
      return;
    }
    this.logger.error(error);
    response.status(500).json({ statusCode: 500, message: 'Internal server error' });
  }
}
`;

const HEALTH = `import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../common/access.js';
import { PrismaService } from '../prisma/prisma.service.js';

/**
 * For load balancers and orchestrators: never throttled, open to all, and saying nothing of the data.
 * Not part of the API, so not in openapi.json.
 */
@Controller('health')
@ApiExcludeController()
@Public()
@SkipThrottle()
export class HealthController {
  constructor(private readonly prisma: PrismaService) {}

  /** Liveness: the process answers. */
  @Get()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: the database answers a query too; 503 when it does not. */
  @Get('ready')
  async ready(): Promise<{ status: 'ok'; database: 'up' }> {
    try {
      await this.prisma.$queryRawUnsafe('SELECT 1');
    } catch {
      throw new ServiceUnavailableException({ status: 'unavailable', database: 'down' });
    }
    return { status: 'ok', database: 'up' };
  }
}
`;

const APP = `import { existsSync, readFileSync } from 'node:fs';
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
    app.set('trust proxy', /^\\d+$/.test(environment.TRUST_PROXY) ? Number(environment.TRUST_PROXY) : environment.TRUST_PROXY);
  }
  if (environment.LOG_REQUESTS === 'on') app.use(logRequests());
  // Security headers (CSP, HSTS, nosniff, frame options …) and no X-Powered-By.
  app.use(helmet());
  // A larger body is refused with 413 while it arrives.
  app.useBodyParser('json', { limit: \`\${environment.BODY_LIMIT_KB}kb\` });
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
 * The API's own OpenAPI 3.1 document (rendered next to package.json) at \`/openapi.json\` with Swagger UI
 * at \`/docs\`, served from the local swagger-ui-dist package: off in production unless SWAGGER=on, and
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
    logger.warn(\`openapi.json cannot be read (\${(error as Error).message}): /docs and /openapi.json are off\`);
    return;
  }
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
}
`;

const MAIN = `import 'reflect-metadata';
import { checkEnvironment } from './config/environment.js';

// The configuration is checked before any module loads: a bad one stops the start with every problem.
const checked = checkEnvironment(process.env);
if ('problems' in checked) {
  console.error(\`The server cannot start; fix its environment:\\n\${checked.problems.map((problem) => \`  - \${problem}\`).join('\\n')}\`);
  process.exit(1);
}
const { createApp } = await import('./app.js');
const app = await createApp();
await app.listen(checked.environment.PORT, checked.environment.HOST);
console.log(\`listening on \${await app.getUrl()}\`);
`;
