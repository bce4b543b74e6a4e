// The rollout diff's results: what a change between two snapshots of a project does to users, per
// feature and environment (and set and target in v3), and the risk notes about it. The JSON of
// `flaglens diff --format json` is these objects as they are (see README: "flaglens diff").

/** What made a feature's rollout change. */
export type ChangeCauseKind = "feature" | "segment" | "attribute" | "group" | "required" | "force";

export interface ChangeCause {
  kind: ChangeCauseKind;
  /** The entity's key: the feature, the segment, the group, the required feature (for `force`: the feature). */
  key: string;
}

/** One rule whose answers change. */
export interface RuleChange {
  /** The rule's key. */
  rule: string;
  /** Whom the rule is for, in words ("everyone", "netherlands and mobile"); the after side's, else the before side's. */
  segments: string;
  /** The rule's percentage before (null: the rule is new). */
  percentageBefore: number | null;
  /** The rule's percentage after (null: the rule is gone). */
  percentageAfter: number | null;
  /**
   * The share (in points, 0 to 100) of the users matching the rule whose enabled state, variation or
   * variables change, from the bucket ranges; null when who matches the rule changes (its segments,
   * a segment's conditions, the rules above it, or the rule is new or gone): contexts tell those.
   */
  changedShare: number | null;
}

/** One feature's rollout change in one environment (and v3 set and target). */
export interface RolloutChange {
  feature: string;
  /** null in a project without environments. */
  environment: string | null;
  set: string | null;
  target: string | null;
  cause: ChangeCause;
  /** The rollout before, on one line (who gets the feature; the variation split). */
  before: string;
  after: string;
  rules: RuleChange[];
  /** How many of the given contexts change enabled state, variation or variables; null without contexts. */
  contextsChanged: number | null;
}

/** The codes of risk notes, stable: they are the keys of the severity settings. */
export const RISK_CODES = [
  "exposure-jump",
  "kill-switch",
  "rebucketing",
  "segment-blast-radius",
  "force-removed",
  "archived-in-use",
  "environment-skipped",
] as const;
export type RiskCode = (typeof RISK_CODES)[number];

export type RiskSeverity = "error" | "warning" | "info";

/** The default severity of each risk. */
export const DEFAULT_RISK_SEVERITY: Record<RiskCode, RiskSeverity> = {
  "exposure-jump": "warning",
  "kill-switch": "warning",
  rebucketing: "warning",
  "segment-blast-radius": "warning",
  "force-removed": "info",
  "archived-in-use": "error",
  "environment-skipped": "info",
};

/** What each risk means, for help texts and the README. */
export const RISK_DESCRIPTIONS: Record<RiskCode, string> = {
  "exposure-jump": "production exposure of a rule rises by more than the threshold (default 25 points) in one change",
  "kill-switch": "a feature turned off in an environment where some users had it",
  rebucketing: "bucketBy, the feature's key, a rule key or variation weights changed while the feature is partly rolled out",
  "segment-blast-radius": "a segment change reaches more features than the threshold (default 10)",
  "force-removed": "a force entry is gone (someone loses forced access)",
  "archived-in-use": "a feature archived or deleted while application code still uses it",
  "environment-skipped":
    "production goes where staging had not gone before the change: more users than staging gave the feature to, or another bucketBy or variation weights (ramping up behind staging, rollbacks and kill switches are not)",
};

export interface RolloutRisk {
  code: RiskCode;
  severity: RiskSeverity;
  /** null for a risk about a segment. */
  feature: string | null;
  environment: string | null;
  message: string;
}

export interface RolloutDiff {
  changes: RolloutChange[];
  risks: RolloutRisk[];
}

/** How risky changes are judged. */
export interface RiskSettings {
  /** Severity by code; "off" drops the risk. */
  severity?: Partial<Record<RiskCode, RiskSeverity | "off">>;
  /** exposure-jump: points a rule's production exposure may rise in one change (default 25). */
  exposureJump?: number;
  /** segment-blast-radius: features a segment change may reach (default 10). */
  blastRadius?: number;
  /** The production environment (default: "production", else the one whose name has "prod"). */
  production?: string;
  /** The staging environment (default: "staging", else the one whose name has "stag"). */
  staging?: string;
}

export const DEFAULT_EXPOSURE_JUMP = 25;
export const DEFAULT_BLAST_RADIUS = 10;

/** Whether a severity is at least another: error > warning > info. */
export function severityAtLeast(severity: RiskSeverity, threshold: RiskSeverity): boolean {
  const rank = { info: 0, warning: 1, error: 2 };
  return rank[severity] >= rank[threshold];
}
