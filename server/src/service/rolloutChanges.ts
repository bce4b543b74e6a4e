// The rollout changes in the editor: the diff engine's changes (service/diff) put where the user reads
// them. Each change gets short words (a code lens on its environment, an item of the VS Code view) and
// the place of its environment's rules in the live workspace. Pure: the diff comes computed.

import { pct } from "./authoring/wording";
import type { FileEntry } from "./project/entries";
import { environmentViews } from "./project/featureView";
import type { Project } from "./project/project";
import { ruleWords } from "./diff/format";
import type { RolloutChange, RolloutRisk, RuleChange } from "./diff/types";
import type { RolloutModel, RolloutView } from "./rolloutModel";
import type { Range } from "./types";

/** At most this many rules are named in a change's short words; the rest are counted. */
const RULES_NAMED = 2;

/** A number of points as written: rounded to 3 decimals. */
function points(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}

/**
 * One changed rule in a few words: `5% → 50% of everyone (+45 points)` (the percentage moved; the share
 * of its users whose answer changes, which a variation split can make larger, is in the details:
 * format.ts's ruleWords); `100% of everyone (20% change)` when only the split or bucketing moved;
 * `new rule: 10% of beta`.
 */
export function ruleChangeWords(r: RuleChange): string {
  const { percentageBefore: before, percentageAfter: after, changedShare: share } = r;
  if (before === null) return `new rule: ${after === null ? "" : pct(after) + " of "}${r.segments}`;
  if (after === null) return `rule removed: ${pct(before)} of ${r.segments}`;
  if (before !== after) {
    const moved = after - before;
    const n = points(Math.abs(moved));
    const signed = `${moved > 0 ? "+" : "−"}${n} point${n === "1" ? "" : "s"}`;
    return `${pct(before)} → ${pct(after)} of ${r.segments} (${signed}${share === null ? ", who matches changes" : ""})`;
  }
  return `${pct(after)} of ${r.segments} (${share === null ? "who matches changes" : `${points(share)}% change`})`;
}

/** A list of at most RULES_NAMED items, the rest counted: `a, b and 2 more`. */
function someOf(items: string[], more: string): string {
  const named = items.slice(0, RULES_NAMED);
  const rest = items.length - named.length;
  if (rest > 0) return `${named.join(", ")} and ${rest} more ${more}${rest === 1 ? "" : "s"}`;
  return named.length <= 1 ? named.join("") : `${named.slice(0, -1).join(", ")} and ${named[named.length - 1]}`;
}

/**
 * What changes in one environment, in a few words: the changed rules (`5% → 50% of everyone (+45 points)`);
 * rules whose users change but not their percentage together (`who matches 50% of netherlands and 5% of
 * everyone changes`); without changed rules (forces, a variation, exposure), the rollout before → after.
 */
export function changeWords(c: RolloutChange): string {
  if (c.rules.length === 0) return `${c.before} → ${c.after}`;
  const matching = c.rules.filter(
    (r) => r.changedShare === null && r.percentageBefore !== null && r.percentageBefore === r.percentageAfter,
  );
  const others = c.rules.filter((r) => !matching.includes(r)).map(ruleChangeWords);
  const parts = others.length > 0 ? [someOf(others, "rule")] : [];
  if (matching.length > 0)
    parts.push(
      `who matches ${someOf(
        matching.map((r) => `${pct(r.percentageAfter!)} of ${r.segments}`),
        "rule",
      )} changes`,
    );
  return parts.join("; ");
}

/** What made a change, when not the feature's own file: `segment beta`; undefined for the feature's file. */
export function indirectCause(c: RolloutChange): string | undefined {
  return c.cause.kind === "feature" || c.cause.kind === "force" ? undefined : `${c.cause.kind} ${c.cause.key}`;
}

/** The risks about one change (its feature and environment). */
export function risksOf(c: RolloutChange, risks: readonly RolloutRisk[]): RolloutRisk[] {
  return risks.filter((r) => r.feature === c.feature && (r.environment === null || r.environment === c.environment));
}

/** A risk's code in words: `kill switch`. */
export function riskWords(r: RolloutRisk): string {
  return r.code.replace(/-/g, " ");
}

/** The place of a change's environment: its rules (or its key) in the feature's file or its environment file. */
export interface ChangeLocation {
  path: string;
  range: Range;
}

