// What code-server.mjs and vsix-smoke.mjs share: a private code-server (scripts/install-code-server.sh
// puts it in .vscode-test/code-server) in isolated temp folders, Debian's headless Chromium driven by
// playwright-core, and a cleanup that leaves no process group or temp folder behind, also on signals.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const CHROMIUM = '/usr/bin/chromium';
export const root = resolve(import.meta.dirname, '../..');
export const installDir = join(root, '.vscode-test/code-server');
export const entry = join(installDir, 'node_modules/code-server/out/node/entry.js');
// Taken before createHarness points TMPDIR into the scratch folder.
export const originalEnv = { ...process.env };

/** A failure of the run itself rather than of what it tests; its stack starts with "Error:" like any other. */
export class HarnessError extends Error {}

/** Why nothing can run (code-server or Chromium missing), or undefined. */
export function missingTools() {
  if (!existsSync(entry) || !existsSync(join(installDir, 'node_modules/playwright-core'))) {
    return `code-server is not installed in ${installDir}: run scripts/install-code-server.sh`;
  }
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is missing: apt-get install chromium (or run scripts/setup.sh)`;
  return undefined;
}

export function freePort() {
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

/** Keeps the last `limit` lines written to it. */
export function tailBuffer(limit) {
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

/**
 * Sets up one run: loads playwright-core, makes the scratch folders, installs the signal handlers.
 *   label        prefix of the harness's own messages
 *   scratchPrefix  name prefix of the temp folder
 *   extraDirs    more folders to make in it (besides home, XDG, tmp, user-data, extensions)
 *   onUnexpected(message)  code-server, the browser or the page died while not cleaning up
 *   onSignal(exitCode)     SIGINT (130) / SIGTERM, SIGHUP (143) arrived; should end in finish()
 */
export function createHarness({ label, scratchPrefix, extraDirs = [], onUnexpected, onSignal }) {
  const { chromium } = createRequire(join(installDir, 'package.json'))('playwright-core');
  const started = Date.now();
  const scratch = mkdtempSync(join(tmpdir(), scratchPrefix));
  const dirs = Object.fromEntries(
    ['home', 'config', 'data', 'cache', 'state', 'runtime', 'tmp', 'user-data', 'extensions', ...extraDirs].map((name) => {
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
  const children = new Set(); // detached child processes (own process groups) still to be stopped, besides the server
  let server;
  let serverExited = false;
  let browser;
  let page;
  let cleaningUp;

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      console.error(`${label}: ${signal} received, stopping`);
      onSignal(signal === 'SIGINT' ? 130 : 143);
    });
  }

  /** The environment code-server (server and CLI) runs in: isolated, nothing from a surrounding VS Code. */
  function serverEnv() {
    // VSCODE_IPC_HOOK_CLI would make code-server act as its CLI; its own configuration variables must not leak in either.
    const env = Object.fromEntries(
      Object.entries(originalEnv).filter(
        ([name]) =>
          !/^(VSCODE_|ELECTRON_)/.test(name) && !['PORT', 'PASSWORD', 'HASHED_PASSWORD', 'GITHUB_TOKEN', 'CS_DISABLE_FILE_DOWNLOADS'].includes(name),
      ),
    );
    // code-server 4.100.3 honours the test payload as is; nothing in it reads VSCODE_OPTIONS
    // (enable-smoke-test-driver), so it is not set.
    return Object.assign(env, isolatedEnv);
  }

  /** Starts code-server on `port`; resolves once spawned, rejects with the spawn error. onOutput sees every chunk. */
  function startServer(port, { onOutput } = {}) {
    // Quieter, faster workbench: no Get Started walkthrough, no update or recommendation checks.
    // recursive: code-server --install-extension may already have made User/.
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
      onOutput?.(chunk.toString());
    };
    server.stdout.on('data', take);
    server.stderr.on('data', take);
    server.on('exit', (code, signal) => {
      serverExited = true;
      if (!cleaningUp) onUnexpected(`code-server exited unexpectedly (${signal ?? `code ${code}`})`);
    });
    return new Promise((resolveSpawn, rejectSpawn) => {
      server.once('spawn', resolveSpawn);
      server.once('error', rejectSpawn);
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

  /** Launches headless Chromium; rejects with playwright's own error, which callers may reword. */
  async function launchBrowser() {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      env: { ...originalEnv, ...isolatedEnv },
      // Our signal handlers close the browser in order; playwright's would kill it first.
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
      if (!cleaningUp) onUnexpected('the browser exited unexpectedly');
    });
  }

  /** The workbench page; console messages are the caller's to handle. */
  async function newPage() {
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('crash', () => onUnexpected('the workbench page crashed'));
    page.on('pageerror', (error) => browserOutput.push(`[pageerror] ${error.stack ?? error.message}\n`));
    return page;
  }

  /** Saves a screenshot of the page if there still is one; `prepare(page)` runs first. Never throws. */
  async function screenshot(path, prepare) {
    if (!page || page.isClosed()) return;
    try {
      await prepare?.(page);
      mkdirSync(dirname(resolve(path)), { recursive: true });
      await page.screenshot({ path, timeout: 5_000 });
      console.error(`${label}: screenshot saved to ${path}`);
    } catch (error) {
      console.error(`${label}: no screenshot: ${error.message}`);
    }
  }

  function printDiagnostics() {
    const serverLines = serverOutput.text();
    if (serverLines) console.error(`── code-server output (last lines) ──\n${serverLines}`);
    const browserLines = browserOutput.text();
    if (browserLines) console.error(`── browser console (last lines) ──\n${browserLines}`);
  }

  /**
   * Runs `beforeStop` (screenshot, summary), closes the browser, stops every process group started,
   * removes the scratch folder and exits with `code`. Only the first call counts; a hard stop after
   * 15 s makes sure it exits even if something hangs.
   */
  function finish(code, beforeStop) {
    if (cleaningUp) return cleaningUp;
    cleaningUp = (async () => {
      const hardStop = setTimeout(() => {
        killGroups('SIGKILL');
        rmSync(scratch, { recursive: true, force: true });
        process.exit(code);
      }, 15_000);
      await beforeStop?.();
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

  /** Signals the process groups (code-server with its extension host, pty host, watcher; other commands); false once none is left. */
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

  return {
    started,
    dirs,
    children,
    serverOutput,
    browserOutput,
    get stopping() {
      return Boolean(cleaningUp);
    },
    serverEnv,
    startServer,
    waitForHealth,
    launchBrowser,
    newPage,
    screenshot,
    printDiagnostics,
    finish,
  };
}
