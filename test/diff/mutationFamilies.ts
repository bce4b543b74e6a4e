// Families of mutations generated from a fixture's own files, for the differential test against the 2.27 and
// 3.1 linters: every reference of a kind, in every file, misspelt in turn; every entity given an unknown
// property or a value of the wrong type. The fixture is read once when the module loads (nothing is generated
// when ../shared is absent; the suite then skips).

import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import type { Mutation, YamlMap } from "./mutations";

/** A path into a parsed YAML document. */
type JsonPath = (string | number)[];

/** A reference found in a file: where it is and what kind of entity it names. */
interface Reference {
  file: string;
  path: JsonPath;
  kind: string;
}

/** Every `.yml` file below `dir`, as `/`-separated paths relative to the fixture root. */
function listYaml(root: string, dir: string): string[] {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...listYaml(root, rel));
    else if (entry.name.endsWith(".yml")) out.push(rel);
  }
  return out.sort();
}

function load(root: string, rel: string): unknown {
  return yaml.load(fs.readFileSync(path.join(root, rel), "utf8"));
}

/** Strings naming segments inside a `segments` value (plain, list, and/or/not groups), except "*". */
function segmentPaths(value: unknown, at: JsonPath, out: JsonPath[]): void {
  if (typeof value === "string") {
    if (value !== "*") out.push(at);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => segmentPaths(v, [...at, i], out));
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) if (k === "and" || k === "or" || k === "not") segmentPaths(v, [...at, k], out);
  }
}

/** Walks a parsed file and collects the references the linter resolves, by the key that holds them. */
function collect(value: unknown, at: JsonPath, file: string, out: Reference[], local = file): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => collect(v, [...at, i], file, out, local));
    return;
  }
  if (!value || typeof value !== "object") return;
  for (const [k, v] of Object.entries(value as YamlMap)) {
    const here = [...at, k];
    if (k === "segments" && !local.startsWith("tests/")) {
      const paths: JsonPath[] = [];
      segmentPaths(v, here, paths);
      for (const p of paths) out.push({ file, path: p, kind: "segment" });
    } else if (k === "attribute" && typeof v === "string") {
      out.push({ file, path: here, kind: "attribute" });
    } else if (k === "bucketBy" && typeof v === "string") {
      out.push({ file, path: here, kind: "bucketBy attribute" });
    } else if (k === "required" && Array.isArray(v)) {
      // At a feature's root `required` names features; inside a variable's JSON schema it names properties.
      const kind = at.length === 0 ? "required feature" : "required schema property";
      v.forEach((r, i) => out.push({ file, path: typeof r === "string" ? [...here, i] : [...here, i, "key"], kind }));
    } else if (k === "feature" && typeof v === "string") {
      out.push({ file, path: here, kind: local.startsWith("groups/") ? "group slot feature" : "test feature" });
    } else if (k === "segment" && typeof v === "string" && local.startsWith("tests/")) {
      out.push({ file, path: here, kind: "test segment" });
    } else if (k === "variation" && typeof v === "string") {
      out.push({ file, path: here, kind: "variation" });
    } else {
      collect(v, here, file, out, local);
    }
  }
}

function setAt(doc: YamlMap, at: JsonPath, edit: (old: unknown) => unknown): void {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let node: any = doc;
  for (const step of at.slice(0, -1)) node = node[step];
  const last = at[at.length - 1];
  node[last] = edit(node[last]);
}

/** Keeps at most `max` items, spread evenly over the list, so a family samples every file kind it covers. */
function sample<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  return Array.from({ length: max }, (_, i) => items[Math.floor((i * items.length) / max)]);
}

/** The entity folders whose files are walked for references. */
const FOLDERS = ["features", "segments", "groups", "tests", "targets"];

/**
 * Generated mutations of the fixture `fixture` (a folder name under `fixturesDir`), each named `prefix: ...`.
 * `base` is a set folder (`sets/admin/`) for projects with sets. `limit` caps each family (by kind) so the suite's run time stays bounded.
 */
export function generateFamilies(fixturesDir: string, fixture: string, prefix: string, limit: number, base = ""): Mutation[] {
  const root = path.join(fixturesDir, fixture);
  if (!fs.existsSync(root)) return [];
  const files = FOLDERS.flatMap((dir) => listYaml(root, base + dir));
  const refs: Reference[] = [];
  for (const file of files) collect(load(root, file), [], file, refs, file.slice(base.length));
  const out: Mutation[] = [];
  const byKind = new Map<string, Reference[]>();
  for (const r of refs) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r]);
  for (const [kind, list] of byKind) {
    for (const r of sample(list, limit)) {
      out.push({
        name: `${prefix}: misspelt ${kind} at ${r.file} ${r.path.join(".")}`,
        fixture,
        files: [r.file],
        apply: (p) => p.editYaml(r.file, (d) => setAt(d, r.path, (old) => `${String(old)}Zz`)),
      });
    }
  }
  out.push(...shapeFamilies(root, fixture, prefix, limit, base));
  return out;
}

/** Unknown properties and wrong types at the root of every kind of entity file. */
function shapeFamilies(root: string, fixture: string, prefix: string, limit: number, base: string): Mutation[] {
  const out: Mutation[] = [];
  const edits: [string, string, (d: YamlMap) => void][] = [
    ["features", "unknown root property", (d) => (d.owner = "team-web")],
    ["features", "description as a number", (d) => (d.description = 42)],
    ["features", "tags as a string", (d) => (d.tags = "all")],
    ["segments", "unknown root property", (d) => (d.owner = "team-web")],
    ["segments", "conditions as a number", (d) => (d.conditions = 5)],
    ["attributes", "unknown root property", (d) => (d.owner = "team-web")],
    ["attributes", "unknown type", (d) => (d.type = "number")],
  ];
  for (const [dir, what, edit] of edits) {
    for (const file of sample(listYaml(root, base + dir), limit)) {
      out.push({ name: `${prefix}: ${what} in ${file}`, fixture, files: [file], apply: (p) => p.editYaml(file, edit) });
    }
  }
  return out;
}
