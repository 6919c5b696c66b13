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

/** `src/auth/guards.ts`: one guard per actor, accepting only tokens issued to that actor. */
export function renderGuards(actors: AuthActor[]): string {
  const guards = actors.map(
    (actor) => `interface ${actor.claims} extends TokenClaims {
  sub: ${actor.idType};
  ${actor.identifier}: string;
}

/** Lets a request through only with a ${actor.name}'s token (from \`POST ${actor.routes.signup.path}\` or \`POST ${actor.routes.login.path}\`). */
@Injectable()
export class ${actor.guard} implements CanActivate {
  constructor(private readonly jwt: JwtService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const claims = await verifiedClaims<${actor.claims}>(this.jwt, request, '${actor.name}');
    request.sessions = { ...request.sessions, ${actor.name}: { id: claims.sub, ${actor.identifier}: claims.${actor.identifier} } };
    return true;
  }
}
`,
  );
  return `import { type CanActivate, type ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AuthenticatedRequest } from './sessions.js';

/** Claims every token AuthService issues. */
interface TokenClaims {
  sub: number | string;
  actor: string;
}

/** The claims of the request's bearer token if it is valid and was issued to \`actor\`; 401 otherwise. */
async function verifiedClaims<Claims extends TokenClaims>(jwt: JwtService, request: AuthenticatedRequest, actor: string): Promise<Claims> {
  const [scheme, token] = (request.headers.authorization ?? '').split(' ');
  if (scheme !== 'Bearer' || !token) throw new UnauthorizedException('Missing bearer token');
  const claims = await jwt.verifyAsync<Claims>(token).catch(() => undefined);
  // Another actor's token is no better than a forged one here.
  if (!claims || claims.actor !== actor) throw new UnauthorizedException('Invalid or expired token');
  return claims;
}

${guards.join('\n')}`;
}
