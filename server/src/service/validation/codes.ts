// Every diagnostic code Flaglens reports, with its default severity and a one-line description.
// Codes are stable: they are setting keys (`flaglens.severity`) and code actions dispatch on them.

import type { Severity } from "../types";

/** A diagnostic code's defaults. */
export interface CodeInfo {
  severity: Severity;
  description: string;
}

/** The table of codes. */
export const CODES = {
  "yaml-syntax": { severity: "error", description: "The file is not valid YAML (or JSON, or TOML, for those parsers)." },
  "too-deep": { severity: "error", description: "The file nests more than 100 levels deep and was not parsed." },
  "alias-limit": { severity: "error", description: "YAML aliases in the file expand to too many values; they were not expanded." },
  "duplicate-key": { severity: "error", description: "A key, rule key, variation value, variable key or tag appears twice." },
  "unknown-property": { severity: "error", description: "A property that Featurevisor does not accept at this place." },
  "missing-property": { severity: "error", description: "A property that Featurevisor requires is missing." },
  "invalid-type": { severity: "error", description: "A value has the wrong type (e.g. a string where a number is expected)." },
  "out-of-range": { severity: "error", description: "A number is outside its allowed range (percentages and weights are 0 to 100)." },
  "invalid-value": { severity: "error", description: "A value is not one of the allowed values or does not match the required pattern." },
  "invalid-key": { severity: "error", description: "A file name gives an entity key that Featurevisor rejects." },
  "operator-value": { severity: "error", description: "A condition's value does not fit its operator or its attribute's type." },
  "unknown-attribute": {
    severity: "error",
    description:
      "A condition or bucketBy names an attribute that does not exist, or a property path (`account.plan`) its object attribute does not declare.",
  },
  "unknown-segment": { severity: "error", description: "A rule, force, override or test names a segment that does not exist." },
  "unknown-feature": { severity: "error", description: "A required feature, group slot or test names a feature that does not exist." },
  "unknown-variation": { severity: "error", description: "A variation value that the feature does not define." },
  "unknown-variable": { severity: "error", description: "A variable that the feature's variablesSchema does not declare." },
  "unknown-required-property": {
    severity: "error",
    description: "An object schema's `required` (of a variable or an attribute) names a property its `properties` do not declare.",
  },
  "unknown-environment": { severity: "error", description: "An environment that featurevisor.config.js does not declare." },
  "unknown-scope": { severity: "error", description: "A test assertion names a scope that featurevisor.config.js does not declare." },
  "unknown-target": { severity: "error", description: "A test assertion names a target that targets/ does not have (v3)." },
  "unmatched-feature-pattern": {
    severity: "warning",
    description: "A target's includeFeatures or excludeFeatures pattern matches no feature (a check Featurevisor does not make).",
  },
  "unknown-tag": {
    severity: "warning",
    description: "A tag that featurevisor.config.js does not declare (an error in expose, test assertions, targets and v3 features).",
  },
  "unneeded-value": {
    severity: "error",
    description: "An exists or notExists condition gives a value, which Featurevisor 2.x and 3.x reject.",
  },
  "ignored-by-version": {
    severity: "warning",
    description: "Something the pinned Featurevisor version does not build: a rule's variableOverrides before 2.19.",
  },
  "missing-environment": { severity: "error", description: "A feature lacks rules for an environment of the project." },
  "weights-sum": { severity: "error", description: "Variation weights do not add up to 100." },
  "slots-sum": { severity: "error", description: "A group's slot percentages do not add up to 100." },
  "slot-exceeded": { severity: "error", description: "A grouped feature's rule percentage exceeds its slot in the group." },
  "multiple-groups": { severity: "error", description: "A feature is placed in more than one group slot." },
  "circular-required": { severity: "error", description: "Required features form a cycle." },
  "variable-type": { severity: "error", description: "A variable value does not match the variable's declared type." },
  "invalid-mutation": {
    severity: "error",
    description:
      "A variable mutation key (`config.width`, `tags:append`, 2.14+) whose path the schema lacks, or whose operation does not fit.",
  },
  "unreachable-rule": { severity: "warning", description: "A rule after a rule that matches everyone: it can never apply." },
  "archived-reference": { severity: "warning", description: "A reference to an archived segment, attribute or feature." },
  "deprecated-reference": { severity: "warning", description: "A reference to a deprecated feature or variable." },
  "unreadable-file": { severity: "error", description: "A flag file could not be read." },
  "binary-file": { severity: "error", description: "A flag file holds binary data, not text." },
  "file-too-large": {
    severity: "warning",
    description: "A flag file (on disk or open) is larger than flaglens.maxFileSize and was not validated.",
  },
  "symlink-outside-project": {
    severity: "warning",
    description: "A symbolic link in an entity folder points outside the project: Flaglens does not follow it.",
  },
  "config-problem": { severity: "warning", description: "featurevisor.config.js could not be fully understood without executing it." },
  "unknown-flag": { severity: "warning", description: "Application code uses a feature key that no project defines." },
  "archived-flag": { severity: "warning", description: "Application code uses an archived feature." },
  "deprecated-flag": { severity: "warning", description: "Application code uses a deprecated feature." },
  "stale-flag": {
    severity: "information",
    description: "Application code uses a feature that is fully rolled out and unchanged for a while: the flag can go.",
  },
  "test-failed": {
    severity: "error",
    description:
      "An assertion of a test spec fails: what it expects is not what the project gives (run in the editor as `featurevisor test` runs it).",
  },
  "unsupported-format": {
    severity: "information",
    description: "The project uses a Featurevisor format that Flaglens validates only in part.",
  },
} satisfies Record<string, CodeInfo>;

/** A known diagnostic code. */
export type DiagnosticCode = keyof typeof CODES;

/** Severity overrides by code; `off` hides a code. */
export type SeverityOverrides = Partial<Record<string, Severity | "off">>;
