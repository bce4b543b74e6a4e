// A condition's attribute written as a property path (`account.plan`, `browser.name`): from Featurevisor 2.x on,
// the part before the first `.` names an object attribute and the rest walks its schema, as the 2.27 and 3.1
// linters do: each step needs `type: object` (after following `schema:` references to schemas/), no `oneOf`,
// and either the property in `properties` or an `additionalProperties` schema; an object attribute that
// declares neither accepts one more level of any name, and no deeper.

import { isObject } from "./featureView";
import type { Project } from "./project";

/** Why a property path does not resolve, with the properties that were possible at the failing step. */
export interface AttributePathProblem {
  /** The path up to (not including) the failing property, such as `account` or `account.address`. */
  parent: string;
  /** The failing property. */
  property: string;
  message: string;
  /** The property names declared at the failing step, for a suggestion. */
  candidates: string[];
}

const MAX_SCHEMA_HOPS = 32;

/**
 * Walks the properties after the attribute `root` (the attribute itself must exist). Returns undefined when the
 * path resolves. `onSchema` is told each reusable schema followed, for dependency tracking.
 */
export function attributePathProblem(
  project: Project,
  root: string,
  properties: readonly string[],
  onSchema: (key: string) => void = () => undefined,
): AttributePathProblem | undefined {
  let current: unknown = project.entry("attribute", root)?.doc?.value;
  let parent = root;
  for (let i = 0; i < properties.length; i++) {
    const property = properties[i];
    current = resolveSchema(project, current, onSchema);
    const fail = (message: string, candidates: string[] = []): AttributePathProblem => ({ parent, property, message, candidates });
    if (!isObject(current)) return fail(`"${parent}" has no schema to look "${property}" up in`);
    if (current.type !== "object") {
      const type = typeof current.type === "string" ? `of type ${current.type}` : "without a type";
      return fail(`"${parent}" is ${type}, not an object, so it has no property "${property}"`);
    }
    if (Array.isArray(current.oneOf) && current.oneOf.length > 0) {
      return fail(`"${parent}" is defined with oneOf, so its properties cannot be named in a condition`);
    }
    const props = isObject(current.properties) ? current.properties : undefined;
    const additional = isObject(current.additionalProperties) ? current.additionalProperties : undefined;
    if (props && Object.prototype.hasOwnProperty.call(props, property) && props[property]) {
      current = props[property];
    } else if (additional) {
      current = additional;
    } else if (!props && !current.additionalProperties) {
      // An object attribute with no declared properties: any one property below it, nothing deeper.
      if (i === properties.length - 1) return undefined;
      return fail(
        `"${parent}" declares no properties, so a condition can name only one level below it, not "${properties.slice(i).join(".")}"`,
      );
    } else {
      const names = props ? Object.keys(props) : [];
      const declared = names.length > 0 ? ` (it declares ${names.map((n) => `"${n}"`).join(", ")})` : "";
      return fail(`"${parent}" has no property "${property}"${declared}`, names);
    }
    parent = `${parent}.${property}`;
  }
  return undefined;
}

/** Follows `schema: <key>` references to the project's reusable schemas; an unknown one stays as it is. */
function resolveSchema(project: Project, node: unknown, onSchema: (key: string) => void): unknown {
  for (let hops = 0; hops < MAX_SCHEMA_HOPS && isObject(node) && typeof node.schema === "string"; hops++) {
    const key = node.schema;
    onSchema(key);
    const target = project.entry("schema", key)?.doc?.value;
    if (target === undefined) return node;
    node = target;
  }
  return node;
}
