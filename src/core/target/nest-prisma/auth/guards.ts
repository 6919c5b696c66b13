import { CURRENT_CALLER, guardOf } from '../../../names/generated';
import { template } from '../printer/templates';
import type { AuthActor } from './actors';

/**
 * `src/auth/sessions.ts`: who is calling. The guard that accepts a token stores the caller's session on
 * the request; `@Current<Actor>()` hands it to a route of that actor, `@CurrentCaller()` to a route
 * several actors share (the service tells them apart by `actor`).
 */
export function renderSessions(actors: AuthActor[], shared: boolean): string {
  const sessions = actors.map(
    (actor) => `/** The ${actor.name} making the request, as the guards read it from the bearer token. */
export interface ${actor.session} {
  actor: '${actor.name}';
  id: ${actor.account.idType};
  ${actor.account.identifier}: string;
}
`,
  );
  const decorators = actors.map(
    (actor) => `/** The signed-in ${actor.name}, on routes behind a guard that admits ${actor.name}s only. */
export const ${actor.decorator} = createParamDecorator((_: unknown, context: ExecutionContext): ${actor.session} => {
  const caller = context.switchToHttp().getRequest<AuthenticatedRequest>().caller;
  // The guard answers 401/403 before this runs; anything else means the route lacks the guard.
  if (caller?.actor !== '${actor.name}') throw new Error('@${actor.decorator}() is used on a route without ${actor.guard}');
  return caller;
});
`,
  );
  if (shared) {
    decorators.push(`/** The signed-in caller on a route several actors may call; \`caller.actor\` says which. */
export const ${CURRENT_CALLER} = createParamDecorator((_: unknown, context: ExecutionContext): Session => {
  const caller = context.switchToHttp().getRequest<AuthenticatedRequest>().caller;
  if (!caller) throw new Error('@${CURRENT_CALLER}() is used on a route without a guard');
  return caller;
});
`);
  }
  return `import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

${sessions.join('\n')}
/** Any signed-in caller. */
export type Session = ${actors.map((actor) => actor.session).join(' | ')};

/** A request whose bearer token a guard accepted. */
export type AuthenticatedRequest = Request & { caller?: Session };

${decorators.join('\n')}`;
}

/**
 * `src/auth/guards.ts` (templates/src/auth/guards.ts, with the actors' cases and guards in its slots):
 * one guard per actor, and one per set of actors an operation shares. Each admits
 * a token only for an account that still exists, is active where accounts can be deactivated, and
 * still holds the role the token was issued for; a signed-in account of another actor gets 403.
 */
export function renderGuards(actors: AuthActor[], sets: string[][]): string {
  const cases = actors.map((actor) => sessionCase(actor));
  const guards = [...actors.map((actor) => [actor.name]), ...sets].map((set) => {
    const list = set.map((actor) => `'${actor}'`).join(', ');
    const who = set.length === 1 ? `a ${set[0]}'s token` : `the token of a ${set.join(' or ')}`;
    return `/** Lets a request through only with ${who}. */
@ActorGuard()
@Injectable()
export class ${guardOf(set)} implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    private readonly prisma: PrismaService,
  ) {}

  canActivate(context: ExecutionContext): Promise<boolean> {
    return admit(this.jwt, this.prisma, context, [${list}]);
  }
}`;
  });
  return template('src/auth/guards.ts', {}, { cases: cases.join('\n'), guards: guards.join('\n\n') });
}

/** The \`case\` of \`sessionOf\` for one actor: the claims its tokens carry, and its account as it must still be. */
function sessionCase(actor: AuthActor): string {
  const { account } = actor;
  const id = account.routes.idField.name;
  const selected = [id, account.roleColumn, account.activeColumn].filter((name): name is string => name !== undefined);
  const checks = [
    `      if (!account) throw new UnauthorizedException('Unknown account');`,
    ...(account.activeColumn ? [`      if (!account.${account.activeColumn}) throw new UnauthorizedException('This account is deactivated');`] : []),
    ...(account.roleColumn && actor.roleValue !== undefined ? [`      // Issued before the account's role changed: it no longer signs in as a ${actor.name}.\n      if (account.${account.roleColumn} !== '${actor.roleValue}') throw new UnauthorizedException('Invalid or expired token');`] : []),
  ];
  return `    case '${actor.name}': {
      const { ${account.identifier} } = claims;
      // The signature says who issued the token, not that its claims have the types the session needs.
      if (${badId(actor)} || typeof ${account.identifier} !== 'string') throw new UnauthorizedException('Invalid or expired token');
      const account = await prisma.${account.delegate}.findUnique({ where: { ${id}: ${account.routes.idField.type === 'BigInt' ? 'BigInt(sub)' : 'sub'} }, select: { ${selected.map((name) => `${name}: true`).join(', ')} } });
${checks.join('\n')}
      return { actor: '${actor.name}', id: sub, ${account.identifier} };
    }`;
}

/** The condition under which the \`sub\` claim is not an id of the actor's account model as AuthService signs it. */
function badId(actor: AuthActor): string {
  if (actor.account.idType === 'number') return `typeof sub !== 'number' || !Number.isSafeInteger(sub)`;
  // BigInt ids travel as their decimal text.
  if (actor.account.routes.idField.type === 'BigInt') return `typeof sub !== 'string' || !/^-?\\d{1,19}$/.test(sub)`;
  return `typeof sub !== 'string' || sub === ''`;
}
