// Smoke test of the packaged extension, the way a user meets it: builds the .vsix (npm run package),
// installs it with code-server's own CLI into a fresh extensions folder, checks what got installed,
// then starts code-server on that folder (no extensionDevelopmentPath: the installed copy is what runs),
// opens the workbench in Debian's headless Chromium (playwright-core), clicks the Strata activity-bar
// item and waits for the sidebar webview to render. Start-up and isolation follow code-server.mjs.
//
//   node test/runner/vsix-smoke.mjs [--vsix <path>] [--screenshot <png path>] [--skip-package]
//
// Prints one line per check ("ok   <check>" / "FAIL <check>: reason") and mocha-style "  N passing" /
// "  N failing" lines, which scripts/test.mjs counts. Exit code: 0 all checks held, 1 a check failed,
// 2 the harness itself failed (code-server or the browser missing, not starting, dying, the time ran out).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const CHROMIUM = '/usr/bin/chromium';
const EXTENSION_ID = 'strata-dev.strata';
const CONTAINER_TITLE = 'Strata';
const SIDEBAR_TEXT = 'New Backend';
const REQUIRED_FILES = [
  'package.json',
  'dist/extension.js',
  'dist/compilers.js',
  'dist/prisma_schema_build_bg.wasm',
  'dist/webview/sidebar.js',
];
const ACTIVATION_FAILED = [/Extension activation failed/i, new RegExp(`Activating extension '${EXTENSION_ID.replace('.', '\\.')}' failed`, 'i')];
const WORKBENCH_TIMEOUT_MS = 60_000;
const SIDEBAR_TIMEOUT_MS = 60_000;
const OVERALL_TIMEOUT_MS = 4 * 60_000;
const CHECK_FAILED = 1;
const HARNESS_FAILED = 2;
const root = resolve(import.meta.dirname, '../..');
const installDir = join(root, '.vscode-test/code-server');
const entry = join(installDir, 'node_modules/code-server/out/node/entry.js');
const originalEnv = { ...process.env };

