// Offline stand-in for `prisma db push` / `prisma migrate dev` / `prisma migrate deploy`.
// @strata sqlite
// Drives @prisma/schema-engine-wasm through the sqlite driver adapter, so the native schema-engine
// @strata end
// @strata postgresql
// Drives @prisma/schema-engine-wasm through the postgresql driver adapter, so the native schema-engine
// @strata end
// binary (which Prisma downloads from the internet) is not needed.
//
//   node scripts/db.mjs push [--force]    # make the database match prisma/schema/*.prisma
//   node scripts/db.mjs migrate <name>    # write prisma/migrations/<timestamp>_<name>/migration.sql from the
//                                         # difference between the migrations and the schema, then apply it
//   node scripts/db.mjs deploy            # apply pending migrations
// @strata postgresql
import { randomUUID } from 'node:crypto';
// @strata end
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// @strata sqlite
import { PrismaLibSql } from '@prisma/adapter-libsql';
// @strata end
// @strata postgresql
import { PrismaPg } from '@prisma/adapter-pg';
// @strata end
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const schemaDir = path.join(root, 'prisma', 'schema');
const migrationsDir = path.join(root, 'prisma', 'migrations');
// @strata sqlite
// @ts-expect-error: the template declares both databases' url; a project gets one. @strata template-only
const url = process.env.DATABASE_URL ?? 'file:./dev.db';
// @strata end
// @strata postgresql
// @ts-expect-error: the template declares both databases' url; a project gets one. @strata template-only
const url = process.env.DATABASE_URL ?? 'postgresql://postgres:postgres@localhost:5432/postgres';
// @strata end
const filters = { externalTables: [], externalEnums: [] };
let adapter;

async function loadSchemaFiles() {
  const names = (await fs.readdir(schemaDir)).filter((name) => name.endsWith('.prisma')).sort();
  return Promise.all(
    names.map(async (name) => ({ path: path.join(schemaDir, name), content: await fs.readFile(path.join(schemaDir, name), 'utf8') })),
  );
}

// @strata sqlite
function createFactory() {
  const factory = new PrismaLibSql({ url });
  // The engine replays earlier migrations on a shadow database with executeRaw(whole migration file), which
  // libsql runs only partly: multi-statement SQL without arguments goes to executeScript instead.
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connectToShadowDb = async () => {
    const shadow = await connectToShadowDb();
    const executeRaw = shadow.executeRaw.bind(shadow);
    shadow.executeRaw = async (query) =>
      query.args.length === 0 && /;\s*\S/.test(query.sql) ? shadow.executeScript(query.sql).then(() => 0) : executeRaw(query);
    return shadow;
  };
  return factory;
}

// @strata end
// @strata postgresql
// Postgres' internal "char" type (OID 18), returned by the catalog queries that describe a database, is
// refused by the adapter ("Column type 'char' could not be deserialized"); its values are text.
function readInternalCharAsText(connection) {
  const performIO = connection.performIO.bind(connection);
  connection.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result.fields) if (field.dataTypeID === 18) field.dataTypeID = 25;
    return result;
  };
  return connection;
}

function createFactory() {
  const factory = new PrismaPg({ connectionString: url });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => readInternalCharAsText(await connect());
  // The adapter's own shadow database is named next to the connection string, which wins, so migrations
  // would be replayed on the real database: reach the shadow database through a URL naming it.
  factory.connectToShadowDb = async () => {
    const main = await factory.connect();
    const name = `prisma_migrate_shadow_db_${randomUUID().replace(/-/g, '')}`;
    await main.executeScript(`CREATE DATABASE "${name}"`);
    const shadowUrl = new URL(url);
    shadowUrl.pathname = `/${name}`;
    const shadow = readInternalCharAsText(await new PrismaPg({ connectionString: shadowUrl.href }).connect());
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await main.executeScript(`DROP DATABASE "${name}"`);
      await main.dispose();
    };
    return shadow;
  };
  return factory;
}

