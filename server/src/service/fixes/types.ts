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

/** What to remove, and how. */
export interface RemoveFlagRequest {
  featureKey: string;
  behaviour: Behaviour;
  /** Extra function names that evaluate flags like the SDK's methods. */
  functions?: readonly WrapperFunction[];
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
}
