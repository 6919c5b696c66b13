// Runs an extension's integration suite inside a real VS Code extension host, offline: a private
// code-server (scripts/install-code-server.sh puts it in .vscode-test/code-server) serves VS Code, and
// Debian's headless Chromium, driven by playwright-core, opens the workbench with the extension under
// development and its test suite in the URL payload. The suite's output arrives through
// codeAutomationLog and its result through codeAutomationExit.
//
//   node test/runner/code-server.mjs --extension <abs ext folder> --tests <abs suite module exporting run()>
//        --workspace <abs folder to open> [--timeout-ms N] [--screenshot <png path>]
//
// Exit code: the suite's (0 = all passed), or 2 when the run itself failed (code-server or the browser
// did not start or died, the page crashed, the time ran out).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { format, parseArgs } from 'node:util';

const CHROMIUM = '/usr/bin/chromium';
// Workbench log lines that say nothing about the suite; they are kept for the failure diagnostics only.
const WORKBENCH_NOISE = [
  /^Resolv(ing|ed) connection token /,
  /^Creating a socket \(renderer-/,
  /^Updating additional builtin extensions cache$/,
  /^\[Service Worker\] registered$/,
  /^ChatSessionStore: /,
  /ECONNREFUSED 127\.0\.0\.1:9\b/, // the disabled extension gallery (EXTENSIONS_GALLERY below)
];
const RUN_FAILED = 2;
const root = resolve(import.meta.dirname, '../..');
const installDir = join(root, '.vscode-test/code-server');
const entry = join(installDir, 'node_modules/code-server/out/node/entry.js');

// ── arguments ────────────────────────────────────────────────────────────────────────────────────
let options;
try {
  ({ values: options } = parseArgs({
    options: {
      extension: { type: 'string' },
      tests: { type: 'string' },
      workspace: { type: 'string' },
      'timeout-ms': { type: 'string', default: String(5 * 60_000) },
      screenshot: { type: 'string' },
    },
  }));
} catch (error) {
  usage(error.message);
}
for (const name of ['extension', 'tests', 'workspace']) {
  if (!options[name]) usage(`--${name} is required`);
  if (!isAbsolute(options[name])) usage(`--${name} must be an absolute path: ${options[name]}`);
  if (!existsSync(options[name])) usage(`--${name} does not exist: ${options[name]}`);
}
if (!statSync(options.workspace).isDirectory()) usage(`--workspace must be a folder: ${options.workspace}`);
const timeoutMs = Number(options['timeout-ms']);
if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) usage(`--timeout-ms must be a positive number`);
if (!existsSync(entry) || !existsSync(join(installDir, 'node_modules/playwright-core'))) {
  fail(`code-server is not installed in ${installDir}: run scripts/install-code-server.sh`);
}
if (!existsSync(CHROMIUM)) fail(`${CHROMIUM} is missing: apt-get install chromium (or run scripts/setup.sh)`);
const { chromium } = createRequire(join(installDir, 'package.json'))('playwright-core');

// ── state shared with cleanup ───────────────────────────────────────────────────────────────────
const started = Date.now();
const scratch = mkdtempSync(join(tmpdir(), 'code-server-run-'));
const dirs = Object.fromEntries(
  ['home', 'config', 'data', 'cache', 'state', 'runtime', 'tmp', 'user-data', 'extensions'].map((name) => {
    const path = join(scratch, name);
    mkdirSync(path, { mode: 0o700 });
    return [name, path];
  }),
);
const isolatedEnv = {
  HOME: dirs.home,
  XDG_CONFIG_HOME: dirs.config,
  XDG_DATA_HOME: dirs.data,
  XDG_CACHE_HOME: dirs.cache,
  XDG_STATE_HOME: dirs.state,
  XDG_RUNTIME_DIR: dirs.runtime,
  TMPDIR: dirs.tmp,
  // No marketplace: point the gallery at a closed loopback port so VS Code never looks up a public host.
  EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/items' }),
};
// playwright-core makes its own temp folders (Chromium profile, artifacts) under os.tmpdir().
process.env.TMPDIR = dirs.tmp;

