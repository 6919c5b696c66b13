// The whole test suite: build, unit tests, generated backends (generate, npm install, build, their own
// E2E tests), the integration suite inside a real VS Code (code-server + headless Chromium), and the
// packaged .vsix installed into code-server. Exits non-zero on any failure.
//   node scripts/test.mjs [unit|faults|backend|integration|vsix ...]   (no argument: all stages)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const stages = {
  build: () => run('build', 'npm', ['run', 'build', '--silent']),
  unit: () => run('unit', join(root, 'node_modules/.bin/mocha'), ['--reporter', 'spec', '--node-option', 'expose-gc', 'out/test/unit/**/*.test.js']),
  // Fault injection on the real CLI: interrupts, kills, concurrent runs, a full disk, every write point.
  faults: () => run('faults', join(root, 'node_modules/.bin/mocha'), ['--reporter', 'spec', '--node-option', 'expose-gc', '--timeout', '600000', 'out/test/faults/**/*.test.js']),
  backend: () => run('backend', join(root, 'node_modules/.bin/mocha'), ['--reporter', 'spec', '--timeout', '600000', 'out/test/backend/**/*.test.js']),
  integration: () =>
    withWorkspace((workspace) =>
      run('integration', process.execPath, [
        'test/runner/code-server.mjs',
        '--extension', root,
        '--tests', join(root, 'out/test/integration/index.js'),
        '--workspace', workspace,
      ]),
    ),
  vsix: () => run('vsix', process.execPath, ['test/runner/vsix-smoke.mjs']),
};

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !(name in stages) || name === 'build');
if (unknown.length) {
  console.error(`test: unknown stage(s) ${unknown.join(', ')}; stages: unit, faults, backend, integration, vsix`);
  process.exit(2);
}
const order = ['build', ...(requested.length ? requested : ['unit', 'faults', 'backend', 'integration', 'vsix'])];

const totals = { passed: 0, failed: 0 };
const results = [];
for (const name of order) {
  const started = Date.now();
  const { code, passed, failed } = await stages[name]();
  totals.passed += passed;
  totals.failed += failed;
  results.push({ name, code, seconds: ((Date.now() - started) / 1000).toFixed(1) });
  if (name === 'build' && code !== 0) break;
}

console.log('\ntest stages:');
for (const { name, code, seconds } of results) console.log(`  ${code === 0 ? 'ok  ' : 'FAIL'} ${name} (${seconds} s)`);
const failedStages = results.filter((result) => result.code !== 0).length;
// A stage that fails without failing a test (a crash, a timeout) still counts as one failure.
console.log(`${totals.passed} passed, ${Math.max(totals.failed, failedStages)} failed`);
process.exit(failedStages ? 1 : 0);

/** Runs one stage, echoing its output and counting mocha's "N passing" / "N failing" lines. */
function run(name, command, args) {
  console.log(`\n── ${name} ──`);
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let passed = 0;
    let failed = 0;
    let pending = '';
    const scan = (chunk) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const line of lines) {
        const passing = /^\s*(\d+) passing\b/.exec(line);
        const failing = /^\s*(\d+) failing\b/.exec(line);
        if (passing) passed += Number(passing[1]);
        if (failing) failed += Number(failing[1]);
      }
    };
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      scan(chunk.toString());
    });
    child.stderr.on('data', (chunk) => process.stderr.write(chunk));
    child.on('error', (error) => {
      console.error(`test: could not start ${command}: ${error.message}`);
      done({ code: 1, passed, failed });
    });
    child.on('close', (code, signal) => {
      scan('\n');
      done({ code: code ?? (signal ? 1 : 0), passed, failed });
    });
  });
}

async function withWorkspace(body) {
  const workspace = mkdtempSync(join(tmpdir(), 'strata-it-workspace-'));
  try {
    return await body(workspace);
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}
