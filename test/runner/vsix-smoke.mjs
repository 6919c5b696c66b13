// Smoke test of the packaged extension, the way a user meets it: builds the .vsix (npm run package),
// installs it with code-server's own CLI into a fresh extensions folder, checks what got installed,
// then starts code-server on that folder (no extensionDevelopmentPath: the installed copy is what runs),
// opens the workbench in Debian's headless Chromium (playwright-core), clicks the Strata activity-bar
// item and waits for the sidebar webview to render. Start-up, isolation and cleanup: code-server-harness.mjs.
//
//   node test/runner/vsix-smoke.mjs [--vsix <path>] [--screenshot <png path>] [--skip-package]
//
// Prints one line per check ("ok   <check>" / "FAIL <check>: reason") and mocha-style "  N passing" /
// "  N failing" lines, which scripts/test.mjs counts. Exit code: 0 all checks held, 1 a check failed,
// 2 the harness itself failed (code-server or the browser missing, not starting, dying, the time ran out).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createHarness, entry, freePort, HarnessError, missingTools, originalEnv, root } from './code-server-harness.mjs';

const EXTENSION_ID = 'strata-dev.strata';
const CONTAINER_TITLE = 'Strata';
const SIDEBAR_TEXT = 'New Backend';
const REQUIRED_FILES = [
  'package.json',
  'dist/extension.js',
  'dist/engine.js',
  'dist/doctor.js',
  'dist/prisma_schema_build_bg.wasm',
  'dist/webview/sidebar.js',
];
const ACTIVATION_FAILED = [/Extension activation failed/i, new RegExp(`Activating extension '${EXTENSION_ID.replace('.', '\\.')}' failed`, 'i')];
const WORKBENCH_TIMEOUT_MS = 60_000;
const SIDEBAR_TIMEOUT_MS = 60_000;
const OVERALL_TIMEOUT_MS = 4 * 60_000;
const CHECK_FAILED = 1;
const HARNESS_FAILED = 2;

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
const missing = missingTools();
if (missing) missingTool(missing);

const harness = createHarness({
  label: 'vsix-smoke',
  scratchPrefix: 'strata-vsix-smoke-',
  extraDirs: ['workspace'],
  onUnexpected: harnessFailed,
  onSignal: (code) => finish(code),
});
const { started, dirs } = harness;
const results = { passing: 0, failing: 0 };
const timings = [];
const activationLog = []; // console and server lines that report a failed activation
let page;

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
    { cwd: dirs.home, env: harness.serverEnv(), echo: false },
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
  await harness.waitForHealth(origin);
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

// ── processes ────────────────────────────────────────────────────────────────────────────────────
/**
 * Runs a command in its own process group (so cleanup reaches its children), collecting its output.
 * With echo, its output goes to stderr line by line, without npm's warnings and vsce's file tree.
 */
function runCommand(command, args, { cwd, env, echo }) {
  return new Promise((done, reject) => {
    const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    harness.children.add(child);
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
      harness.children.delete(child);
      reject(new HarnessError(`could not start ${command}: ${error.message}`));
    });
    child.once('close', (code, signal) => {
      harness.children.delete(child);
      if (echo && pending.trim()) process.stderr.write(`  | ${pending}\n`);
      done({ code: code ?? signal, output });
    });
  });
}

function startServer(port) {
  const onOutput = (text) => {
    if (ACTIVATION_FAILED.some((pattern) => pattern.test(text))) activationLog.push(text);
  };
  return harness
    .startServer(port, { onOutput })
    .catch((error) => {
      throw new HarnessError(`code-server did not start: ${error.message}`);
    });
}

async function openBrowser() {
  try {
    await harness.launchBrowser();
  } catch (error) {
    throw new HarnessError(`Chromium did not start: ${error.message}`);
  }
  page = await harness.newPage();
  page.on('console', (message) => {
    harness.browserOutput.push(`[console.${message.type()}] ${message.text()}\n`);
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
  if (harness.stopping) return;
  results.failing++;
  console.log(`FAIL harness: ${message.split('\n')[0]}`);
  if (message.includes('\n')) console.error(message);
  harness.printDiagnostics();
  finish(HARNESS_FAILED);
}

/** Screenshot (if asked), summary, close the browser, kill every process group started, remove the scratch folder, exit. */
function finish(code) {
  return harness.finish(code, async () => {
    if (screenshotPath) {
      // Away from the activity bar, so that its hover tooltip does not cover the sidebar.
      await harness.screenshot(screenshotPath, async (shown) => {
        await shown.mouse.move(800, 700);
        await shown.waitForTimeout(300);
      });
    }
    summary();
  });
}

// ── small helpers ────────────────────────────────────────────────────────────────────────────────
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

function missingTool(message) {
  console.error(`vsix-smoke: ${message}`);
  console.log('FAIL harness: ' + message);
  console.log('\n  0 passing\n  1 failing');
  process.exit(HARNESS_FAILED);
}
