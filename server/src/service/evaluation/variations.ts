// Variations as the builders write them: v1 lists a variation's variables with their overrides;
// v2 maps variables and keeps `variableOverrides` beside them. An override's segments reach the SDK
// the way a stringifying builder writes them (see json.ts); its conditions are kept and read per SDK.

import { stringifiedSegments } from "./json";
import { isJsonObject, type VariableOverride, type Variation, type VariationVariableV1 } from "./types";

/**
 * An override as the SDK reads it. `conditions` is present exactly when the file defines it (the
 * builder then stringifies it, which makes even a null truthy); otherwise `segments`, if defined.
 */
function override(o: unknown): VariableOverride {
  if (!isJsonObject(o)) return {};
  if (o.conditions !== undefined) return { conditions: o.conditions, value: o.value };
  if (o.segments !== undefined) return { segments: stringifiedSegments(o.segments), value: o.value };
  return { value: o.value };
}

/** v1 variations: `variables` is a list of `{ key, value, overrides }`. */
export function variationsV1(list: unknown[]): Variation[] {
  return list.map((v) => {
    const o = isJsonObject(v) ? v : {};
    const variation: Variation = { value: o.value, weight: o.weight };
    if (Array.isArray(o.variables)) {
      variation.variablesV1 = o.variables.map((x): VariationVariableV1 => {
        const item = isJsonObject(x) ? x : {};
        const out: VariationVariableV1 = { key: item.key, value: item.value };
        if (Array.isArray(item.overrides)) out.overrides = item.overrides.map(override);
        return out;
      });
    }
    return variation;
  });
}

/** v2 variations: `variables` maps keys to values, `variableOverrides` maps keys to override lists. */
export function variationsV2(list: unknown[]): Variation[] {
  return list.map((v) => {
    const o = isJsonObject(v) ? v : {};
    const variation: Variation = { value: o.value, weight: o.weight };
    if (isJsonObject(o.variables)) variation.variables = o.variables;
    if (isJsonObject(o.variableOverrides)) {
      const overrides: Record<string, VariableOverride[]> = {};
      for (const [key, items] of Object.entries(o.variableOverrides)) overrides[key] = Array.isArray(items) ? items.map(override) : [];
      variation.variableOverrides = overrides;
    }
    return variation;
  });
}
