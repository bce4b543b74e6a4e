// Completions in flag files: the keys of segments, attributes, features, variations, variables,
// environments and tags, and operators, wherever each is expected.

import { attributeKeyOf, isObject, variationViews, variableDecls } from "../project/featureView";
import type { Project } from "../project/project";
import type { FileEntry } from "../project/entries";
import type { CompletionItem, CompletionKind, EntityRef, JsonPath } from "../types";
import { cursorContext, inSegments, lastKey, valueAt, type CursorContext } from "./cursor";
import { describeAttribute, describeFeature, describeSegment } from "./describe";
import { OPERATORS } from "./operators";
import { parseFlagDocument } from "../project/document";
import { propertiesAt } from "./schemaCatalog";

interface Candidate {
  label: string;
  detail?: string;
  documentation?: string;
  /** An entity whose documentation is built only when the client asks (completionItem/resolve). */
  describe?: EntityRef;
  /** Inserted as typed, never quoted: `true`, `false`, numbers. */
  raw?: boolean;
}

/** Completion proposals at an offset of a file. */
export function doComplete(project: Project, entry: FileEntry, offset: number): CompletionItem[] {
  const doc = entry.doc;
  if (!doc) return [];
  const ctx = cursorContext(doc, offset);
  if (!ctx) return [];
  const found = candidatesFor(project, entry, ctx);
  if (!found) return [];
  const range = doc.lineIndex.rangeOf(ctx.start, ctx.end);
  const quote = ctx.text.startsWith('"') ? '"' : ctx.text.startsWith("'") ? "'" : "";
  return found.items.map((c) => ({
    label: c.label,
    kind: found.kind,
    detail: c.detail,
    documentation: c.documentation,
    describe: c.describe,
    range,
    insertText: c.raw ? c.label : quote ? quote + c.label + quote : yamlScalar(c.label),
  }));
}

/** A key written as a YAML scalar: quoted only when YAML would misread it. */
function yamlScalar(s: string): string {
  return /^[A-Za-z_][\w./-]*$/.test(s) && !/^(true|false|null|yes|no|on|off|~)$/i.test(s) ? s : JSON.stringify(s);
}

function keys(project: Project, kind: "segment" | "attribute" | "feature"): Candidate[] {
  return project.keys(kind).map((key) => {
    if (kind === "segment") {
      const s = project.segment(key);
      return { label: key, detail: s?.archived ? "segment (archived)" : "segment", describe: { kind, key } };
    }
    if (kind === "attribute") {
      const a = project.attribute(key);
      return { label: key, detail: `attribute: ${String(a?.type ?? "?")}`, describe: { kind, key } };
    }
    const f = project.feature(key);
    return {
      label: key,
      detail: f?.archived ? "feature (archived)" : f?.deprecated ? "feature (deprecated)" : "feature",
      describe: { kind, key },
    };
  });
}

/**
 * The documentation of an entity proposed by a completion. Built on request: a list of 300
 * segments with their conditions as YAML is 140 KB, and most items are never looked at.
 */
export function describeEntity(project: Project, ref: EntityRef): string | undefined {
  if (ref.kind === "segment") return describeSegment(project, ref.key);
  if (ref.kind === "attribute") return describeAttribute(project, ref.key);
  return describeFeature(project, ref.key);
}

