#!/usr/bin/env node
// Runs the end-to-end tests (test/e2e) inside a real VS Code.
//
//   node scripts/e2e/run.mjs [--build | --no-build] [--keep] [--verbose]
//
// Host, in this order:
//   1. code-server from .e2e/ (scripts/e2e/install-host.sh), driven by Debian's
//      Chromium through playwright-core; takes the screenshots the tests ask for.
//   2. @vscode/test-electron, where VS Code can be downloaded (needs internet,
//      and a display or xvfb-run on Linux).
//   3. Otherwise it fails and says to run scripts/e2e/install-host.sh.
//
// The workspace is a temporary copy of example/. The tests report through
// ${FLAGLENS_E2E_IPC} (see test/e2e/protocol.ts): their log is printed here as
// it grows and the last line is `e2e: N passed, M failed`.
// Environment: FLAGLENS_E2E_HOST=code-server|electron forces a host,
// FLAGLENS_E2E_TIMEOUT (seconds, default 300) bounds the whole run.
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const CODE_SERVER = path.join(ROOT, ".e2e/node_modules/.bin/code-server");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const TESTS_ENTRY = path.join(ROOT, "out/test/e2e/index.js");
const SCREENSHOTS = path.join(ROOT, "test-results/screenshots");
const TIMEOUT_MS = Number(process.env.FLAGLENS_E2E_TIMEOUT ?? 300) * 1000;

const args = new Set(process.argv.slice(2));
const verbose = args.has("--verbose") || process.env.FLAGLENS_E2E_VERBOSE === "1";
const keep = args.has("--keep");

const log = (message) => console.log(`[e2e] ${message}`);
const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

/** The tests' result so far, for a run that is interrupted. */
let currentResult;
/** The browser page, for a screenshot of a run that times out. */
let currentPage;
/** Set once a VS Code started: only then is a failed run's temp dir worth keeping. */
let hostStarted = false;

/** Everything to undo at the end, newest first; run once whatever ends the run. */
const cleanups = [];
let cleaning;
function cleanup() {
  cleaning ??= (async () => {
    for (const task of cleanups.reverse()) {
      try {
        await task();
      } catch (error) {
        log(`cleanup: ${error?.message ?? error}`);
      }
    }
  })();
  return cleaning;
}

// ---------------------------------------------------------------- build

function newestMtime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return newest;
}

function needsBuild() {
  const outputs = ["dist/extension.js", "dist/server.js", "out/test/e2e/index.js"].map((p) => path.join(ROOT, p));
  if (outputs.some((p) => !fs.existsSync(p))) return true;
  const built = Math.min(...outputs.map((p) => fs.statSync(p).mtimeMs));
  const sources = Math.max(
    ...["client/src", "server/src", "test/e2e", "schemas"].map((d) => newestMtime(path.join(ROOT, d))),
    fs.statSync(path.join(ROOT, "package.json")).mtimeMs,
  );
  return sources > built;
}

