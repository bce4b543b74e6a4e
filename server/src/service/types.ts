// Plain data types of the language service. They mirror LSP shapes so the adapter
// can pass them through, but the service itself never imports the protocol.

/** A zero-based position; `character` counts UTF-16 code units, as LSP does. */
export interface Position {
  line: number;
  character: number;
}

/** A half-open range between two positions. */
export interface Range {
  start: Position;
  end: Position;
}

/** Severity of a finding; `off` exists only as a setting value. */
export type Severity = "error" | "warning" | "information" | "hint";

/** The kinds of Featurevisor files Flaglens understands. */
export type EntityKind =
  | "attribute"
  | "segment"
  | "feature"
  | "group"
  | "test"
  | "schema"
  | "environment"
  | "config";

/** Format generation of a project's flag files. */
export type ProjectFormat = "v1" | "v2" | "v3";

/** One finding about a file, with a stable kebab-case code. */
export interface FlaglensDiagnostic {
  range: Range;
  severity: Severity;
  code: string;
  message: string;
  source: "flaglens";
  /** Typed details that code actions read instead of parsing the message. */
  data?: Record<string, unknown>;
}

/** A key path into a parsed YAML/JSON value, e.g. `["environments", "production", "rules", 0]`. */
export type JsonPath = readonly (string | number)[];
