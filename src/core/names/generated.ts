/**
 * Names of generated TypeScript things, derived in one place so every renderer (DTOs, controllers,
 * collectors, transformers, services, tests) and the type checker agree on them.
 */
export const pascalCase = (name: string): string =>
  name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');

export const camelCase = (name: string): string => {
  const pascal = pascalCase(name);
  return pascal[0]!.toLowerCase() + pascal.slice(1);
};

/** `todos` -> `src/todos/todos.<kind>.ts`. */
export const moduleFile = (module: string, kind: 'dto' | 'collectors' | 'transformers' | 'derived' | 'service' | 'controller' | 'module' | 'exceptions'): string =>
  `src/${module}/${module}.${kind}.ts`;

/** `todos` -> `TodosService`, `TodosController`, `TodosModule`. */
export const moduleClass = (module: string, kind: 'Service' | 'Controller' | 'Module'): string => `${pascalCase(module)}${kind}`;

/** Body DTO `CreateTodoBody` -> collector `collectCreateTodo`. */
export const collectorName = (dto: string): string => `collect${dto.replace(/Body$/, '')}`;

/** Response DTO `Todo` -> `todoSelect` (the nested Prisma select) and `toTodo` (row -> DTO). */
export const selectName = (dto: string): string => `${camelCase(dto)}Select`;
export const transformerName = (dto: string): string => `to${dto}`;

/** Derived property `daysLate` of `LoanView` -> `deriveLoanViewDaysLate(row, now)`, which the transformer calls. */
export const derivedName = (dto: string, property: string): string => `derive${dto}${pascalCase(property)}`;

/** Refusal code `loan-limit-reached` -> `LoanLimitReachedException`, thrown by the service. */
export const exceptionClass = (code: string): string => `${pascalCase(code)}Exception`;

/** Actor `member` -> `MemberSession` (the signed-in actor), `MemberGuard`, `@CurrentMember()`. */
export const sessionType = (actor: string): string => `${pascalCase(actor)}Session`;
export const guardName = (actor: string): string => `${pascalCase(actor)}Guard`;
export const currentActorDecorator = (actor: string): string => `Current${pascalCase(actor)}`;
/** The guard of a route several actors may call: `[doctor, receptionist]` -> `DoctorOrReceptionistGuard`. */
export const guardOf = (actors: readonly string[]): string => `${actors.map(pascalCase).join('Or')}Guard`;
/** The name of the session parameter of an operation several actors may call: the service tells them apart by `caller.actor`. */
export const CALLER = 'caller';
/** `@CurrentCaller()`: the session on a route several actors may call, told apart by its `actor`. */
export const CURRENT_CALLER = 'CurrentCaller';

/** Where auth code lives: `src/auth/sessions.ts` (session types, param decorators), `src/auth/guards.ts`. */
export const AUTH_SESSIONS_FILE = 'src/auth/sessions.ts';
export const AUTH_GUARDS_FILE = 'src/auth/guards.ts';

/** The files of the generated project that printers name: one place for every path, so printers and checks agree. */
export const REQUIREMENTS_DIR = 'docs/requirements';
export const SCHEMA_DIR = 'prisma/schema';
/** Prisma Migrate's history of the database: one folder per migration, applied by `npm run db:deploy`. */
export const MIGRATIONS_DIR = 'prisma/migrations';
/** Where the generated backend keeps the check that its code and `openapi.json` agree. */
export const OPENAPI_CHECK_FILE = 'scripts/check-openapi.mjs';
export const APP_FILE = 'src/app.ts';
/** `src/auth/accounts.ts` and the script around it: accounts of actors who do not sign up themselves. */
export const ACCOUNTS_FILE = 'src/auth/accounts.ts';
export const AUTH_DTO_FILE = 'src/auth/auth.dto.ts';
/** Where the password hashing lives in the generated project (rendered with auth). */
export const PASSWORD_FILE = 'src/auth/password.ts';
export const ACCESS_FILE = 'src/common/access.ts';
export const CLOCK_MODULE_FILE = 'src/common/clock.module.ts';
export const CLOCK_FILE = 'src/common/clock.ts';
export const DATE_TIME_FILE = 'src/common/date-time.ts';
export const INT_PARAM_FILE = 'src/common/int-param.ts';
export const PRISMA_ERRORS_FILE = 'src/common/prisma-errors.ts';
export const REQUEST_LIMITS_FILE = 'src/common/request-limits.ts';
export const REQUEST_LOG_FILE = 'src/common/request-log.ts';
export const VALUES_FILE = 'src/common/values.ts';
export const ENVIRONMENT_FILE = 'src/config/environment.ts';
export const PRISMA_CLIENT_FILE = 'src/generated/prisma/client.ts';
export const PRISMA_ENUMS_PATH = 'src/generated/prisma/enums.ts';
export const HEALTH_FILE = 'src/health/health.controller.ts';
/** Where the generated backend keeps the wrapper that makes Prisma's text filters literal. */
export const LITERAL_LIKES_FILE = 'src/prisma/literal-likes.ts';
/** Where the PostgreSQL adapter factory of a generated backend lives. */
export const POSTGRES_ADAPTER_FILE = 'src/prisma/postgres.ts';
export const PRISMA_SERVICE_FILE = 'src/prisma/prisma.service.ts';
/** Where the SQLite adapter factory of a generated backend lives. */
export const SQLITE_ADAPTER_FILE = 'src/prisma/sqlite.ts';
export const AUTH_TEST_FILE = 'test/auth.e2e.test.ts';
export const CLOCK_TEST_FILE = 'test/clock.e2e.test.ts';
export const HARDENING_TEST_FILE = 'test/hardening.e2e.test.ts';
export const SOAK_TEST_FILE = 'test/soak.test.ts';
export const CLOCK_SUPPORT_FILE = 'test/support/clock.ts';
export const HTTP_FILE = 'test/support/http.ts';
export const SERVER_FILE = 'test/support/server.ts';
export const SOAK_SUPPORT_FILE = 'test/support/soak.ts';
export const TOKENS_FILE = 'test/support/tokens.ts';
