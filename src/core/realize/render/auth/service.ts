import { type AuthActor, sentenceList } from './actors';

/** `src/auth/auth.service.ts`: sign-up and login of every actor with an account, each answering a token. */
export function renderAuthService(actors: AuthActor[]): string {
  const dtoNames = actors.flatMap((actor) => [actor.routes.login.body.name, actor.token, actor.routes.signup.body.name]).sort();
  const methods = actors.map((actor) => {
    const { signup, login, spec } = actor.routes;
    const extras = signup.body.properties.filter((property) => property.name !== actor.identifier && property.name !== 'password');
    const data = [
      `${actor.identifier}: body.${actor.identifier}`,
      `${spec.password}: await hashPassword(body.password)`,
      ...extras.map((property) => `${property.column ?? property.name}: body.${property.name}`),
    ];
    const identifierText = sentenceList([actor.identifier]).toLowerCase();
    const issue = `issue${actor.token}`;
    return `  async ${signup.operationId}(body: ${signup.body.name}): Promise<${actor.token}> {
    try {
      const account = await this.prisma.${actor.delegate}.create({
        data: {
${data.map((entry) => `          ${entry},`).join('\n')}
        },
      });
      return this.${issue}(${actor.idValue}, account.${actor.identifier});
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        throw new ConflictException('${sentenceList(actor.uniqueColumns.length > 0 ? actor.uniqueColumns : [actor.identifier])} already registered');
      }
      throw error;
    }
  }

  async ${login.operationId}(body: ${login.body.name}): Promise<${actor.token}> {
    const account = await this.prisma.${actor.delegate}.${actor.identifierUnique ? 'findUnique' : 'findFirst'}({ where: { ${actor.identifier}: body.${actor.identifier} } });
    // An unknown ${identifierText} costs a password check too, against a dummy hash: it gets the same answer
    // as a wrong password, after about as long. (Sign-up still tells a taken ${identifierText} with its 409.)
    const valid = await verifyPassword(body.password, account?.${spec.password} ?? DUMMY_PASSWORD_HASH);
    if (!account || !valid) throw new UnauthorizedException('Invalid ${identifierText} or password');
    return this.${issue}(${actor.idValue}, account.${actor.identifier});
  }

  /** A token \`${actor.guard}\` accepts; the ${identifierText} rides along for the session. */
  private async ${issue}(id: ${actor.idType}, ${actor.identifier}: string): Promise<${actor.token}> {
    const accessToken = await this.jwt.signAsync({ sub: id, actor: '${actor.name}', ${actor.identifier} });
    return { accessToken, tokenType: 'Bearer', id };
  }
`;
  });
  return `import { ConflictException, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Prisma } from '../generated/prisma/client.js';
import { PrismaService } from '../prisma/prisma.service.js';
import type { ${dtoNames.join(', ')} } from './auth.dto.js';
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from './password.js';

/** Sign-up and login; both answer a bearer token for the actor's guarded routes. */
@Injectable()
export class AuthService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly jwt: JwtService,
  ) {}

${methods.join('\n')}}
`;
}

/**
 * `src/auth/auth.controller.ts`. With one route prefix for every actor it is the controller's path;
 * otherwise each method carries its full path.
 */
export function renderAuthController(actors: AuthActor[]): string {
  const prefixes = new Set(actors.map((actor) => trimSlashes(actor.routes.spec.path)));
  const prefix = prefixes.size === 1 ? [...prefixes][0]! : '';
  const route = (path: string) => trimSlashes(prefix ? trimSlashes(path).slice(prefix.length) : path);
  const bodies = actors.flatMap((actor) => [actor.routes.login.body.name, actor.routes.signup.body.name]);
  const tokens = actors.map((actor) => `type ${actor.token}`);
  const methods = actors.map((actor) => {
    const { signup, login } = actor.routes;
    const identifierText = sentenceList([actor.identifier]).toLowerCase();
    return `  /** 201 with a token; 409 when the ${identifierText} is taken. */
  @Post('${route(signup.path)}')
  ${signup.operationId}(@Body() body: ${signup.body.name}): Promise<${actor.token}> {
    return this.auth.${signup.operationId}(body);
  }

  /** 200 with a token; 401 on a wrong ${identifierText} or password. */
  @Post('${route(login.path)}')
  @HttpCode(200)
  ${login.operationId}(@Body() body: ${login.body.name}): Promise<${actor.token}> {
    return this.auth.${login.operationId}(body);
  }
`;
  });
  // Body classes are value imports: the ValidationPipe finds them through the emitted parameter types.
  return `import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ${[...bodies.sort(), ...tokens.sort()].join(', ')} } from './auth.dto.js';
import { AuthService } from './auth.service.js';

/** Open to everyone: sign-up and login answer the bearer token the guarded routes need. */
@Controller(${prefix ? `'${prefix}'` : ''})
export class AuthController {
  constructor(private readonly auth: AuthService) {}

${methods.join('\n')}}
`;
}

function trimSlashes(path: string): string {
  return path.replace(/^\/+|\/+$/g, '');
}