/** Where the rules of a change's environment are written, in the live project; undefined for a deleted feature. */
export function changeLocation(project: Project, c: RolloutChange): ChangeLocation | undefined {
  const entries = [
    c.environment !== null ? project.entry("environment", c.feature, c.environment) : undefined,
    project.entry("feature", c.feature),
  ];
  let fallback: ChangeLocation | undefined;
  for (const entry of entries) {
    if (!entry?.doc) continue;
    fallback ??= { path: entry.path, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
    const anchor = environmentAnchors(project, entry).find((a) => a.environment === (c.environment ?? ""));
    if (anchor) return { path: entry.path, range: anchor.range };
  }
  return fallback;
}

/** An environment a feature or environment file writes: at its rules (or its key), and each keyed rule's first line. */
interface EnvironmentAnchor {
  environment: string;
  range: Range;
  ruleLines: Map<string, number>;
}

/** The environments a feature or environment file writes, each at its rules (or its key). */
function environmentAnchors(project: Project, entry: FileEntry): EnvironmentAnchor[] {
  const doc = entry.doc;
  if (!doc || (entry.kind !== "feature" && entry.kind !== "environment")) return [];
  const out: EnvironmentAnchor[] = [];
  for (const env of environmentViews(doc.value, project.format, project.environments, entry.environment)) {
    const anchor = env.rulesPath ?? env.envPath;
    if (!anchor) continue;
    const ruleLines = new Map<string, number>();
    for (const r of env.rules)
      if (typeof r.key?.value === "string" && !ruleLines.has(r.key.value)) ruleLines.set(r.key.value, doc.locate(r.path).start.line);
    out.push({ environment: env.env, range: doc.locate(anchor, "key"), ruleLines });
  }
  return out;
}

/** A code lens over an environment's rules that says what a change does to it. */
export interface ChangeLens {
  range: Range;
  title: string;
  /** The whole story: the rollout before and after, each rule, the cause and the risks. */
  tooltip: string;
}

/**
 * A change's words in a lens: `5% → 50% of everyone (+45 points) · exposure jump`; the cause when another
 * entity made it; the risks at warning or error (info notes, and every message, are in the tooltip).
 */
function lensWords(c: RolloutChange, risks: readonly RolloutRisk[]): string {
  const cause = indirectCause(c);
  const marks = [
    ...new Set(
      risksOf(c, risks)
        .filter((r) => r.severity !== "info")
        .map(riskWords),
    ),
  ];
  return [changeWords(c) + (cause ? ` (by ${cause})` : ""), ...marks].join(" · ");
}

/**
 * The code lenses of a feature (or environment) file: one for each environment a change reaches, in the
 * changes' words (each target's in v3 projects, named when they differ), with its risks. It sits over
 * the first changed rule, where the rule is still written (the environment's own line already carries
 * its rollout lens, and one line holds both badly); else over the environment.
 */
export function changeLenses(
  project: Project,
  entry: FileEntry,
  base: string,
  diff: { changes: readonly RolloutChange[]; risks: readonly RolloutRisk[] },
): ChangeLens[] {
  if (entry.kind !== "feature" && entry.kind !== "environment") return [];
  const mine = diff.changes.filter((c) => c.feature === entry.key && (c.set ?? undefined) === project.set);
  if (mine.length === 0) return [];
  const out: ChangeLens[] = [];
  for (const anchor of environmentAnchors(project, entry)) {
    const here = mine.filter((c) => (c.environment ?? "") === anchor.environment);
    if (here.length === 0) continue;
    const words = [...new Set(here.map((c) => lensWords(c, diff.risks)))];
    const title =
      words.length === 1
        ? words[0]
        : here.map((c) => `${c.target !== null ? `target ${c.target}: ` : ""}${lensWords(c, diff.risks)}`).join("; ");
    const tooltip = here.map((c) => changeTooltip(c, diff.risks)).join("\n\n");
    const rules = words.length === 1 ? here[0].rules.flatMap((r) => anchor.ruleLines.get(r.rule) ?? []) : [];
    const at = { line: rules.length > 0 ? Math.min(...rules) : anchor.range.start.line, character: 0 };
    out.push({ range: { start: at, end: at }, title: `since ${base}: ${title}`, tooltip });
  }
  return out;
}

/** A change in full, for tooltips: before, after, the cause, the rules, the risks' messages. */
export function changeTooltip(c: RolloutChange, risks: readonly RolloutRisk[]): string {
  const lines = [`before: ${c.before}`, `after: ${c.after}`];
  if (c.target !== null) lines.unshift(`target ${c.target}`);
  const cause = indirectCause(c);
  if (cause) lines.push(`changed by ${cause}`);
  for (const r of c.rules) lines.push(ruleWords(r));
  if (c.contextsChanged !== null) lines.push(`${c.contextsChanged} saved context${c.contextsChanged === 1 ? "" : "s"} change`);
  for (const r of risksOf(c, risks)) lines.push(`${r.severity} ${r.code}: ${r.message}`);
  return lines.join("\n");
}

/**
 * The rollout panel's model with, on each datafile that changed against the base, the change and the
 * datafile as the base had it (`before`: the base revision's model of the feature, absent when it is new).
 */
export function withChanges(
  model: RolloutModel,
  before: RolloutModel | undefined,
  base: string,
  diff: { changes: readonly RolloutChange[]; risks: readonly RolloutRisk[] },
): RolloutModel {
  const mine = diff.changes.filter((c) => c.feature === model.feature && c.set === (model.set ?? null));
  if (mine.length === 0) return model;
  const change = (view: RolloutView, target: string | null, old: RolloutView | undefined): RolloutView => {
    const c = mine.find((x) => x.environment === view.environment && x.target === target);
    if (!c) return view;
    const cause = indirectCause(c);
    const risks = risksOf(c, diff.risks).map((r) => `${r.severity} ${r.code}`);
    const details = c.rules.map(ruleWords);
    return {
      ...view,
      change: { base, summary: changeWords(c), details, ...(cause ? { cause } : {}), risks, ...(old ? { before: old } : {}) },
    };
  };
  return {
    ...model,
    environments: model.environments.map((env) => {
      const old = before?.environments.find((e) => e.environment === env.environment);
      const { targets, ...rest } = change(env, null, old && withoutTargets(old)) as typeof env;
      return {
        ...rest,
        targets: targets.map((t) =>
          change(
            t,
            t.target ?? null,
            old?.targets.find((o) => o.target === t.target),
          ),
        ),
      };
    }),
  };
}

/** An environment's view without its targets (a `before` holds one datafile). */
function withoutTargets(env: RolloutModel["environments"][number]): RolloutView {
  const view: Partial<RolloutModel["environments"][number]> = { ...env };
  delete view.targets;
  return view as RolloutView;
}
