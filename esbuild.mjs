// Bundles the extension (Node, CommonJS), the engine (compilers, pipeline, phases: loaded lazily by the extension),
// Diagnose's connection checks (loaded lazily too), the CLI, the worker thread that formats generated files, and the
// sidebar webview (browser), and copies the files libraries look up on disk next to them.
//   node esbuild.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { embedTemplates, watchTemplates } from './scripts/embed-templates.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const require = createRequire(import.meta.url);
const outdir = 'dist';

/**
 * Each bundle's esbuild options, by name. Exported so test/unit/bundle.test.ts builds the production extension
 * exactly as this script does and holds it to its size budget.
 */
export function bundles({ production, outdir }) {
  const common = {
    bundle: true,
    minify: production,
    sourcemap: production ? false : 'linked',
    sourcesContent: false,
    logLevel: 'warning',
    legalComments: 'none',
  };
  const node = {
    ...common,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  };
  return {
    extension: { ...node, entryPoints: { extension: 'src/extension.ts' }, outdir },
    engine: { ...node, entryPoints: { engine: 'src/core/engine.ts' }, outdir },
    // Diagnose's connection checks, loaded on first use without the engine (src/engine/doctor.ts).
    doctor: { ...node, entryPoints: { doctor: 'src/engine/doctor.ts' }, outdir },
    // The worker thread that formats generated files (src/core/project/formatting.ts), found beside the engine and CLI.
    formatWorker: { ...node, entryPoints: { formatWorker: 'src/core/project/formatWorker.ts' }, outdir },
    cli: { ...node, entryPoints: { cli: 'src/cli/strata.ts' }, outdir, banner: { js: '#!/usr/bin/env node' } },
    sidebar: { ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: { sidebar: 'webview/sidebar.ts' }, outdir: join(outdir, 'webview') },
  };
}

/** Files that bundled libraries read relative to their own `__dirname`, which becomes `dist/`. */
function copyRuntimeFiles() {
  const prismaWasm = require.resolve('@prisma/prisma-schema-wasm/src/prisma_schema_build_bg.wasm', {
    paths: [dirname(require.resolve('@prisma/internals'))],
  });
  copyFileSync(prismaWasm, join(outdir, 'prisma_schema_build_bg.wasm'));
  // The schema engine that writes migrations (src/core/compilers/schemaDiff.ts) looks for its .wasm beside the bundle.
  copyFileSync(join(dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')), 'schema_engine_bg.wasm'), join(outdir, 'schema_engine_bg.wasm'));
  const tsLib = dirname(require.resolve('typescript'));
  for (const file of readdirSync(tsLib)) {
    if (/^lib\..*\.d\.ts$/.test(file) || file === 'lib.d.ts') copyFileSync(join(tsLib, file), join(outdir, file));
  }
}

function report() {
  const size = (file) => statSync(join(outdir, file)).size;
  const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
  const libs = readdirSync(outdir).filter((file) => file.startsWith('lib.')).reduce((sum, file) => sum + size(file), 0);
  console.log(
    `esbuild: extension.js ${kb(size('extension.js'))}, engine.js ${kb(size('engine.js'))}, doctor.js ${kb(size('doctor.js'))}, ` +
      `webview/sidebar.js ${kb(size('webview/sidebar.js'))}, Prisma WASM ${kb(size('prisma_schema_build_bg.wasm'))} + ${kb(size('schema_engine_bg.wasm'))}, ` +
      `TypeScript libs ${kb(libs)}${production ? ' (production)' : ''}`,
  );
}

// Imported (by the bundle test) it only lends its options; run, it builds.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const builds = Object.values(bundles({ production, outdir }));
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(join(outdir, 'webview'), { recursive: true });
  copyRuntimeFiles();
  // The engine imports the generated files' templates from a module written from templates/ (printer/templates.ts).
  embedTemplates();
  if (watch) {
    watchTemplates();
    const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
    await Promise.all(contexts.map((context) => context.watch()));
    console.log('esbuild: watching for changes…');
  } else {
    await Promise.all(builds.map((options) => esbuild.build(options)));
    report();
  }
}
