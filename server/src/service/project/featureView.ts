// A format-independent view of a feature (v1 lists or v2 maps), with the JSON path of every
// part, so rules and features such as completion work the same on every format.

import type { JsonPath, ProjectFormat } from "../types";
import type { Project } from "./project";

/** A value with the path it was read from. */
export interface At<T> {
  value: T;
  path: JsonPath;
}

/** One declared variable. */
export interface VariableDecl {
  key: string;
  /** Path of the declaration; the key itself is at this path with target "key" in v2, at `[...path, "key"]` in v1. */
  path: JsonPath;
  keyPath: JsonPath;
  keyTarget: "key" | "value";
  type: unknown;
  defaultValue: At<unknown> | undefined;
  deprecated: boolean;
  raw: Record<string, unknown>;
}

/** A variable value assigned somewhere (variation, override, rule, force). */
export interface VariableAssignment {
  key: string;
  keyPath: JsonPath;
  keyTarget: "key" | "value";
  value: At<unknown> | undefined;
}

/** A variable override in a variation (by segments or conditions). */
export interface OverrideView {
  path: JsonPath;
  key: string;
  segments?: At<unknown>;
  conditions?: At<unknown>;
  value: At<unknown> | undefined;
}

/** One variation. */
export interface VariationView {
  value: At<unknown>;
  weight: At<unknown> | undefined;
  path: JsonPath;
  variables: VariableAssignment[];
  overrides: OverrideView[];
}

/** A rule or a force entry of one environment. */
export interface RuleView {
  path: JsonPath;
  key?: At<unknown>;
  segments?: At<unknown>;
  conditions?: At<unknown>;
  percentage?: At<unknown>;
  enabled?: At<unknown>;
  variation?: At<unknown>;
  variationWeights?: At<unknown>;
  variables: VariableAssignment[];
  /** A rule's `variableOverrides` (Featurevisor 2.27 and later); forces have none. */
  overrides: OverrideView[];
}

/** The rules, forces and expose setting of one environment. */
export interface EnvironmentView {
  /** The environment key; "" when the project has `environments: false`. */
  env: string;
  /** Path of the environment's key, for findings about the environment itself; undefined when implicit. */
  envPath: JsonPath | undefined;
  rules: RuleView[];
  rulesPath: JsonPath | undefined;
  force: RuleView[];
  expose: At<unknown> | undefined;
}