const serverOutput = tailBuffer(80);
const browserOutput = tailBuffer(60);
let server;
let serverExited = false;
let browser;
let page;
let cleaningUp;

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    console.error(`code-server runner: ${signal} received, stopping`);
    finish(signal === 'SIGINT' ? 130 : 143, false);
  });
}

// ── run ──────────────────────────────────────────────────────────────────────────────────────────
try {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  await startServer(port);
  await waitForHealth(origin);
  const timings = [`code-server up ${seconds()} s`];

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    env: { ...process.env, ...isolatedEnv },
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  browser.on('disconnected', () => {
    if (!cleaningUp) runFailed('the browser exited unexpectedly');
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('crash', () => runFailed('the workbench page crashed'));
  page.on('pageerror', (error) => browserOutput.push(`[pageerror] ${error.stack ?? error.message}\n`));
  page.on('console', (message) => {
    // The workbench's own '%c INFO ...' console lines duplicate what codeAutomationLog receives.
    if (!message.text().startsWith('%c')) browserOutput.push(`[console.${message.type()}] ${message.text()}\n`);
  });

  // The workbench calls these when it runs extension tests: every log line, then the extension host's exit code.
  let resolveExit;
  const suiteDone = new Promise((resolvePromise) => (resolveExit = resolvePromise));
  await page.exposeFunction('codeAutomationLog', (type, args) => printLog(type, args));
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number.isInteger(code) ? code : RUN_FAILED));

  const remote = (path) => `vscode-remote://127.0.0.1:${port}${path}`;
  const payload = [
    ['extensionDevelopmentPath', remote(options.extension)],
    ['extensionTestsPath', remote(options.tests)],
  ];
  const url = `${origin}/?folder=${encodeURIComponent(options.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  timings.push(`page loaded ${seconds()} s`);

  let timer;
  const timedOut = new Promise((resolveTimeout) => {
    timer = setTimeout(resolveTimeout, Math.max(0, timeoutMs - (Date.now() - started)), 'timeout');
  });
  const code = await Promise.race([suiteDone, timedOut]);
  clearTimeout(timer);
  if (code === 'timeout') runFailed(`the suite did not finish within ${timeoutMs} ms`);
  else {
    console.log(`code-server runner: suite exited with code ${code} after ${seconds()} s (${timings.join(', ')})`);
    await finish(code, false);
  }
} catch (error) {
  runFailed(error instanceof Error ? (error.stack ?? error.message) : String(error));
}

// ── helpers ──────────────────────────────────────────────────────────────────────────────────────
function startServer(port) {
  // Nothing from a surrounding VS Code (VSCODE_IPC_HOOK_CLI would make code-server act as its CLI)
  // or from code-server's own configuration variables may leak in.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(VSCODE_|ELECTRON_)/.test(name) && !['PORT', 'PASSWORD', 'HASHED_PASSWORD', 'GITHUB_TOKEN', 'CS_DISABLE_FILE_DOWNLOADS'].includes(name),
    ),
  );
  // code-server 4.100.3 honours the test payload as is; nothing in it reads VSCODE_OPTIONS
  // (enable-smoke-test-driver), so it is not set.
  Object.assign(env, isolatedEnv);
  // Quieter, faster workbench: no Get Started walkthrough, no update or recommendation checks.
  mkdirSync(join(dirs['user-data'], 'User'));
  writeFileSync(
    join(dirs['user-data'], 'User/settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
      },
      null,
      2,
    ),
  );
  const config = join(scratch, 'config.yaml');
  writeFileSync(config, '');
  const args = [
    entry,
    '--config', config,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', dirs['user-data'],
    '--extensions-dir', dirs.extensions,
  ];
  // Own process group, so that cleanup also reaches the extension host and pty host it forks.
  server = spawn(process.execPath, args, { cwd: dirs.home, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout.on('data', (chunk) => serverOutput.push(chunk.toString()));
  server.stderr.on('data', (chunk) => serverOutput.push(chunk.toString()));
  server.on('exit', (code, signal) => {
    serverExited = true;
    if (!cleaningUp) runFailed(`code-server exited unexpectedly (${signal ?? `code ${code}`})`);
  });
  return new Promise((resolveSpawn, rejectSpawn) => {
    server.once('spawn', resolveSpawn);
    server.once('error', rejectSpawn);
  });
}

async function waitForHealth(origin) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (serverExited) throw new Error('code-server exited before it answered');
    try {
      const response = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((wake) => setTimeout(wake, 100));
  }
  throw new Error(`code-server did not answer ${origin}/healthz within 60 s`);
}

function freePort() {
  return new Promise((resolvePort, rejectPort) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', rejectPort);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

/**
 * codeAutomationLog receives every workbench log entry, the extension host's console output among them,
 * as console arguments: a format string first (mocha's reporter uses '%d passing (%s)' and the like),
 * then its values. Formatting them like console.log did gives back the suite's lines.
 */
function printLog(type, args) {
  const text = format(...(Array.isArray(args) ? args : [args]));
  if (WORKBENCH_NOISE.some((pattern) => pattern.test(text))) {
    browserOutput.push(`[log.${type}] ${text}\n`);
    return;
  }
  process.stdout.write(`${text.replace(/\n$/, '')}\n`);
}

function runFailed(message) {
  if (cleaningUp) return;
  console.error(`code-server runner: ${message}`);
  finish(RUN_FAILED, true);
}

/** Screenshot (if asked), close the browser, kill code-server's process group, remove the scratch folder, exit. */
function finish(code, showDiagnostics) {
  if (cleaningUp) return cleaningUp;
  cleaningUp = (async () => {
    const hardStop = setTimeout(() => {
      killServer('SIGKILL');
      rmSync(scratch, { recursive: true, force: true });
      process.exit(code);
    }, 15_000);
    if (options.screenshot && page && !page.isClosed()) {
      try {
        mkdirSync(dirname(resolve(options.screenshot)), { recursive: true });
        await page.screenshot({ path: options.screenshot, timeout: 5_000 });
        console.error(`code-server runner: screenshot saved to ${options.screenshot}`);
      } catch (error) {
        console.error(`code-server runner: no screenshot: ${error.message}`);
      }
    }
    if (showDiagnostics) {
      const serverLines = serverOutput.text();
      if (serverLines) console.error(`── code-server output (last lines) ──\n${serverLines}`);
      const browserLines = browserOutput.text();
      if (browserLines) console.error(`── browser console (last lines) ──\n${browserLines}`);
    }
    await browser?.close().catch(() => {});
    await stopServer();
    clearTimeout(hardStop);
    rmSync(scratch, { recursive: true, force: true });
    process.exit(code);
  })();
  return cleaningUp;
}

/** Stops code-server's whole process group, also when code-server itself already died and left children. */
async function stopServer() {
  if (!killServer('SIGTERM')) return;
  const deadline = Date.now() + 1_500;
  while (killServer(0) && Date.now() < deadline) await new Promise((wake) => setTimeout(wake, 50));
  killServer('SIGKILL');
}

/** Signals the group (server, extension host, pty host, file watcher); false once nothing is left in it. */
function killServer(signal) {
  if (!server?.pid) return false;
  try {
    process.kill(-server.pid, signal);
    return true;
  } catch {
    return false;
  }
}

function seconds() {
  return ((Date.now() - started) / 1000).toFixed(1);
}

function usage(message) {
  console.error(`code-server runner: ${message}`);
  console.error(
    'usage: node test/runner/code-server.mjs --extension <abs ext folder> --tests <abs suite module> --workspace <abs folder> [--timeout-ms N] [--screenshot <png>]',
  );
  process.exit(RUN_FAILED);
}

function fail(message) {
  console.error(`code-server runner: ${message}`);
  process.exit(RUN_FAILED);
}

/** Keeps the last `limit` lines written to it. */
function tailBuffer(limit) {
  const lines = [];
  let partial = '';
  return {
    push(text) {
      const parts = (partial + text).split('\n');
      partial = parts.pop();
      lines.push(...parts);
      if (lines.length > limit) lines.splice(0, lines.length - limit);
    },
    text() {
      return [...lines, partial].filter(Boolean).join('\n');
    },
  };
}
