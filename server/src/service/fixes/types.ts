// The data of a flag removal: what the retired flag evaluates to from now on, and what the
// rewrite of one file gives back (text edits and notes), in LSP shapes.

import type { Range, TextEdit } from "../types";

/**
 * What every usage of a retired flag evaluates to from now on. The caller (who knows the
 * feature's YAML) resolves it: `flaglens remove --keep`, or a quick fix that picked a variation.
 */
export interface Behaviour {
  /** What `isEnabled` and `useFlag` return. */
  enabled: boolean;
  /**
   * What `getVariation` and `useVariation` return: a variation value, or null when there is none
   * (a disabled feature without `disabledVariationValue`, or a feature without variations).
   * Absent: unknown, and those usages are left unchanged with a note.
   */
  variation?: string | null;
  /**
   * What `getVariable` (and its typed forms) returns, by variable key: already resolved for the
   * variation above (or for the disabled case), parsed JSON for `json` variables, null for no value.
   * A key that is absent is unknown, and its usages are left unchanged with a note.
   */
  variables: Record<string, unknown>;
}

/** Names of the project's own wrappers around the SDK, called like it (key first, then the variable key). */
export interface WrapperFunction {
  name: string;
  evaluates: "flag" | "variation" | "variable";
}

/**
 * A usage the code index found (service/code): where its called name starts, the key it
 * resolved to (through constants, in this file or another) and what it evaluates. A rewriter
 * only maps the offset to its own syntax node; it never decides what is a usage.
 */
export interface UsageSite {
  /** Offset of the called name (`isEnabled`, `useFlag`, a wrapper) in the file's text. */
  offset: number;
  /** The feature key, or null when it is computed at run time. */
  feature: string | null;
  evaluates: "flag" | "variation" | "variable";
  /** The name as written: `isEnabled`, `get_variable_boolean`, `evaluateFlag`, a wrapper. */
  method: string;
  /** The variable key of getVariable-like calls (null when dynamic). */
  variable?: string | null;
}

/** What to remove, and how. */
export interface RemoveFlagRequest {
  featureKey: string;
  behaviour: Behaviour;
  /**
   * The usages of the file, from the code index. Absent: the file alone is scanned with the code
   * index's scanner and `functions`/`clients` (tests, and callers with a single file).
   */
  usages?: readonly UsageSite[];
  /** Extra function names that evaluate flags like the SDK's methods (only without `usages`). */
  functions?: readonly WrapperFunction[];
  /** Extra receiver names of the SDK (only without `usages`). */
  clients?: readonly string[];
}

/**
 * How far a usage went.
 * - `removed`: the flag is gone and the code that depended on it is decided and simplified.
 * - `replaced-only`: the call became its literal value, which flows somewhere the engine does not
 *   follow (an argument, a property, a return value): review whether the code around can go.
 * - `not-simplified`: left unchanged (dynamic key, unknown value, arguments with effects, ...).
 */
export type RewriteNoteKind = "removed" | "replaced-only" | "not-simplified";

/** One finding of a rewrite, for the CLI's listing and the editor's messages. */
export interface RewriteNote {
  /** Zero-based line of the usage (or of the construct the note is about) in the original text. */
  line: number;
  /** The usage's range in the original text. */
  range: Range;
  kind: RewriteNoteKind;
  message: string;
  /** The usage the note is about, as written (`f.isEnabled("checkout")`); absent for notes about other code. */
  call?: string;
}

/** The result of rewriting one file: edits against the original text (non-overlapping, in order) and notes. */
export interface RewriteResult {
  edits: TextEdit[];
  notes: RewriteNote[];
}

/** A language's rewriter: pure, never throws for any input text. */
export interface FlagRewriter {
  /** File name extensions, with the dot, lower case. */
  extensions: readonly string[];
  rewrite(fileName: string, text: string, request: RemoveFlagRequest): RewriteResult;
  /** Loads what the first rewrite would load (a compiler), so that the first quick fix answers at once. */
  warmUp?(): void;
  /** The tree-sitter grammar that checks the rewrite (loaded by `loadRewriter` before a rewrite). */
  syntax?: "python" | "go";
}