// ── arguments ────────────────────────────────────────────────────────────────────────────────────
let options;
try {
  ({ values: options } = parseArgs({
    options: {
      vsix: { type: 'string', default: join(root, 'dist-vsix/strata.vsix') },
      screenshot: { type: 'string' },
      'skip-package': { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  usage(error.message);
}
const vsixPath = resolve(options.vsix);
const screenshotPath = options.screenshot ? resolve(options.screenshot) : undefined;
if (!existsSync(entry) || !existsSync(join(installDir, 'node_modules/playwright-core'))) {
  harness(`code-server is not installed in ${installDir}: run scripts/install-code-server.sh`);
}
if (!existsSync(CHROMIUM)) harness(`${CHROMIUM} is missing: apt-get install chromium (or run scripts/setup.sh)`);
const { chromium } = createRequire(join(installDir, 'package.json'))('playwright-core');

// ── state shared with cleanup ───────────────────────────────────────────────────────────────────
const started = Date.now();
const scratch = mkdtempSync(join(tmpdir(), 'strata-vsix-smoke-'));
const dirs = Object.fromEntries(
  ['home', 'config', 'data', 'cache', 'state', 'runtime', 'tmp', 'user-data', 'extensions', 'workspace'].map((name) => {
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

const results = { passing: 0, failing: 0 };
const timings = [];
const serverOutput = tailBuffer(80);
const browserOutput = tailBuffer(60);
const activationLog = []; // console and server lines that report a failed activation
const children = new Set(); // detached child processes (own process groups) still to be stopped
let server;
let serverExited = false;
let browser;
let page;
let cleaningUp;

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    console.error(`vsix-smoke: ${signal} received, stopping`);
    finish(signal === 'SIGINT' ? 130 : 143);
  });
}
const overallTimer = setTimeout(() => harnessFailed(`the smoke test did not finish within ${OVERALL_TIMEOUT_MS / 1000} s`), OVERALL_TIMEOUT_MS);
overallTimer.unref();

// ── run ──────────────────────────────────────────────────────────────────────────────────────────
try {
  await main();
  await finish(results.failing ? CHECK_FAILED : 0);
} catch (error) {
  if (error instanceof HarnessError) harnessFailed(error.message);
  else harnessFailed(error instanceof Error ? (error.stack ?? error.message) : String(error));
}

async function main() {
  // 1. package
  if (!options['skip-package']) {
    const t0 = Date.now();
    const { code, output } = await runCommand('npm', ['run', 'package', '--silent'], { cwd: root, env: originalEnv, echo: true });
    timings.push(`package ${since(t0)} s`);
    if (code !== 0) {
      check('npm run package', `exited with ${code}: ${lastMeaningfulLine(output)}`);
      return;
    }
    if (!check('npm run package', existsSync(vsixPath) ? null : `finished but wrote no ${relative(root, vsixPath)}`)) return;
  }
  if (!check(`vsix exists (${displayPath(vsixPath)})`, existsSync(vsixPath) && statSync(vsixPath).isFile() ? null : 'no such file')) return;

  // 2. install with code-server's CLI, then look at what landed on disk
  const t1 = Date.now();
  const install = await runCommand(
    process.execPath,
    [entry, '--install-extension', vsixPath, '--extensions-dir', dirs.extensions, '--user-data-dir', dirs['user-data']],
    { cwd: dirs.home, env: serverEnv(), echo: false },
  );
  timings.push(`install ${since(t1)} s`);
  const installedMessage = /Extension '.*' was successfully installed/.test(install.output);
  if (
    !check(
      'code-server --install-extension',
      install.code === 0 && installedMessage ? null : `exit ${install.code}: ${lastMeaningfulLine(install.output) || 'no output'}`,
    )
  ) {
    return;
  }
  const installed = readdirSync(dirs.extensions).filter((name) => name.startsWith(`${EXTENSION_ID}-`));
  if (!check(`installed folder ${EXTENSION_ID}-<version>`, installed.length === 1 ? null : `found ${JSON.stringify(readdirSync(dirs.extensions))}`)) return;
  const extensionDir = join(dirs.extensions, installed[0]);
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8'));
  } catch (error) {
    manifest = undefined;
    check('installed package.json readable', error.message);
  }
  if (manifest) {
    const expected = `${manifest.publisher}.${manifest.name}-${manifest.version}`;
    check(`installed folder is ${installed[0]}`, expected === installed[0] ? null : `its package.json says ${expected}`);
  }
  const missing = REQUIRED_FILES.filter((file) => !existsSync(join(extensionDir, file)));
  check(`installed extension holds ${REQUIRED_FILES.join(', ')}`, missing.length ? `missing ${missing.join(', ')}` : null);
  const files = walk(extensionDir);
  const unwanted = files.filter(
    (file) =>
      /(^|\/)(src|test|node_modules)(\/|$)/.test(file) || (file.endsWith('.ts') && !file.endsWith('.d.ts')) || file.endsWith('.map'),
  );
  const libs = files.filter((file) => /^dist\/.*lib\.[^/]*\.d\.ts$/.test(file)).length;
  check(
    `installed extension has no src/, test/, node_modules/, *.ts (but *.d.ts), *.map (${files.length} files, ${libs} TypeScript lib.*.d.ts)`,
    unwanted.length ? `found ${unwanted.slice(0, 8).join(', ')}${unwanted.length > 8 ? ` and ${unwanted.length - 8} more` : ''}` : null,
  );

  // 3. code-server on that extensions folder, the workbench in headless Chromium
  const t2 = Date.now();
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  await startServer(port);
  await waitForHealth(origin);
  timings.push(`code-server up ${since(t2)} s`);
  await openBrowser();
  await page.goto(`${origin}/?folder=${encodeURIComponent(dirs.workspace)}`, { waitUntil: 'domcontentloaded' });
  try {
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: WORKBENCH_TIMEOUT_MS });
  } catch {
    throw new HarnessError(`the workbench did not show its activity bar within ${WORKBENCH_TIMEOUT_MS / 1000} s`);
  }
  timings.push(`workbench ${since(t2)} s`);

  // The view container's activity-bar entry: its aria-label is the container title (VS Code may append a keybinding).
  const item = page.locator(
    `.activitybar .action-item[aria-label="${CONTAINER_TITLE}"], .activitybar .action-item:has(> a.action-label[aria-label="${CONTAINER_TITLE}"])`,
  );
  let found = false;
  try {
    await item.first().waitFor({ state: 'visible', timeout: 20_000 });
    found = true;
  } catch {
    const labels = await page
      .locator('.activitybar .action-item')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('aria-label') ?? node.querySelector('a')?.getAttribute('aria-label')))
      .catch(() => []);
    check(`activity bar shows "${CONTAINER_TITLE}"`, `not there; items: ${JSON.stringify(labels)}`);
  }
  if (found) {
    check(`activity bar shows "${CONTAINER_TITLE}"`, null);
    await item.first().click();
    const t3 = Date.now();
    const text = await waitForFrameText(SIDEBAR_TEXT, SIDEBAR_TIMEOUT_MS);
    if (text) timings.push(`sidebar text ${since(t3)} s after the click, ${since(t2)} s after code-server start`);
    check(
      `sidebar webview shows "${SIDEBAR_TEXT}"`,
      text ? null : `no frame showed it within ${SIDEBAR_TIMEOUT_MS / 1000} s; sidebar says: ${JSON.stringify(await sidebarText())}`,
    );
    if (text) {
      const expected = ['Select Model', 'Analyze', 'Database'];
      const absent = expected.filter((word) => !text.includes(word));
      check(`sidebar webview shows ${expected.map((word) => `"${word}"`).join(', ')}`, absent.length ? `missing ${absent.join(', ')} in ${JSON.stringify(text.slice(0, 300))}` : null);
    }
  }
  // A failed activation shows a notification toast (and lands in the notification centre); the extension
  // host also logs it, in the browser console and in the logs under the user-data folder.
  await page.waitForTimeout(500);
  const notifications = await page
    .locator('.notifications-toasts .notification-list-item, .notifications-center .notification-list-item')
    .evaluateAll((nodes) => nodes.map((node) => node.textContent ?? ''))
    .catch(() => []);
  const logs = join(dirs['user-data'], 'logs');
  const logged = (existsSync(logs) ? walk(logs) : [])
    .filter((file) => file.endsWith('.log'))
    .flatMap((file) => readFileSync(join(logs, file), 'utf8').split('\n'));
  const activationFailure = [...notifications, ...activationLog, ...logged].find((line) => ACTIVATION_FAILED.some((pattern) => pattern.test(line)));
  check('no extension activation failure', activationFailure ? activationFailure.replace(/\s+/g, ' ').trim().slice(0, 300) : null);
}

