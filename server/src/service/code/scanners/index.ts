// The registry of language scanners: one line per language.

import { csharpScanner } from "./csharp";
import { goScanner } from "./go";
import { javaScanner } from "./java";
import { kotlinScanner } from "./kotlin";
import { phpScanner } from "./php";
import { pythonScanner } from "./python";
import { rubyScanner } from "./ruby";
import { extensionOf, type LanguageScanner } from "./scanner";
import { swiftScanner } from "./swift";
import { componentScanner, javascriptScanner, typescriptScanner } from "./typescript";

/** Every scanner, in no particular order. */
export const SCANNERS: readonly LanguageScanner[] = [
  typescriptScanner,
  javascriptScanner,
  componentScanner,
  pythonScanner,
  goScanner,
  javaScanner,
  kotlinScanner,
  swiftScanner,
  rubyScanner,
  phpScanner,
  csharpScanner,
];

const BY_EXTENSION = new Map<string, LanguageScanner>();
for (const s of SCANNERS) for (const e of s.extensions) BY_EXTENSION.set(e, s);

/** The scanner for a file, by its extension; undefined for files that are not code Flaglens reads. */
export function scannerFor(path: string): LanguageScanner | undefined {
  return BY_EXTENSION.get(extensionOf(path));
}

/** Every extension some scanner reads. */
export function codeExtensions(): string[] {
  return [...BY_EXTENSION.keys()];
}
