// Helpers for the tests that run inside the extension host.
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import {
  IPC_ENV,
  SCREENSHOT_MARKER,
  SCREENSHOTS_ENV,
  type BrowserRequest,
  type BrowserResponse,
  type BrowserStep,
  type ScreenshotRequest,
  type ScreenshotResponse,
  type WebviewReport,
} from "./protocol";

export const EXTENSION_ID = "flaglens.flaglens";

/** The workspace folder: the runner's temporary copy of example/. */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder === undefined) throw new Error("The e2e tests need a workspace folder (a copy of example/)");
  return folder.uri;
}

export function projectFile(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relative.split("/"));
}

/** Prints a line into the test report (the browser console and the runner's output). */
export function note(text: string): void {
  console.log(text);
  const ipc = process.env[IPC_ENV];
  if (ipc !== undefined) fs.appendFileSync(path.join(ipc, "mocha.log"), `${text}\n`);
}

/** Flaglens's diagnostics of one file. */
export function flaglensDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === "flaglens");
}

export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === "object" ? String(code.value) : String(code);
}

/** Every Flaglens diagnostic in the window, for failure messages. */
export function describeAllDiagnostics(): string {
  const lines: string[] = [];
  for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const d of diagnostics) {
      if (d.source !== "flaglens") continue;
      const where = `${vscode.workspace.asRelativePath(uri)}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
      lines.push(`  ${where} ${vscode.DiagnosticSeverity[d.severity]} ${codeOf(d)} ${d.message}`);
    }
  }
  return lines.length === 0 ? "  (no Flaglens diagnostics)" : lines.join("\n");
}

/**
 * Resolves with the condition's value once it is truthy: checked now and on
 * every diagnostics change, never by sleeping. Rejects after `timeoutMs`
 * with the diagnostics seen at that point.
 */
export function waitForDiagnostics<T>(description: string, condition: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (action: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      listener.dispose();
      action();
    };
    const check = (): void => {
      let value: T | undefined | false;
      try {
        value = condition();
      } catch (error) {
        finish(() => reject(error));
        return;
      }
      if (value) finish(() => resolve(value as T));
    };
    const listener = vscode.languages.onDidChangeDiagnostics(check);
    const timer = setTimeout(() => {
      finish(() =>
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${description}. Diagnostics:\n${describeAllDiagnostics()}`)),
      );
    }, timeoutMs);
    check();
  });
}

/** The Flaglens extension, activated (by its workspaceContains event, or now). */
export async function flaglens(): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (extension === undefined) throw new Error(`Extension ${EXTENSION_ID} is not loaded`);
  await extension.activate();
  return extension;
}

/**
 * Asks the runner for a screenshot of the workbench and waits until it is taken.
 * Does nothing where the runner cannot take one (e.g. @vscode/test-electron).
 * Never fails the test: a missing picture is reported by the runner.
 */
export async function screenshot(name: string, waitFor: string[] = [], timeoutMs = 30_000): Promise<void> {
  if (!canDriveBrowser()) return;
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`Bad screenshot name: ${name}`);
  const answer = await askRunner<ScreenshotResponse>({ name, waitFor }, timeoutMs);
  if (answer === undefined) console.log(`screenshot ${name}: no answer from the runner within ${timeoutMs} ms`);
  else if (!answer.ok) console.log(`screenshot ${name} failed: ${answer.error}`);
}

/**
 * A screenshot of what must be on screen: waits (up to `requireTimeoutMs` each) until an element of
 * every `require` selector is visible, and fails the test when one never is, so that a picture for the
 * README never goes without what it is about. Does nothing where the runner cannot take one.
 */
export async function requiredScreenshot(name: string, require: string[], requireTimeoutMs = 20_000): Promise<void> {
  if (!canDriveBrowser()) return;
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`Bad screenshot name: ${name}`);
  const timeoutMs = require.length * requireTimeoutMs + 30_000;
  const answer = await askRunner<ScreenshotResponse>({ name, require, requireTimeoutMs }, timeoutMs);
  if (answer === undefined) throw new Error(`screenshot ${name}: no answer from the runner within ${timeoutMs} ms`);
  if (!answer.ok) throw new Error(`screenshot ${name} failed: ${answer.error}`);
  if (answer.missing?.length)
    throw new Error(
      `screenshot ${name}: never saw ${answer.missing.join(", ")} within ${requireTimeoutMs} ms (the picture was taken without)`,
    );
}