// ── checks and output ────────────────────────────────────────────────────────────────────────────
/** Records one check: failure is a reason string, or null/undefined when it held. Returns whether it held. */
function check(name, failure) {
  if (failure) {
    results.failing++;
    console.log(`FAIL ${name}: ${failure}`);
    return false;
  }
  results.passing++;
  console.log(`ok   ${name}`);
  return true;
}

function summary() {
  console.log(`vsix-smoke: ${timings.length ? timings.join(', ') : 'no timings'}; total ${since(started)} s`);
  console.log('');
  console.log(`  ${results.passing} passing`);
  if (results.failing) console.log(`  ${results.failing} failing`);
}

class HarnessError extends Error {}

// ── processes ────────────────────────────────────────────────────────────────────────────────────
/** The environment code-server (server and CLI) runs in: isolated, nothing from a surrounding VS Code. */
function serverEnv() {
  const env = Object.fromEntries(
    Object.entries(originalEnv).filter(
      ([name]) =>
        !/^(VSCODE_|ELECTRON_)/.test(name) && !['PORT', 'PASSWORD', 'HASHED_PASSWORD', 'GITHUB_TOKEN', 'CS_DISABLE_FILE_DOWNLOADS'].includes(name),
    ),
  );
  return Object.assign(env, isolatedEnv);
}

