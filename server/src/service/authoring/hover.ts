// Hover in flag files: what a referenced segment, attribute, feature, variation or operator is.

import type { FileEntry } from "../project/entries";
import { attributeKeyOf } from "../project/featureView";
import type { Project } from "../project/project";
import type { HoverResult } from "../types";
import { cursorContext, inSegments, lastKey, valueAt } from "./cursor";
import { describeAttribute, describeFeature, describeSegment, describeTarget, describeVariation, targetFeatures } from "./describe";
import { matchesFeaturePattern } from "../project/targetView";
import { OPERATORS } from "./operators";
import { referenceAtOffset } from "./references";

/** Hover content at an offset of a file. */
export function doHover(project: Project, entry: FileEntry, offset: number): HoverResult | undefined {
  return cursorHover(project, entry, offset) ?? referenceHover(project, entry, offset);
}

/** Hover from the YAML cursor context: references, operators, variations. */
function cursorHover(project: Project, entry: FileEntry, offset: number): HoverResult | undefined {
  const doc = entry.doc;
  if (!doc) return undefined;
  const ctx = cursorContext(doc, offset);
  if (!ctx || ctx.inKey || ctx.start === ctx.end) return undefined;
  const value = valueAt(doc.value, ctx.path);
  if (typeof value !== "string") return undefined;
  const path = ctx.path;
  const last = lastKey(path);
  let contents: string | undefined;
  /** The feature described, when it is one. */
  let feature: string | undefined;
  if (inSegments(path) || (entry.kind === "test" && path.length === 1 && last === "segment")) contents = describeSegment(project, value);
  else if ((last === "attribute" && path.includes("conditions")) || path[0] === "bucketBy")
    contents = describeAttribute(project, attributeKeyOf(project, value)); // v2 `account.plan` is the attribute `account`
  else if (entry.kind === "test" && path[0] === "assertions" && path.length === 3 && last === "target")
    contents = describeTarget(project, value);
  else if (entry.kind === "target" && (path[0] === "tag" || path[0] === "tags")) contents = describeTarget(project, entry.key);
  else if (entry.kind === "target" && (path[0] === "includeFeatures" || path[0] === "excludeFeatures"))
    contents = value.includes("*") ? describePattern(project, entry.key, value) : describeFeature(project, (feature = value));
  else if (last === "operator") contents = OPERATORS.find((o) => o.name === value)?.description.replace(/^/, `**Operator \`${value}\`**: `);
  else if (
    (path[0] === "required" && last !== "variation") ||
    (entry.kind === "group" && last === "feature") ||
    (entry.kind === "test" && path.length === 1 && last === "feature")
  ) {
    contents = describeFeature(project, (feature = value));
  } else if (last === "variation" || last === "expectedVariation" || last === "disabledVariationValue") {
    const featureKey =
      path[0] === "required"
        ? valueAt(doc.value, [...path.slice(0, -1), "key"])
        : entry.kind === "test"
          ? valueAt(doc.value, ["feature"])
          : entry.key;
    const feature =
      entry.kind === "feature" && path[0] !== "required"
        ? doc.value
        : typeof featureKey === "string"
          ? project.entry("feature", featureKey)?.doc?.value
          : undefined;
    contents = describeVariation(feature, value);
  }
  if (!contents) return undefined;
  return { contents, range: doc.lineIndex.rangeOf(ctx.start, ctx.end), ...featureOf(project, feature) };
}

/** The hover's feature, when the key names one of the project's. */
function featureOf(project: Project, key: string | undefined): Pick<HoverResult, "feature"> {
  return key !== undefined && project.entry("feature", key) ? { feature: { key, root: project.root } } : {};
}

/**
 * The description of the entity a reference at the offset names, found through the file's own locator:
 * hover where the YAML cursor cannot go (TOML files, a `context` key).
 */
function referenceHover(project: Project, entry: FileEntry, offset: number): HoverResult | undefined {
  const hit = referenceAtOffset(project, entry, offset);
  if (!hit || !entry.doc) return undefined;
  const { kind, key } = hit.reference;
  const contents =
    kind === "segment"
      ? describeSegment(project, key)
      : kind === "attribute"
        ? describeAttribute(project, key)
        : kind === "feature"
          ? describeFeature(project, key)
          : kind === "target"
            ? describeTarget(project, key)
            : undefined;
  if (!contents) return undefined;
  const range = entry.doc.lineIndex.rangeOf(hit.offsets[0], hit.offsets[1]);
  return { contents, range, ...featureOf(project, kind === "feature" ? key : undefined) };
}

/** A feature key pattern of a target: the features it matches, and whether the target takes them. */
function describePattern(project: Project, target: string, pattern: string): string {
  const matched = project
    .keys("feature")
    .filter((k) => matchesFeaturePattern(k, pattern))
    .sort();
  const taken = new Set(targetFeatures(project, target));
  const list = matched.slice(0, 40).map((k) => "`" + k + "`" + (taken.has(k) ? "" : " (not taken)"));
  const more = matched.length > 40 ? `, and ${matched.length - 40} more` : "";
  return (
    `**Pattern \`${pattern}\`** matches ${matched.length} feature${matched.length === 1 ? "" : "s"}` +
    (matched.length > 0 ? `: ${list.join(", ")}${more}` : ".")
  );
}
