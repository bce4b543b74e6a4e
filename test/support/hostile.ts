// Hostile flag files for the hardening tests: deep nesting, huge keys, huge flow lists, alias
// bombs and oversized documents, each placed where a real entity of its kind would hold it.

import type { EntityKind } from "../../server/src/service/types";

/** A hostile case: a file of some entity kind, relative to the project root. */
export interface HostileCase {
  name: string;
  kind: EntityKind;
  /** Path relative to the project root, e.g. `features/deep.yml`. */
  rel: string;
  text: string;
}

/** A block sequence nested `depth` levels deep on one line (`- - - leaf`), indented under a key at `indent`. */
export function deepBlock(depth: number, indent = 2): string {
  return " ".repeat(indent) + "- ".repeat(depth) + "leaf\n";
}

/** A block sequence nested `depth` levels deep, one line per level, each indented one more space. */
export function deepIndented(depth: number, indent = 2): string {
  const lines: string[] = [];
  for (let i = 0; i < depth; i++) lines.push(" ".repeat(indent + i) + "-");
  lines[lines.length - 1] += " leaf";
  return lines.join("\n") + "\n";
}

/** Conditions nested `depth` levels deep through `and`/`or`/`not`, one level per line. */
export function deepAndOr(depth: number): string {
  const lines: string[] = [];
  const ops = ["and", "or", "not"];
  for (let i = 0; i < depth; i++) lines.push(" ".repeat(2 + i * 2) + `- ${ops[i % 3]}:`);
  lines.push(
    " ".repeat(4 + depth * 2) +
      "- attribute: country\n" +
      " ".repeat(6 + depth * 2) +
      "operator: equals\n" +
      " ".repeat(6 + depth * 2) +
      "value: nl",
  );
  return lines.join("\n") + "\n";
}

/** `depth` nested flow sequences on one line: `[[[...]]]`. */
export function deepFlow(depth: number): string {
  return "[".repeat(depth) + "]".repeat(depth);
}

/** Ten levels of anchors, each aliasing the previous ten times: 10^10 nodes once expanded. */
export function aliasBomb(indent: number): string {
  const pad = " ".repeat(indent);
  const lines = [`${pad}- &a0 [x, x, x, x, x, x, x, x, x, x]`];
  for (let i = 1; i < 10; i++) {
    const p = `*a${i - 1}`;
    lines.push(`${pad}- &a${i} [${Array(10).fill(p).join(", ")}]`);
  }
  return lines.join("\n") + "\n";
}

/** A flow list of `n` items on one line, short enough that 250,000 of them stay under the 1 MiB size limit. */
export function hugeFlowList(n: number): string {
  return `[${"a,".repeat(n - 1)}a]`;
}

const FEATURE_HEAD = "description: Hostile\nbucketBy: userId\n";

/** The hostile cases, for every entity kind where they apply. */
export function hostileCases(options: { depth?: number; listSize?: number; keySize?: number } = {}): HostileCase[] {
  const depth = options.depth ?? 10_000;
  const n = options.listSize ?? 250_000;
  const bigKey = "k".repeat(options.keySize ?? 1_000_000);
  return [
    {
      name: "deep segments",
      kind: "feature",
      rel: "features/deepSegments.yml",
      text: `${FEATURE_HEAD}tags: [web]\nrules:\n  production:\n    - key: a\n      percentage: 100\n      segments:\n${deepBlock(depth, 8)}`,
    },
    {
      name: "deep flow segments",
      kind: "feature",
      rel: "features/deepFlow.yml",
      text: `${FEATURE_HEAD}tags: [web]\nrules:\n  production:\n    - key: a\n      percentage: 100\n      segments: ${deepFlow(depth)}\n`,
    },
    { name: "deep conditions", kind: "segment", rel: "segments/deep.yml", text: `description: Deep\nconditions:\n${deepBlock(depth)}` },
    {
      name: "deep indented conditions",
      kind: "segment",
      rel: "segments/deepIndented.yml",
      text: `description: Deep\nconditions:\n${deepIndented(Math.min(depth, 1000))}`,
    },
    {
      name: "deep and/or",
      kind: "segment",
      rel: "segments/deepAndOr.yml",
      text: `description: Deep\nconditions:\n${deepAndOr(Math.min(depth, 1000))}`,
    },
    { name: "deep type", kind: "attribute", rel: "attributes/deep.yml", text: `description: Deep\ntype:\n${deepBlock(depth)}` },
    { name: "deep slots", kind: "group", rel: "groups/deep.yml", text: `description: Deep\nslots:\n${deepBlock(depth)}` },
    {
      name: "deep context",
      kind: "test",
      rel: "tests/features/deep.spec.yml",
      text: `feature: darkMode\nassertions:\n  - at: 10\n    environment: production\n    context:\n      userId:\n${deepBlock(depth, 8)}`,
    },
    {
      name: "huge key",
      kind: "feature",
      rel: "features/hugeKey.yml",
      text: `${FEATURE_HEAD}tags: [web]\n${bigKey}: 1\nrules:\n  production:\n    - key: a\n      segments: "*"\n      percentage: 100\n`,
    },
    { name: "huge key", kind: "segment", rel: "segments/hugeKey.yml", text: `description: Huge\n${bigKey}: 1\nconditions: "*"\n` },
    {
      name: "huge flow list",
      kind: "feature",
      rel: "features/hugeList.yml",
      text: `${FEATURE_HEAD}tags: ${hugeFlowList(n)}\nrules:\n  production:\n    - key: a\n      segments: "*"\n      percentage: 100\n`,
    },
    {
      name: "huge flow list",
      kind: "segment",
      rel: "segments/hugeList.yml",
      text: `description: Huge\nconditions:\n  - attribute: country\n    operator: in\n    value: ${hugeFlowList(n)}\n`,
    },
    {
      name: "alias bomb",
      kind: "feature",
      rel: "features/bomb.yml",
      text: `${FEATURE_HEAD}tags: [web]\nrules:\n  production:\n    - key: a\n      percentage: 100\n      segments:\n${aliasBomb(8)}`,
    },
    { name: "alias bomb", kind: "segment", rel: "segments/bomb.yml", text: `description: Bomb\nconditions:\n${aliasBomb(2)}` },
    { name: "alias bomb", kind: "attribute", rel: "attributes/bomb.yml", text: `description: Bomb\ntype: string\nextra:\n${aliasBomb(2)}` },
    { name: "alias bomb", kind: "group", rel: "groups/bomb.yml", text: `description: Bomb\nslots:\n${aliasBomb(2)}` },
    {
      name: "alias bomb",
      kind: "test",
      rel: "tests/segments/bomb.spec.yml",
      text: `segment: netherlands\nassertions:\n  - context:\n      country:\n${aliasBomb(8)}    expectedToMatch: true\n`,
    },
  ];
}