// @strata end
// The package's main entry imports the .wasm as an ES module (needs --experimental-wasm-modules), so the
// engine is instantiated by hand, as Prisma's own CLI does.
async function loadEngine(files) {
  const require = createRequire(import.meta.url);
  const runtime = await import('@prisma/schema-engine-wasm/schema_engine_bg');
  const wasmPath = path.join(path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')), 'schema_engine_bg.wasm');
  const instance = new WebAssembly.Instance(new WebAssembly.Module(await fs.readFile(wasmPath)), { './schema_engine_bg.js': runtime });
  runtime.__wbg_set_wasm(instance.exports);
  // @ts-expect-error: TypeScript types a module's exports as any export, not as the function this one is. @strata template-only
  instance.exports.__wbindgen_start();

  adapter = bindMigrationAwareSqlAdapterFactory(createFactory());
  const debug = process.env.DEBUG_SCHEMA_ENGINE ? (message) => console.error(message) : () => {};
  return runtime.SchemaEngine.new({ datamodels: files.map((file) => [file.path, file.content]) }, debug, adapter);
}

async function loadMigrations() {
  const entries = await fs.readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  const folders = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  return {
    baseDir: migrationsDir,
    lockfile: { path: 'migration_lock.toml', content: await fs.readFile(path.join(migrationsDir, 'migration_lock.toml'), 'utf8').catch(() => null) },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      folders.map(async (folder) => {
        const content = await fs.readFile(path.join(migrationsDir, folder, 'migration.sql'), 'utf8').then(
          (value) => ({ tag: 'ok', value }),
          (error) => ({ tag: 'error', value: String(error) }),
        );
        return { path: folder, migrationFile: { path: 'migration.sql', content } };
      }),
    ),
  };
}

function fail(error) {
  const message = typeof error === 'object' && error && 'message' in error ? error.message : String(error);
  // Driver errors arrive as "External error id#N"; the adapter keeps the real one.
  console.error(
    message.replace(/External error id#(\d+)/g, (text, id) => {
      const record = adapter?.errorRegistry.consumeError(Number(id));
      return record ? `${text}: ${record.error?.stack ?? JSON.stringify(record.error)}` : text;
    }),
  );
  process.exit(1);
}

async function push(engine, files) {
  const force = process.argv.includes('--force');
  const result = await engine.schemaPush({ force, schema: { files }, filters });
  if (result.unexecutable.length > 0 || (result.warnings.length > 0 && !force)) {
    fail([...result.unexecutable, ...result.warnings].join('\n') + '\n(run again with --force to accept losing data)');
  }
  console.log(`db push: ${result.executedSteps} step(s) executed`);
}

async function migrate(engine, files, name) {
  const migrations = await loadMigrations();
  const { stdout } = await engine.diff({
    // Reading a migrations folder needs its migration_lock.toml: the first migration starts from empty.
    from: migrations.migrationDirectories.length > 0 ? { tag: 'migrations', ...migrations } : { tag: 'empty' },
    to: { tag: 'schemaDatamodel', files },
    script: true,
    exitCode: null,
    filters,
  });
  if (!stdout || /^-- This is an empty migration\.?\s*$/.test(stdout.trim())) {
    console.log('schema unchanged: no new migration');
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const folder = path.join(migrationsDir, `${stamp}_${name.replace(/\W+/g, '_')}`);
    await fs.mkdir(folder, { recursive: true });
    await fs.writeFile(path.join(folder, 'migration.sql'), stdout);
    await fs.writeFile(
      path.join(migrationsDir, 'migration_lock.toml'),
      // @strata sqlite
      '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "sqlite"\n',
      // @strata end
      // @strata postgresql
      // @ts-expect-error: the template passes both databases' lock file; a project gets one. @strata template-only
      '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
      // @strata end
    );
    console.log(`created ${path.relative(root, folder)}/migration.sql`);
  }
  await deploy(engine);
}

async function deploy(engine) {
  const result = await engine.applyMigrations({ migrationsList: await loadMigrations(), filters });
  console.log(`applied: ${result.appliedMigrationNames.join(', ') || 'none (up to date)'}`);
}

const [command = 'push', name = 'migration'] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const files = await loadSchemaFiles();
const engine = await loadEngine(files).catch(fail);
try {
  if (command === 'push') await push(engine, files);
  else if (command === 'migrate') await migrate(engine, files, name);
  else if (command === 'deploy') await deploy(engine);
  else fail(`unknown command "${command}": use push, migrate <name> or deploy`);
} catch (error) {
  fail(error);
} finally {
  // @ts-expect-error: fail() ends the process, which plain JavaScript does not declare. @strata template-only
  engine.free();
}
// After a schema change the engine leaves a timer pending that would keep the process alive for about a
// minute, so exit explicitly.
process.exit(0);
