// An object schema's `required` may only name properties its `properties` declare (Featurevisor 2.x and 3.x),
// in a feature's variable schemas (nested ones and the reusable schemas they reference included) and in
// attributes, as the 2.27 and 3.1 linters check them. A referenced schema's problem is reported on the
// reference, as the linters do: an unused schema file is not checked.

import { isObject } from "../../project/featureView";
import type { JsonPath } from "../../types";
import { didYouMean } from "../refs";
import type { Rule, RuleContext } from "../rule";
import { closest } from "../suggest";

/** Where a referenced schema's problems are reported: the `schema` key of the reference, and the schema's key. */
interface Via {
  path: JsonPath;
  schema: string;
}

const MAX_DEPTH = 64;

function walk(
  ctx: RuleContext,
  node: unknown,
  path: JsonPath,
  follow: boolean,
  via: Via | undefined,
  seen: Set<string>,
  depth: number,
): void {
  if (!isObject(node) || depth > MAX_DEPTH) return;
  if (follow && typeof node.schema === "string") {
    const key = node.schema;
    ctx.dependOn("schema", key);
    const target = ctx.project.entry("schema", key)?.doc?.value;
    if (target !== undefined && !seen.has(key)) {
      seen.add(key);
      walk(ctx, target, [], follow, via ?? { path: [...path, "schema"], schema: key }, seen, depth + 1);
      seen.delete(key);
    }
    return;
  }
  const properties = isObject(node.properties) ? node.properties : undefined;
  if (node.type === "object" && Array.isArray(node.required) && properties) {
    const declared = Object.keys(properties);
    node.required.forEach((name, i) => {
      if (typeof name !== "string" || declared.includes(name)) return;
      const allowed = declared.length > 0 ? declared.map((d) => `"${d}"`).join(", ") : "none";
      if (via) {
        ctx.report(
          "unknown-required-property",
          via.path,
          `Schema "${via.schema}" requires "${name}", which its properties do not declare (declared: ${allowed}).`,
          { data: { schema: via.schema, key: name } },
        );
        return;
      }
      const hint = closest(name, declared);
      ctx.report(
        "unknown-required-property",
        [...path, "required", i],
        `"required" names "${name}", which "properties" does not declare (declared: ${allowed}).${didYouMean(hint)}`,
        { data: { key: name, ...(hint ? { suggestion: hint } : {}) } },
      );
    });
  }
  const next = (child: unknown, at: JsonPath) => walk(ctx, child, via ? [] : at, follow, via, seen, depth + 1);
  if (properties) for (const key of Object.keys(properties)) next(properties[key], [...path, "properties", key]);
  if (isObject(node.additionalProperties)) next(node.additionalProperties, [...path, "additionalProperties"]);
  if (isObject(node.items)) next(node.items, [...path, "items"]);
  if (Array.isArray(node.oneOf)) node.oneOf.forEach((branch, i) => next(branch, [...path, "oneOf", i]));
}

export const requiredPropertiesRule: Rule = {
  codes: ["unknown-required-property"],
  kinds: ["feature", "attribute"],
  run(ctx) {
    if (ctx.project.format === "v1") return;
    if (ctx.entry.kind === "attribute") {
      // The linters do not follow `schema:` references inside attributes for this check.
      walk(ctx, ctx.value, [], false, undefined, new Set(), 0);
      return;
    }
    for (const decl of ctx.variables) walk(ctx, decl.raw, decl.path, true, undefined, new Set(), 0);
  },
};
