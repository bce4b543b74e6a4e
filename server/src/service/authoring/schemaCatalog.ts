// The JSON Schemas of schemas/, for completion of property names and their documentation.

import v1Attribute from "../../../../schemas/v1/attribute.schema.json";
import v1Common from "../../../../schemas/v1/common.schema.json";
import v1Feature from "../../../../schemas/v1/feature.schema.json";
import v1Group from "../../../../schemas/v1/group.schema.json";
import v1Segment from "../../../../schemas/v1/segment.schema.json";
import v1Test from "../../../../schemas/v1/test.schema.json";
import v2Attribute from "../../../../schemas/v2/attribute.schema.json";
import v2Common from "../../../../schemas/v2/common.schema.json";
import v2Environment from "../../../../schemas/v2/environment.schema.json";
import v2Feature from "../../../../schemas/v2/feature.schema.json";
import v2Group from "../../../../schemas/v2/group.schema.json";
import v2Schema from "../../../../schemas/v2/schema.schema.json";
import v2Segment from "../../../../schemas/v2/segment.schema.json";
import v2Test from "../../../../schemas/v2/test.schema.json";
import v3Attribute from "../../../../schemas/v3/attribute.schema.json";
import v3Common from "../../../../schemas/v3/common.schema.json";
import v3Feature from "../../../../schemas/v3/feature.schema.json";
import v3Group from "../../../../schemas/v3/group.schema.json";
import v3Schema from "../../../../schemas/v3/schema.schema.json";
import v3Segment from "../../../../schemas/v3/segment.schema.json";
import v3Target from "../../../../schemas/v3/target.schema.json";
import v3Test from "../../../../schemas/v3/test.schema.json";
import type { EntityKind, JsonPath, ProjectFormat } from "../types";

/** A JSON Schema node, as far as completion reads it. */
export interface SchemaNode {
  $ref?: string;
  description?: string;
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode | SchemaNode[];
  allOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  then?: SchemaNode;
  else?: SchemaNode;
  required?: string[];
  definitions?: Record<string, SchemaNode>;
}

const SETS = {
  v1: { common: v1Common, attribute: v1Attribute, segment: v1Segment, feature: v1Feature, group: v1Group, test: v1Test },
  v2: {
    common: v2Common,
    attribute: v2Attribute,
    segment: v2Segment,
    feature: v2Feature,
    group: v2Group,
    test: v2Test,
    schema: v2Schema,
    environment: v2Environment,
  },
  v3: {
    common: v3Common,
    attribute: v3Attribute,
    segment: v3Segment,
    feature: v3Feature,
    group: v3Group,
    test: v3Test,
    schema: v3Schema,
    target: v3Target,
  },
} as unknown as Record<ProjectFormat, Record<string, SchemaNode>>;

/** Every schema node that may describe the value at `path` of an entity. */
export function schemasAt(format: ProjectFormat, kind: EntityKind, path: JsonPath): SchemaNode[] {
  const set = SETS[format];
  const root = set[kind];
  if (!root) return [];
  const resolve = (node: SchemaNode, doc: SchemaNode, depth: number): { node: SchemaNode; doc: SchemaNode }[] => {
    if (depth > 20) return [];
    const out: { node: SchemaNode; doc: SchemaNode }[] = [];
    if (node.$ref) {
      const [file, pointer] = node.$ref.split("#");
      const target = file ? set[file.replace(".schema.json", "")] : doc;
      const name = pointer?.split("/").pop();
      const def = name ? target?.definitions?.[name] : undefined;
      if (def && target) out.push(...resolve(def, target, depth + 1));
    }
    out.push({ node, doc });
    for (const sub of [...(node.allOf ?? []), ...(node.anyOf ?? []), ...(node.oneOf ?? []), node.then, node.else]) {
      if (sub) out.push(...resolve(sub, doc, depth + 1));
    }
    return out;
  };
  let current = resolve(root, root, 0);
  for (const seg of path) {
    const next: { node: SchemaNode; doc: SchemaNode }[] = [];
    for (const { node, doc } of current) {
      let child: SchemaNode | undefined;
      if (typeof seg === "number") child = Array.isArray(node.items) ? node.items[seg] : node.items;
      else child = node.properties?.[seg] ?? (typeof node.additionalProperties === "object" ? node.additionalProperties : undefined);
      if (child) next.push(...resolve(child, doc, 0));
    }
    current = next;
  }
  return current.map((c) => c.node);
}

/** The properties the schemas allow at a path, with their descriptions. */
export function propertiesAt(format: ProjectFormat, kind: EntityKind, path: JsonPath): Map<string, SchemaNode> {
  const out = new Map<string, SchemaNode>();
  for (const node of schemasAt(format, kind, path)) {
    for (const [name, prop] of Object.entries(node.properties ?? {})) {
      const existing = out.get(name);
      if (!existing || (!existing.description && prop.description)) out.set(name, prop);
    }
  }
  return out;
}
