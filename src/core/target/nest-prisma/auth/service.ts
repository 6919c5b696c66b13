import { type AuthAccount, type AuthActor, sentenceList } from './actors';

/** `src/auth/auth.service.ts`: sign-up of every self-registering actor and one login per account model, each answering a token. */
export function renderAuthService(accounts: AuthAccount[]): string {
  const dtoNames = [...new Set(accounts.flatMap((account) => [account.routes.login.body.name, account.token, ...account.actors.flatMap((actor) => (actor.routes.signup ? [actor.routes.signup.body.name] : []))]))].sort();
  const methods = accounts.flatMap((account) => [...account.actors.filter((actor) => actor.routes.signup).map(signUpMethod), loginMethod(account), issueMethod(account)]);
  const conflicts = accounts.some((account) => account.actors.some((actor) => actor.routes.signup));
  return `import { ${conflicts ? 'ConflictException, ' : ''}Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
${conflicts ? "import { Prisma } from '../generated/prisma/client.js';\n" : ''}import { PrismaService } from '../prisma/prisma.service.js';
import type { ${dtoNames.join(', ')} } from './auth.dto.js';
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from './password.js';

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

function signUpMethod(actor: AuthActor): string {
  const { account } = actor;
  const signup = actor.routes.signup!;
  const extras = signup.body.properties.filter((property) => property.name !== account.identifier && property.name !== 'password');
  const data = [
    `${account.identifier}: body.${account.identifier}`,
    `${account.password}: await hashPassword(body.password)`,
    ...extras.map((property) => `${property.column ?? property.name}: body.${property.name}`),
    // Signing up as this actor is what makes the account one: the role is never the caller's to choose.
    ...(account.roleColumn && actor.roleValue !== undefined ? [`${account.roleColumn}: '${actor.roleValue}'`] : []),
  ];
  return `  async ${signup.operationId}(body: ${signup.body.name}): Promise<${account.token}> {
    try {
      const account = await this.prisma.${account.delegate}.create({
        data: {
${data.map((entry) => `          ${entry},`).join('\n')}
        },
      });
      return this.${issueName(account)}(${account.idValue}, '${actor.name}', account.${account.identifier});
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        throw new ConflictException('${sentenceList(actor.uniqueColumns.length > 0 ? actor.uniqueColumns : [account.identifier])} already registered');
      }
      throw error;
    }
  }
`;
}

function loginMethod(account: AuthAccount): string {
  const { login } = account.routes;
  const identifierText = sentenceList([account.identifier]).toLowerCase();
  const checks: string[] = [];
  if (account.activeColumn) {
    checks.push(`    // A deactivated account keeps its rows (history) but signs in no more.
    if (!account.${account.activeColumn}) throw new UnauthorizedException('This account is deactivated');`);
  }
  if (account.roleColumn) {
    const cases = account.actors.map((actor) => `      case '${actor.roleValue}':\n        return this.${issueName(account)}(${account.idValue}, '${actor.name}', account.${account.identifier});`);
    return `  async ${login.operationId}(body: ${login.body.name}): Promise<${account.token}> {
${lookup(account, identifierText)}${checks.length ? `\n${checks.join('\n')}` : ''}
    // The role column says which actor the account signs in as; a value no actor has signs in as nobody.
    switch (account.${account.roleColumn}) {
${cases.join('\n')}
      default:
        throw new UnauthorizedException('Invalid ${identifierText} or password');
    }
  }
`;
  }
  return `  async ${login.operationId}(body: ${login.body.name}): Promise<${account.token}> {
${lookup(account, identifierText)}${checks.length ? `\n${checks.join('\n')}` : ''}
    return this.${issueName(account)}(${account.idValue}, '${account.actors[0]!.name}', account.${account.identifier});
  }