function run(command, commandArgs) {
  log(`$ ${command} ${commandArgs.join(" ")}`);
  const result = spawnSync(command, commandArgs, { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(" ")} failed (exit ${result.status})`);
}

function build() {
  if (args.has("--no-build")) return;
  if (!args.has("--build") && !needsBuild()) {
    log("dist/ and out/ are up to date (--build to rebuild)");
    return;
  }
  run(process.execPath, ["scripts/build.mjs"]);
  // Compiled tests of deleted sources would still run: start the e2e output afresh.
  fs.rmSync(path.join(ROOT, "out/test/e2e"), { recursive: true, force: true });
  compile();
}

/**
 * `tsc -p .` emits even with type errors. Errors in the e2e tests themselves
 * stop the run; errors elsewhere (e.g. someone's work in progress) are shown,
 * and the run goes on with what was emitted: `npm run compile` is their gate.
 */
function compile() {
  const tsc = path.join(ROOT, "node_modules/typescript/bin/tsc");
  log(`$ tsc -p .`);
  const result = spawnSync(process.execPath, [tsc, "-p", "."], { cwd: ROOT, encoding: "utf8" });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
  if (result.status === 0) return;
  process.stdout.write(output);
  const own = output.split("\n").filter((line) => /^test[\\/]e2e[\\/].*error TS/.test(line));
  if (own.length > 0 || !fs.existsSync(TESTS_ENTRY)) throw new Error(`tsc -p . failed (exit ${result.status}) in the e2e tests`);
  log(`tsc -p . reported type errors outside test/e2e (above); running the e2e tests anyway`);
}

// ---------------------------------------------------------------- workspace

function prepareTemp() {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-e2e-"));
  const dirs = {
    temp,
    workspace: path.join(temp, "shop"),
    userData: path.join(temp, "user-data"),
    extensions: path.join(temp, "extensions"),
    browser: path.join(temp, "browser"),
    ipc: path.join(temp, "ipc"),
    xdg: path.join(temp, "xdg"),
  };
  fs.cpSync(path.join(ROOT, "example"), dirs.workspace, { recursive: true });
  for (const dir of [dirs.userData, dirs.extensions, dirs.browser, dirs.ipc, dirs.xdg]) fs.mkdirSync(dir);
  fs.mkdirSync(path.join(dirs.ipc, "requests"));
  fs.mkdirSync(path.join(dirs.ipc, "responses"));
  // A quiet workbench: no welcome page or tips over the editor in screenshots.
  fs.mkdirSync(path.join(dirs.userData, "User"), { recursive: true });
  fs.writeFileSync(
    path.join(dirs.userData, "User/settings.json"),
    JSON.stringify(
      {
        // The suites edit documents and compare them with the disk: nothing may save behind them.
        "files.autoSave": "off",
        "workbench.startupEditor": "none",
        "workbench.tips.enabled": false,
        "workbench.enableExperiments": false,
        "extensions.ignoreRecommendations": true,
        "extensions.autoCheckUpdates": false,
        "extensions.autoUpdate": false,
        "telemetry.telemetryLevel": "off",
        "security.workspace.trust.enabled": false,
        "update.mode": "none",
        // Nothing drawn over the squiggles in screenshots.
        "editor.stickyScroll.enabled": false,
        "editor.occurrencesHighlight": "off",
        "editor.selectionHighlight": false,
        // The example's code imports @featurevisor/sdk, which is not installed in the copy: TypeScript's
        // "Cannot find module" would crowd the Problems panel of every screenshot. Flaglens's own checks stay.
        "typescript.validate.enable": false,
        "javascript.validate.enable": false,
      },
      null,
      2,
    ),
  );
  cleanups.push(() => {
    // A failed run keeps its logs (code-server's, the extension host's) for a look; an interrupted one does not.
    if (keep || (hostStarted && process.exitCode && process.exitCode !== 130)) log(`kept ${temp}`);
    else fs.rmSync(temp, { recursive: true, force: true });
  });
  return dirs;
}

/** Prints the tests' report as it grows, and answers screenshot requests. */
class TestChannel {
  constructor(ipc, takeScreenshot, browserSteps) {
    this.ipc = ipc;
    this.takeScreenshot = takeScreenshot;
    this.browserSteps = browserSteps;
    this.offset = 0;
    this.busy = false;
    this.handled = new Set();
    this.screenshots = [];
  }

  start() {
    this.timer = setInterval(() => void this.poll(), 100);
    cleanups.push(() => this.stop());
  }

  stop() {
    clearInterval(this.timer);
    this.printLog();
  }

  printLog() {
    const file = path.join(this.ipc, "mocha.log");
    if (!fs.existsSync(file)) return;
    const text = fs.readFileSync(file);
    if (text.length <= this.offset) return;
    // Print whole lines only; the rest comes with the next poll.
    const end = text.lastIndexOf(10) + 1;
    if (end <= this.offset) return;
    process.stdout.write(text.subarray(this.offset, end));
    this.offset = end;
  }

  async poll() {
    this.printLog();
    if (this.busy || this.takeScreenshot === undefined) return;
    this.busy = true;
    try {
      const requests = fs.readdirSync(path.join(this.ipc, "requests")).filter((f) => f.endsWith(".json"));
      for (const file of requests) {
        if (this.handled.has(file)) continue;
        this.handled.add(file);
        const request = JSON.parse(fs.readFileSync(path.join(this.ipc, "requests", file), "utf8"));
        let response;
        if (request.kind === "browser") {
          try {
            response = await this.browserSteps(request);
          } catch (error) {
            response = { ok: false, error: String(error?.message ?? error) };
          }
          if (!response.ok) log(`browser steps ${request.name} failed: ${response.error}`);
          const answer = path.join(this.ipc, "responses", file);
          fs.writeFileSync(`${answer}.tmp`, JSON.stringify(response));
          fs.renameSync(`${answer}.tmp`, answer);
          continue;
        }
        try {
          response = await this.takeScreenshot(request);
          if (response.webview) {
            log(`webview ${request.name}: ${response.webview.stops.length} Tab stops, ${response.webview.rules.length} rules`);
          } else {
            this.screenshots.push(response.file);
            log(
              `screenshot ${path.relative(ROOT, response.file)}${response.missing.length ? ` (did not see: ${response.missing.join(", ")})` : ""}`,
            );
          }
        } catch (error) {
          response = { ok: false, error: String(error?.message ?? error) };
          log(`screenshot ${request.name} failed: ${response.error}`);
        }
        const answer = path.join(this.ipc, "responses", file);
        fs.writeFileSync(`${answer}.tmp`, JSON.stringify(response));
        fs.renameSync(`${answer}.tmp`, answer);
      }
    } finally {
      this.busy = false;
    }
  }

  /** Passes and failures counted from the report so far. */
  counts() {
    const file = path.join(this.ipc, "mocha.log");
    const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
    return { passes: (text.match(/^\s*✓ /gm) ?? []).length, failures: (text.match(/^\s*✗ /gm) ?? []).length, pending: 0 };
  }

  result() {
    const file = path.join(this.ipc, "result.json");
    return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : undefined;
  }
}

// ---------------------------------------------------------------- code-server

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Kills code-server's whole process group (it leaves watchers and the extension host otherwise). */
async function killGroup(pid) {
  for (const [signal, waitMs] of [
    ["SIGTERM", 3000],
    ["SIGKILL", 2000],
  ]) {
    try {
      process.kill(-pid, signal);
    } catch {
      return; // the group is gone
    }
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      try {
        process.kill(-pid, 0);
      } catch {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** XDG folders under the run's temp dir: neither code-server nor Chromium writes into ~. */
function xdgEnv(dirs) {
  return {
    XDG_CONFIG_HOME: path.join(dirs.xdg, "config"),
    XDG_DATA_HOME: path.join(dirs.xdg, "data"),
    XDG_CACHE_HOME: path.join(dirs.xdg, "cache"),
    XDG_STATE_HOME: path.join(dirs.xdg, "state"),
  };
}

async function startCodeServer(dirs) {
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const logFile = path.join(dirs.temp, "code-server.log");
  const out = fs.openSync(logFile, "a");
  const env = {
    ...process.env,
    ...xdgEnv(dirs),
    // Inherited by the extension host, where the tests read them.
    FLAGLENS_E2E_IPC: dirs.ipc,
    FLAGLENS_E2E_SCREENSHOTS: "1",
  };
  delete env.PASSWORD;
  delete env.HASHED_PASSWORD;
  const csArgs = [
    "--bind-addr",
    host,
    "--auth",
    "none",
    "--disable-telemetry",
    "--disable-update-check",
    "--disable-workspace-trust",
    "--user-data-dir",
    dirs.userData,
    "--extensions-dir",
    dirs.extensions,
    dirs.workspace,
  ];
  log(`starting code-server on ${host} (log: ${logFile})`);
  // detached: its own process group, killed as a whole at the end.
  hostStarted = true;
  const child = spawn(CODE_SERVER, csArgs, { cwd: dirs.temp, env, detached: true, stdio: ["ignore", out, out] });
  fs.closeSync(out);
  const pid = child.pid;
  let exited = false;
  child.on("exit", () => (exited = true));
  cleanups.push(async () => {
    await killGroup(pid);
    if (verbose || process.exitCode) log(`code-server log: ${logFile}`);
  });
  // Last resort if the process dies without running the async cleanup.
  process.on("exit", () => {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      /* gone */
    }
  });

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`code-server exited while starting:\n${tail(logFile)}`);
    if (Date.now() > deadline) throw new Error(`code-server did not answer on ${host} within 60 s:\n${tail(logFile)}`);
    try {
      const response = await fetch(`http://${host}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  log(`code-server is up (${seconds()})`);
  return { host, logFile, isRunning: () => !exited && isAlive(pid) };
}

function tail(file, lines = 40) {
  if (!fs.existsSync(file)) return "";
  return fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
}

/** The newest remote extension host log (where the extension's own errors end up). */
function extensionHostLog(userData) {
  const logs = path.join(userData, "logs");
  if (!fs.existsSync(logs)) return undefined;
  const found = fs
    .readdirSync(logs, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith("remoteexthost.log"))
    .map((f) => path.join(logs, f));
  return found.sort().at(-1);
}

async function runInCodeServer(dirs) {
  if (!fs.existsSync(CHROMIUM)) throw plain(`${CHROMIUM} is missing: run scripts/e2e/install-host.sh`);
  const server = await startCodeServer(dirs);
  const { chromium } = await import("playwright-core");
  const context = await chromium.launchPersistentContext(dirs.browser, {
    executablePath: CHROMIUM,
    env: { ...process.env, ...xdgEnv(dirs) },
    headless: true,
    // The runner's own signal handlers close the browser and then code-server.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    viewport: { width: 1440, height: 900 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  cleanups.push(() => withTimeout(context.close(), 10_000, "closing the browser"));
  const page = context.pages()[0] ?? (await context.newPage());
  currentPage = page;

  let finish;
  const exited = new Promise((resolve) => (finish = resolve));
  // The workbench calls this when the tests' run() settles: 0 passed, 1 failed.
  await page.exposeFunction("codeAutomationExit", (code) => finish({ code: Number(code) }));
  page.on("console", (message) => {
    const text = message.text();
    if (verbose) console.log(`[browser ${message.type()}] ${text}`);
  });
  page.on("pageerror", (error) => verbose && console.log(`[browser pageerror] ${error.message}`));
  page.on("crash", () => finish({ code: 1, reason: "the browser page crashed" }));

  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const takeScreenshot = async (request) => {
    if (request.webview) return { ok: true, webview: await checkWebview(page, request.webview) };
    const missing = [];
    for (const selector of request.waitFor ?? []) {
      try {
        // Any one visible match will do (e.g. the first code lens may be scrolled away).
        await page.locator(selector).filter({ visible: true }).first().waitFor({ state: "visible", timeout: 5000 });
      } catch {
        const attached = await page.locator(selector).count();
        missing.push(attached ? `${selector} (${attached} hidden)` : selector);
      }
    }
    // What the picture is about must be there: each waited for longer, and the test fails without it.
    for (const selector of request.require ?? []) {
      try {
        await page
          .locator(selector)
          .filter({ visible: true })
          .first()
          .waitFor({ state: "visible", timeout: request.requireTimeoutMs ?? 20_000 });
      } catch {
        const attached = await page.locator(selector).count();
        missing.push(attached ? `${selector} (${attached} hidden)` : selector);
      }
    }
    // Two animation frames: what was just rendered is painted.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const file = path.join(SCREENSHOTS, `${request.name}.png`);
    await page.screenshot({ path: file });
    return { ok: true, file, missing };
  };
  // Steps in the page for a test (test/e2e/protocol.ts, BrowserStep): keys, typing, clicks, waits and texts.
  const browserSteps = async (request) => {
    let texts;
    for (const step of request.steps) {
      if ("press" in step) await page.keyboard.press(step.press);
      else if ("type" in step) await page.keyboard.type(step.type, { delay: 10 });
      else if ("waitFor" in step) {
        try {
          await page
            .locator(step.waitFor)
            .filter({ visible: true })
            .first()
            .waitFor({ state: "visible", timeout: step.timeoutMs ?? 10_000 });
        } catch {
          return { ok: false, error: `${step.waitFor} did not show within ${step.timeoutMs ?? 10_000} ms` };
        }
      } else if ("waitForHidden" in step) {
        try {
          await page.waitForFunction(
            (selector) => [...document.querySelectorAll(selector)].every((e) => !e.checkVisibility()),
            step.waitForHidden,
            { timeout: step.timeoutMs ?? 10_000, polling: 100 },
          );
        } catch {
          return { ok: false, error: `${step.waitForHidden} was still visible after ${step.timeoutMs ?? 10_000} ms` };
        }
      } else if ("click" in step) await page.locator(step.click).filter({ visible: true }).first().click({ timeout: 10_000 });
      // The editor draws spaces as no-break spaces: read as a user would, with plain ones.
      else if ("texts" in step) texts = (await page.locator(step.texts).allTextContents()).map((t) => t.replace(/\u00a0/g, " "));
    }
    return { ok: true, texts };
  };
  const channel = new TestChannel(dirs.ipc, takeScreenshot, browserSteps);
  channel.start();
  currentResult = () => channel.result() ?? channel.counts();

  const extensionsUri = `vscode-remote://${server.host}${ROOT}`;
  const payload = JSON.stringify([
    ["extensionDevelopmentPath", extensionsUri],
    ["extensionTestsPath", `vscode-remote://${server.host}${TESTS_ENTRY}`],
  ]);
  const url = `http://${server.host}/?folder=${encodeURIComponent(dirs.workspace)}&payload=${encodeURIComponent(payload)}`;
  log(`opening the workbench in Chromium (${seconds()})`);
  await page.goto(url);

  const watchdog = setInterval(() => {
    if (!server.isRunning()) finish({ code: 1, reason: "code-server exited during the tests" });
  }, 1000);
  cleanups.push(() => clearInterval(watchdog));

  const outcome = await exited;
  await channel.poll();
  if (outcome.code !== 0) {
    try {
      await page.screenshot({ path: path.join(SCREENSHOTS, "failure.png") });
      log(`screenshot ${path.relative(ROOT, path.join(SCREENSHOTS, "failure.png"))}`);
    } catch {
      /* the page may be gone */
    }
    const hostLog = extensionHostLog(dirs.userData);
    if (hostLog) log(`extension host log (last lines of ${hostLog}):\n${tail(hostLog, 30)}`);
  }
  return { ...outcome, result: channel.result() };
}

/**
 * Looks into a webview's page (the frame whose document has `selector`): its Content-Security-Policy,
 * its scripts, whether an inline script or style attribute added now takes effect (a strict policy
 * blocks both), and where Tab moves the focus, with the focus outline of each stop.
 */
async function checkWebview(page, { selector, tabs = 40 }) {
  let frame;
  const deadline = Date.now() + 10_000;
  while (!frame && Date.now() < deadline) {
    for (const f of page.frames()) {
      if (await f.$(selector).catch(() => null)) {
        frame = f;
        break;
      }
    }
    if (!frame) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (!frame) throw new Error(`no webview frame has ${selector}`);
  const report = await frame.evaluate(() => {
    const csp = document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute("content") ?? null;
    const scripts = [...document.scripts].map((s) => ({
      id: s.id,
      src: s.getAttribute("src") ?? "",
      nonce: s.nonce !== "",
      inline: !s.src,
    }));
    const styles = [...document.querySelectorAll("style")].map((s) => s.id);
    const handlers = [...document.querySelectorAll("*")].filter((el) => [...el.attributes].some((a) => a.name.startsWith("on"))).length;
    // A strict policy: an inline script added now does not run, a style attribute does not apply.
    const probe = document.createElement("script");
    probe.textContent = "window.__flaglensInlineRan = true";
    document.body.append(probe);
    const inlineScriptRan = window.__flaglensInlineRan === true;
    probe.remove();
    const styled = document.createElement("div");
    styled.setAttribute("style", "width: 123px; position: absolute");
    document.body.append(styled);
    const inlineStyleApplied = getComputedStyle(styled).width === "123px";
    styled.remove();
    return { csp, scripts, styles, handlers, inlineScriptRan, inlineStyleApplied };
  });
  // Keyboard: focus the page's first focusable element, then Tab through it.
  await frame.focus("summary, button, [tabindex='0'], a[href]");
  const stops = [];
  for (let i = 0; i < tabs; i++) {
    const stop = await frame.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      return {
        tag: el.tagName.toLowerCase(),
        className: typeof el.className === "string" ? el.className : "",
        label: el.getAttribute("aria-label") ?? el.textContent.trim().slice(0, 80),
        focusVisible: el.matches(":focus-visible"),
        outline: `${style.outlineStyle} ${style.outlineWidth}`,
      };
    });
    if (!stop) break;
    stops.push(stop);
    await page.keyboard.press("Tab");
  }
  const rules = await frame.evaluate(() =>
    [...document.querySelectorAll(".rule")].filter((el) => el.getClientRects().length > 0).map((el) => el.getAttribute("aria-label")),
  );
  return { ...report, stops, rules };
}

// ---------------------------------------------------------------- @vscode/test-electron

async function runInElectron(dirs) {
  const { runTests, downloadAndUnzipVSCode } = await import("@vscode/test-electron");
  let vscodeExecutablePath;
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({ version: "1.100.3", timeout: 15_000 });
  } catch (error) {
    throw plain(
      `No VS Code to test in: .e2e/ has no code-server and @vscode/test-electron could not download VS Code ` +
        `(${error?.message ?? error}). Run scripts/e2e/install-host.sh first.`,
    );
  }
  hostStarted = true;
  const channel = new TestChannel(dirs.ipc, undefined);
  // VS Code prints the tests' console.log itself: read only the result file.
  channel.offset = Number.MAX_SAFE_INTEGER;
  cleanups.push(() => undefined);
  let code;
  try {
    code = await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: TESTS_ENTRY,
      extensionTestsEnv: { FLAGLENS_E2E_IPC: dirs.ipc },
      launchArgs: [
        dirs.workspace,
        "--disable-extensions",
        "--disable-workspace-trust",
        `--user-data-dir=${dirs.userData}`,
        `--extensions-dir=${dirs.extensions}`,
      ],
    });
  } catch (error) {
    code = typeof error === "number" ? error : 1;
    if (typeof error !== "number") log(String(error?.message ?? error));
  }
  return { code, result: channel.result() };
}