/**
 * Runs a command in its own process group (so cleanup reaches its children), collecting its output.
 * With echo, its output goes to stderr line by line, without npm's warnings and vsce's file tree.
 */
function runCommand(command, args, { cwd, env, echo }) {
  return new Promise((done, reject) => {
    const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let output = '';
    let pending = '';
    let skipTreeRoot = false;
    const take = (chunk) => {
      const text = chunk.toString();
      output += text;
      if (!echo) return;
      const lines = (pending + text).split('\n');
      pending = lines.pop();
      for (const line of lines) {
        // vsce lists the packaged files as a tree under the .vsix name.
        if (/Files included in the VSIX:/.test(line)) skipTreeRoot = true;
        else if (skipTreeRoot && /\.vsix\s*$/.test(line)) {
          skipTreeRoot = false;
          continue;
        }
        if (/^\s*$|^npm warn |^\s*[├└│]|^=> Run vsce ls|Files included in the VSIX:/.test(line)) continue;
        process.stderr.write(`  | ${line}\n`);
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.once('error', (error) => {
      children.delete(child);
      reject(new HarnessError(`could not start ${command}: ${error.message}`));
    });
    child.once('close', (code, signal) => {
      children.delete(child);
      if (echo && pending.trim()) process.stderr.write(`  | ${pending}\n`);
      done({ code: code ?? signal, output });
    });
  });
}

function startServer(port) {
  // Quieter, faster workbench: no Get Started walkthrough, no update or recommendation checks.
  mkdirSync(join(dirs['user-data'], 'User'), { recursive: true });
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
  server = spawn(process.execPath, args, { cwd: dirs.home, env: serverEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const take = (chunk) => {
    serverOutput.push(chunk.toString());
    if (ACTIVATION_FAILED.some((pattern) => pattern.test(chunk.toString()))) activationLog.push(chunk.toString());
  };
  server.stdout.on('data', take);
  server.stderr.on('data', take);
  server.on('exit', (code, signal) => {
    serverExited = true;
    if (!cleaningUp) harnessFailed(`code-server exited unexpectedly (${signal ?? `code ${code}`})`);
  });
  return new Promise((resolveSpawn, rejectSpawn) => {
    server.once('spawn', resolveSpawn);
    server.once('error', (error) => rejectSpawn(new HarnessError(`code-server did not start: ${error.message}`)));
  });
}

async function waitForHealth(origin) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (serverExited) throw new HarnessError('code-server exited before it answered');
    try {
      const response = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((wake) => setTimeout(wake, 100));
  }
  throw new HarnessError(`code-server did not answer ${origin}/healthz within 60 s`);
}

async function openBrowser() {
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      env: { ...originalEnv, ...isolatedEnv },
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
  } catch (error) {
    throw new HarnessError(`Chromium did not start: ${error.message}`);
  }
  browser.on('disconnected', () => {
    if (!cleaningUp) harnessFailed('the browser exited unexpectedly');
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('crash', () => harnessFailed('the workbench page crashed'));
  page.on('pageerror', (error) => browserOutput.push(`[pageerror] ${error.stack ?? error.message}\n`));
  page.on('console', (message) => {
    browserOutput.push(`[console.${message.type()}] ${message.text()}\n`);
    if (ACTIVATION_FAILED.some((pattern) => pattern.test(message.text()))) activationLog.push(message.text());
  });
}

/** Webviews are nested iframes (outer host frame, inner #active-frame): polls every frame's text for `needle`. */
async function waitForFrameText(needle, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const text = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
      if (text.includes(needle)) return text;
    }
    await page.waitForTimeout(250);
  }
  return undefined;
}

/** What the sidebar pane shows when the webview did not render: a message, or the frames' text. */
async function sidebarText() {
  const pane = await page
    .locator('.part.sidebar')
    .innerText({ timeout: 2_000 })
    .catch(() => '');
  const frames = [];
  for (const frame of page.frames()) {
    // The web worker extension host's iframe holds only its bootstrap script.
    if (frame === page.mainFrame() || /webWorkerExtensionHostIframe/.test(frame.url())) continue;
    const text = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
    if (text.trim()) frames.push(text.trim());
  }
  return `${pane.trim()}${frames.length ? ` | frames: ${frames.join(' | ')}` : ''}`.replace(/\s+/g, ' ').slice(0, 400);
}

// ── cleanup ──────────────────────────────────────────────────────────────────────────────────────
function harnessFailed(message) {
  if (cleaningUp) return;
  results.failing++;
  console.log(`FAIL harness: ${message.split('\n')[0]}`);
  if (message.includes('\n')) console.error(message);
  const serverLines = serverOutput.text();
  if (serverLines) console.error(`── code-server output (last lines) ──\n${serverLines}`);
  const browserLines = browserOutput.text();
  if (browserLines) console.error(`── browser console (last lines) ──\n${browserLines}`);
  finish(HARNESS_FAILED);
}

/** Screenshot (if asked), summary, close the browser, kill every process group started, remove the scratch folder, exit. */
function finish(code) {
  if (cleaningUp) return cleaningUp;
  cleaningUp = (async () => {
    const hardStop = setTimeout(() => {
      killGroups('SIGKILL');
      rmSync(scratch, { recursive: true, force: true });
      process.exit(code);
    }, 15_000);
    if (screenshotPath && page && !page.isClosed()) {
      try {
        // Away from the activity bar, so that its hover tooltip does not cover the sidebar.
        await page.mouse.move(800, 700);
        await page.waitForTimeout(300);
        mkdirSync(dirname(screenshotPath), { recursive: true });
        await page.screenshot({ path: screenshotPath, timeout: 5_000 });
        console.error(`vsix-smoke: screenshot saved to ${screenshotPath}`);
      } catch (error) {
        console.error(`vsix-smoke: no screenshot: ${error.message}`);
      }
    }
    summary();
    await browser?.close().catch(() => {});
    if (killGroups('SIGTERM')) {
      const deadline = Date.now() + 1_500;
      while (killGroups(0) && Date.now() < deadline) await new Promise((wake) => setTimeout(wake, 50));
      killGroups('SIGKILL');
    }
    clearTimeout(hardStop);
    rmSync(scratch, { recursive: true, force: true });
    process.exit(code);
  })();
  return cleaningUp;
}

/** Signals the process groups of code-server and of any command still running; false once none is left. */
function killGroups(signal) {
  let alive = false;
  for (const child of [server, ...children]) {
    if (!child?.pid) continue;
    try {
      process.kill(-child.pid, signal);
      alive = true;
    } catch {
      // group gone
    }
  }
  return alive;
}

// ── small helpers ────────────────────────────────────────────────────────────────────────────────
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

/** Every file under `dir`, as paths relative to it with forward slashes. */
function walk(dir, base = dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return [`${relative(base, path)}/`, ...walk(path, base)];
    return [relative(base, path)];
  });
}

function lastMeaningfulLine(output) {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !/^npm (warn|error)\b|^>/.test(line));
  const error = lines.findLast((line) => /error/i.test(line));
  return (error ?? lines.at(-1) ?? '').slice(0, 400);
}

function displayPath(path) {
  const rel = relative(root, path);
  return rel.startsWith('..') ? path : rel;
}

function since(t0) {
  return ((Date.now() - t0) / 1000).toFixed(1);
}

function usage(message) {
  console.error(`vsix-smoke: ${message}`);
  console.error('usage: node test/runner/vsix-smoke.mjs [--vsix <path>] [--screenshot <png>] [--skip-package]');
  process.exit(HARNESS_FAILED);
}

function harness(message) {
  console.error(`vsix-smoke: ${message}`);
  console.log('FAIL harness: ' + message);
  console.log('\n  0 passing\n  1 failing');
  process.exit(HARNESS_FAILED);
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
    lines() {
      return partial ? [...lines, partial] : [...lines];
    },
    text() {
      return [...lines, partial].filter(Boolean).join('\n');
    },
  };
}