/** A required feature. */
export interface RequiredView {
  key: At<unknown>;
  variation: At<unknown> | undefined;
  path: JsonPath;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

function at(obj: Record<string, unknown>, key: string, base: JsonPath): At<unknown> | undefined {
  return key in obj ? { value: obj[key], path: [...base, key] } : undefined;
}

/** The base name of a variable key written in mutation notation (`config.theme`, `items:append`). */
export function variableBaseKey(key: string): string {
  const m = /^[^.[:]+/.exec(key);
  return m ? m[0] : key;
}

function mapAssignments(value: unknown, base: JsonPath): VariableAssignment[] {
  if (!isObject(value)) return [];
  return Object.keys(value).map((key) => ({
    key,
    keyPath: [...base, key],
    keyTarget: "key" as const,
    value: { value: value[key], path: [...base, key] },
  }));
}

/** The variable declarations of a feature, in either format. */
export function variableDecls(feature: unknown): VariableDecl[] {
  if (!isObject(feature)) return [];
  const schema = feature.variablesSchema;
  const out: VariableDecl[] = [];
  if (Array.isArray(schema)) {
    schema.forEach((item, i) => {
      if (!isObject(item) || typeof item.key !== "string") return;
      const path = ["variablesSchema", i];
      out.push({
        key: item.key,
        path,
        keyPath: [...path, "key"],
        keyTarget: "value",
        type: item.type,
        defaultValue: at(item, "defaultValue", path),
        deprecated: item.deprecated === true,
        raw: item,
      });
    });
  } else if (isObject(schema)) {
    for (const key of Object.keys(schema)) {
      const item = schema[key];
      const path = ["variablesSchema", key];
      const raw = isObject(item) ? item : {};
      out.push({
        key,
        path,
        keyPath: path,
        keyTarget: "key",
        type: raw.type,
        defaultValue: at(raw, "defaultValue", path),
        deprecated: raw.deprecated === true,
        raw,
      });
    }
  }
  return out;
}

/** The variations of a feature, in either format. */
export function variationViews(feature: unknown): VariationView[] {
  if (!isObject(feature) || !Array.isArray(feature.variations)) return [];
  const out: VariationView[] = [];
  feature.variations.forEach((v, i) => {
    if (!isObject(v)) return;
    const path = ["variations", i];
    const view: VariationView = {
      value: { value: v.value, path: [...path, "value"] },
      weight: at(v, "weight", path),
      path,
      variables: [],
      overrides: [],
    };
    if (Array.isArray(v.variables)) {
      // v1: a list of { key, value, overrides }.
      v.variables.forEach((item, j) => {
        if (!isObject(item) || typeof item.key !== "string") return;
        const ipath = [...path, "variables", j];
        view.variables.push({ key: item.key, keyPath: [...ipath, "key"], keyTarget: "value", value: at(item, "value", ipath) });
        if (Array.isArray(item.overrides)) {
          item.overrides.forEach((o, k) => pushOverride(view, item.key as string, o, [...ipath, "overrides", k]));
        }
      });
    } else {
      view.variables = mapAssignments(v.variables, [...path, "variables"]);
    }
    // v2: overrides keyed by variable.
    mapOverrides(view, v.variableOverrides, [...path, "variableOverrides"]);
    out.push(view);
  });
  return out;
}

function pushOverride(view: { overrides: OverrideView[] }, key: string, o: unknown, path: JsonPath): void {
  if (!isObject(o)) return;
  view.overrides.push({ path, key, segments: at(o, "segments", path), conditions: at(o, "conditions", path), value: at(o, "value", path) });
}

/** `variableOverrides` keyed by variable (v2 variations, and rules from 2.27 on). */
function mapOverrides(view: { overrides: OverrideView[] }, value: unknown, base: JsonPath): void {
  if (!isObject(value)) return;
  for (const key of Object.keys(value)) {
    const list = value[key];
    if (Array.isArray(list)) list.forEach((o, k) => pushOverride(view, key, o, [...base, key, k]));
  }
}

function ruleViews(list: unknown, base: JsonPath): RuleView[] {
  if (!Array.isArray(list)) return [];
  const out: RuleView[] = [];
  list.forEach((r, i) => {
    if (!isObject(r)) return;
    const path = [...base, i];
    const view: RuleView = {
      path,
      key: at(r, "key", path),
      segments: at(r, "segments", path),
      conditions: at(r, "conditions", path),
      percentage: at(r, "percentage", path),
      enabled: at(r, "enabled", path),
      variation: at(r, "variation", path),
      variationWeights: at(r, "variationWeights", path),
      variables: mapAssignments(r.variables, [...path, "variables"]),
      overrides: [],
    };
    mapOverrides(view, r.variableOverrides, [...path, "variableOverrides"]);
    out.push(view);
  });
  return out;
}

/**
 * The environments of a feature file, or of a per-environment file of a split project
 * (`environmentKey` given). `environments` is the project's list, or false.
 */
export function environmentViews(
  value: unknown,
  format: ProjectFormat,
  environments: string[] | false,
  environmentKey?: string,
): EnvironmentView[] {
  if (!isObject(value)) return [];
  if (environmentKey !== undefined) {
    return [
      {
        env: environmentKey,
        envPath: undefined,
        rules: ruleViews(value.rules, ["rules"]),
        rulesPath: "rules" in value ? ["rules"] : undefined,
        force: ruleViews(value.force, ["force"]),
        expose: at(value, "expose", []),
      },
    ];
  }
  // A v1 project with `environments: false` writes `rules`, `force` and `expose` at the top (below).
  if (format === "v1" && environments !== false) {
    const envs = value.environments;
    if (!isObject(envs)) return [];
    return Object.keys(envs).map((env) => {
      const e = envs[env];
      const base = ["environments", env];
      const o = isObject(e) ? e : {};
      return {
        env,
        envPath: base,
        rules: ruleViews(o.rules, [...base, "rules"]),
        rulesPath: "rules" in o ? [...base, "rules"] : undefined,
        force: ruleViews(o.force, [...base, "force"]),
        expose: at(o, "expose", base),
      };
    });
  }
  if (environments === false || Array.isArray(value.rules)) {
    return [
      {
        env: "",
        envPath: undefined,
        rules: ruleViews(value.rules, ["rules"]),
        rulesPath: "rules" in value ? ["rules"] : undefined,
        force: ruleViews(value.force, ["force"]),
        expose: at(value, "expose", []),
      },
    ];
  }
  const names = new Set<string>();
  for (const k of ["rules", "force", "expose"]) {
    const m = value[k];
    if (isObject(m)) Object.keys(m).forEach((n) => names.add(n));
  }
  return [...names].map((env) => {
    const rules = isObject(value.rules) ? value.rules : {};
    const force = isObject(value.force) ? value.force : {};
    const expose = isObject(value.expose) ? value.expose : {};
    return {
      env,
      envPath: env in rules ? ["rules", env] : env in force ? ["force", env] : ["expose", env],
      rules: ruleViews(rules[env], ["rules", env]),
      rulesPath: env in rules ? ["rules", env] : undefined,
      force: ruleViews(force[env], ["force", env]),
      expose: env in expose ? { value: expose[env], path: ["expose", env] } : undefined,
    };
  });
}

/** The required features of a feature. */
export function requiredViews(feature: unknown): RequiredView[] {
  if (!isObject(feature) || !Array.isArray(feature.required)) return [];
  const out: RequiredView[] = [];
  feature.required.forEach((r, i) => {
    const path = ["required", i];
    if (typeof r === "string") out.push({ key: { value: r, path }, variation: undefined, path });
    else if (isObject(r)) out.push({ key: { value: r.key, path: [...path, "key"] }, variation: at(r, "variation", path), path });
  });
  return out;
}

/** The environments of a feature, from its file or, in a split project, from its per-environment files. */
export function featureEnvironments(project: Project, key: string): EnvironmentView[] {
  if (project.config.splitByEnvironment) {
    return (project.environments || []).flatMap((env) =>
      environmentViews(project.entry("environment", key, env)?.doc?.value, project.format, project.environments, env),
    );
  }
  return environmentViews(project.entry("feature", key)?.doc?.value, project.format, project.environments);
}

/** The attribute a condition names: v2 object attributes are written with a property path (`account.plan`). */
export function attributeKeyOf(project: Project, name: string): string {
  if (project.format === "v1" || project.has("attribute", name)) return name;
  const dot = name.indexOf(".");
  return dot > 0 ? name.slice(0, dot) : name;
}

export { isObject };