function candidatesFor(project: Project, entry: FileEntry, ctx: CursorContext): { kind: CompletionKind; items: Candidate[] } | undefined {
  const path = ctx.path;
  const last = lastKey(path);
  const value = entry.doc?.value;
  const featureValue = entry.kind === "environment" ? project.entry("feature", entry.key)?.doc?.value : value;
  if (ctx.inKey) return keyCandidates(project, entry, path, featureValue);

  if (entry.kind === "feature" || entry.kind === "environment" || entry.kind === "segment") {
    if (inSegments(path) && entry.kind !== "segment")
      return { kind: "segment", items: [{ label: "*", detail: "everyone" }, ...keys(project, "segment")] };
    if (last === "attribute" && path.includes("conditions")) return { kind: "attribute", items: attributesInConditions(project) };
    if (last === "operator" && path.includes("conditions")) return { kind: "operator", items: operatorsFor(project, value, path) };
    if (last === "value" && path.includes("conditions")) return knownValues(project, value, path);
  }
  if (entry.kind === "feature" || entry.kind === "environment") {
    if (path[0] === "bucketBy") return { kind: "attribute", items: keys(project, "attribute") };
    if (path[0] === "required" && (path.length === 2 || last === "key"))
      return { kind: "feature", items: keys(project, "feature").filter((c) => c.label !== entry.key) };
    if (path[0] === "required" && last === "variation") {
      const other = valueAt(value, [...path.slice(0, -1), "key"]);
      return typeof other === "string"
        ? { kind: "variation", items: variationsOf(project.entry("feature", other)?.doc?.value) }
        : undefined;
    }
    if (last === "variation" || last === "disabledVariationValue") return { kind: "variation", items: variationsOf(featureValue) };
    // v1 variation variables are a list of { key, value, overrides }.
    if (entry.kind === "feature" && path[0] === "variations" && path[2] === "variables" && path.length === 5 && last === "key")
      return { kind: "variable", items: variablesOf(featureValue) };
    if (path[0] === "tags" || (path.includes("expose") && typeof path[path.length - 1] === "number")) {
      return { kind: "tag", items: project.config.tags.map((t) => ({ label: t, detail: "tag" })) };
    }
  }
  if (entry.kind === "group" && last === "feature") return { kind: "feature", items: keys(project, "feature") };
  if (entry.kind === "target" && !ctx.inKey) return targetCandidates(project, path);
  if (entry.kind === "test") {
    if (path.length === 1 && last === "feature") return { kind: "feature", items: keys(project, "feature") };
    if (path.length === 1 && last === "segment") return { kind: "segment", items: keys(project, "segment") };
    if (path[0] === "assertions" && path.length === 3 && last === "target") return { kind: "target", items: targetKeys(project) };
    if (last === "environment" && project.environments !== false) {
      return { kind: "environment", items: project.environments.map((e) => ({ label: e, detail: "environment" })) };
    }
    if (last === "expectedVariation" && isObject(value) && typeof value.feature === "string") {
      return { kind: "variation", items: variationsOf(project.entry("feature", value.feature)?.doc?.value) };
    }
  }
  return undefined;
}

/** In a target: declared tags in `tag` and `tags`, feature keys in `includeFeatures` and `excludeFeatures`. */
function targetCandidates(project: Project, path: JsonPath): { kind: CompletionKind; items: Candidate[] } | undefined {
  if (path[0] === "tag" || path[0] === "tags") return { kind: "tag", items: project.config.tags.map((t) => ({ label: t, detail: "tag" })) };
  if (path[0] === "includeFeatures" || path[0] === "excludeFeatures") return { kind: "feature", items: keys(project, "feature") };
  return undefined;
}

/** The targets of a v3 project, with their descriptions. */
function targetKeys(project: Project): Candidate[] {
  return project.entries("target").map((e) => {
    const v = e.doc?.value;
    const description = isObject(v) && typeof v.description === "string" ? v.description : undefined;
    return { label: e.key, detail: description ? `target: ${description}` : "target" };
  });
}

/** Completions on a key: variable names in variables maps, environment names in environment maps. */
function keyCandidates(
  project: Project,
  entry: FileEntry,
  path: JsonPath,
  featureValue: unknown,
): { kind: CompletionKind; items: Candidate[] } | undefined {
  const parent = path[path.length - 2];
  if ((parent === "variables" || parent === "variableOverrides" || parent === "expectedVariables") && path.length >= 2) {
    const source =
      entry.kind === "test" && isObject(entry.doc?.value)
        ? project.entry("feature", String(entry.doc!.value.feature))?.doc?.value
        : featureValue;
    return { kind: "variable", items: variablesOf(source) };
  }
  if (parent === "variationWeights" && path.length >= 2) return { kind: "variation", items: variationsOf(featureValue) };
  const envMap =
    project.format === "v1"
      ? path.length === 2 && path[0] === "environments"
      : path.length === 2 && ["rules", "force", "expose"].includes(String(path[0]));
  if (envMap && project.environments !== false) {
    return { kind: "environment", items: project.environments.map((e) => ({ label: e, detail: "environment" })) };
  }
  return undefined;
}

