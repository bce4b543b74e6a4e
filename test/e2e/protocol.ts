// What the e2e runner (scripts/e2e/run.mjs) and the code running inside the
// extension host share. The runner starts VS Code with these environment
// variables; code-server's extension host inherits its server's environment,
// @vscode/test-electron passes them through `extensionTestsEnv`.
//
// ${FLAGLENS_E2E_IPC}/
//   mocha.log                 the test report, line by line (also printed with console.log)
//   result.json               { passes, failures, pending } once mocha has finished
//   requests/NAME.json        a screenshot request from a test: { name, waitFor?: string[], require?: string[] },
//                             or a request to the browser: { name, kind: "browser", steps } (BrowserRequest)
//   responses/NAME.json       the runner's answer: { ok, file?, error?, missing? } or { ok, error?, texts? }
// The runner watches requests/ and the log; the test polls responses/.

/** Directory shared by the runner and the extension host. Unset: report to the console only. */
export const IPC_ENV = "FLAGLENS_E2E_IPC";
/** "1" when the runner can take screenshots (code-server + Chromium). */
export const SCREENSHOTS_ENV = "FLAGLENS_E2E_SCREENSHOTS";
/** A line the runner recognises in the browser console, for humans reading it. */
export const SCREENSHOT_MARKER = "FLAGLENS_SCREENSHOT";

export interface ScreenshotRequest {
  name: string;
  /** CSS selectors the runner waits for (each up to 5 s, until any one match is visible) before it takes the picture. */
  waitFor?: string[];
  /** Instead of a screenshot: look into the webview whose page has `selector` (CSP, scripts, Tab stops; see run.mjs). */
  webview?: { selector: string; tabs?: number };
  /** CSS selectors that must be visible: waited for up to `requireTimeoutMs` each, reported in `missing` when they never are. */
  require?: string[];
  requireTimeoutMs?: number;
}

/** One step the runner takes in the workbench's page, in order; the first that fails ends the request with its error. */
export type BrowserStep =
  /** A key or chord, as Playwright names them: "F1", "Enter", "Escape", "Control+Shift+P". */
  | { press: string }
  /** Text typed into whatever has the focus. */
  | { type: string }
  /** Waits until an element matching the selector is visible (any one of them), else fails after timeoutMs (default 10 s). */
  | { waitFor: string; timeoutMs?: number }
  /** Waits until no element matching the selector is visible, else fails after timeoutMs (default 10 s). */
  | { waitForHidden: string; timeoutMs?: number }
  /** Clicks the first visible element matching the selector. */
  | { click: string }
  /** The text content of every element matching the selector (no-break spaces as spaces), into the response's `texts` (the last such step wins). */
  | { texts: string };

/** Steps in the browser, for what a test cannot see or do from the extension host (the DOM, the command palette). */
export interface BrowserRequest {
  name: string;
  kind: "browser";
  steps: BrowserStep[];
}

export interface BrowserResponse {
  ok: boolean;
  error?: string;
  texts?: string[];
}

/** What the runner found in a webview's page (ScreenshotRequest.webview). */
export interface WebviewReport {
  csp: string | null;
  scripts: { id: string; src: string; nonce: boolean; inline: boolean }[];
  /** The ids of the `<style>` elements; the number of elements with `on…` handler attributes. */
  styles: string[];
  handlers: number;
  inlineScriptRan: boolean;
  inlineStyleApplied: boolean;
  /** Where each Tab press left the focus, from the first focusable element on. */
  stops: { tag: string; className: string; label: string; focusVisible: boolean; outline: string }[];
  /** The accessible labels of the visible rules. */
  rules: string[];
}

export interface ScreenshotResponse {
  ok: boolean;
  file?: string;
  error?: string;
  /** Selectors that did not show up in time (the screenshot was taken anyway). */
  missing?: string[];
  webview?: WebviewReport;
}

export interface RunResult {
  passes: number;
  failures: number;
  pending: number;
}
