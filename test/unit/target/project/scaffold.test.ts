import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseArtifact } from '../../../../src/core/database/types';
import type { InterfaceArtifact } from '../../../../src/core/interface/types';
import { renderApp } from '../../../../src/core/target/nest-prisma/project/app';
import { renderAuth } from '../../../../src/core/target/nest-prisma/auth/auth';
import { packageName } from '../../../../src/core/target/nest-prisma/project/packageJson';
import { renderDeployFiles } from '../../../../src/core/target/nest-prisma/project/deploy';
import { renderScaffold, type ScaffoldInput } from '../../../../src/core/target/nest-prisma/project/scaffold';
import { todoAnalysis } from '../../../fixtures/todo/analyzeArtifact';
import { todoArtifact } from '../../../fixtures/todo/databaseArtifact';
import { scriptedApi } from '../../../fixtures/todo/fixtures';
import { TWO_ACTORS } from './twoActors';

const todo = (overrides: Partial<ScaffoldInput> = {}): ScaffoldInput => ({
  analysis: todoAnalysis(),
  database: todoArtifact(),
  api: scriptedApi(),
  databaseId: 'sqlite',
  ...overrides,
});

interface Manifest {
  name: string;
  type: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  allowScripts: Record<string, boolean>;
}
const manifestOf = (input: ScaffoldInput): Manifest => JSON.parse(renderScaffold(input).get('package.json')!);

