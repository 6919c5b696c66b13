import { EDITOR_CONFIG_FILE, PRETTIER_CONFIG_FILE, PRETTIER_VERSION } from '../../../project/codeStyle';
import { describeGrants } from '../../../interface/access';
import { allAuthRoutes } from '../../../interface/auth';
import { dtoHomes, modulesOf } from '../../../interface/modules';
import { moduleRefusals } from '../../../interface/validateRefusals';
import { ACCOUNT_PASSWORD_ENV } from '../auth/accounts';
import { hasCollector } from '../module/collectors';
import { derivedSlots } from '../../../interface/modules';
import { hasTransformer } from '../module/transformers';
import { databaseAdapter, TEST_DATABASE_URL_ENV } from './adapter';
import { TEST_CLOCK_HEADER, TEST_CLOCK_ROUTE, TEST_CLOCK_SECRET_ENV } from './clock';
import type { ScaffoldInput } from './scaffold';
import { REQUIREMENTS_DIR } from '../../../names/generated';

/** README.md: what the service is, how to run it, its configuration, its API and where its code lives. */
export function renderReadme(input: ScaffoldInput, title: string): string {
  const sqlite = input.databaseId === 'sqlite';
  const hasAuth = input.api.authentication.length > 0;
  const lines = [`# ${title}`, ''];
  if (input.analysis?.summary) lines.push(input.analysis.summary.trim(), '');
  if (input.analysis) lines.push(`The requirements it implements are in [${REQUIREMENTS_DIR}/](${REQUIREMENTS_DIR}/00-overview.md).`, '');

  lines.push(
    '## Run it',
    '',
    sqlite
      ? 'Needs Node.js 22 or 24 (20.19 still works, but is past its end of life and some dependencies warn); the SQLite database is a file.'
      : 'Needs Node.js 22 or 24 (20.19 still works, but is past its end of life and some dependencies warn) and a PostgreSQL server that `DATABASE_URL` points to.',
    '',
    '```sh',
    'npm install',
    'npm run build   # an empty dist/, prisma generate, tsc to dist/, then a check that openapi.json describes the code',
    'npm start       # creates or updates the tables, then serves http://127.0.0.1:3000',
    'npm run format  # prettier with .prettierrc, the layout every generated file has (format:check only checks)',
    sqlite
      ? 'npm test        # builds, then runs the end-to-end tests in test/ against a fresh database'
      : `${TEST_DATABASE_URL_ENV}=postgresql://postgres:postgres@localhost:5432/postgres npm test   # builds, then runs the end-to-end tests in test/`,
    '```',
    '',
    ...(sqlite
      ? []
      : [
          `The tests create a database of their own for each test server on the PostgreSQL server of \`${TEST_DATABASE_URL_ENV}\` and drop it afterwards; the database named there is not touched (\`docker run --rm -d -p 5432:5432 -e POSTGRES_PASSWORD=postgres postgres:17\` gives one).`,
          '',
        ]),
    '## Configuration',
    '',
    '| variable | default | meaning |',
    '|---|---|---|',
    '| `PORT` | `3000` | port to listen on |',
    '| `HOST` | `127.0.0.1` | address to listen on (`0.0.0.0` for every interface) |',
    `| \`DATABASE_URL\` | \`${databaseAdapter(input.databaseId).defaultUrl}\` | ${sqlite ? 'SQLite file (relative to the working directory)' : 'PostgreSQL connection string'} |`,
  );
  lines.push('| `NODE_ENV` | `development` | `development`, `production` or `test`; anything else stops the start |');
  if (hasAuth) {
    lines.push(
      '| `JWT_SECRET` | random per process | key signing the bearer tokens: 32 characters or more, no white space, at least 10 different characters. Required when `NODE_ENV=production`; elsewhere, unset, tokens stop working when the server restarts |',
      '| `JWT_EXPIRES_IN` | `12h` | token lifetime: a whole number of `s`, `m`, `h` or `d` |',
      '| `THROTTLE_AUTH_LIMIT` | `10` | sign-up and login attempts one client may make per route per `THROTTLE_TTL_SECONDS`; then 429 with `Retry-After` |',
    );
  }
  lines.push(
    '| `THROTTLE_LIMIT` | `300` | requests one client may make to one route per `THROTTLE_TTL_SECONDS`; then 429 with `Retry-After` |',
    '| `THROTTLE_TTL_SECONDS` | `60` | the throttle window |',
    '| `BODY_LIMIT_KB` | `100` | largest JSON body (413 above it); bodies nested deeper than 32 levels, or with NUL or lone surrogates in text, are 400 |',
    '| `SWAGGER` | `on`, `off` in production | `/docs` and `/openapi.json` |',
    '| `TRUST_PROXY` | unset | the proxies in front (`1`, `loopback`, …: Express `trust proxy`), so throttling sees client addresses |',
    '| `LOG_REQUESTS` | `on` | one log line per request: method, path, status, time, request id (`x-request-id`, taken from the request when well-formed); in production every log line is a JSON object |',
  );
  lines.push(
    `| \`${TEST_CLOCK_SECRET_ENV}\` | unset | only with \`NODE_ENV=test\`: opens \`PUT ${TEST_CLOCK_ROUTE}\` (\`{ "now": "<ISO 8601>" }\`, this secret in \`${TEST_CLOCK_HEADER}\`), which sets the clock the services read; \`npm test\` sets both for each run. In any other environment the route does not exist |`,
  );
  lines.push('', 'The environment is checked when the server starts (`src/config/environment.ts`): a value out of range stops it with every problem listed.', '');
  lines.push(...productionSection(input), ...firstAccountsSection(input), ...apiSection(input), ...layoutSection(input), ...schemaSection(sqlite), ...styleSection());
  return lines.join('\n');
}