// ---------------------------------------------------------------- main

/** An error whose message says it all: printed without a stack. */
function plain(message) {
  return Object.assign(new Error(message), { plain: true });
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms))),
  ]);
}

function summary(outcome) {
  const result = outcome?.result;
  const passed = result?.passes ?? 0;
  let failed = result?.failures ?? 0;
  // A run that ended abnormally (timeout, crash, no report) counts as one failure.
  if (outcome?.code !== 0 && failed === 0) failed = 1;
  return { passed, failed };
}

async function main() {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => {
      log(`${signal}: stopping`);
      process.exitCode = 130;
      void withTimeout(cleanup(), 20_000, "cleanup")
        .catch((error) => log(error.message))
        .finally(() => {
          const { passed, failed } = summary({ code: 130, result: currentResult?.() });
          console.log(`e2e: ${passed} passed, ${failed} failed`);
          process.exit(130);
        });
    });
  }

  build();
  const dirs = prepareTemp();
  const forced = process.env.FLAGLENS_E2E_HOST;
  const useCodeServer = forced ? forced === "code-server" : fs.existsSync(CODE_SERVER);
  if (forced === "code-server" && !fs.existsSync(CODE_SERVER)) {
    throw plain(`${CODE_SERVER} is missing: run scripts/e2e/install-host.sh`);
  }
  log(`host: ${useCodeServer ? "code-server (.e2e) + Chromium" : "@vscode/test-electron"}; workspace: ${dirs.workspace}`);

  let outcome;
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve({ code: 1, timedOut: true, reason: `timed out after ${TIMEOUT_MS / 1000} s` }), TIMEOUT_MS);
  });
  try {
    outcome = await Promise.race([useCodeServer ? runInCodeServer(dirs) : runInElectron(dirs), timeout]);
  } finally {
    clearTimeout(timer);
  }
  if (outcome.timedOut) {
    outcome.result = currentResult?.();
    try {
      await currentPage?.screenshot({ path: path.join(SCREENSHOTS, "failure.png") });
      if (currentPage) log(`screenshot ${path.relative(ROOT, path.join(SCREENSHOTS, "failure.png"))}`);
    } catch {
      /* the page may be gone */
    }
  }
  if (outcome.code === 0 && (outcome.result === undefined || outcome.result.failures > 0)) {
    outcome = { ...outcome, code: 1, reason: outcome.result ? "tests failed but VS Code exited 0" : "the tests reported no result" };
  }
  if (outcome.reason) log(`FAILED: ${outcome.reason}`);
  return outcome;
}

let outcome;
try {
  outcome = await main();
} catch (error) {
  log(`error: ${error?.plain ? error.message : (error?.stack ?? error)}`);
  outcome = { code: 1 };
}
process.exitCode = outcome.code === 0 ? 0 : 1;
await withTimeout(cleanup(), 20_000, "cleanup").catch((error) => log(error.message));
const { passed, failed } = summary(outcome);
log(`finished in ${seconds()} with exit code ${process.exitCode}`);
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(process.exitCode);