function variablesOf(feature: unknown): Candidate[] {
  return variableDecls(feature).map((d) => ({ label: d.key, detail: `variable: ${String(d.type)}` }));
}

function variationsOf(feature: unknown): Candidate[] {
  return variationViews(feature).flatMap((v) =>
    typeof v.value.value === "string" ? [{ label: v.value.value, detail: `variation, weight ${String(v.weight?.value ?? "?")}` }] : [],
  );
}

/** Attribute keys, and in v2 the property paths of object attributes (`account.plan`). */
function attributesInConditions(project: Project): Candidate[] {
  const out = keys(project, "attribute");
  if (project.format === "v1") return out;
  const walk = (key: string, schema: Record<string, unknown>, prefix: string, depth: number) => {
    if (depth > 4 || !isObject(schema.properties)) return;
    for (const [name, prop] of Object.entries(schema.properties)) {
      if (!isObject(prop)) continue;
      out.push({
        label: `${prefix}.${name}`,
        detail: `attribute property: ${String(prop.type ?? "?")}`,
        describe: { kind: "attribute", key },
      });
      walk(key, prop, `${prefix}.${name}`, depth + 1);
    }
  };
  for (const key of project.keys("attribute")) {
    const v = project.entry("attribute", key)?.doc?.value;
    if (isObject(v) && v.type === "object") walk(key, v, key, 0);
  }
  return out;
}

/** The schema of the attribute a condition names: the attribute's file, or in v2 a property of an object attribute. */
function attributeSchema(project: Project, name: unknown): Record<string, unknown> | undefined {
  if (typeof name !== "string") return undefined;
  const key = attributeKeyOf(project, name);
  let schema: unknown = project.entry("attribute", key)?.doc?.value;
  if (key !== name)
    for (const p of name.slice(key.length + 1).split("."))
      schema = isObject(schema) && isObject(schema.properties) ? schema.properties[p] : undefined;
  return isObject(schema) ? schema : undefined;
}

function operatorsFor(project: Project, value: unknown, path: JsonPath): Candidate[] {
  const type = attributeSchema(project, valueAt(value, [...path.slice(0, -1), "attribute"]))?.type;
  return OPERATORS.filter(
    (o) => (project.format !== "v1" || o.since === "v1") && (!o.types || typeof type !== "string" || o.types.includes(type)),
  ).map((o) => ({
    label: o.name,
    detail: "operator",
    documentation: o.description,
  }));
}

/** `true`/`false` for a boolean attribute, the `enum` of an attribute or property; also as items of a list value (`in`). */
function knownValues(project: Project, value: unknown, path: JsonPath): { kind: CompletionKind; items: Candidate[] } | undefined {
  const schema = attributeSchema(project, valueAt(value, [...path.slice(0, path.lastIndexOf("value")), "attribute"]));
  if (schema?.type === "boolean")
    return {
      kind: "value",
      items: [
        { label: "true", raw: true },
        { label: "false", raw: true },
      ],
    };
  if (!Array.isArray(schema?.enum)) return undefined;
  const items = schema.enum.flatMap((e): Candidate[] =>
    typeof e === "string" ? [{ label: e }] : typeof e === "number" || typeof e === "boolean" ? [{ label: String(e), raw: true }] : [],
  );
  return items.length > 0 ? { kind: "value", items } : undefined;
}

/** A placeholder key parsed in place of what is typed, to learn which mapping the cursor is in. */
const PROBE = "__flaglens_probe__";

