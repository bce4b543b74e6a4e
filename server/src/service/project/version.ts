// Which Featurevisor a project is written for: the format (v1, v2, v3) told apart by its files, and the
// version whose rules apply (a pinned @featurevisor/cli, else the newest of the format), with the reason.

import { joinPath, type FileSystem } from "../fileSystem";
import type { ProjectFormat } from "../types";
import { isObject } from "./featureView";
import type { Project } from "./project";

/** What was detected about a project and why, as lint's JSON and the status bar report it. */
export interface ProjectVersion {
  format: ProjectFormat;
  /** The `major.minor` whose rules apply, e.g. "2.27". */
  version: string;
  /** One sentence: what decided the format and the version. */
  reason: string;
}

/** The newest release of each format that Flaglens knows the rules of. */
export const NEWEST_VERSION: Record<ProjectFormat, string> = { v1: "1.35", v2: "2.27", v3: "3.1" };

/** A `@featurevisor/cli` pin found in a package.json. */
interface Pin {
  range: string;
  file: string;
  major: number;
  minor: number;
}

/** The format a release line writes: 0.x and 1.x share v1's files. */
function formatOfMajor(major: number): ProjectFormat {
  return major <= 1 ? "v1" : major === 2 ? "v2" : "v3";
}

/** The first version in a range such as `^1.35.4`, `~2.27`, `>=3.1.0 <4` or `3`. */
export function parseRange(range: string): { major: number; minor: number } | undefined {
  const m = /(\d+)(?:\.(\d+))?/.exec(range);
  return m ? { major: Number(m[1]), minor: Number(m[2] ?? 0) } : undefined;
}

/** The nearest package.json at or above `dir` that pins @featurevisor/cli (dependencies or devDependencies). */
async function findPin(fs: FileSystem, dir: string): Promise<Pin | undefined> {
  // Bounded by the path's depth, and every read is guarded: a broken package.json is skipped, not fatal.
  for (let at = dir; ; at = at.slice(0, at.lastIndexOf("/")) || "/") {
    const file = joinPath(at, "package.json");
    try {
      const pkg = JSON.parse(new TextDecoder().decode(await fs.readFile(file))) as Record<string, unknown>;
      for (const field of ["dependencies", "devDependencies"]) {
        const deps = pkg[field];
        const range = isObject(deps) ? deps["@featurevisor/cli"] : undefined;
        const parsed = typeof range === "string" ? parseRange(range) : undefined;
        if (typeof range === "string" && parsed) return { range, file, ...parsed };
      }
    } catch {
      // No package.json here, or not JSON: look further up.
    }
    if (at === "/" || at === "") return undefined;
  }
}

/** Votes for v1 and v2 from the shapes of a sample of features and attributes. */
function voteFiles(project: Project): { v1: number; v2: number } {
  let v1 = 0;
  let v2 = 0;
  // A sample decides: every file of a project has the same format, and parsing is lazy.
  for (const e of project.entries("feature").slice(0, 25)) {
    const v = e.doc?.value;
    if (!isObject(v)) continue;
    if (Array.isArray(v.variablesSchema)) v1++;
    else if (isObject(v.variablesSchema)) v2++;
    if (isObject(v.environments)) v1++;
    // Rules, force and expose keyed by environment are v2's; a plain list is also how v1.35 writes `environments: false`.
    if (isObject(v.rules) || isObject(v.force) || isObject(v.expose)) v2++;
    if (Array.isArray(v.variations) && v.variations.some((x) => isObject(x) && Array.isArray(x.variables))) v1++;
    if (Array.isArray(v.variations) && v.variations.some((x) => isObject(x) && "variableOverrides" in x)) v2++;
  }
  // `capture` on attributes exists up to 1.x only.
  for (const e of project.entries("attribute").slice(0, 25)) if (isObject(e.doc?.value) && "capture" in e.doc.value) v1++;
  if (project.entries("schema").length > 0) v2++;
  return { v1, v2 };
}

/** Decides the format and the version of a loaded project. */
export async function detectVersion(fs: FileSystem, project: Project, v3Reason: string | undefined): Promise<ProjectVersion> {
  const pin = await findPin(fs, project.configRoot);
  const pinned = pin ? `${pin.file} pins @featurevisor/cli ${pin.range}` : undefined;
  let format: ProjectFormat;
  let because: string;
  if (v3Reason) {
    format = "v3";
    because = v3Reason;
  } else {
    const { v1, v2 } = voteFiles(project);
    if (v1 !== v2) {
      format = v1 > v2 ? "v1" : "v2";
      const most = Math.max(v1, v2);
      because = `its files have the shapes of ${format} (${most} sign${most === 1 ? "" : "s"} against ${Math.min(v1, v2)})`;
    } else if (pin) {
      format = formatOfMajor(pin.major);
      because = `its files fit v1 and v2 alike, and ${pinned}`;
    } else {
      format = "v2";
      because = "its files fit v1 and v2 alike, and v2 is the newer";
    }
  }
  if (pin && formatOfMajor(pin.major) === format) {
    return { format, version: `${pin.major}.${pin.minor}`, reason: `${format}: ${because}; ${pinned}, whose rules apply.` };
  }
  const newest = NEWEST_VERSION[format];
  const unused = pin ? `; ${pinned}, which writes another format, so it is not followed` : "; no package.json pins @featurevisor/cli";
  return { format, version: newest, reason: `${format}: ${because}${unused}; the newest rules of ${format} (${newest}) apply.` };
}

/**
 * Whether the rules that apply to a project are those of `major.minor` or newer. A project whose version is
 * not detected yet counts as the newest of its format.
 */
export function versionAtLeast(project: Pick<Project, "version" | "format">, major: number, minor: number): boolean {
  const parsed = parseRange(project.version?.version ?? NEWEST_VERSION[project.format]);
  if (!parsed) return true;
  return parsed.major > major || (parsed.major === major && parsed.minor >= minor);
}
