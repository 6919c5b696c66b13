import { type AuthRoutes, passwordProperty } from '../../../interface/auth';
import type { DtoProperty } from '../../../interface/types';
import { propertyKey, quote } from '../printer/literals';
import { template } from '../printer/templates';

/**
 * `test/support/http.ts` of the generated backend (templates/test/support/http.ts): calling the API,
 * signing actors up, and the assertions the generated tests share. Only the accounts and the secret
 * column names depend on the project: they fill the template's slots.
 */

/** The password every test account signs up with: valid for any sign-up (8-128 characters); the template's PASSWORD. */
export const TEST_PASSWORD = 'correct-horse-battery-9';

export function renderHttpSupport(accounts: readonly AuthRoutes[], secrets: readonly string[]): string {
  const actors = accounts.map((routes) => quote(routes.spec.actor));
  const idTypes = [...new Set(accounts.map((routes) => (routes.token.properties.find((p) => p.name === 'id')?.type === 'string' ? 'string' : 'number')))];
  const factories = accounts.map((routes) => `  ${propertyKey(routes.spec.actor)}: (unique) => (${accountLiteral(routes)}),`);
  const signUpPaths = accounts.flatMap((routes) => (routes.signup ? [`${propertyKey(routes.spec.actor)}: ${quote(routes.signup.path)}`] : []));
  const loginPaths = accounts.map((routes) => `${propertyKey(routes.spec.actor)}: ${quote(routes.login.path)}`);
  const identifiers = accounts.map((routes) => `${propertyKey(routes.spec.actor)}: ${quote(routes.spec.identifier)}`);
  const deactivators = accounts.flatMap((routes) => {
    if (!routes.spec.active) return [];
    const delegate = routes.spec.model[0]!.toLowerCase() + routes.spec.model.slice(1);
    const id = routes.idField.type === 'BigInt' ? 'BigInt(id)' : `id as ${routes.token.properties.find((p) => p.name === 'id')?.type === 'string' ? 'string' : 'number'}`;
    return [`  ${propertyKey(routes.spec.actor)}: async (id) => {\n    await testDatabase().${delegate}.update({ where: { ${routes.idField.name}: ${id} }, data: { ${routes.spec.active}: false } });\n  },`];
  });
  return template(
    'test/support/http.ts',
    { createsAccounts: accounts.some((routes) => !routes.signup), deactivates: deactivators.length > 0 },
    {
      actor: `export type Actor = ${actors.length ? actors.join(' | ') : 'never'};`,
      sessionId: `  id: ${idTypes.length ? idTypes.join(' | ') : 'number'};`,
      // An empty line when no actor has an account: the object stays `{` `}` around it.
      accountFactories: factories.join('\n'),
      signUpPaths: `const signUpPaths: Partial<Record<Actor, string>> = { ${signUpPaths.join(', ')} };`,
      loginPaths: `const loginPaths: Record<Actor, string> = { ${loginPaths.join(', ')} };`,
      identifiers: `const identifiers: Record<Actor, string> = { ${identifiers.join(', ')} };`,
      deactivators,
      secrets: `const SECRETS = new Set([${secrets.map(quote).join(', ')}]);`,
    },
  );
}

/** The sign-up body of a fresh account as a TS object literal over `unique` (a string nobody used). */
function accountLiteral(routes: AuthRoutes): string {
  const properties = [...routes.fields.slice(0, 1), passwordProperty(routes.spec), ...routes.fields.slice(1)];
  const entries = properties.map((property) => `${propertyKey(property.name)}: ${accountValue(routes, property)}`);
  return `{ ${entries.join(', ')} }`;
}

function accountValue(routes: AuthRoutes, property: DtoProperty): string {
  const actor = routes.spec.actor;
  if (property.name === 'password') return 'PASSWORD';
  if (property.name === routes.spec.identifier) {
    // Lower case, as the server stores e-mail addresses: what a test sent is what it reads back.
    return property.format === 'email' ? `\`${actor.toLowerCase()}-\${unique}@example.test\`` : `\`${actor}-\${unique}\``;
  }
  switch (property.type) {
    case 'integer':
    case 'number':
      return String(property.minimum ?? 1);
    case 'boolean':
      return 'false';
    case 'date-time':
      return quote('2000-01-01T00:00:00.000Z');
    default:
      // Unique, in case the column is: a second account must not collide on it.
      return `\`${property.name} \${unique}\``;
  }
}
