import type { DatabaseId } from '../../../config/settings';

/**
 * `Dockerfile`, `compose.yaml` and `.dockerignore`: the backend as a container, with PostgreSQL beside it
 * when the project's database is PostgreSQL, or its SQLite file on a volume. Written from Docker's and
 * PostgreSQL's documented images; no Docker runs on the machines Strata is tested on, so these files are
 * not exercised there (the README says so).
 */
/** `signsIn`: some actor has an account, so the compose file asks for JWT_SECRET. */
export function renderDeployFiles(databaseId: DatabaseId, signsIn: boolean): Map<string, string> {
  const compose = databaseId === 'postgresql' ? COMPOSE_POSTGRESQL : COMPOSE_SQLITE;
  return new Map([
    ['Dockerfile', renderDockerfile(databaseId)],
    ['compose.yaml', signsIn ? compose : compose.replace(SECRET_HINT, '').replace(SECRET_VARIABLE, '')],
    ['.dockerignore', DOCKERIGNORE],
  ]);
}

function renderDockerfile(databaseId: DatabaseId): string {
  const sqlite = databaseId === 'sqlite';
  return `# The backend in production: built in one stage, run without dev dependencies in the next.
# Not exercised where this project was generated (no Docker there); see README, "Production".
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json* ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:22-bookworm-slim
ENV NODE_ENV=production \\
    HOST=0.0.0.0 \\
    PORT=3000${sqlite ? ' \\\n    DATABASE_URL=file:/data/app.db' : ''}
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/scripts ./scripts
COPY --from=build /app/openapi.json ./
${sqlite ? '# The SQLite file lives on a volume, owned by the unprivileged user the server runs as.\nRUN mkdir /data && chown node:node /data\nVOLUME /data\n' : ''}USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \\
  CMD node -e "fetch('http://127.0.0.1:' + process.env.PORT + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# Tables first (offline schema engine), then the server as PID 1's only child, so SIGTERM reaches it.
CMD ["sh", "-c", "node scripts/db.mjs push && exec node dist/src/main.js"]
`;
}

const SECRET_HINT = `# Set JWT_SECRET (32+ characters) in the environment or a .env file first:
#   JWT_SECRET=$(openssl rand -base64 48) docker compose up --build
`;
const SECRET_VARIABLE = `      JWT_SECRET: \${JWT_SECRET:?set JWT_SECRET to 32 or more characters}
`;

const COMPOSE_POSTGRESQL = `# docker compose up --build: the backend on http://127.0.0.1:3000 with PostgreSQL beside it.
# Set JWT_SECRET (32+ characters) in the environment or a .env file first:
#   JWT_SECRET=$(openssl rand -base64 48) docker compose up --build
# Not exercised where this project was generated (no Docker there).
services:
  database:
    image: postgres:17
    environment:
      POSTGRES_USER: app
      POSTGRES_PASSWORD: \${POSTGRES_PASSWORD:-change-me}
      POSTGRES_DB: app
    volumes:
      - database:/var/lib/postgresql/data
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U app -d app"]
      interval: 5s
      timeout: 5s
      retries: 10

  backend:
    build: .
    depends_on:
      database:
        condition: service_healthy
    environment:
      DATABASE_URL: postgresql://app:\${POSTGRES_PASSWORD:-change-me}@database:5432/app
      JWT_SECRET: \${JWT_SECRET:?set JWT_SECRET to 32 or more characters}
      # Behind this one proxy hop (add yours), so the throttle sees client addresses.
      TRUST_PROXY: \${TRUST_PROXY:-}
    ports:
      - "127.0.0.1:3000:3000"

volumes:
  database:
`;

const COMPOSE_SQLITE = `# docker compose up --build: the backend on http://127.0.0.1:3000, its SQLite file on a volume.
# Set JWT_SECRET (32+ characters) in the environment or a .env file first:
#   JWT_SECRET=$(openssl rand -base64 48) docker compose up --build
# For PostgreSQL, generate the project with the database setting "postgresql": its compose.yaml runs
# PostgreSQL beside the backend. Not exercised where this project was generated (no Docker there).
services:
  backend:
    build: .
    environment:
      JWT_SECRET: \${JWT_SECRET:?set JWT_SECRET to 32 or more characters}
      TRUST_PROXY: \${TRUST_PROXY:-}
    volumes:
      - data:/data
    ports:
      - "127.0.0.1:3000:3000"

volumes:
  data:
`;

const DOCKERIGNORE = `node_modules
dist
*.db
*.db-journal
.strata
.git
`;
