// Hover in flag files: what a referenced segment, attribute, feature, variation or operator is.

import type { FileEntry } from "../project/entries";
import { attributeKeyOf } from "../project/featureView";
import type { Project } from "../project/project";
import type { HoverResult } from "../types";
import { cursorContext, inSegments, lastKey, valueAt } from "./cursor";
import { describeAttribute, describeFeature, describeSegment, describeVariation } from "./describe";
import { OPERATORS } from "./operators";

/** Hover content at an offset of a file. */
export function doHover(project: Project, entry: FileEntry, offset: number): HoverResult | undefined {
  const doc = entry.doc;
  if (!doc) return undefined;
  const ctx = cursorContext(doc, offset);
  if (!ctx || ctx.inKey || ctx.start === ctx.end) return undefined;
  const value = valueAt(doc.value, ctx.path);
  if (typeof value !== "string") return undefined;
  const path = ctx.path;
  const last = lastKey(path);
  let contents: string | undefined;
  if (inSegments(path) || (entry.kind === "test" && path.length === 1 && last === "segment")) contents = describeSegment(project, value);
  else if ((last === "attribute" && path.includes("conditions")) || path[0] === "bucketBy")
    contents = describeAttribute(project, attributeKeyOf(project, value)); // v2 `account.plan` is the attribute `account`
  else if (last === "operator") contents = OPERATORS.find((o) => o.name === value)?.description.replace(/^/, `**Operator \`${value}\`**: `);
  else if (
    (path[0] === "required" && last !== "variation") ||
    (entry.kind === "group" && last === "feature") ||
    (entry.kind === "test" && path.length === 1 && last === "feature")
  ) {
    contents = describeFeature(project, value);
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
  return contents ? { contents, range: doc.lineIndex.rangeOf(ctx.start, ctx.end) } : undefined;
}
