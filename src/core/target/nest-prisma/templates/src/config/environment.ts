import { Logger } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { randomBytes } from 'node:crypto';

export const ENVIRONMENTS = ['development', 'production', 'test'] as const;

/** A duration jsonwebtoken reads: a whole number of seconds, minutes, hours or days. */
export type Lifetime = `${number}${'s' | 'm' | 'h' | 'd'}`;

/**
 * The server's configuration, from the environment (README, "Configuration"). Checked once when the
 * server starts: a value out of its range stops the start with every problem listed. Numbers are
 * converted from text by their declared type, so each property states it.
 */
export class Environment {
  @IsIn(ENVIRONMENTS, { message: `NODE_ENV must be one of ${ENVIRONMENTS.join(', ')}` })
  NODE_ENV: (typeof ENVIRONMENTS)[number] = 'development';

  @IsInt({ message: 'PORT must be a whole number' })
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  @IsString()
  @MinLength(1)
  HOST: string = '127.0.0.1';

  // @strata sqlite
  @Matches(/^file:\S+$/, { message: 'DATABASE_URL must be a file: URL of the SQLite database' })
  DATABASE_URL: string = 'file:./dev.db';
  // @strata end
  // @strata postgresql
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgresql:// connection string' })
  // @ts-expect-error: the template declares both databases' DATABASE_URL; a project gets one. @strata template-only
  DATABASE_URL: string = 'postgresql://postgres:postgres@localhost:5432/postgres';
  // @strata end

  /** Signs the access tokens: required in production; a random key per process elsewhere when unset. */
  @IsOptional()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  @Matches(/^\S+$/, { message: 'JWT_SECRET must not contain white space' })
  JWT_SECRET?: string;

  @Matches(/^[1-9]\d*[smhd]$/, { message: 'JWT_EXPIRES_IN must be a whole number of s, m, h or d, e.g. 12h' })
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

  /** `/docs` and `/openapi.json`: on by default, off by default in production. */
  @IsOptional()
  @IsIn(['on', 'off'], { message: 'SWAGGER must be on or off' })
  SWAGGER?: 'on' | 'off';

  /** Express's `trust proxy`: the proxies in front (e.g. `1` or `loopback`), so client addresses are the real ones. */
  @IsOptional()
  @IsString()
  TRUST_PROXY?: string;

  @IsIn(['on', 'off'], { message: 'LOG_REQUESTS must be on or off' })
  LOG_REQUESTS: 'on' | 'off' = 'on';
}

const NAMES = Object.keys(new Environment()).concat('JWT_SECRET', 'SWAGGER', 'TRUST_PROXY');

/** The configuration in `raw`, or every problem with it. */
export function checkEnvironment(raw: NodeJS.ProcessEnv = process.env): { environment: Environment } | { problems: string[] } {
  const given = Object.fromEntries(NAMES.filter((name) => raw[name] !== undefined && raw[name] !== '').map((name) => [name, raw[name]]));
  const environment = plainToInstance(Environment, given, { enableImplicitConversion: true });
  const problems = validateSync(environment).flatMap((error) => Object.values(error.constraints ?? {}));
  const secret = environment.JWT_SECRET;
  // 32 characters of one kind ("aaaa…", "1111…") are as guessable as a short secret.
  if (secret !== undefined && new Set(secret).size < 10) problems.push('JWT_SECRET must mix at least 10 different characters, e.g. from openssl rand -base64 48');
  // @strata signsIn
  if (secret === undefined && environment.NODE_ENV === 'production') problems.push('JWT_SECRET must be set when NODE_ENV is production');
  // @strata end
  // @strata postgresql
  // The default is a local development database with the image's well-known password.
  if (given.DATABASE_URL === undefined && environment.NODE_ENV === 'production') problems.push('DATABASE_URL must be set when NODE_ENV is production');
  // @strata end
  if (environment.NODE_ENV === 'production' && environment.PASSWORD_HASH_COST < 17) problems.push('PASSWORD_HASH_COST must be at least 17 when NODE_ENV is production');
  return problems.length > 0 ? { problems } : { environment };
}

let loaded: Environment | undefined;

/** The checked configuration, read once; outside production an unset JWT_SECRET becomes a random key. */
export function loadEnvironment(): Environment {
  if (loaded) return loaded;
  const checked = checkEnvironment();
  if ('problems' in checked) throw new Error(`Invalid configuration: ${checked.problems.join('; ')}`);
  if (checked.environment.JWT_SECRET === undefined) {
    new Logger('Environment').warn('JWT_SECRET is not set: tokens are signed with a random key and stop working when the server restarts');
    checked.environment.JWT_SECRET = randomBytes(32).toString('hex');
  }
  loaded = checked.environment;
  return loaded;
}
