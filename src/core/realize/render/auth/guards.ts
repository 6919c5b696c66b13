import type { AuthActor } from './actors';

/**
 * `src/auth/sessions.ts`: who is calling. A guard that accepts a token stores the session under its
 * actor's name on the request; `@Current<Actor>()` hands it to the controller method.
 */
export function renderSessions(actors: AuthActor[]): string {
  const sessions = actors.map(
    (actor) => `/** The ${actor.name} making the request, as \`${actor.guard}\` read it from the bearer token. */
export interface ${actor.session} {
  id: ${actor.idType};
  ${actor.identifier}: string;
}
`,
  );
  const decorators = actors.map(
    (actor) => `/** The signed-in ${actor.name}, on routes behind \`${actor.guard}\`. */
export const ${actor.decorator} = createParamDecorator((_: unknown, context: ExecutionContext): ${actor.session} => {
  const session = context.switchToHttp().getRequest<AuthenticatedRequest>().sessions?.${actor.name};
  // The guard answers 401 before this runs; no session means the route lacks the guard.
  if (!session) throw new Error('@${actor.decorator}() is used on a route without ${actor.guard}');
  return session;
});
`,
  );
  return `import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

${sessions.join('\n')}
/** A request whose bearer token a guard accepted. */
export type AuthenticatedRequest = Request & {
  sessions?: { ${actors.map((actor) => `${actor.name}?: ${actor.session}`).join('; ')} };
};

${decorators.join('\n')}`;
}

/** `src/auth/guards.ts`: one guard per actor, accepting only tokens issued to that actor for an account that exists. */
export function renderGuards(actors: AuthActor[]): string {
  const guards = actors.map((actor) => {
    const id = actor.routes.idField.name;
    return `/** Lets a request through only with a ${actor.name}'s token (from \`POST ${actor.routes.signup.path}\` or \`POST ${actor.routes.login.path}\`). */
@Injectable()
export class ${actor.guard} implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    private readonly prisma: PrismaService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const { sub, ${actor.identifier} } = await verifiedClaims(this.jwt, request, '${actor.name}');
    // The signature says who issued the token, not that its claims have the types the session needs.
    if (${badId(actor)} || typeof ${actor.identifier} !== 'string') throw new UnauthorizedException('Invalid or expired token');
    // One indexed query per request: a token outlives a deleted account (or one of another database),
    // and its id would otherwise fail later, as a foreign-key error (500) on the first write.
    const account = await this.prisma.${actor.delegate}.findUnique({ where: { ${id}: ${actor.routes.idField.type === 'BigInt' ? 'BigInt(sub)' : 'sub'} }, select: { ${id}: true } });
    if (!account) throw new UnauthorizedException('Unknown account');
    request.sessions = { ...request.sessions, ${actor.name}: { id: sub, ${actor.identifier} } };
    return true;
  }
}
`;
  });
  return `import { type CanActivate, type ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { PrismaService } from '../prisma/prisma.service.js';
import type { AuthenticatedRequest } from './sessions.js';

/** A token's claims, unchecked beyond the signature: each guard checks the ones it reads. */
type Claims = Record<string, unknown>;

/** The claims of the request's bearer token if it is valid and was issued to \`actor\`; 401 otherwise. */
async function verifiedClaims(jwt: JwtService, request: AuthenticatedRequest, actor: string): Promise<Claims> {
  // The scheme is case-insensitive (RFC 9110); the token is one run of non-space characters.
  const token = /^Bearer\\s+(\\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  if (!token) throw new UnauthorizedException('Missing bearer token');
  const claims = await jwt.verifyAsync<Claims>(token).catch(() => undefined);
  // Another actor's token is no better than a forged one here.
  if (!claims || claims.actor !== actor) throw new UnauthorizedException('Invalid or expired token');
  return claims;
}

${guards.join('\n')}`;
}

/** The condition under which the \`sub\` claim is not an id of the actor's account model as AuthService signs it. */
function badId(actor: AuthActor): string {
  if (actor.idType === 'number') return `typeof sub !== 'number' || !Number.isSafeInteger(sub)`;
  // BigInt ids travel as their decimal text.
  if (actor.routes.idField.type === 'BigInt') return `typeof sub !== 'string' || !/^-?\\d{1,19}$/.test(sub)`;
  return `typeof sub !== 'string' || sub === ''`;
}
