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