function productionSection(input: ScaffoldInput): string[] {
  const sqlite = input.databaseId === 'sqlite';
  const hasAuth = input.api.authentication.length > 0;
  return [
    '## Production',
    '',
    '- Set `NODE_ENV=production`' + (hasAuth ? ' and `JWT_SECRET` (e.g. `openssl rand -base64 48`): the server refuses to start without it, or with a weak one' : '') + '. Swagger UI and `/openapi.json` are then off unless `SWAGGER=on`.',
    sqlite
      ? '- `DATABASE_URL` is a SQLite file: keep it on a persistent disk and run one server process per file. For several processes or hosts, generate the project for PostgreSQL (the database setting `postgresql`).'
      : '- `DATABASE_URL` points to PostgreSQL; `npm start` creates or updates the tables first (`npm run db:deploy` when you keep migrations).',
    '- Behind a reverse proxy or load balancer: terminate TLS there (the server sends HSTS), listen with `HOST=0.0.0.0` on a private network, and set `TRUST_PROXY` (e.g. `1` for one proxy hop) so the throttle and the request log see client addresses rather than the proxy\'s.',
    '- Several instances: each counts its own throttle (in memory), so a client gets the limits once per instance; put a shared store behind `@nestjs/throttler` (its `storage` option, e.g. Redis) or limit at the proxy.',
    '- Health: `GET /health` answers while the process runs (liveness); `GET /health/ready` answers 200 once the database answers too, 503 otherwise (readiness). Neither needs a token or is throttled.',
    '- Stopping: on SIGTERM or SIGINT the server answers the requests in flight (each on a connection that then closes), closes idle connections at once and exits, so a rolling deploy drops no request.',
    '- Logs: one line per request (method, path without the query string, status, time, `x-request-id`), never headers or bodies; pass `x-request-id` from the proxy to follow a request through.',
    ...(hasAuth ? ['- Passwords are hashed with scrypt at N=2^17, r=8, p=1 (128 MiB and a few hundred milliseconds of CPU per login): size the memory for the logins you expect at once. Hashes made at another cost are re-hashed at the next login.'] : []),
    '- `npm run soak -- --seconds 60` puts the built server under mixed load (lists, creates, logins) on 127.0.0.1 and fails on any 5xx, growing open files or (from 20 s on) rising memory; `npm test` runs a 6 s form.',
    `- Docker: \`docker compose up --build\` builds the \`Dockerfile\` and starts the backend on http://127.0.0.1:3000${sqlite ? ' with its SQLite file on a volume' : ' with PostgreSQL beside it'}${hasAuth ? '; set \`JWT_SECRET\` first' : ''}. These files follow Docker's documentation but were not run where this project was generated (no Docker there).`,
    '',
  ];
}

