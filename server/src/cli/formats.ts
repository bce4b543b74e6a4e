// Output formats of `flaglens lint`: compiler-style text, JSON, and SARIF 2.1.0.

import type { FlaglensDiagnostic, Severity } from "../service/types";
import { CODES } from "../service/validation/codes";

/** One diagnostic of a lint run, with its file relative to the project root. */
export interface LintItem {
  file: string;
  diagnostic: FlaglensDiagnostic;
}

/** The result of linting one project. */
export interface LintResult {
  root: string;
  format: string;
  environments: string[] | false;
  /** The detected format and version and why, e.g. { format: "v3", version: "3.1", reason: "..." }. */
  version?: { format: string; version: string; reason: string };
  /** The sets of a `sets: true` project, each linted as its own tree. */
  sets?: string[];
  items: LintItem[];
  /** Entity files found, validated or not. */
  files: number;
  /** Entity files Flaglens did not validate, and why (e.g. "custom parser"); absent when every file was. */
  notValidated?: { reason: string; files: string[] };
}

function severityName(s: Severity): "error" | "warning" | "info" {
  return s === "error" ? "error" : s === "warning" ? "warning" : "info";
}

/** Counts errors and warnings. */
export function summarize(result: LintResult): {
  errors: number;
  warnings: number;
  files: number;
  notValidated?: { files: number; reason: string };
} {
  let errors = 0;
  let warnings = 0;
  for (const { diagnostic } of result.items) {
    if (diagnostic.severity === "error") errors++;
    else if (diagnostic.severity === "warning") warnings++;
  }
  const notValidated = result.notValidated && { files: result.notValidated.files.length, reason: result.notValidated.reason };
  return { errors, warnings, files: result.files, ...(notValidated ? { notValidated } : {}) };
}

/** `features/checkout.yml:12:5 error unknown-segment Unknown segment "x".` lines and a summary. */
export function formatText(result: LintResult, color: boolean): string {
  const paint = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const lines = result.items.map(({ file, diagnostic: d }) => {
    const sev = severityName(d.severity);
    const sevText = sev === "error" ? paint("31", sev) : sev === "warning" ? paint("33", sev) : paint("36", sev);
    return `${file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${sevText} ${d.code} ${d.message}`;
  });
  const s = summarize(result);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  // Files that were not read are said, so a summary never looks clean only because nothing was checked.
  const nv = s.notValidated;
  const unread = !nv ? "" : nv.files === 0 ? ` (${nv.reason})` : ` (${plural(nv.files, "file")} not validated: ${nv.reason})`;
  lines.push(
    `${plural(s.errors, "error")}, ${plural(s.warnings, "warning")} in ${plural(s.files, "file")}${unread} (${result.format} project${result.sets ? ` with sets ${result.sets.join(", ")}` : ""} at ${result.root})`,
  );
  return lines.join("\n") + "\n";
}

/** The documented JSON shape. */
export function formatJson(result: LintResult): string {
  return (
    JSON.stringify({
      project: {
        root: result.root,
        format: result.format,
        ...(result.version ? { version: result.version } : {}),
        environments: result.environments,
        ...(result.sets ? { sets: result.sets } : {}),
      },
      diagnostics: result.items.map(({ file, diagnostic: d }) => ({
        file,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        severity: severityName(d.severity),
        code: d.code,
        message: d.message,
      })),
      summary: summarize(result),
    }) + "\n"
  );
}

/** SARIF 2.1.0, for code scanning. */
export function formatSarif(result: LintResult, version: string): string {
  const used = [...new Set(result.items.map((i) => i.diagnostic.code))].sort();
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "flaglens",
            version,
            informationUri: "https://github.com/flaglens/flaglens",
            rules: used.map((code) => ({
              id: code,
              shortDescription: { text: (CODES as Record<string, { description: string }>)[code]?.description ?? code },
            })),
          },
        },
        originalUriBaseIds: { PROJECTROOT: { uri: "file://" + result.root.replace(/\/?$/, "/") } },
        results: result.items.map(({ file, diagnostic: d }) => ({
          ruleId: d.code,
          ruleIndex: used.indexOf(d.code),
          level: d.severity === "error" ? "error" : d.severity === "warning" ? "warning" : "note",
          message: { text: d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: file, uriBaseId: "PROJECTROOT" },
                region: {
                  startLine: d.range.start.line + 1,
                  startColumn: d.range.start.character + 1,
                  endLine: d.range.end.line + 1,
                  endColumn: d.range.end.character + 1,
                },
              },
            },
          ],
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + "\n";
}
