import type { DatabaseId } from '../../../config/settings';
import type { DatabaseArtifact } from '../../../database/types';
import type { AuthRoutes } from '../../../interface/auth';
import type { ActorKind } from '../../../interface/access';
import { modulesOf } from '../../../interface/modules';
import type { InterfaceArtifact } from '../../../interface/types';
import { routesOf, secretNames } from '../../../scenarios/accounts';
import type { TestArtifact } from '../../../scenarios/types';
import { renderAuthTests } from './auth';
import { renderClockSupport, renderClockTests } from './clock';
import { renderHardeningTests } from './hardening';
import { renderHttpSupport } from './http';
import { moduleTestFile, renderModuleTests } from './module';
import { renderServerSupport } from './server';
import { renderSoakSupport, renderSoakTest, soakPlan } from './soak';
import { renderContext } from './steps';
import { renderTokenSupport } from './tokens';
import { AUTH_TEST_FILE, CLOCK_SUPPORT_FILE, CLOCK_TEST_FILE, HARDENING_TEST_FILE, HTTP_FILE, SERVER_FILE, SOAK_SUPPORT_FILE, SOAK_TEST_FILE, TOKENS_FILE } from '../../../names/generated';

/**
 * Every file under `test/` of the generated backend: the support code (server, HTTP calls, the test
 * clock, tokens to refuse), the test clock's own tests, the sign-up/login tests of each AuthSpec, the soak (mixed load on one server, short in `npm test`, long in `npm run soak`) where an actor signs up, and one file per module. They run with `npm test` (`node --test dist/test/*.test.js`),
 * each file against its own server, each test on an emptied database.
 */
export function renderTests(artifact: TestArtifact, api: InterfaceArtifact, database: DatabaseArtifact, actors?: readonly ActorKind[], databaseId: DatabaseId = 'sqlite'): Map<string, string> {
  const context = renderContext(api, database, actors);
  const accounts = api.authentication
    .map((spec) => routesOf(api, database, spec.actor))
    .filter((routes): routes is AuthRoutes => routes !== undefined);
  const files = new Map<string, string>();
  files.set(SERVER_FILE, renderServerSupport(databaseId));
  files.set(HTTP_FILE, renderHttpSupport(accounts, secretNames(database)));
  files.set(CLOCK_SUPPORT_FILE, renderClockSupport());
  files.set(CLOCK_TEST_FILE, renderClockTests());
  if (accounts.length > 0) {
    files.set(TOKENS_FILE, renderTokenSupport(accounts));
    files.set(AUTH_TEST_FILE, renderAuthTests(accounts, context));
  }
  files.set(HARDENING_TEST_FILE, renderHardeningTests(accounts));
  const plan = soakPlan(artifact, context, accounts);
  if (plan) {
    files.set(SOAK_SUPPORT_FILE, renderSoakSupport(plan));
    files.set(SOAK_TEST_FILE, renderSoakTest(plan));
  }
  for (const module of modulesOf(api)) files.set(moduleTestFile(module), renderModuleTests(module, artifact.scenarios, context));
  return files;
}
