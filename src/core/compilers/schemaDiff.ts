import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum, type SqlDriverAdapter, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { DatabaseId } from '../config/settings';
import type { SchemaFile } from './prismaSchema';

/**
 * The SQL that takes a database from one Prisma schema to another, from Prisma's own schema engine (its
 * WebAssembly build), without any database: a diff of two datamodels needs none. The engine is started
 * over an adapter that has no database behind it; on PostgreSQL it first asks whether the schema exists
 * and which version the server runs, and is told yes and 16. Empty text when nothing changes.
 */
export async function schemaDiffSql(database: DatabaseId, from: readonly SchemaFile[] | 'empty', to: readonly SchemaFile[]): Promise<string> {
  const runtime = await engineRuntime();
  const adapter = bindMigrationAwareSqlAdapterFactory(noDatabase(database === 'postgresql' ? 'postgres' : 'sqlite'));
  const datamodels = to.map((file) => [file.path, file.content]);
  const engine = await runtime.SchemaEngine.new({ datamodels }, () => undefined, adapter);
  try {
    const files = (schema: readonly SchemaFile[]) => schema.map((file) => ({ path: file.path, content: file.content }));
    const { stdout } = await engine.diff({
      from: from === 'empty' ? { tag: 'empty' } : { tag: 'schemaDatamodel', files: files(from) },
      to: { tag: 'schemaDatamodel', files: files(to) },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    const sql = stdout ?? '';
    return /^-- This is an empty migration\.?\s*$/.test(sql.trim()) ? '' : sql;
  } finally {
    engine.free();
  }
}

/** What Strata uses of the engine's glue module (an ES module, so its own types cannot be imported here). */
interface EngineRuntime {
  SchemaEngine: {
    new: (options: unknown, log: () => void, adapter: unknown) => Promise<{ diff(params: unknown): Promise<{ stdout?: string | null }>; free(): void }>;
  };
  __wbg_set_wasm(exports: unknown): void;
}

interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

let loaded: Promise<EngineRuntime> | undefined;

/** The engine's JavaScript glue with its WebAssembly instantiated once per process (its main entry would need --experimental-wasm-modules). */
function engineRuntime(): Promise<EngineRuntime> {
  loaded ??= (async () => {
    const runtime = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as unknown as EngineRuntime;
    // Bundled, the .wasm is copied beside the bundle (esbuild.mjs); from the compiled sources, it is in node_modules.
    const beside = join(__dirname, 'schema_engine_bg.wasm');
    // Named by a variable: bundled, this line never runs, and esbuild need not resolve it.
    const glue = '@prisma/schema-engine-wasm/schema_engine_bg';
    const wasm = existsSync(beside) ? beside : join(dirname(require.resolve(glue)), 'schema_engine_bg.wasm');
    const { Module, Instance } = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
    const instance = new Instance(new Module(readFileSync(wasm)), { './schema_engine_bg.js': runtime });
    runtime.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return runtime;
  })();
  return loaded;
}

/** An adapter with no database behind it: the engine's start-up probe is answered, anything else does nothing. */
function noDatabase(provider: 'postgres' | 'sqlite'): SqlMigrationAwareDriverAdapterFactory {
  const connection = (): SqlDriverAdapter => ({
    provider,
    adapterName: 'strata-no-database',
    async queryRaw(query) {
      if (provider === 'postgres' && /version\(\)/.test(query.sql)) {
        return { columnNames: ['exists', 'version', 'numeric_version'], columnTypes: [ColumnTypeEnum.Boolean, ColumnTypeEnum.Text, ColumnTypeEnum.Int32], rows: [[true, 'PostgreSQL 16.4', 160004]] };
      }
      return { columnNames: [], columnTypes: [], rows: [] };
    },
    async executeRaw() {
      return 0;
    },
    async executeScript() {},
    async startTransaction() {
      throw new Error('a schema diff needs no transaction');
    },
    getConnectionInfo: () => ({ supportsRelationJoins: false, ...(provider === 'postgres' ? { schemaName: 'public' } : {}) }),
    async dispose() {},
  });
  return { provider, adapterName: 'strata-no-database', connect: async () => connection(), connectToShadowDb: async () => connection() };
}
