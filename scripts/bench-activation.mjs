// Measures Strata's activation in a real VS Code (code-server + headless Chromium) and its bundle
// sizes, and prints them. Needs `npm run setup` once.   node scripts/bench-activation.mjs [--runs N]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;

// Measure what users install: the production (minified) bundles. The suite itself comes from `out/`.
for (const [command, args] of [['npm', ['run', 'compile', '--silent']], [process.execPath, ['esbuild.mjs', '--production']]]) {
  const step = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (step.status !== 0) process.exit(step.status ?? 1);
}

const samples = [];
for (let i = 0; i < runs; i++) {
  const workspace = mkdtempSync(join(tmpdir(), 'strata-bench-'));
  try {
    const started = Date.now();
    const result = spawnSync(process.execPath, [
      'test/runner/code-server.mjs',
      '--extension', root,
      '--tests', join(root, 'out/test/bench/activationSuite.js'),
      '--workspace', workspace,
    ], { cwd: root, encoding: 'utf8' });
    const file = join(workspace, '.strata-bench.json');
    if (result.status !== 0 || !existsSync(file)) {
      console.error(result.stdout, result.stderr);
      throw new Error(`benchmark run ${i + 1} failed (exit ${result.status})`);
    }
    samples.push({ ...JSON.parse(readFileSync(file, 'utf8')), harnessSeconds: (Date.now() - started) / 1000 });
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

const median = (key) => {
  const values = samples.map((sample) => sample[key]).sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)];
};
const size = (file) => statSync(join(root, file)).size;
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const distTotal = (folder) =>
  readdirSync(folder, { withFileTypes: true }).reduce(
    (sum, entry) => sum + (entry.isDirectory() ? distTotal(join(folder, entry.name)) : entry.name.endsWith('.map') ? 0 : statSync(join(folder, entry.name)).size),
    0,
  );

// Each run as measured, so the spread (the machine may be shared) can be read beside the medians.
console.log('\nruns: activate() / body / sidebar / first Prisma check, ms');
samples.forEach((sample, i) =>
  console.log(`  ${i + 1}: ${[sample.activateMs, sample.insideActivateMs, sample.sidebarMs, sample.firstSchemaCheckMs].map((ms) => ms.toFixed(1)).join(' / ')}`),
);
console.log(`\nStrata activation benchmark (VS Code in code-server, ${runs} run(s), medians)`);
console.log(`  activate() as seen by the caller   ${median('activateMs').toFixed(1)} ms`);
console.log(`  activate() body (inside extension) ${median('insideActivateMs').toFixed(1)} ms`);
console.log(`  sidebar open to first render       ${median('sidebarMs').toFixed(1)} ms`);
console.log(`  first Prisma check (loads engine)   ${median('firstSchemaCheckMs').toFixed(1)} ms`);
console.log(`  harness run (server + browser + VS Code) ${median('harnessSeconds').toFixed(1)} s`);
console.log('Bundle sizes (production build)');
console.log(`  dist/extension.js        ${kib(size('dist/extension.js'))}   (loaded at activation)`);
console.log(`  dist/webview/sidebar.js  ${kib(size('dist/webview/sidebar.js'))}`);
console.log(`  dist/engine.js           ${kib(size('dist/engine.js'))}   (loaded on first check or run)`);
console.log(`  dist/ total              ${kib(distTotal(join(root, 'dist')))}`);
if (existsSync(join(root, 'dist-vsix/strata.vsix'))) console.log(`  dist-vsix/strata.vsix    ${kib(size('dist-vsix/strata.vsix'))}`);
