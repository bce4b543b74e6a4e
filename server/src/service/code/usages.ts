// Flag usages in application code: what scanners report per file, and what the code index
// resolves them to. Plain data, so results can cross worker threads by structured clone.

import type { Range } from "../types";

/** The languages Flaglens scans; `language` in `flaglens refs` output. */
export type CodeLanguage = "typescript" | "javascript" | "python" | "go" | "java" | "kotlin" | "swift" | "ruby" | "php" | "csharp";

/** What a usage does: an SDK evaluation, a UI-framework hook, or a constant that holds a key. */
export type UsageKind = "isEnabled" | "getVariation" | "getVariable" | "hook" | "constant";

/** What an SDK call evaluates (a hook evaluates one of these too). */
export type Evaluates = "flag" | "variation" | "variable";

/** A string literal in code: its value, the literal's range with quotes, and the range of its text. */
export interface StringAt {
  value: string;
  range: Range;
  /** The characters between the quotes: what a quick fix replaces. */
  valueRange: Range;
}

/** An argument that names a key: a literal, a constant's name, or anything else (dynamic). */
export type KeyArg =
  | { type: "literal"; literal: StringAt }
  | {
      type: "name";
      /** The constant's name (the last segment of `Flags.CHECKOUT`). */
      name: string;
      /** `Flags` in `Flags.CHECKOUT` (`self`/`this` qualifiers are dropped). */
      qualifier?: string;
      /** Where the name was imported from, as written (`./flags`, `app.flags`, `com.acme.Flags`). */
      module?: string;
      /** Whether the name may be declared in another file (constant-like or imported). */
      global: boolean;
      range: Range;
    }
  | { type: "dynamic"; range: Range };

/** An SDK call or hook as a scanner sees it, before constants are resolved. */
export interface RawCall {
  kind: Exclude<UsageKind, "constant">;
  evaluates: Evaluates;
  /** The name as written: `isEnabled`, `get_variable_boolean`, `useFlag`, or a configured function. */
  method: string;
  /** The called name's range, where a code lens or hover belongs. */
  callRange: Range;
  key: KeyArg;
  /** The variable argument of getVariable-like calls; absent for other calls. */
  variable?: KeyArg;
  /** String literals the result is compared with (`=== "treatment"`, `case "treatment":`). */
  compared?: StringAt[];
}

/** A declaration that binds a name to a string literal (`const CHECKOUT = "new_checkout"`). */
export interface ConstantDecl {
  name: string;
  /** The enclosing class, enum or object literal's name, when known (`Flags` in `enum Flags { A = "a" }`). */
  container?: string;
  literal: StringAt;
  /** The body (function, arrow callback, method, block) it is declared in: visible there only. Absent at top level and in classes, enums and objects. */
  scope?: Range;
}

/** A name bound in a scope to something that is not one key (another value, a parameter, a variable assigned again): it hides constants of the same name declared outside. */
export interface LocalName {
  name: string;
  /** The body it is bound in; absent at top level. */
  scope?: Range;
}

/** What a scanner found in one file. */
export interface FileScan {
  language: CodeLanguage;
  calls: RawCall[];
  /** Key-shaped string constants; only those a call resolves to become usages. */
  constants: ConstantDecl[];
  /** Names bound to anything but one key, which shadow constants (absent: none, or not looked for). */
  locals?: LocalName[];
  /** Whether `constants` was filled: a bulk scan skips it for files whose calls use no names. */
  withConstants: boolean;
}

/** A resolved flag usage in code. */
export interface Usage {
  /** The feature key, or null when it is computed at run time. */
  feature: string | null;
  /** Absolute posix path. */
  file: string;
  /** The key: the string literal with its quotes, the constant's name, or the dynamic expression. */
  range: Range;
  /** The key's text inside the quotes, when the literal is in this file: what a rename or quick fix edits. */
  keyRange?: Range;
  /** The called name (`isEnabled`) or, for a constant, its name. */
  callRange: Range;
  language: CodeLanguage;
  kind: UsageKind;
  /** What the call evaluates; absent for constants. */
  evaluates?: Evaluates;
  method?: string;
  /** getVariable-like calls: the variable key, or null when dynamic. Absent for other kinds. */
  variable?: string | null;
  variableRange?: Range;
  variableKeyRange?: Range;
  /** Variation values the result is compared with. */
  comparedVariations?: StringAt[];
  /** When the key came through a constant: its name and where it is declared. */
  via?: { name: string; file: string; range: Range };
}

/** An extra function name that evaluates flags (a project's own wrapper, e.g. `isFeatureOn`). */
export interface ExtraFunction {
  name: string;
  evaluates: Evaluates;
}

/** How code is scanned; every field has a default. */
export interface CodeScanSettings {
  /** Wrapper functions called like the SDK's methods (key first, then the variable key). */
  functions: ExtraFunction[];
  /** Receiver names accepted for SDK methods besides the defaults; `*` accepts any receiver. */
  clients: string[];
}

/** Default receiver names of SDK method calls: the names Featurevisor's documentation uses. */
export const DEFAULT_CLIENTS: readonly string[] = ["f", "fv", "sdk", "featurevisor"];

/** Default scan settings. */
export const DEFAULT_SCAN_SETTINGS: CodeScanSettings = { functions: [], clients: [] };
