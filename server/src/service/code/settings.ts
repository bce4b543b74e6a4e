// Settings of the code scan and of staleness as an editor gives them (`flaglens.code.*`,
// `flaglens.stale.*`): checked here, so that a bad value is reported and ignored, never thrown.
// They mean what the options of `flaglens refs` and `flaglens stale` mean.

import { isObject } from "../project/featureView";
import { PathFilter } from "./ignore";
import { DEFAULT_STALENESS, type StalenessSettings } from "./staleness";
import { DEFAULT_SCAN_SETTINGS, type CodeScanSettings, type Evaluates, type ExtraFunction } from "./usages";

/** What to scan below a folder, and how: the fields a tree scan takes. */
export interface CodeTreeSettings {
  /** Globs relative to the folder; when given, only matching files are scanned. */
  include: string[];
  /** Globs relative to the folder that are never scanned. */
  exclude: string[];
  /** Honour .gitignore files. */
  gitignore: boolean;
  settings: CodeScanSettings;
}

/** How many code lenses flag calls get: one per call, one per line (listing its flags), or none. */
export type CodeLensMode = "call" | "line" | "off";

const LENS_MODES: readonly CodeLensMode[] = ["call", "line", "off"];

/** The code settings of a workspace. */
export interface CodeSettings {
  tree: CodeTreeSettings;
  staleness: StalenessSettings;
  /** flaglens.code.lens */
  lens: CodeLensMode;
}

/** Defaults: the SDK's names only, every code file that .gitignore does not exclude, stale after 30 days. */
export const DEFAULT_CODE_SETTINGS: CodeSettings = {
  tree: { include: [], exclude: [], gitignore: true, settings: DEFAULT_SCAN_SETTINGS },
  staleness: DEFAULT_STALENESS,
  lens: "line",
};

const NAME = /^[A-Za-z_$][\w$]*$/;
const EVALUATES: readonly Evaluates[] = ["flag", "variation", "variable"];

/** Parses `NAME` or `NAME:flag|variation|variable` (a wrapper called like the SDK); a string says what is wrong. */
export function parseFunctionSpec(spec: string): ExtraFunction | string {
  const parts = spec.trim().split(":");
  const [name, evaluates = "flag"] = parts;
  if (!NAME.test(name)) return `"${name}" is not a function name`;
  if (parts.length > 2 || !EVALUATES.includes(evaluates as Evaluates))
    return `"${spec}": the kind after the colon must be flag, variation or variable`;
  return { name, evaluates: evaluates as Evaluates };
}

/**
 * Reads `code` (functions, clients, include, exclude, gitignore, lens) and `stale` (days, permanentTags)
 * of the `flaglens` settings section. Values that are missing take their defaults; values that are
 * wrong are left out (the rest of a list is kept), each with a problem naming the setting.
 */
export function parseCodeSettings(code: unknown, stale: unknown): { settings: CodeSettings; problems: string[] } {
  const problems: string[] = [];
  const section = (value: unknown, name: string): Record<string, unknown> => {
    if (value === undefined || value === null) return {};
    if (isObject(value)) return value;
    problems.push(`flaglens.${name} must be an object; ignored.`);
    return {};
  };
  const c = section(code, "code");
  const s = section(stale, "stale");

  /** The strings of a list setting that `check` accepts (it returns what is wrong with one, if anything). */
  const list = (value: unknown, name: string, check: (item: string) => string | undefined): string[] | undefined => {
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) {
      problems.push(`flaglens.${name} must be a list of strings; ignored.`);
      return undefined;
    }
    const out: string[] = [];
    for (const item of value) {
      const wrong = typeof item !== "string" ? `${JSON.stringify(item) ?? String(item)} is not a string` : check(item);
      if (wrong) problems.push(`flaglens.${name}: ${wrong}; ignored.`);
      else out.push(item as string);
    }
    return out;
  };
  const nonEmpty = (item: string) => (item.trim() === "" ? "an empty string" : undefined);

  const functions = (
    list(c.functions, "code.functions", (item) => {
      const parsed = parseFunctionSpec(item);
      return typeof parsed === "string" ? `${parsed} (use NAME or NAME:flag|variation|variable)` : undefined;
    }) ?? []
  ).map((spec) => parseFunctionSpec(spec) as ExtraFunction);
  const clients =
    list(c.clients, "code.clients", (item) =>
      item === "*" || NAME.test(item) ? undefined : `"${item}" is not a name (or * for any receiver)`,
    ) ?? [];
  const include = list(c.include, "code.include", nonEmpty) ?? [];
  const exclude = list(c.exclude, "code.exclude", nonEmpty) ?? [];
  let gitignore = true;
  if (typeof c.gitignore === "boolean") gitignore = c.gitignore;
  else if (c.gitignore !== undefined && c.gitignore !== null) problems.push(`flaglens.code.gitignore must be true or false; ignored.`);

  let lens: CodeLensMode = "line";
  if (LENS_MODES.includes(c.lens as CodeLensMode)) lens = c.lens as CodeLensMode;
  else if (c.lens !== undefined && c.lens !== null)
    problems.push(`flaglens.code.lens must be one of ${LENS_MODES.join(", ")}, not ${JSON.stringify(c.lens)}; using line.`);

  let days = DEFAULT_STALENESS.days;
  if (typeof s.days === "number" && Number.isInteger(s.days) && s.days >= 0) days = s.days;
  else if (s.days !== undefined && s.days !== null)
    problems.push(`flaglens.stale.days must be a whole number of at least 0, not ${JSON.stringify(s.days)}; using ${days}.`);
  const permanentTags = list(s.permanentTags, "stale.permanentTags", nonEmpty) ?? DEFAULT_STALENESS.permanentTags;

  return {
    settings: {
      tree: { include, exclude, gitignore, settings: { functions, clients } },
      staleness: { ...DEFAULT_STALENESS, days, permanentTags },
      lens,
    },
    problems,
  };
}

/**
 * Whether a file below one of some folders is scanned by the include and exclude globs, seen
 * from the innermost folder that holds it (as a tree scan of that folder would see it: an
 * excluded folder excludes what is inside). Files outside every folder are accepted.
 */
export function codePathFilter(
  folders: readonly string[],
  include: readonly string[],
  exclude: readonly string[],
): (path: string) => boolean {
  if (include.length === 0 && exclude.length === 0) return () => true;
  const filter = new PathFilter(include, exclude);
  const roots = folders.map((f) => (f.endsWith("/") ? f : f + "/")).sort((a, b) => b.length - a.length);
  return (path) => {
    const root = roots.find((r) => path.startsWith(r));
    if (root === undefined) return true;
    const parts = path.slice(root.length).split("/");
    for (let i = 1; i < parts.length; i++) if (filter.excludesDir(parts.slice(0, i).join("/"))) return false;
    return filter.acceptsFile(parts.join("/"));
  };
}