`;
}

function lookup(account: AuthAccount, identifierText: string): string {
  return `    const account = await this.prisma.${account.delegate}.${account.identifierUnique ? 'findUnique' : 'findFirst'}({ where: { ${account.identifier}: body.${account.identifier} } });
    // An unknown ${identifierText} costs a password check too, against a dummy hash: it gets the same answer
    // as a wrong password, after about as long.
    const valid = await verifyPassword(body.password, account?.${account.password} ?? dummyPasswordHash());
    if (!account || !valid) throw new UnauthorizedException('Invalid ${identifierText} or password');
    if (needsRehash(account.${account.password})) {
      // Made at an older cost or in the older format: re-hashed now that the password is known.
      const id = account.${account.routes.idField.name};
      await this.prisma.${account.delegate}.update({ where: { ${account.routes.idField.name}: id }, data: { ${account.password}: await hashPassword(body.password) } });
    }`;
}

const issueName = (account: AuthAccount): string => `issue${account.token}`;

function issueMethod(account: AuthAccount): string {
  const actors = account.actors.map((actor) => `'${actor.name}'`).join(' | ');
  const answer = account.actors.length > 1 ? '{ accessToken, tokenType: \'Bearer\', id, actor }' : "{ accessToken, tokenType: 'Bearer', id }";
  return `  /** A token the guards accept for \`actor\`; the ${sentenceList([account.identifier]).toLowerCase()} rides along for the session. */
  private async ${issueName(account)}(id: ${account.idType}, actor: ${actors}, ${account.identifier}: string): Promise<${account.token}> {
    const accessToken = await this.jwt.signAsync({ sub: id, actor, ${account.identifier} });
    return ${answer};
  }
`;
}

/**
 * `src/auth/auth.controller.ts`. With one route prefix for every account it is the controller's path;
 * otherwise each method carries its full path.
 */
export function renderAuthController(accounts: AuthAccount[]): string {
  const prefixes = new Set(accounts.map((account) => trimSlashes(account.routes.spec.path)));
  const prefix = prefixes.size === 1 ? [...prefixes][0]! : '';
  const route = (path: string) => trimSlashes(prefix ? trimSlashes(path).slice(prefix.length) : path);
  const bodies = accounts.flatMap((account) => [account.routes.login.body.name, ...account.actors.flatMap((actor) => (actor.routes.signup ? [actor.routes.signup.body.name] : []))]);
  const tokens = accounts.map((account) => `type ${account.token}`);
  const methods = accounts.flatMap((account) => {
    const identifierText = sentenceList([account.identifier]).toLowerCase();
    const signups = account.actors.flatMap((actor) => {
      const signup = actor.routes.signup;
      if (!signup) return [];
      return [
        `  /** 201 with a token; 409 when the ${identifierText} is taken. */
  @Post('${route(signup.path)}')
  ${signup.operationId}(@Body() body: ${signup.body.name}): Promise<${account.token}> {
    return this.auth.${signup.operationId}(body);
  }
`,
      ];
    });
    const { login } = account.routes;
    return [
      ...signups,
      `  /** 200 with a token; 401 on a wrong ${identifierText} or password${account.activeColumn ? ', or a deactivated account' : ''}. */
  @Post('${route(login.path)}')
  @HttpCode(200)
  ${login.operationId}(@Body() body: ${login.body.name}): Promise<${account.token}> {
    return this.auth.${login.operationId}(body);
  }
`,
    ];
  });
  // Body classes are value imports: the ValidationPipe finds them through the emitted parameter types.
  return `import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { Throttle } from '@nestjs/throttler';
import { Public } from '../common/access.js';
import { loadEnvironment } from '../config/environment.js';
import { ${[...new Set(bodies)].sort().concat(tokens.sort()).join(', ')} } from './auth.dto.js';
import { AuthService } from './auth.service.js';

const { THROTTLE_AUTH_LIMIT, THROTTLE_TTL_SECONDS } = loadEnvironment();

/**
 * Open to everyone: sign-up and login answer the bearer token the guarded routes need. Each attempt is a
 * password guess, so a client gets THROTTLE_AUTH_LIMIT of them per route and THROTTLE_TTL_SECONDS, then 429.
 */
@Controller(${prefix ? `'${prefix}'` : ''})
@Public()
@Throttle({ default: { limit: THROTTLE_AUTH_LIMIT, ttl: THROTTLE_TTL_SECONDS * 1000 } })
export class AuthController {
  constructor(private readonly auth: AuthService) {}

${methods.join('\n')}}
`;
}

function trimSlashes(path: string): string {
  return path.replace(/^\/+|\/+$/g, '');
}
