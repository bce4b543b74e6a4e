// Where a constant used in a call is declared, when it is not in the same file: by the module it
// was imported from (`./flags`, `app.flags`, `com.acme.Flags`, `github.com/acme/app/flags`), or by
// its qualifier (`Flags.CHECKOUT`), matched against file and folder names.

import { dirname } from "../fileSystem";
import type { KeyArg } from "./usages";

/** A name a call uses that its own file does not declare. */
export interface NameReference {
  /** The file of the call. */
  file: string;
  arg: Extract<KeyArg, { type: "name" }>;
}

/** A name for comparisons: lower case, without `_`, `-` and `.` (`feature_flags` ~ `FeatureFlags`). */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[_\-.]/g, "");
}

/** The base name of a path without its extension. */
export function stem(path: string): string {
  const base = path.slice(path.lastIndexOf("/") + 1);
  const dot = base.indexOf(".");
  return dot > 0 ? base.slice(0, dot) : base;
}

/** Resolves a relative module specifier (`./flags`, `../lib/flags`, Python's `.flags`) against a file; undefined when not relative. */
export function relativeModule(file: string, module: string): string | undefined {
  let spec = module;
  if (/^\.+[A-Za-z_]/.test(spec) && !spec.includes("/")) {
    // Python: .flags, ..pkg.flags
    const dots = /^\.+/.exec(spec)![0].length;
    spec = "../".repeat(dots - 1) + "./" + spec.slice(dots).replace(/\./g, "/");
  }
  if (!spec.startsWith("./") && !spec.startsWith("../")) return undefined;
  const parts = dirname(file).split("/");
  for (const seg of spec.split("/")) {
    if (seg === "." || seg === "") continue;
    if (seg === "..") parts.pop();
    else parts.push(seg);
  }
  return parts.join("/");
}

/** The last segment of a module path, whatever its separators (`@/lib/flags`, `app.flags`, `Acme\Flags`). */
function lastSegment(module: string): string {
  const parts = module.split(/[/.\\:]+/).filter((p) => p.length > 0);
  return parts[parts.length - 1] ?? module;
}

/** How well a file matches where a reference says its name comes from: 2 by module, 1 by qualifier or folder, 0 not at all. */
export function matchesOrigin(ref: NameReference, path: string, container?: string): number {
  const { module, qualifier } = ref.arg;
  if (module !== undefined) {
    const rel = relativeModule(ref.file, module);
    if (rel !== undefined) {
      const noExt = path.replace(/\.[^./]+$/, "");
      if (noExt === rel || noExt === rel + "/index" || noExt === rel + "/__init__") return 2;
    } else {
      const seg = normalizeName(lastSegment(module));
      if (normalizeName(stem(path)) === seg || normalizeName(stem(dirname(path))) === seg) return 2;
    }
  }
  if (qualifier !== undefined) {
    const q = normalizeName(qualifier);
    if (container !== undefined && normalizeName(container) === q) return 1;
    if (normalizeName(stem(path)) === q || normalizeName(stem(dirname(path))) === q) return 1;
  }
  return 0;
}

/**
 * Files that may declare the names of `refs`, among `paths`: the modules they come from, files or
 * folders named like their qualifiers, and (for bare names, as Go packages share names across
 * files) the other files of the same folder. At most `limit` files.
 */
export function definitionCandidates(refs: Iterable<NameReference>, paths: readonly string[], limit = 2000): Set<string> {
  // What is wanted, then one pass over the paths.
  const exact = new Set<string>(); // paths without extension
  const stems = new Set<string>(); // normalised file or folder names
  const dirs = new Map<string, number>(); // folders whose files are all wanted, with a cap each
  for (const ref of refs) {
    const { module, qualifier } = ref.arg;
    if (module !== undefined) {
      const rel = relativeModule(ref.file, module);
      if (rel !== undefined) for (const c of [rel, rel + "/index", rel + "/__init__"]) exact.add(c);
      else stems.add(normalizeName(lastSegment(module)));
    }
    if (qualifier !== undefined) stems.add(normalizeName(qualifier));
    if (module === undefined && qualifier === undefined) dirs.set(dirname(ref.file), 200);
  }
  const out = new Set<string>();
  const dirStem = new Map<string, boolean>();
  for (const p of paths) {
    if (out.size >= limit) break;
    const slash = p.lastIndexOf("/");
    const dot = p.lastIndexOf(".");
    if (exact.size > 0 && exact.has(dot > slash ? p.slice(0, dot) : p)) {
      out.add(p);
      continue;
    }
    const dir = slash > 0 ? p.slice(0, slash) : "/";
    const left = dirs.get(dir);
    if (left !== undefined && left > 0) {
      dirs.set(dir, left - 1);
      out.add(p);
      continue;
    }
    if (stems.size === 0) continue;
    if (stems.has(normalizeName(stem(p)))) {
      out.add(p);
      continue;
    }
    let inDir = dirStem.get(dir);
    if (inDir === undefined) dirStem.set(dir, (inDir = stems.has(normalizeName(stem(dir)))));
    if (inDir) out.add(p);
  }
  return out;
}
