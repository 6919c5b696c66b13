import type { AuthRoutes } from '../../../interface/auth';
import { sessionActors } from '../../../interface/access';
import type { Operation } from '../../../interface/types';
import type { ScenarioValue, TestArtifact, TestScenario } from '../../../scenarios/types';
import { fromValue } from './code';
import { print } from '../printer/layout';
import { quote } from '../printer/literals';
import { template } from '../printer/templates';
import type { TestRenderContext } from './steps';


/** How long `npm test` soaks the server, and with how many connections; `npm run soak` defaults to 60 s. */
export const SHORT_SOAK = { seconds: 6, connections: 8 };

/**
 * What the soak sends, taken from the API: logins of an actor who signs up, the first list that actor
 * (or anyone) may call without path parameters, and a create whose success scenario needs nothing
 * made before it (no given step, no reference, no relative date).
 */
export interface SoakPlan {
  actor: string;
  signUp: string;
  login: string;
  identifier: string;
  list?: { path: string; token: boolean };
  create?: { path: string; body: Record<string, ScenarioValue> };
}

export function soakPlan(artifact: TestArtifact, context: TestRenderContext, accounts: readonly AuthRoutes[]): SoakPlan | undefined {
  const routes = accounts.find((candidate) => candidate.signup);
  if (!routes?.signup) return undefined;
  const actor = routes.spec.actor;
  const callers = (operation: Operation) => sessionActors(context.api, operation, context.actors);
  const open = (operation: Operation) => callers(operation).length === 0 || callers(operation).includes(actor);
  const unparameterised = (operation: Operation, method: Operation['method']) => operation.method === method && operation.params.length === 0 && open(operation);
  const list = context.api.operations.find((operation) => unparameterised(operation, 'GET') && (operation.responseList || operation.query !== undefined));
  const standalone = (scenario: TestScenario) =>
    scenario.given.length === 0 &&
    !scenario.accounts &&
    (scenario.as === undefined || scenario.as === actor) &&
    !scenario.request.clock &&
    !scenario.request.query &&
    scenario.expect.refusal === undefined &&
    scenario.expect.status >= 200 &&
    scenario.expect.status < 300 &&
    scenario.request.body !== undefined &&
    !mentionsState(scenario.request.body);
  const creates = context.api.operations.filter((operation) => unparameterised(operation, 'POST') && operation.body !== undefined && callers(operation).includes(actor));
  const scenario = artifact.scenarios.find((candidate) => creates.some((operation) => operation.id === candidate.operation) && standalone(candidate));
  const create = scenario ? context.operations.get(scenario.operation) : undefined;
  return {
    actor,
    signUp: routes.signup.path,
    login: routes.login.path,
    identifier: routes.spec.identifier,
    ...(list ? { list: { path: list.path, token: callers(list).length > 0 } } : {}),
    ...(create && scenario?.request.body ? { create: { path: create.path, body: scenario.request.body } } : {}),
  };
}

/** A `$` string anywhere: a reference to an earlier step or a relative date, which the soak cannot resolve. */
function mentionsState(value: ScenarioValue): boolean {
  if (typeof value === 'string') return value.startsWith('$');
  if (value === null || typeof value !== 'object') return false;
  return (Array.isArray(value) ? value : Object.values(value)).some(mentionsState);
}

/** What the plan sends, for the test titles: "list GET /todos, create POST /todos and login". */
function describePlan(plan: SoakPlan): string {
  const parts = [...(plan.list ? [`list GET ${plan.list.path}`] : []), ...(plan.create ? [`create POST ${plan.create.path}`] : []), `log in at ${plan.login}`];
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0]!;
}

/** `test/soak.test.ts`: the short soak `npm test` runs. */
export function renderSoakTest(plan: SoakPlan): string {
  return `import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { soak, soakProblems } from './support/soak.js';
import { startServer, type TestServer } from './support/server.js';

// The short form of \`npm run soak\`: mixed load (${describePlan(plan)}) for ${SHORT_SOAK.seconds} s.
describe('soak', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server?.stop();
  });

  // Memory is judged from 20 s on (npm run soak: 60 s); 6 s only shows the heap growing to its size.
  it('answers ${SHORT_SOAK.seconds} s of mixed load from ${SHORT_SOAK.connections} connections without a 5xx, with flat descriptors', async () => {
    const result = await soak(server.baseUrl, server.pid, { seconds: ${SHORT_SOAK.seconds}, connections: ${SHORT_SOAK.connections} });
    assert.ok(result.requests > 0, 'the soak sent no request');
    assert.deepEqual(soakProblems(result), []);
  });
});
`;
}

/**
 * `test/support/soak.ts` (templates/test/support/soak.ts): the load, its measurements and its verdict; run
 * on its own it is `npm run soak`. Only the plan comes from the API.
 */
export function renderSoakSupport(plan: SoakPlan): string {
  const body = plan.create ? print(fromValue(plan.create.body, () => 'undefined'), '', 'const CREATE_BODY: Record<string, unknown> = '.length) : undefined;
  return template(
    'test/support/soak.ts',
    { soakCreates: body !== undefined },
    {
      createBody: body === undefined ? [] : `const CREATE_BODY: Record<string, unknown> = ${body};`,
      actorLine: ` * one login, as accounts of ${quote(plan.actor)} signed up first. It samples the server's open`,
      plan: [
        `  actor: ${quote(plan.actor)},`,
        `  signUp: ${quote(plan.signUp)},`,
        `  login: ${quote(plan.login)},`,
        `  identifier: ${quote(plan.identifier)},`,
        ...(plan.list ? [`  list: { path: ${quote(plan.list.path)}, token: ${plan.list.token} },`] : []),
        ...(plan.create ? [`  create: { path: ${quote(plan.create.path)}, body: CREATE_BODY },`] : []),
      ],
    },
  );
}
