// Inline code fixtures: a source text with expectation lines under each usage, in the style of
// the flag-file fixtures. An expectation line is a caret span under the key argument, then what
// the usage is:
//
//   if (f.isEnabled("checkout")) {}
//   //              ^^^^^^^^^^ isEnabled checkout
//   const v = f.getVariation("exp"); if (v === "b") {}
//   //                       ^^^^^ getVariation exp compared=b
//   f.getVariable("f", "color");
//   //            ^^^ getVariable f variable=color
//
// The comment leader (`//` or `#`) is optional, so a caret can sit in column 0. Expectation
// lines are removed before scanning, and the whole annotated text is compared.

import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CodeIndex } from "../../../server/src/service/code/codeIndex";
import { Scanner } from "../../../server/src/service/code/scan";
import type { CodeScanSettings, Usage } from "../../../server/src/service/code/usages";
import { loadRewriters } from "../../../server/src/service/fixes/index";
import { planFlagRemoval } from "../../../server/src/service/fixes/plan";

const EXPECTATION = /^[#/\s]*(\^+)\s+(isEnabled|getVariation|getVariable|hook|constant)\s+(.*?)\s*$/;

/** The text without expectation lines, and the expectations normalised for comparison. */
export function parseCodeFixture(text: string): { source: string; annotated: string } {
  const kept: string[] = [];
  const ann: string[] = [];
  for (const line of text.split("\n")) {
    const m = EXPECTATION.exec(line);
    if (m) {
      ann.push(expectationLine(line.indexOf("^"), m[1].length, `${m[2]} ${m[3]}`));
      continue;
    }
    kept.push(line);
    ann.push(line);
  }
  return { source: kept.join("\n"), annotated: ann.join("\n").trimEnd() };
}

function expectationLine(col: number, width: number, what: string): string {
  const prefix = col === 0 ? "" : "#" + " ".repeat(col - 1);
  return `${prefix}${"^".repeat(Math.max(1, width))} ${what}`;
}

/** How a usage is written in an expectation. */
export function describeUsage(u: Usage): string {
  const parts: string[] = [u.kind, u.feature ?? "(dynamic)"];
  if (u.variable !== undefined) parts.push(`variable=${u.variable ?? "(dynamic)"}`);
  if (u.comparedVariations?.length) parts.push(`compared=${u.comparedVariations.map((c) => c.value).join(",")}`);
  if (u.via && u.kind !== "constant") parts.push(`via=${u.via.name}`);
  return parts.join(" ");
}

/** The source text with one expectation line per usage. */
export function annotateUsages(source: string, usages: readonly Usage[]): string {
  const out: string[] = [];
  source.split("\n").forEach((line, i) => {
    out.push(line);
    const here = usages.filter((u) => u.range.start.line === i).sort((a, b) => a.range.start.character - b.range.start.character);
    for (const u of here) {
      const end = u.range.end.line === i ? u.range.end.character : line.length;
      out.push(expectationLine(u.range.start.character, end - u.range.start.character, describeUsage(u)));
    }
  });
  return out.join("\n").trimEnd();
}

/** Scans one fixture file and indexes it alone; returns its usages. */
export function usagesOf(path: string, source: string, settings?: CodeScanSettings): Usage[] {
  const scan = new Scanner(settings).scan(path, source);
  const index = new CodeIndex();
  index.update([[path, scan]]);
  return index.usages(path);
}

/** Asserts that a fixture's usages are exactly its expectation lines, and that removal agrees (below). */
export function expectUsages(path: string, text: string, settings?: CodeScanSettings): void {
  const { source, annotated } = parseCodeFixture(text);
  assert.equal(annotateUsages(source, usagesOf(path, source, settings)), annotated);
  expectRemovalAgrees(path, source, settings);
}

// Python and Go rewrites are checked by tree-sitter, loaded asynchronously: a root hook loads it first.
before(() => loadRewriters(["/p/a.py", "/p/a.go"]));

function usageId(u: Usage): string {
  return `${u.range.start.line + 1}:${u.range.start.character + 1} ${u.kind} ${u.method ?? u.via?.name ?? ""}`;
}

/**
 * One usage engine, checked on every code fixture of every language: for each key, the usages
 * `flaglens remove` acts on or lists as left are exactly those `flaglens refs` reports (the code
 * index's), each once; whatever the rewriter says about a call is about one of them (or a dynamic key).
 */
export function expectRemovalAgrees(path: string, source: string, settings?: CodeScanSettings): void {
  const scan = new Scanner(settings).scan(path, source, true);
  const index = new CodeIndex();
  index.update([[path, scan]]);
  const keys = new Set(index.usages(path).flatMap((u) => (u.feature === null ? [] : [u.feature])));
  for (const key of keys) {
    for (const keep of [true, false]) {
      const behaviour = { enabled: keep, variation: keep ? "on" : null, variables: {} };
      const plan = planFlagRemoval({ featureKey: key, behaviour, index, read: (p) => (p === path ? source : undefined) });
      const refs = index.usagesOf(key).map(usageId).sort();
      const acted = plan.usages.map((o) => usageId(o.usage)).sort();
      assert.deepEqual(acted, refs, `${path}: removal of "${key}" acts on the usages refs reports`);
      for (const n of plan.notes) {
        if (n.call === undefined || /computes its key at run time/.test(n.message)) continue;
        const about = plan.usages.some((o) => o.message === n.message);
        assert.ok(about, `${path}: a note of the removal of "${key}" is about no usage of the index: ${n.message}`);
      }
    }
  }
}

/** Scans several files into one index (for constants across files). */
export function indexOf(files: Record<string, string>, settings?: CodeScanSettings): CodeIndex {
  const scanner = new Scanner(settings);
  const index = new CodeIndex();
  index.update(Object.entries(files).map(([p, t]) => [p, scanner.scan(p, t, true)]));
  return index;
}

/** A temporary tree; returns its real path. */
export function tree(files: Record<string, string>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-code-")));
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), content);
  }
  return root;
}

/** Runs git in a folder with dates fixed by the environment. */
export function git(cwd: string, args: string[], date?: string): void {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: "t",
    GIT_AUTHOR_EMAIL: "t@example.com",
    GIT_COMMITTER_NAME: "t",
    GIT_COMMITTER_EMAIL: "t@example.com",
  };
  if (date) Object.assign(env, { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
  execFileSync("git", ["-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", ...args], { cwd, env, stdio: "ignore" });
}
