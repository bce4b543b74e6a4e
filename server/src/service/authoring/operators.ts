// Condition operators: what each does and which attribute types it applies to.

/** An operator's documentation. */
export interface OperatorInfo {
  name: string;
  description: string;
  /** Attribute types it applies to; undefined for every type. */
  types?: readonly string[];
  /** Featurevisor formats that know it. */
  since: "v1" | "v2";
}

const STRINGS = ["string"];
const NUMBERS = ["integer", "double"];

/** Every operator. */
export const OPERATORS: readonly OperatorInfo[] = [
  { name: "equals", description: "The attribute equals the value.", since: "v1" },
  { name: "notEquals", description: "The attribute does not equal the value.", since: "v1" },
  { name: "greaterThan", description: "The attribute is a number greater than the value.", types: NUMBERS, since: "v1" },
  {
    name: "greaterThanOrEquals",
    description: "The attribute is a number greater than or equal to the value.",
    types: NUMBERS,
    since: "v1",
  },
  { name: "lessThan", description: "The attribute is a number less than the value.", types: NUMBERS, since: "v1" },
  { name: "lessThanOrEquals", description: "The attribute is a number less than or equal to the value.", types: NUMBERS, since: "v1" },
  { name: "contains", description: "The attribute is a string containing the value.", types: STRINGS, since: "v1" },
  { name: "notContains", description: "The attribute is a string not containing the value.", types: STRINGS, since: "v1" },
  { name: "startsWith", description: "The attribute is a string starting with the value.", types: STRINGS, since: "v1" },
  { name: "endsWith", description: "The attribute is a string ending with the value.", types: STRINGS, since: "v1" },
  {
    name: "semverEquals",
    description: "The attribute is a version equal to the value (semantic versioning).",
    types: ["string", "semver"],
    since: "v1",
  },
  {
    name: "semverNotEquals",
    description: "The attribute is a version different from the value.",
    types: ["string", "semver"],
    since: "v1",
  },
  { name: "semverGreaterThan", description: "The attribute is a version newer than the value.", types: ["string", "semver"], since: "v1" },
  {
    name: "semverGreaterThanOrEquals",
    description: "The attribute is a version at least the value.",
    types: ["string", "semver"],
    since: "v1",
  },
  { name: "semverLessThan", description: "The attribute is a version older than the value.", types: ["string", "semver"], since: "v1" },
  {
    name: "semverLessThanOrEquals",
    description: "The attribute is a version at most the value.",
    types: ["string", "semver"],
    since: "v1",
  },
  { name: "before", description: "The attribute is a date before the value.", types: ["string", "date"], since: "v1" },
  { name: "after", description: "The attribute is a date after the value.", types: ["string", "date"], since: "v1" },
  { name: "in", description: "The attribute is one of the listed values.", since: "v1" },
  { name: "notIn", description: "The attribute is none of the listed values.", since: "v1" },
  { name: "exists", description: "The attribute is present in the context (no value needed).", since: "v2" },
  { name: "notExists", description: "The attribute is absent from the context (no value needed).", since: "v2" },
  { name: "includes", description: "The attribute is a list that includes the value.", types: ["array"], since: "v2" },
  { name: "notIncludes", description: "The attribute is a list that does not include the value.", types: ["array"], since: "v2" },
  { name: "matches", description: "The attribute is a string matching the regular expression.", types: STRINGS, since: "v2" },
  { name: "notMatches", description: "The attribute is a string not matching the regular expression.", types: STRINGS, since: "v2" },
];
