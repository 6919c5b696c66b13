import { ACCOUNTS_FILE, AUTH_GUARDS_FILE, AUTH_SESSIONS_FILE, guardOf } from '../../../names/generated';
import { sessionActors } from '../../../interface/access';
import type { InterfaceArtifact } from '../../../interface/types';
import type { ActorKind } from '../../../interface/access';
import { CREATE_ACCOUNT_SCRIPT, createdActors, renderAccounts, renderCreateAccountScript } from './accounts';
import { type AuthActor, authAccounts } from './actors';
import { renderAuthDtos } from './dtos';
import { renderGuards, renderSessions } from './guards';
import { renderAuthController, renderAuthService } from './service';
import type { ScaffoldInput } from '../project/scaffold';
import { template } from '../printer/templates';

/**
 * Everything in `src/auth/` for the Interface artifact's `authentication`: password hashing, the
 * sign-up/login bodies, sessions, one guard per actor, the service, the controller and the global
 * module. Empty when no actor has an account. Project-relative path -> content.
 */
export function renderAuth(input: ScaffoldInput): Map<string, string> {
  const accounts = authAccounts(input.api, input.database);
  const actors = accounts.flatMap((account) => account.actors);
  if (actors.length === 0) return new Map();
  const sets = sharedGuardSets(input.api, input.analysis?.actors);
  return new Map([
    ['src/auth/password.ts', PASSWORD],
    ['src/auth/auth.dto.ts', renderAuthDtos(accounts)],
    [AUTH_SESSIONS_FILE, renderSessions(actors, sets.length > 0)],
    [AUTH_GUARDS_FILE, renderGuards(actors, sets)],
    ['src/auth/auth.service.ts', renderAuthService(accounts)],
    ['src/auth/auth.controller.ts', renderAuthController(accounts)],
    ['src/auth/auth.module.ts', renderAuthModule(actors, sets)],
    ...(createdActors(actors).length > 0
      ? ([
          [ACCOUNTS_FILE, renderAccounts(actors)],
          [CREATE_ACCOUNT_SCRIPT, renderCreateAccountScript(actors)],
        ] as const)
      : []),
  ]);
}

/** The sets of two or more actors that operations share, each once: every one gets its own guard. */
export function sharedGuardSets(api: InterfaceArtifact, actors?: readonly ActorKind[]): string[][] {
  const sets = new Map<string, string[]>();
  for (const operation of api.operations) {
    const set = sessionActors(api, operation, actors);
    if (set.length > 1) sets.set(guardOf(set), set);
  }
  return [...sets.values()];
}

/** `src/auth/auth.module.ts` (templates/src/auth/auth.module.ts): only the guards come from the API. */
function renderAuthModule(actors: AuthActor[], sets: string[][]): string {
  const guards = [...actors.map((actor) => actor.guard), ...sets.map(guardOf)];
  const list = guards.join(', ');
  return template(
    'src/auth/auth.module.ts',
    {},
    {
      guardImport: `import { ${[...guards].sort().join(', ')} } from './guards.js';`,
      doc: `/** Global, so any feature module can put \`@UseGuards(${guards[0]})\` on its routes. */`,
      providers: `  providers: [AuthService, ${list}],`,
      exports: `  exports: [JwtModule, ${list}],`,
    },
  );
}

const PASSWORD = template('src/auth/password.ts');
