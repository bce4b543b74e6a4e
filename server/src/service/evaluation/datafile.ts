// One environment's datafile as `featurevisor build` would write it, built lazily from the project's
// files: which features it carries (not archived, tagged, exposed), and each feature's traffic, ranges,
// variations, variables and force. v1 and v2 builders differ in shapes, not in allocation.

import { segmentFacts, type SegmentFacts } from "../authoring/wording";
import type { Project } from "../project/project";
import { versionAtLeast } from "../project/version";
import { buildTraffic } from "./allocation";
import { resolveFeatureMutations } from "./mutations";
import { groupRanges } from "./groups";
import { segmentMatcher } from "./segments";
import { jsonValue, stringifiedSegments } from "./json";
import type { EvaluationState } from "./state";
import { applyTargetContext, contextualSegmentConditions, exposedForTarget, targetRefusal, type TargetSelection } from "./target";
import {
  isJsonObject,
  type DatafileFeature,
  type DatafileView,
  type Force,
  type JsonObject,
  type VariableSchema,
  type Variation,
} from "./types";
import { variationsV1, variationsV2 } from "./variations";

/** Which datafile to evaluate against. */
export interface DatafileRequest {
  /** undefined for a project without environments. */
  environment: string | undefined;
  /** Build the datafile of this tag only; without it, every non-archived exposed feature is in. */
  tag?: string;
  /** Build the datafile of this v3 target: its features only, its build-time context settled (target.ts). */
  target?: TargetSelection;
  state?: EvaluationState;
}

/** The parts of a feature that one environment defines. */
interface EnvironmentPart {
  rules: unknown;
  force: unknown;
  expose: unknown;
}

function environmentPart(project: Project, key: string, feature: JsonObject, environment: string | undefined): EnvironmentPart {
  // A v1 project with `environments: false` (1.x since early 2025) writes them at the top, as v2 does.
  if (project.format === "v1" && environment !== undefined) {
    const env = isJsonObject(feature.environments) ? feature.environments[environment ?? ""] : undefined;
    const e = isJsonObject(env) ? env : {};
    return { rules: e.rules, force: e.force, expose: e.expose };
  }
  if (environment === undefined) return { rules: feature.rules, force: feature.force, expose: feature.expose };
  if (project.config.splitByEnvironment) {
    const file = jsonValue(project.entry("environment", key, environment));
    const e = isJsonObject(file) ? file : {};
    return { rules: e.rules, force: e.force, expose: e.expose };
  }
  const pick = (v: unknown) => (isJsonObject(v) ? v[environment] : undefined);
  return { rules: pick(feature.rules), force: pick(feature.force), expose: pick(feature.expose) };
}

/** A feature of the datafile, or why the datafile leaves it out. */
type Built = { feature: DatafileFeature } | { absent: string };

class ProjectDatafile implements DatafileView {
  readonly sdk: 1 | 2 | 3;
  readonly segmentFacts: SegmentFacts;
  private readonly built = new Map<string, Built>();

  constructor(
    private readonly project: Project,
    private readonly request: DatafileRequest,
  ) {
    this.sdk = project.format === "v1" ? 1 : project.format === "v2" ? 2 : 3;
    this.segmentFacts = segmentFacts(project);
  }

  feature(key: string): DatafileFeature | undefined {
    const b = this.build(key);
    return "feature" in b ? b.feature : undefined;
  }

  absence(key: string): string {
    const b = this.build(key);
    return "absent" in b ? b.absent : "";
  }

  segment(key: string): { conditions: unknown } | undefined {
    const original = this.original.segment(key);
    const context = this.request.target?.context;
    if (!original || !context || this.stringified) return original;
    // Without `stringify`, a target's context settles each segment's conditions too; a settled one leaves the datafile.
    let settled = this.settledSegments.get(key);
    if (!settled) this.settledSegments.set(key, (settled = contextualSegmentConditions(this.original, original.conditions, context)));
    return settled === "*" ? undefined : { conditions: settled };
  }

  /** The segments as the datafile has them before a target's context applies. */
  private readonly original = {
    segment: (key: string): { conditions: unknown } | undefined => {
      const value = jsonValue(this.project.entry("segment", key));
      // The builder leaves archived segments out; rules that name them then match nobody.
      if (!isJsonObject(value) || value.archived === true) return undefined;
      return { conditions: value.conditions };
    },
  };
  private readonly settledSegments = new Map<string, unknown>();

  /** Whether the build writes segments and conditions as text (`stringify`, on unless the config turns it off). */
  private get stringified(): boolean {
    return this.sdk !== 3 || this.project.config.stringify !== false;
  }

  private build(key: string): Built {
    let b = this.built.get(key);
    if (!b) this.built.set(key, (b = this.compile(key)));
    return b;
  }