function apiSection(input: ScaffoldInput): string[] {
  const guest = input.analysis?.actors.find((actor) => actor.kind === 'guest')?.name ?? 'guest';
  const rows: string[] = [];
  const auth = allAuthRoutes(input.api.authentication, input.database);
  for (const routes of auth) {
    if (routes.signup) rows.push(`| POST | \`${routes.signup.path}\` | ${guest} | Sign up as a ${routes.spec.actor}; answers a bearer token. |`);
    if (routes.group[0]?.actor === routes.spec.actor) {
      rows.push(`| POST | \`${routes.login.path}\` | ${guest} | Log in as a ${routes.group.map((spec) => spec.actor).join(' or ')}; answers a bearer token. |`);
    }
  }
  for (const operation of input.api.operations) {
    rows.push(`| ${operation.method} | \`${operation.path}\` | ${cell(describeGrants(input.api, operation, input.analysis?.actors))} | ${cell(operation.summary)} |`);
  }
  const lines = [
    '## API',
    '',
    'The OpenAPI 3.1 document (`openapi.json`) is served at `/openapi.json`, with an interactive page at `/docs`.',
    '',
  ];
  for (const routes of auth) {
    const from = routes.signup ? `\`POST ${routes.signup.path}\` or \`POST ${routes.login.path}\`` : `\`POST ${routes.login.path}\` (accounts are made by staff or by \`npm run create-account\`)`;
    lines.push(`Routes for ${routes.spec.actor} need \`Authorization: Bearer <accessToken>\`, with the token from ${from}.`);
  }
  if (input.api.authentication.length > 0) lines.push('');
  lines.push('| method | path | who may call it | summary |', '|---|---|---|---|', ...rows, '');
  return lines;
}

/** Actors nobody signs up as get their first account from the project's script: how, for a new installation. */
function firstAccountsSection(input: ScaffoldInput): string[] {
  const auth = allAuthRoutes(input.api.authentication, input.database).filter((routes) => !routes.signup);
  if (auth.length === 0) return [];
  const example = auth[0]!;
  const flags = example.fields.map((property) => `--${property.name} ${property.format === 'email' ? 'ann@example.com' : `'…'`}`).join(' ');
  return [
    '## First accounts',
    '',
    `Nobody signs up as ${auth.map((routes) => routes.spec.actor).join(' or ')}: those accounts are made by staff through the API, and the very first one of a new installation with the create-account script, against the database of \`DATABASE_URL\`. The password comes from \`${ACCOUNT_PASSWORD_ENV}\`, never from a flag (flags stay in shell history); there is no default account or password.`,
    '',
    '```sh',
    `${ACCOUNT_PASSWORD_ENV}='a long secret' npm run create-account -- ${example.spec.actor} ${flags}`,
    '```',
    '',
    `Actors: ${auth.map((routes) => `\`${routes.spec.actor}\` (${routes.fields.map((property) => `--${property.name}`).join(' ')})`).join(', ')}. The script is \`src/scripts/create-account.ts\`.`,
    '',
  ];
}

