// Shared helpers for the tests that drive the standalone server from real editors (Neovim, Emacs).

import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** The bundled server that `flaglens-language-server --stdio` runs. */
export const SERVER = path.resolve(process.cwd(), "dist/server.js");
/** This folder in the source tree (the Lua and Elisp files are not compiled to out/). */
export const EDITORS_DIR = path.resolve(process.cwd(), "test/editors");

/** The version line an editor prints (`nvim --version`, `emacs --version`), or undefined when it is not installed. */
export function editorVersion(command: string): string | undefined {
  const r = spawnSync(command, ["--version"], { encoding: "utf8", timeout: 10000 });
  if (r.error || r.status !== 0) return undefined;
  return r.stdout.split("\n")[0].trim();
}

/** A copy of example/ in a temp folder with the typo `segments: netherland` in a feature's rule. */
export interface TypoProject {
  root: string;
  /** Absolute path of the feature file with the typo. */
  file: string;
  /** 1-based line of the typo. */
  line: number;
  /** The typo line as written. */
  text: string;
  remove(): void;
}

export const TYPO = "netherland";
export const FIX = "netherlands";
const FEATURE = "features/newCheckout.yml";

export function typoProject(prefix: string): TypoProject {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  fs.cpSync(path.resolve(process.cwd(), "example"), path.join(root, "project"), { recursive: true });
  const projectRoot = path.join(root, "project");
  const file = path.join(projectRoot, FEATURE);
  const lines = fs.readFileSync(file, "utf8").split("\n");
  const index = lines.indexOf(`      segments: ${FIX}`);
  if (index < 0) throw new Error(`example/${FEATURE} has no rule line "      segments: ${FIX}" to break`);
  lines[index] = `      segments: ${TYPO}`;
  fs.writeFileSync(file, lines.join("\n"));
  return {
    root: projectRoot,
    file,
    line: index + 1,
    text: lines[index],
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

/** The folder above a TypoProject's root, for the editor's state files and the result file. */
export function scratchDir(project: TypoProject): string {
  return path.dirname(project.root);
}

export interface EditorRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs an editor in its own process group and kills the whole group (editor and server) after `timeoutMs`. */
export function runEditor(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<EditorRun> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    const kill = () => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, options.timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      resolve({ code: null, signal: null, timedOut, stdout, stderr: stderr + String(e), ms: Date.now() - started });
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      // The server is a child of the editor: make sure nothing of the group outlives the run.
      kill();
      resolve({ code, signal, timedOut, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** Reads a JSON result file, or undefined when it is missing or unreadable. */
export function readResult<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

/** The last `max` characters of a file, or a note that it is missing. */
export function tail(file: string, max = 4000): string {
  try {
    const text = fs.readFileSync(file, "utf8");
    return text.length > max ? "…" + text.slice(-max) : text;
  } catch {
    return `(no ${file})`;
  }
}
