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
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve, sep } from 'node:path';
import { format, parseArgs } from 'node:util';
import { createHarness, freePort, missingTools } from './code-server-harness.mjs';

// Workbench log lines that say nothing about the suite; they are kept for the failure diagnostics only.
const WORKBENCH_NOISE = [
  /^Resolv(ing|ed) connection token /,
  /^Creating a socket \(renderer-/,
  /^Updating additional builtin extensions cache$/,
  /^\[Service Worker\] registered$/,
  /^ChatSessionStore: /,
  /ECONNREFUSED 127\.0\.0\.1:9\b/, // the disabled extension gallery (EXTENSIONS_GALLERY in code-server-harness.mjs)
];
const RUN_FAILED = 2;
// A suite asks for a screenshot of the workbench by logging this line (test/integration/helpers.ts screenshot());
// the file appears once it is whole.
// Only paths under the extension's test-artifacts/ folder are written (the folder is kept after the run).
const SCREENSHOT_REQUEST = /^strata-screenshot (\S+\.png)$/;

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
const missing = missingTools();
if (missing) fail(missing);

const harness = createHarness({
  label: 'code-server runner',
  scratchPrefix: 'code-server-run-',
  onUnexpected: runFailed,
  onSignal: (code) => finish(code, false),
});
const { started } = harness;

// ── run ──────────────────────────────────────────────────────────────────────────────────────────
try {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  await harness.startServer(port);
  await harness.waitForHealth(origin);
  const timings = [`code-server up ${seconds()} s`];

  await harness.launchBrowser();
  const page = await harness.newPage();
  page.on('console', (message) => {
    // The workbench's own '%c INFO ...' console lines duplicate what codeAutomationLog receives.
    if (!message.text().startsWith('%c')) harness.browserOutput.push(`[console.${message.type()}] ${message.text()}\n`);
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
/**
 * codeAutomationLog receives every workbench log entry, the extension host's console output among them,
 * as console arguments: a format string first (mocha's reporter uses '%d passing (%s)' and the like),
 * then its values. Formatting them like console.log did gives back the suite's lines.
 */
function printLog(type, args) {
  const text = format(...(Array.isArray(args) ? args : [args]));
  const screenshot = SCREENSHOT_REQUEST.exec(text.trim());
  if (screenshot) void screenshotFor(screenshot[1]);
  if (WORKBENCH_NOISE.some((pattern) => pattern.test(text))) {
    harness.browserOutput.push(`[log.${type}] ${text}\n`);
    return;
  }
  process.stdout.write(`${text.replace(/\n$/, '')}\n`);
}

async function screenshotFor(path) {
  const folder = resolve(options.extension, 'test-artifacts');
  const target = resolve(path);
  if (!target.startsWith(`${folder}${sep}`)) {
    console.error(`code-server runner: refused a screenshot outside ${folder}: ${target}`);
    return;
  }
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.partial.png`;
  await harness.screenshot(partial);
  if (existsSync(partial)) renameSync(partial, target);
}

function runFailed(message) {
  if (harness.stopping) return;
  console.error(`code-server runner: ${message}`);
  finish(RUN_FAILED, true);
}

/** Screenshot (if asked), close the browser, kill code-server's process group, remove the scratch folder, exit. */
function finish(code, showDiagnostics) {
  return harness.finish(code, async () => {
    if (options.screenshot) await harness.screenshot(options.screenshot);
    if (showDiagnostics) harness.printDiagnostics();
  });
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