describe('realize scaffold, app and auth renderers', () => {
  it('render the project files of the contract, and the same files every time', () => {
    const input = todo();
    assert.deepEqual([...renderScaffold(input).keys()], ['package.json', 'tsconfig.json', 'prisma.config.ts', 'scripts/db.mjs', 'scripts/check-openapi.mjs', 'README.md', '.gitignore', '.prettierrc', '.prettierignore', '.editorconfig', 'Dockerfile', 'compose.yaml', '.dockerignore']);
    assert.deepEqual([...renderApp(input).keys()], [
      'src/config/environment.ts',
      'src/common/access.ts',
      'src/common/request-limits.ts',
      'src/common/request-log.ts',
      'src/common/prisma-errors.ts',
      'src/health/health.controller.ts',
      'src/app.ts',
      'src/main.ts',
      'src/app.module.ts',
      'src/prisma/prisma.service.ts',
      'src/prisma/prisma.module.ts',
      'src/prisma/sqlite.ts',
      'src/prisma/literal-likes.ts',
      'src/common/clock.ts',
      'src/common/clock.module.ts',
      'src/common/date-time.ts',
      'src/common/int-param.ts',
    ]);
    assert.deepEqual([...renderAuth(input).keys()].sort(), [
      'src/auth/auth.controller.ts',
      'src/auth/auth.dto.ts',
      'src/auth/auth.module.ts',
      'src/auth/auth.service.ts',
      'src/auth/guards.ts',
      'src/auth/password.ts',
      'src/auth/sessions.ts',
    ]);
    const twice = [renderScaffold(todo()), renderApp(todo()), renderAuth(todo())].map((files) => [...files]);
    assert.deepEqual([renderScaffold(input), renderApp(input), renderAuth(input)].map((files) => [...files]), twice);
  });

  it('package.json: named after the title, the recipe scripts, every version exact, install scripts that reach the network denied', () => {
    const manifest = manifestOf(todo());
    assert.equal(manifest.name, 'todo-service');
    assert.equal(manifest.type, 'module');
    assert.equal(manifest.scripts.build, 'npm run clean && npm run prisma:generate && tsc -p tsconfig.json && node scripts/check-openapi.mjs', 'the build fails when openapi.json no longer describes the code');
    assert.equal(manifest.scripts.clean, `node -e "require('node:fs').rmSync('dist', { recursive: true, force: true })"`, 'a build starts from an empty dist/: nothing of a removed module is left to run');
    assert.match(manifest.scripts['prisma:generate']!, /^PRISMA_SCHEMA_ENGINE_BINARY=\$\{PRISMA_SCHEMA_ENGINE_BINARY:-\/bin\/false\} CHECKPOINT_DISABLE=1 prisma generate$/);
    assert.equal(manifest.scripts.start, 'node scripts/db.mjs deploy && node dist/src/main.js', 'start applies the migrations, never resets the database');
    assert.equal(manifest.scripts.test, 'node --test --test-reporter=spec dist/test/*.test.js');
    assert.deepEqual([manifest.scripts['db:push'], manifest.scripts['db:migrate'], manifest.scripts['db:deploy'], manifest.scripts.pretest], [
      'node scripts/db.mjs push',
      'node scripts/db.mjs migrate',
      'node scripts/db.mjs deploy',
      'npm run build',
    ]);
    const versions = { ...manifest.dependencies, ...manifest.devDependencies };
    assert.deepEqual(Object.entries(versions).filter(([, version]) => !/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(version)), []);
    assert.equal(versions['@prisma/adapter-libsql'], '7.10.0');
    assert.equal(versions['@prisma/client'], versions.prisma);
    assert.equal(versions['@prisma/schema-engine-wasm'], '7.10.0-4.0edf323efd1d98336f3f0a68684b56f689b900d3');
    assert.deepEqual(manifest.allowScripts, { prisma: false, '@prisma/engines': false, '@scarf/scarf': false });
    assert.equal(manifestOf(todo({ projectName: 'My Shop API' })).name, 'my-shop-api');
    assert.equal(manifestOf(todo({ analysis: undefined })).name, 'backend');
    assert.equal(packageName('  Ünïcode & Co.  '), 'unicode-co');
  });

  it('postgresql: the pg adapter in package.json, PrismaService and scripts/db.mjs; sqlite: libsql', () => {
    const input = todo({ databaseId: 'postgresql' });
    const dependencies = manifestOf(input).dependencies;
    assert.equal(dependencies['@prisma/adapter-pg'], '7.10.0');
    assert.match(dependencies.pg ?? '', /^8\.\d+\.\d+$/);
    assert.equal(dependencies['@prisma/adapter-libsql'], undefined);
    const service = renderApp(input).get('src/prisma/prisma.service.ts')!;
    assert.match(service, /import \{ PostgresAdapterFactory \} from '\.\/postgres\.js';/);
    assert.match(service, /super\(\{ adapter: new PostgresAdapterFactory\(\{ connectionString: databaseUrl\(\) \}\) \}\);/);
    const script = renderScaffold(input).get('scripts/db.mjs')!;
    assert.match(script, /const factory = new PrismaPg\(\{ connectionString: url \}\);/);
    assert.match(script, /provider = "postgresql"/);
    assert.match(script, /field\.dataTypeID === 18\) field\.dataTypeID = 25/, 'catalog columns of the internal "char" type are read as text');
    assert.match(script, /shadowUrl\.pathname = `\/\$\{name\}`/, 'the shadow database is reached by a URL naming it');
    assert.match(renderScaffold(input).get('prisma.config.ts')!, /process\.env\.DATABASE_URL \?\? 'postgresql:\/\//);

    const sqlite = renderScaffold(todo()).get('scripts/db.mjs')!;
    assert.match(sqlite, /const factory = new PrismaLibSql\(\{ url \}\);/);
    assert.match(sqlite, /provider = "sqlite"/);
  });

  it('scripts/db.mjs is valid JavaScript carrying the workarounds the recipe found', () => {
    const script = renderScaffold(todo()).get('scripts/db.mjs')!;
    const dir = mkdtempSync(join(tmpdir(), 'strata-dbscript-'));
    try {
      writeFileSync(join(dir, 'db.mjs'), script);
      execFileSync(process.execPath, ['--check', join(dir, 'db.mjs')]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    assert.match(script, /import\('@prisma\/schema-engine-wasm\/schema_engine_bg'\)/, 'the wasm is instantiated by hand, not imported as a module');
    assert.match(script, /factory\.connectToShadowDb = async/, 'multi-statement migrations go to executeScript on the shadow database');
    assert.match(script, /\{ tag: 'empty' \}/, 'the first migration diffs from empty');
    assert.match(script, /errorRegistry\.consumeError/);
    assert.match(script, /\nprocess\.exit\(0\);\n$/, 'exits instead of idling on the engine timer');
  });

  it('README: what the service is, how to run it, its configuration, every route with its actor, the layout and the offline schema engine', () => {
    const readme = renderScaffold(todo()).get('README.md')!;
    assert.match(readme, /^# Todo service\n\nA multi-user todo service\./);
    assert.match(readme, /\[docs\/requirements\/\]\(docs\/requirements\/00-overview\.md\)/);
    for (const command of ['npm install', 'npm run build', 'npm start', 'npm test']) assert.ok(readme.includes(`\n${command}`), command);
    for (const variable of ['PORT', 'HOST', 'DATABASE_URL', 'JWT_SECRET']) assert.match(readme, new RegExp(`\\| \`${variable}\` \\|`));
    assert.match(readme, /\| POST \| `\/auth\/signup` \| guest \| Sign up as a member/);
    assert.match(readme, /\| DELETE \| `\/todos\/\{id\}` \| member \(own records\) \| Soft-delete one of the caller's todos\. \|/);
    assert.equal(readme.match(/^\| (GET|POST|PATCH|PUT|DELETE) \|/gm)?.length, 7);
    assert.match(readme, /`\/openapi\.json`.*`\/docs`/);
    assert.match(readme, /`src\/todos\/todos\.collectors\.ts` \| request body/);
    assert.match(readme, /`src\/todos\/todos\.service\.ts`/);
    assert.match(readme, /native schema engine is not needed/);
    assert.match(readme, /npx prisma migrate dev/);
    assert.doesNotMatch(renderScaffold(todo({ api: { ...todo().api, authentication: [] } })).get('README.md')!, /JWT_SECRET|auth\/signup/);
  });

  it('main.ts checks the environment before anything loads, then app.ts builds the hardened app; one `listening on <url>` line', () => {
    const files = renderApp(todo());
    const main = files.get('src/main.ts')!;
    assert.match(main, /^import 'reflect-metadata';\nimport \{ checkEnvironment \} from '\.\/config\/environment\.js';\n/);
    assert.ok(main.indexOf('checkEnvironment(process.env)') < main.indexOf("await import('./app.js')"), 'checked before the app module loads');
    assert.match(main, /process\.exit\(1\)/);
    assert.match(main, /await app\.listen\(checked\.environment\.PORT, checked\.environment\.HOST\)/);
    assert.equal(main.match(/console\.log/g)?.length, 1);
    assert.match(main, /console\.log\(`listening on \$\{await app\.getUrl\(\)\}`\);/);
    const app = files.get('src/app.ts')!;
    assert.match(app, /new URL\('\.\.\/\.\.\/openapi\.json', import\.meta\.url\)/);
    assert.match(app, /SwaggerModule\.setup\('docs', app, document, \{ jsonDocumentUrl: 'openapi\.json' \}\)/);
    assert.match(app, /if \(!existsSync\(OPENAPI_FILE\)\) \{\n {4}logger\.warn/);
    assert.match(app, /forceCloseConnections: false/);
    assert.match(app, /process\.prependOnceListener\(signal, drain\)/, 'requests in flight are drained before Nest closes the server');
    assert.match(app, /app\.use\(helmet\(\)\)/);
    assert.match(app, /app\.useBodyParser\('json', \{ limit: `\$\{environment\.BODY_LIMIT_KB\}kb` \}\)/);
    assert.match(app, /useGlobalPipes\(new RequestLimitsPipe\(\), new ValidationPipe\(\{ whitelist: true, forbidNonWhitelisted: true, transform: true \}\)\)/);
    assert.match(app, /export async function createApp\(\)/);
    assert.match(app, /app\.useGlobalFilters\(new PrismaErrorFilter\(\)\);/);
  });

  it('app.module imports Prisma, Auth only when some actor has an account, and every feature module', () => {
    const api: InterfaceArtifact = { ...todo().api, operations: [...todo().api.operations, { ...todo().api.operations[0]!, id: 'listTags', module: 'tags', path: '/tags' }] };
    const withAuth = renderApp(todo({ api })).get('src/app.module.ts')!;
    assert.match(withAuth, /import \{ TagsModule \} from '\.\/tags\/tags\.module\.js';/);
    assert.match(withAuth, /\n {4}ClockModule,\n {4}PrismaModule,\n {4}AuthModule,\n {4}TodosModule,\n {4}TagsModule,\n {2}\],/);
    assert.match(withAuth, /\{ provide: APP_GUARD, useClass: ThrottlerGuard \}/);
    assert.match(withAuth, /\{ provide: APP_GUARD, useClass: AccessGuard \}/);
    assert.match(withAuth, /ConfigModule\.forRoot\(\{ isGlobal: true, ignoreEnvFile: true, validate: \(\) => loadEnvironment\(\) \}\)/);
    assert.match(withAuth, /controllers: \[HealthController\]/);
    const guestOnly = renderApp(todo({ api: { ...api, authentication: [] } })).get('src/app.module.ts')!;
    assert.match(guestOnly, /\n {4}ClockModule,\n {4}PrismaModule,\n {4}TodosModule,\n {4}TagsModule,\n {2}\],/);
    assert.doesNotMatch(guestOnly, /auth/i);
    assert.equal(renderAuth(todo({ api: { ...api, authentication: [] } })).size, 0);
    assert.match(renderApp(todo()).get('src/prisma/prisma.module.ts')!, /@Global\(\)/);
  });

  it('renders the shared request parsing only for what the DTOs and controllers use', () => {
    const api = todo().api;
    const always = ['src/common/access.ts', 'src/common/request-limits.ts', 'src/common/request-log.ts', 'src/common/prisma-errors.ts', 'src/common/date-time.ts'];
    const common = (input: ScaffoldInput) => [...renderApp(input).keys()].filter((path) => path.startsWith('src/common/') && !path.startsWith('src/common/clock') && !always.includes(path));
    const withoutDates: InterfaceArtifact = { ...api, dtos: api.dtos.map((dto) => ({ ...dto, properties: dto.properties.filter((property) => property.type !== 'date-time') })) };
    assert.deepEqual(common(todo({ api: withoutDates })), ['src/common/int-param.ts']);
    const stringIds: InterfaceArtifact = { ...withoutDates, operations: api.operations.map((operation) => ({ ...operation, params: operation.params.map((param) => ({ ...param, type: 'string' as const })) })) };
    assert.deepEqual(common(todo({ api: stringIds })), []);
    // The date-time parser is always there (the test clock's route reads with it); a date-time column a sign-up must fill uses it too.
    const birthday: DatabaseArtifact = {
      ...todoArtifact(),
      models: todoArtifact().models.map((model) => (model.name === 'User' ? { ...model, fields: [...model.fields, { name: 'birthday', type: 'DateTime' }] } : model)),
    };
    assert.ok(renderApp(todo({ api: stringIds })).has('src/common/date-time.ts'));
    assert.match(renderApp(todo()).get('src/common/clock.module.ts')!, /^import \{ instantOf \} from '\.\/date-time\.js';$/m);
    const dto = renderAuth(todo({ database: birthday })).get('src/auth/auth.dto.ts')!;
    assert.match(dto, /import \{ parseDateTime \} from '\.\.\/common\/date-time\.js';/);
    assert.match(dto, /@Transform\(\(\{ value \}\) => parseDateTime\(value\)\)\n {2}@IsDate\(\{ message: 'birthday must be an ISO 8601 date-time' \}\)\n {2}birthday: Date;/);
  });

  it('auth for the todo member: e-mail normalised, sessions with the id type, a guard checking the actor, 409 and 401', () => {
    const auth = renderAuth(todo());
    const dto = auth.get('src/auth/auth.dto.ts')!;
    assert.match(dto, /export class SignUpMemberBody \{[^}]*@Transform\(normalizeEmail\)\n {2}@IsEmail\(\)\n {2}@MaxLength\(254\)\n {2}email: string;/);
    assert.match(dto, /value\.trim\(\)\.toLowerCase\(\)/);
    assert.match(dto, /@MinLength\(8\)\n {2}@MaxLength\(128\)\n {2}password: string;/);
    assert.match(dto, /export interface MemberToken \{[^}]*tokenType: 'Bearer';[^}]*id: number;\n\}/);
    assert.match(auth.get('src/auth/sessions.ts')!, /export interface MemberSession \{\n {2}actor: 'member';\n {2}id: number;\n {2}email: string;\n\}/);
    assert.match(auth.get('src/auth/sessions.ts')!, /export const CurrentMember = createParamDecorator/);
    const guards = auth.get('src/auth/guards.ts')!;
    assert.match(guards, /export class MemberGuard implements CanActivate/);
    assert.match(guards, /'Missing bearer token'/);
    assert.match(guards, /switch \(claims\.actor\) \{\n {4}case 'member': \{/);
    assert.match(guards, /default:\n[^]*throw new UnauthorizedException\('Invalid or expired token'\);/);
    assert.match(guards, /if \(!actors\.includes\(session\.actor\)\) throw new ForbiddenException/);
    assert.match(guards, /\/\^Bearer\\s\+\(\\S\+\)\$\/i\.exec\(request\.headers\.authorization \?\? ''\)/, 'the scheme in any letter case');
    assert.match(guards, /const \{ email \} = claims;/);
    assert.match(guards, /return admit\(this\.jwt, this\.prisma, context, \['member'\]\);/);
    assert.match(guards, /if \(typeof sub !== 'number' \|\| !Number\.isSafeInteger\(sub\) \|\| typeof email !== 'string'\) throw new UnauthorizedException\('Invalid or expired token'\);/);
    assert.match(guards, /One indexed query per request/);
    assert.match(guards, /await prisma\.user\.findUnique\(\{ where: \{ id: sub \}, select: \{ id: true \} \}\);\n {6}if \(!account\) throw new UnauthorizedException\('Unknown account'\);/);
    assert.match(guards, /private readonly prisma: PrismaService/);
    const service = auth.get('src/auth/auth.service.ts')!;
    assert.match(service, /this\.prisma\.user\.create\(\{\n {8}data: \{\n {10}email: body\.email,\n {10}passwordHash: await hashPassword\(body\.password\),\n {8}\},/);
    assert.match(service, /error instanceof Prisma\.PrismaClientKnownRequestError && error\.code === 'P2002'/);
    assert.match(service, /throw new ConflictException\('Email already registered'\)/);
    assert.match(service, /this\.prisma\.user\.findUnique\(\{ where: \{ email: body\.email \} \}\)/);
    // An unknown email is checked against a dummy hash, so it costs as much time as a wrong password.
    assert.match(service, /const valid = await verifyPassword\(body\.password, account\?\.passwordHash \?\? dummyPasswordHash\(\)\);\n {4}if \(!account \|\| !valid\) throw new UnauthorizedException\('Invalid email or password'\);\n {4}if \(needsRehash\(account\.passwordHash\)\) \{/);
    assert.doesNotMatch(service, /neither can be probed/);
    assert.match(service, /this\.jwt\.signAsync\(\{ sub: id, actor, email \}\)/);
    assert.match(service, /return this\.issueMemberToken\(account\.id, 'member', account\.email\);/);
    const controller = auth.get('src/auth/auth.controller.ts')!;
    assert.match(controller, /@Controller\('auth'\)\n@Public\(\)\n@Throttle\(\{ default: \{ limit: THROTTLE_AUTH_LIMIT, ttl: THROTTLE_TTL_SECONDS \* 1000 \} \}\)\nexport class AuthController/);
    assert.match(controller, /@Post\('signup'\)\n {2}signUpMember\(@Body\(\) body: SignUpMemberBody\): Promise<MemberToken>/);
    assert.match(controller, /@Post\('login'\)\n {2}@HttpCode\(200\)\n {2}logInMember\(/);
    const module = auth.get('src/auth/auth.module.ts')!;
    assert.match(module, /@Global\(\)/);
    // The secret and lifetime come from the environment checked at start (src/config/environment.ts).
    assert.match(module, /const \{ JWT_SECRET, JWT_EXPIRES_IN \} = loadEnvironment\(\);/);
    assert.match(module, /secret: JWT_SECRET,\n {6}signOptions: \{ algorithm: 'HS256', expiresIn: JWT_EXPIRES_IN \},/);
    assert.doesNotMatch(module, /JWT_SECRET \?\?/);
    assert.match(module, /exports: \[JwtModule, MemberGuard\]/);
    assert.match(auth.get('src/auth/password.ts')!, /const current = \(\): Cost => \(\{ N: 2 \*\* loadEnvironment\(\)\.PASSWORD_HASH_COST, r: 8, p: 1 \}\);/);
  });

  it('auth for two actors: string ids, a non-email identifier, extra sign-up columns, and full paths when the prefixes differ', () => {
    const auth = renderAuth({ database: TWO_ACTORS.database, api: TWO_ACTORS.api, databaseId: 'sqlite' });
    const controller = auth.get('src/auth/auth.controller.ts')!;
    assert.match(controller, /@Controller\(\)/);
    assert.match(controller, /@Post\('auth\/signup'\)\n {2}signUpMember/);
    assert.match(controller, /@Post\('staff\/auth\/login'\)\n {2}@HttpCode\(200\)\n {2}logInAdmin/);
    const dto = auth.get('src/auth/auth.dto.ts')!;
    assert.match(dto, /export class SignUpAdminBody \{[^}]*@IsString\(\)\n {2}@MinLength\(1\)\n {2}@MaxLength\(100\)\n {2}username: string;/);
    assert.match(dto, /@IsInt\(\)\n {2}@Min\(-2147483648\)\n {2}@Max\(2147483647\)\n {2}level: number;/, 'an Int column takes Int values only');
    assert.doesNotMatch(dto, /ValidateIf|IsOptional/, 'sign-up columns are required');
    const guards = auth.get('src/auth/guards.ts')!;
    assert.match(guards, /if \(typeof sub !== 'string' \|\| sub === '' \|\| typeof username !== 'string'\) throw/, 'a uuid id is a non-empty string');
    assert.match(guards, /prisma\.staffMember\.findUnique\(\{ where: \{ id: sub \}, select: \{ id: true \} \}\)/);
    assert.match(dto, /export interface AdminToken \{[^}]*id: string;\n\}/);
    const service = auth.get('src/auth/auth.service.ts')!;
    assert.match(service, /this\.prisma\.staffMember\.create\(\{\n {8}data: \{\n {10}username: body\.username,\n {10}secret: await hashPassword\(body\.password\),\n {10}displayName: body\.displayName,\n {10}level: body\.level,/);
    assert.match(service, /throw new ConflictException\('Username or display name already registered'\)/);
    assert.match(auth.get('src/auth/sessions.ts')!, /export interface AdminSession \{\n {2}actor: 'admin';\n {2}id: string;\n {2}username: string;\n\}/);
    assert.match(auth.get('src/auth/sessions.ts')!, /export type Session = MemberSession \| AdminSession;/);
    assert.match(auth.get('src/auth/sessions.ts')!, /export type AuthenticatedRequest = Request & \{ caller\?: Session \};/);
    assert.match(auth.get('src/auth/auth.module.ts')!, /providers: \[AuthService, MemberGuard, AdminGuard\]/);
    const nonUnique: DatabaseArtifact = {
      ...TWO_ACTORS.database,
      models: TWO_ACTORS.database.models.map((model) => ({ ...model, fields: model.fields.map((field) => ({ ...field, unique: false })) })),
    };
    assert.match(renderAuth({ database: nonUnique, api: TWO_ACTORS.api, databaseId: 'sqlite' }).get('src/auth/auth.service.ts')!, /staffMember\.findFirst\(\{ where: \{ username: body\.username \} \}\)/);
  });
});

describe('deployment files of the generated backend', () => {
  it('a Dockerfile that builds, prunes dev dependencies and starts by applying the migrations; compose with PostgreSQL or a SQLite volume', () => {
    const postgres = renderDeployFiles('postgresql', true);
    const dockerfile = postgres.get('Dockerfile')!;
    assert.match(dockerfile, /RUN npm run build && npm prune --omit=dev/);
    assert.match(dockerfile, /ENV NODE_ENV=production/);
    assert.match(dockerfile, /USER node/);
    assert.match(dockerfile, /\/health\/ready/);
    assert.match(dockerfile, /CMD \["sh", "-c", "node scripts\/db\.mjs deploy && exec node dist\/src\/main\.js"\]/);
    assert.doesNotMatch(dockerfile, /DATABASE_URL=file:/);
    const compose = postgres.get('compose.yaml')!;
    assert.match(compose, /image: postgres:17/);
    assert.match(compose, /condition: service_healthy/);
    assert.match(compose, /DATABASE_URL: postgresql:\/\/app:/);
    assert.match(compose, /JWT_SECRET: \$\{JWT_SECRET:\?/);
    assert.match(compose, /"127\.0\.0\.1:3000:3000"/);
    const sqlite = renderDeployFiles('sqlite', false);
    assert.match(sqlite.get('Dockerfile')!, /DATABASE_URL=file:\/data\/app\.db/);
    assert.match(sqlite.get('compose.yaml')!, /- data:\/data/);
    assert.doesNotMatch(sqlite.get('compose.yaml')!, /JWT_SECRET|image: postgres/);
  });
});