  private compile(key: string): Built {
    const entry = this.project.entry("feature", key);
    if (!entry) return { absent: `no feature "${key}" in the project` };
    const value = jsonValue(entry);
    if (!isJsonObject(value)) return { absent: `feature "${key}" cannot be read` };
    if (value.archived === true) return { absent: `feature "${key}" is archived` };
    const { tag, environment, target } = this.request;
    if (tag !== undefined && !(Array.isArray(value.tags) && value.tags.includes(tag))) {
      return { absent: `feature "${key}" is not tagged "${tag}"` };
    }
    const refusal = target && targetRefusal(target, key, value.tags);
    if (refusal) return { absent: `feature "${key}" ${refusal}` };
    const part = environmentPart(this.project, key, value, environment);
    const where = environment === undefined ? "" : ` in ${environment}`;
    if (part.expose === false) return { absent: `feature "${key}" is not exposed${where}` };
    if (Array.isArray(part.expose) && tag !== undefined && !part.expose.includes(tag)) {
      return { absent: `feature "${key}" is not exposed for tag "${tag}"${where}` };
    }
    if (Array.isArray(part.expose) && target && !exposedForTarget(target, part.expose)) {
      return { absent: `feature "${key}" is not exposed for target "${target.key}"${where}` };
    }
    const feature = this.buildFeature(key, value, part);
    return { feature: target?.context ? applyTargetContext(feature, this.original, target.context, this.stringified) : feature };
  }

  private buildFeature(key: string, value: JsonObject, part: EnvironmentPart): DatafileFeature {
    const sdk = this.sdk;
    const variations: Variation[] | undefined = Array.isArray(value.variations)
      ? sdk === 1
        ? variationsV1(value.variations)
        : variationsV2(value.variations)
      : undefined;
    const state = this.request.state?.environments.get(this.request.environment ?? "");
    const ranges = groupRanges(this.project).get(key);
    const traffic = buildTraffic({
      sdk,
      variations: value.variations,
      rules: Array.isArray(part.rules) ? part.rules : [],
      existing: state?.features[key],
      groupRanges: ranges ?? [],
      segmentsView: stringifiedSegments,
      // The fix of a first variation weighing 0 came with 1.22.1 (a 1.22 pin counts as fixed).
      zeroFillKeepsRanges: versionAtLeast(this.project, 1, 22),
      // Rules carry their own `variableOverrides` since 2.19 (and in every 3.x).
      ruleVariableOverrides: sdk >= 2 && versionAtLeast(this.project, 2, 19),
    });
    const force = Array.isArray(part.force) ? part.force.map((f) => (isJsonObject(f) ? (f as Force) : {})) : undefined;
    const parts = { variations, traffic, force };
    // Variable mutations (`"config.width": 1500`, `{ "deep.count": 20 }` overrides) are resolved by 2.14+ builders.
    if (sdk >= 2 && versionAtLeast(this.project, 2, 14)) resolveFeatureMutations(value.variablesSchema, parts);
    return {
      key,
      index: this.built.size,
      bucketBy: value.bucketBy || this.project.config.defaultBucketBy,
      required: Array.isArray(value.required) ? value.required : undefined,
      variations: parts.variations,
      variablesSchema: variableSchemas(value.variablesSchema),
      traffic: parts.traffic,
      trafficSegments: traffic.map((t) => segmentMatcher(t.segments, sdk === 3)),
      force: parts.force,
      ranges,
      disabledVariationValue: sdk >= 2 ? value.disabledVariationValue : undefined,
    };
  }
}

/** Variable declarations from a v1 list or a v2 map. */
function variableSchemas(schema: unknown): VariableSchema[] {
  const out: VariableSchema[] = [];
  const add = (key: unknown, v: unknown) => {
    const o = isJsonObject(v) ? v : {};
    out.push({
      key: key as string,
      type: o.type,
      defaultValue: o.defaultValue,
      useDefaultWhenDisabled: o.useDefaultWhenDisabled === true,
      disabledValue: o.disabledValue,
    });
  };
  if (Array.isArray(schema)) schema.forEach((v) => add(isJsonObject(v) ? v.key : undefined, v));
  else if (isJsonObject(schema)) for (const key of Object.keys(schema)) add(key, schema[key]);
  return out;
}

interface CachedView {
  state?: EvaluationState;
  target?: TargetSelection;
  view: ProjectDatafile;
}

const cache = new WeakMap<Project, { generation: number; views: Map<string, CachedView> }>();

/**
 * The datafile view of a project for an environment (and tag or target), cached until the project
 * changes; a view is reused for the same state and target selection objects only.
 */
export function datafileFor(project: Project, request: DatafileRequest): DatafileView {
  let entry = cache.get(project);
  if (!entry || entry.generation !== project.generation) cache.set(project, (entry = { generation: project.generation, views: new Map() }));
  const id = `${request.environment ?? ""}\u0000${request.tag ?? ""}\u0000${request.target?.key ?? ""}`;
  const hit = entry.views.get(id);
  if (hit && hit.state === request.state && hit.target === request.target) return hit.view;
  const view = new ProjectDatafile(project, request);
  entry.views.set(id, { state: request.state, target: request.target, view });
  return view;
}
