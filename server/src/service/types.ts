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
export type EntityKind = "attribute" | "segment" | "feature" | "group" | "test" | "schema" | "environment" | "target" | "config";

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

/** What a completion proposes; the adapter maps it to an LSP kind. */
export type CompletionKind =
  | "segment"
  | "attribute"
  | "feature"
  | "target"
  | "variation"
  | "variable"
  | "environment"
  | "tag"
  | "operator"
  | "value"
  | "property"
  | "snippet";

/** A segment, attribute or feature, by key. */
export interface EntityRef {
  kind: "segment" | "attribute" | "feature";
  key: string;
}

/** A completion proposal that replaces `range` with `insertText`. */
export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** The entity to describe when the client resolves the item (documentation is then built lazily). */
  describe?: EntityRef;
  range: Range;
  insertText: string;
  /** `insertText` is an LSP snippet (`${1:placeholder}` tab stops). */
  snippet?: boolean;
}

/** Hover content (Markdown) for a range. */
export interface HoverResult {
  contents: string;
  range: Range;
  /**
   * Files the contents link to: `[text](flaglens-link:N)` in `contents` links to `links[N]` (a path and
   * a line); the LSP adapter turns them into URIs, which the pure service does not know.
   */
  links?: { path: string; line: number }[];
  /** The feature the hover describes (one that exists), for an adapter's action links (open its rollout panel). */
  feature?: { key: string; root: string };
}

/** The link target of `links[index]` in a {@link HoverResult}'s contents. */
export function hoverLink(index: number): string {
  return `flaglens-link:${index}`;
}

/** A text replacement. */
export interface TextEdit {
  range: Range;
  newText: string;
}

/** A quick fix: edits of files by path. */
export interface CodeActionResult {
  title: string;
  kind: "quickfix";
  diagnostic: FlaglensDiagnostic;
  edits: { path: string; edits: TextEdit[] }[];
  isPreferred?: boolean;
  /**
   * Set on fixes that rewrite code beyond the diagnostic's range: the editor shows what will change
   * before applying (VS Code's refactor preview), where the client supports change annotations.
   */
  confirm?: { label: string; description: string };
}