/** True where the runner drives the workbench's page (code-server + Chromium): screenshots and browser steps. */
export function canDriveBrowser(): boolean {
  return process.env[IPC_ENV] !== undefined && process.env[SCREENSHOTS_ENV] === "1";
}

let browserRequests = 0;

/**
 * Takes steps in the workbench's page (keys, typing, clicks, waits; see BrowserStep) and returns the
 * texts a `texts` step read. Throws when a step fails; needs canDriveBrowser().
 */
export async function inBrowser(what: string, steps: BrowserStep[], timeoutMs = 60_000): Promise<string[]> {
  if (!canDriveBrowser()) throw new Error("browser steps need the code-server runner");
  const name = `browser-${++browserRequests}-${what
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, 40)}`;
  const answer = await askRunner<BrowserResponse>({ name, kind: "browser", steps }, timeoutMs);
  if (answer === undefined) throw new Error(`${what}: no answer from the runner within ${timeoutMs} ms`);
  if (!answer.ok) throw new Error(`${what}: ${answer.error}`);
  return answer.texts ?? [];
}

/** Writes a request for the runner and polls for its answer; undefined when none came in time. */
async function askRunner<T>(request: ScreenshotRequest | BrowserRequest, timeoutMs: number): Promise<T | undefined> {
  const ipc = process.env[IPC_ENV]!;
  const name = request.name;
  const requests = path.join(ipc, "requests");
  const response = path.join(ipc, "responses", `${name}.json`);
  fs.mkdirSync(requests, { recursive: true });
  fs.rmSync(response, { force: true });
  // Written under another name first, so the runner never reads half a request.
  const temporary = path.join(requests, `.${name}.json.tmp`);
  fs.writeFileSync(temporary, JSON.stringify(request));
  fs.renameSync(temporary, path.join(requests, `${name}.json`));
  console.log(`${SCREENSHOT_MARKER} ${name}`);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (fs.existsSync(response)) return JSON.parse(fs.readFileSync(response, "utf8")) as T;
    // Polling a file the runner writes: there is no event to wait on across processes.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return undefined;
}

/**
 * Asks the runner to look into a webview's page (the one with `selector`): its CSP, scripts and Tab
 * stops. Undefined where the runner cannot (no code-server and Chromium).
 */
export async function inspectWebview(name: string, selector: string, timeoutMs = 60_000): Promise<WebviewReport | undefined> {
  const ipc = process.env[IPC_ENV];
  if (ipc === undefined || process.env[SCREENSHOTS_ENV] !== "1") return undefined;
  const request: ScreenshotRequest = { name, webview: { selector } };
  const response = path.join(ipc, "responses", `${name}.json`);
  fs.rmSync(response, { force: true });
  const temporary = path.join(ipc, "requests", `.${name}.json.tmp`);
  fs.writeFileSync(temporary, JSON.stringify(request));
  fs.renameSync(temporary, path.join(ipc, "requests", `${name}.json`));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (fs.existsSync(response)) {
      const answer = JSON.parse(fs.readFileSync(response, "utf8")) as ScreenshotResponse;
      if (!answer.ok || !answer.webview) throw new Error(`The runner could not inspect the webview: ${answer.error}`);
      return answer.webview;
    }
    // Polling a file the runner writes: there is no event to wait on across processes.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`No answer from the runner about the webview within ${timeoutMs} ms`);
}

/** Selectors of what a person sees: an error squiggle, and rows in the Problems panel. */
export const SELECTORS = {
  errorSquiggle: ".monaco-editor .squiggly-error",
  warningSquiggle: ".monaco-editor .squiggly-warning",
  problemsRow: ".markers-panel .monaco-list-row",
  codeLens: ".monaco-editor .codelens-decoration",
};