function layoutSection(input: ScaffoldInput): string[] {
  const lines = [
    '## Layout',
    '',
    '| path | holds |',
    '|---|---|',
    '| `src/main.ts` | start-up: checks the environment, then listens on `PORT`/`HOST` |',
    '| `src/app.ts` | the application: security headers (helmet), body limits, validation, request log, `/openapi.json` and `/docs` |',
    '| `src/app.module.ts` | the feature modules the app is made of, the configuration, the throttle and the global access guard |',
    '| `src/config/environment.ts` | the configuration and its checks |',
    '| `src/common/access.ts` | `@Public()` and `AccessGuard`: a route that is not public must name its actors with `@UseGuards(<Actor>Guard)`, or it answers 403 |',
    '| `src/health/health.controller.ts` | `GET /health` (liveness) and `GET /health/ready` (the database answers; 503 otherwise) |',
    '| `src/prisma/` | `PrismaService`, the database client every service uses; its adapter makes text filters (`contains`, `startsWith`, `endsWith`) match `%`, `_` and `\\` literally |',
    '| `scripts/check-openapi.mjs` | run by `npm run build`: fails when `openapi.json` and the compiled routes, statuses, bodies or queries disagree |',
    '| `src/common/clock.ts` | `Clock`: the time every service reads (`this.clock.now()`); the tests set it |',
  ];
  if (input.api.authentication.length > 0) {
    lines.push('| `src/auth/` | sign-up and login, password hashing, tokens, guards and `@Current<Actor>()` sessions |');
  }
  const homes = dtoHomes(input.api);
  for (const module of modulesOf(input.api)) {
    const operations = input.api.operations.filter((operation) => operation.module === module).map((operation) => `\`${operation.id}\``);
    // Only the files the module has: the renderers' own tests decide (a module may have no collector).
    const homed = input.api.dtos.filter((dto) => homes.get(dto.name) === module);
    lines.push(
      `| \`src/${module}/${module}.controller.ts\` | routes of ${module}: ${operations.join(', ')} |`,
      `| \`src/${module}/${module}.service.ts\` | the business logic of each of these operations |`,
      ...(homed.length ? [`| \`src/${module}/${module}.dto.ts\` | request and response types, with their validation rules |`] : []),
      ...(homed.some(hasCollector) ? [`| \`src/${module}/${module}.collectors.ts\` | request body -> data written with Prisma |`] : []),
      ...(homed.some(hasTransformer) ? [`| \`src/${module}/${module}.transformers.ts\` | what is read with Prisma (\`select\`) -> response |`] : []),
      ...(derivedSlots(input.api, module).length ? [`| \`src/${module}/${module}.derived.ts\` | the computed response values, from the row and the clock's time |`] : []),
      ...(moduleRefusals(input.api.operations, module).length ? [`| \`src/${module}/${module}.exceptions.ts\` | the refusals of its rules, one exception class each |`] : []),
    );
  }
  lines.push(
    '| `prisma/schema/` | the data model (`schema.prisma` holds the generator and datasource) |',
    '| `scripts/db.mjs` | creates and migrates the tables (see below) |',
    '| `test/` | end-to-end tests: each starts the built server against a fresh database |',
    '',
  );
  return lines;
}

function schemaSection(sqlite: boolean): string[] {
  return [
    '## Database schema',
    '',
    '`npm start` runs `npm run db:deploy` first, which applies the migrations in `prisma/migrations/` the database has not had yet. Strata writes them: the first with the project, and one with each feature step that changes the schema. After changing `prisma/schema/*.prisma` yourself:',
    '',
    '```sh',
    'npm run db:migrate -- <name>   # writes prisma/migrations/<timestamp>_<name>/migration.sql and applies it',
    '```',
    '',
    `For a quick experiment on a throwaway database, \`npm run db:push\` makes it match the schema without a migration. A database is either pushed or migrated, not both: go back to migrations with ${sqlite ? 'a new database file' : 'an empty database'}.`,
    '',
    "Prisma's native schema engine is not needed: these scripts drive its WebAssembly build (`@prisma/schema-engine-wasm`), so nothing beyond `npm install` is downloaded. With internet access the standard Prisma commands (`npx prisma db push`, `npx prisma migrate dev`, `npx prisma studio`) work as usual.",
    '',
  ];
}

function styleSection(): string[] {
  return [
    '## Code style',
    '',
    `Every generated TypeScript, JavaScript, JSON, Markdown and YAML file is formatted by prettier ${PRETTIER_VERSION} with \`${PRETTIER_CONFIG_FILE}\` (\`${EDITOR_CONFIG_FILE}\` tells editors the same), and the Prisma schemas are as \`prisma format\` writes them, so format-on-save changes nothing. A generated file that is only reformatted, with these options or others, still counts as generated when the project is generated again; a change to its code counts as an edit of your own and is not overwritten without asking.`,
    '',
  ];
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}
