// Offline replacement for `prisma db push` / `prisma migrate dev|deploy`.
// Drives @prisma/schema-engine-wasm through the SQLite driver adapter, so no
// native schema-engine binary (which Prisma downloads from the internet) is needed.
//
//   node scripts/db.mjs push              # sync DB with prisma/schema/*.prisma (db push)
//   node scripts/db.mjs migrate <name>    # write prisma/migrations/<ts>_<name>/migration.sql from the diff
//                                         # between existing migrations and the schema, then apply it
//   node scripts/db.mjs deploy            # apply pending migrations (migrate deploy)
import fs from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { PrismaLibSql } from '@prisma/adapter-libsql';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';

const root = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '..');
const schemaDir = path.join(root, 'prisma', 'schema');
const migrationsDir = path.join(root, 'prisma', 'migrations');
const url = process.env.DATABASE_URL ?? 'file:./dev.db';
const filters = { externalTables: [], externalEnums: [] };

async function loadSchemaFiles() {
  const names = (await fs.readdir(schemaDir)).filter((f) => f.endsWith('.prisma')).sort();
  return Promise.all(
    names.map(async (n) => ({ path: path.join(schemaDir, n), content: await fs.readFile(path.join(schemaDir, n), 'utf8') })),
  );
}

// Same plumbing as prisma/packages/migrate wasmSchemaEngineLoader: the package's main entry
// imports the .wasm as an ES module (needs --experimental-wasm-modules), so instantiate by hand.
async function loadEngine(files) {
  const require = createRequire(import.meta.url);
  const runtime = await import('@prisma/schema-engine-wasm/schema_engine_bg');
  const wasmPath = path.join(path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')), 'schema_engine_bg.wasm');
  const module = new WebAssembly.Module(await fs.readFile(wasmPath));
  const instance = new WebAssembly.Instance(module, { './schema_engine_bg.js': runtime });
  runtime.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  const factory = new PrismaLibSql({ url });
  // The engine replays old migrations on the shadow DB with executeRaw(wholeMigrationFile):
  // better-sqlite3 rejects that ("contains more than one statement") and libsql silently runs
  // only part of it (diff then re-emits the whole schema). Route multi-statement SQL to executeScript.
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connectToShadowDb = async () => {
    const shadow = await connectToShadowDb();
    const executeRaw = shadow.executeRaw.bind(shadow);
    shadow.executeRaw = async (q) => {
      if (q.args.length === 0 && /;\s*\S/.test(q.sql)) return shadow.executeScript(q.sql).then(() => 0);
      return executeRaw(q);
    };
    return shadow;
  };
  adapter = bindMigrationAwareSqlAdapterFactory(factory);
  const debug = process.env.DEBUG_SCHEMA_ENGINE ? (m) => console.error(m) : () => {};
  return runtime.SchemaEngine.new({ datamodels: files.map((f) => [f.path, f.content]) }, debug, adapter);
}

async function loadMigrations() {
  const entries = await fs.readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const lockPath = path.join(migrationsDir, 'migration_lock.toml');
  return {
    baseDir: migrationsDir,
    lockfile: { path: 'migration_lock.toml', content: await fs.readFile(lockPath, 'utf8').catch(() => null) },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      dirs.map(async (d) => {
        const content = await fs.readFile(path.join(migrationsDir, d, 'migration.sql'), 'utf8').then(
          (value) => ({ tag: 'ok', value }),
          (e) => ({ tag: 'error', value: String(e) }),
        );
        return { path: d, migrationFile: { path: 'migration.sql', content } };
      }),
    ),
  };
}

let adapter;
function fail(e) {
  let msg = typeof e === 'object' && e && 'message' in e ? e.message : String(e);
  // driver errors come back as "External error id#N": look the real one up
  msg = msg.replace(/External error id#(\d+)/g, (m, id) => {
    const rec = adapter?.errorRegistry.consumeError(Number(id));
    return rec ? `${m}: ${rec.error?.stack ?? JSON.stringify(rec.error)}` : m;
  });
  console.error(msg);
  process.exit(1);
}

const [cmd = 'push', name = 'migration'] = process.argv.slice(2);
const files = await loadSchemaFiles();
const engine = await loadEngine(files).catch(fail);
try {
  if (cmd === 'push') {
    const r = await engine.schemaPush({ force: process.argv.includes('--force'), schema: { files }, filters });
    if (r.unexecutable.length || (r.warnings.length && !process.argv.includes('--force'))) {
      fail([...r.unexecutable, ...r.warnings].join('\n') + '\n(re-run with --force to accept data loss)');
    }
    console.log(`db push: ${r.executedSteps} step(s) executed on ${url}`);
  } else if (cmd === 'migrate') {
    const migrationsList = await loadMigrations();
    const { stdout } = await engine.diff({
      // the engine needs migration_lock.toml to read a migrations dir; start from empty the first time
      from: migrationsList.migrationDirectories.length ? { tag: 'migrations', ...migrationsList } : { tag: 'empty' },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: null,
      filters,
    });
    if (!stdout || /^-- This is an empty migration\.?\s*$/.test(stdout.trim())) {
      console.log('schema unchanged: no new migration');
    } else {
      const ts = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
      const dir = path.join(migrationsDir, `${ts}_${name.replace(/\W+/g, '_')}`);
      await fs.mkdir(dir, { recursive: true });
      await fs.writeFile(path.join(dir, 'migration.sql'), stdout);
      await fs.writeFile(
        path.join(migrationsDir, 'migration_lock.toml'),
        '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "sqlite"\n',
      );
      console.log(`created ${path.relative(root, dir)}/migration.sql`);
    }
    const r = await engine.applyMigrations({ migrationsList: await loadMigrations(), filters });
    console.log(`applied: ${r.appliedMigrationNames.join(', ') || 'none'}`);
  } else if (cmd === 'deploy') {
    const r = await engine.applyMigrations({ migrationsList: await loadMigrations(), filters });
    console.log(`applied: ${r.appliedMigrationNames.join(', ') || 'none (up to date)'}`);
  } else {
    fail(`unknown command ${cmd}`);
  }
} catch (e) {
  fail(e);
} finally {
  engine.free();
}
// After a schema change the wasm engine leaves a ~60 s timer pending (the process would
// idle for a minute before exiting), so exit explicitly.
process.exit(0);
