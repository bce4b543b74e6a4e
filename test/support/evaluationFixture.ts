// Helpers for evaluation tests: inline projects, and users chosen by the bucket they fall in, found with
// the real SDK's hash so that a test's premise ("this user is at 12%") does not rest on Flaglens's own.

import type { Evaluation } from "../../server/src/service/evaluation";
import type { Project } from "../../server/src/service/project/project";
import { ROOT, loadFixture } from "./fixture";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { getBucketedNumber } = require("@featurevisor/sdk") as { getBucketedNumber: (key: string) => number };

/** Loads an inline fixture project (`//- /features/x.yml` sections) and returns it. */
export async function fixtureProject(text: string): Promise<Project> {
  const { workspace } = await loadFixture(text);
  const project = workspace.projects.get(ROOT);
  if (!project) throw new Error("the fixture has no project");
  return project;
}

/** The SDK's bucket for a bucket key such as `user-1.checkout`. */
export function sdkBucket(bucketKey: string): number {
  return getBucketedNumber(bucketKey);
}

/** The first `user-N` whose bucket for a feature satisfies the predicate. */
export function userAt(featureKey: string, predicate: (bucket: number) => boolean, prefix = "user-"): string {
  for (let i = 0; i < 3_000_000; i++) {
    if (predicate(getBucketedNumber(`${prefix}${i}.${featureKey}`))) return `${prefix}${i}`;
  }
  throw new Error(`no user found for ${featureKey}`);
}

/** Attributes and segments most evaluation fixtures share. */
export const BASE = `//- /attributes/userId.yml
description: User
type: string
//- /attributes/country.yml
description: Country
type: string
//- /segments/nl.yml
description: NL
conditions:
  - attribute: country
    operator: equals
    value: nl
//- /segments/de.yml
description: DE
conditions:
  - attribute: country
    operator: equals
    value: de
`;

/** A v1 feature file: the same rules for staging and production unless production is given. */
export function v1(key: string, head: string, staging: string, production = staging): string {
  const indent = (s: string) => s.replace(/^(?=.)/gm, "    ");
  return `//- /features/${key}.yml\ndescription: ${key}\ntags: [all]\nbucketBy: userId\n${head}environments:\n  staging:\n${indent(staging)}  production:\n${indent(production)}`;
}

/** A v2 feature file. */
export function v2(key: string, head: string, staging: string, production = staging): string {
  const indent = (s: string) => s.replace(/^(?=.)/gm, "    ");
  return `//- /features/${key}.yml\ndescription: ${key}\ntags: [all]\nbucketBy: userId\n${head}${sections(staging, production, indent)}`;
}

/** v2 keeps rules and force per environment: `rules:\n  staging:\n    - ...`. */
function sections(staging: string, production: string, indent: (s: string) => string): string {
  const split = (s: string) => {
    const m = /^(force:\n[\s\S]*?)?(rules:\n[\s\S]*)$/.exec(s);
    return { force: m?.[1]?.replace(/^force:\n/, ""), rules: (m?.[2] ?? "rules:\n").replace(/^rules:\n/, "") };
  };
  const s = split(staging);
  const p = split(production);
  const force =
    s.force || p.force
      ? `force:\n${s.force ? `  staging:\n${indent(s.force)}` : ""}${p.force ? `  production:\n${indent(p.force)}` : ""}`
      : "";
  return `${force}rules:\n  staging:\n${indent(s.rules)}  production:\n${indent(p.rules)}`;
}

/** The SDK-visible part of an evaluation. */
export const outcome = (e: Evaluation) => ({ enabled: e.enabled, variation: e.variation, variables: e.variables });

/** Loads BASE plus the given fixture files. */
export async function load(text: string): Promise<Project> {
  return fixtureProject(BASE + text);
}

/** Both formats, with their feature-file writers. */
export const FORMATS = [
  { name: "v1", feature: v1 },
  { name: "v2", feature: v2 },
] as const;