/** Property names the schemas allow in the mapping at the cursor, when a key is being typed. */
export function doCompleteProperty(project: Project, entry: FileEntry, offset: number): CompletionItem[] {
  const doc = entry.doc;
  // The probe below is parsed with ranges, which a huge text does not get (it would take seconds).
  if (!doc || doc.scannedOnly) return [];
  const text = doc.text;
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const m = /^(\s*(?:-\s+)?)([A-Za-z_]*)$/.exec(before);
  if (!m) return [];
  let end = offset;
  while (end < text.length && /[A-Za-z_]/.test(text[end])) end++;
  if (/^\s*:/.test(text.slice(end, end + 2)) && m[2].length > 0) return []; // An existing key: no property proposals.
  const probed = text.slice(0, lineStart) + m[1] + PROBE + ": 0" + text.slice(end).replace(/^[^\n]*/, "");
  const probe = parseFlagDocument(probed, "yml");
  const ctx = cursorContext(probe, lineStart + m[1].length + 1);
  if (!ctx || !ctx.inKey || ctx.path[ctx.path.length - 1] !== PROBE) return [];
  const parentPath = ctx.path.slice(0, -1);
  const present = valueAt(probe.value, parentPath);
  const taken = new Set(isObject(present) ? Object.keys(present) : []);
  const range = doc.lineIndex.rangeOf(lineStart + m[1].length, end);
  const snippets = taken.size === 1 ? snippetsFor(parentPath, m[1].length) : [];
  // One v1 schema allows both layouts; the config decides which one a feature of this project uses.
  if (project.format === "v1" && entry.kind === "feature" && parentPath.length === 0) {
    for (const name of project.environments === false ? ["environments"] : ["rules", "force", "expose"]) taken.add(name);
  }
  return [
    ...snippets.map((sn) => ({ ...sn, range })),
    ...[...propertiesAt(project.format, entry.kind, parentPath)]
      .filter(([name]) => !taken.has(name))
      .map(([name, schema]) => ({
        label: name,
        kind: "property" as const,
        detail: Array.isArray(schema.type) ? schema.type.join(" | ") : schema.type,
        documentation: schema.description,
        range,
        insertText: `${name}: `,
      })),
  ];
}

const SNIPPETS: { container: string; label: string; detail: string; lines: string[] }[] = [
  {
    container: "rules",
    label: "new rule",
    detail: "key, segments, percentage",
    lines: ['key: "${1:everyone}"', 'segments: ${2:"*"}', "percentage: ${3:100}"],
  },
  {
    container: "force",
    label: "new force entry",
    detail: "segments, enabled, variation",
    lines: ["segments: ${1:qa}", "enabled: ${2:true}"],
  },
  { container: "variations", label: "new variation", detail: "value, weight", lines: ["value: ${1:treatment}", "weight: ${2:50}"] },
  {
    container: "conditions",
    label: "new condition",
    detail: "attribute, operator, value",
    lines: [
      "attribute: ${1}",
      "operator: ${2|equals,notEquals,in,notIn,greaterThan,lessThan,contains,startsWith,semverGreaterThanOrEquals,before,after|}",
      "value: ${3}",
    ],
  },
];

/** Whole new list items (a rule, a force entry, a variation, a condition) for an empty `- ` item. */
function snippetsFor(parentPath: JsonPath, column: number): Omit<CompletionItem, "range">[] {
  if (typeof parentPath[parentPath.length - 1] !== "number") return [];
  // Conditions nest in and/or/not lists; rules and forces are keyed by environment in v2.
  const keys = parentPath.filter((p): p is string => typeof p === "string" && !["and", "or", "not"].includes(p));
  const container = parentPath.includes("conditions") ? "conditions" : keys[keys.length - 1];
  const inRules = ["rules", "force"].find((k) => parentPath.includes(k) && parentPath.indexOf(k) >= parentPath.length - 3);
  const target = SNIPPETS.find((sn) => sn.container === container || sn.container === inRules);
  if (!target) return [];
  const indent = "\n" + " ".repeat(column);
  return [{ label: target.label, kind: "snippet", detail: target.detail, insertText: target.lines.join(indent), snippet: true }];
}
