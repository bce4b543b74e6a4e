// A rollout diff for people: plain text for a terminal, Markdown for a pull-request comment (a short
// summary table, then the details per feature and environment). The JSON needs no formatting.

import type { RolloutChange, RolloutDiff, RolloutRisk, RuleChange } from "./types";

/** A diff with the revisions it compares, as `flaglens diff` prints it. */
export interface RevisionDiff extends RolloutDiff {
  base: string;
  head: string;
}

function scopeName(c: RolloutChange): string {
  const parts = [c.environment ?? "all environments"];
  if (c.set !== null) parts.unshift(`set ${c.set}`);
  if (c.target !== null) parts.push(`target ${c.target}`);
  return parts.join(" / ");
}

function causeWords(c: RolloutChange): string {
  switch (c.cause.kind) {
    case "feature":
      return "its file";
    case "force":
      return "its force entries";
    default:
      return `${c.cause.kind} "${c.cause.key}"`;
  }
}

function percentWords(p: number | null): string {
  return p === null ? "none" : `${p}%`;
}

/** One changed rule in words: `rule "everyone" (everyone): 5% → 50%, 45 points of its users change`. */
export function ruleWords(r: RuleChange): string {
  const share =
    r.changedShare === null
      ? r.percentageBefore === null
        ? "new rule"
        : r.percentageAfter === null
          ? "rule removed"
          : "who matches it changes"
      : `${r.changedShare} point${r.changedShare === 1 ? "" : "s"} of its users change`;
  return `rule "${r.rule}" (${r.segments}): ${percentWords(r.percentageBefore)} → ${percentWords(r.percentageAfter)}, ${share}`;
}

function contextsWords(c: RolloutChange): string {
  return c.contextsChanged === null ? "" : `${c.contextsChanged} context${c.contextsChanged === 1 ? "" : "s"} change`;
}

function riskLine(r: RolloutRisk): string {
  return `${r.severity} ${r.code}: ${r.message}`;
}

/** The diff as plain text. */
export function formatDiffText(d: RevisionDiff): string {
  const lines: string[] = [`Rollout changes from ${d.base} to ${d.head}`];
  if (d.changes.length === 0) lines.push("  no feature changes what it serves");
  for (const c of d.changes) {
    lines.push("", `${c.feature} in ${scopeName(c)} (by ${causeWords(c)})`, `  before: ${c.before}`, `  after:  ${c.after}`);
    for (const r of c.rules) lines.push(`  ${ruleWords(r)}`);
    const contexts = contextsWords(c);
    if (contexts) lines.push(`  ${contexts}`);
  }
  if (d.risks.length > 0) lines.push("", "Risks:", ...d.risks.map((r) => `  ${riskLine(r)}`));
  lines.push("", summaryLine(d));
  return lines.join("\n") + "\n";
}

function summaryLine(d: RevisionDiff): string {
  const features = new Set(d.changes.map((c) => c.feature)).size;
  const n = (k: number, one: string) => `${k} ${one}${k === 1 ? "" : "s"}`;
  return `${n(d.changes.length, "change")} in ${n(features, "feature")}, ${n(d.risks.length, "risk")}`;
}

/** Markdown text inside a table cell: pipes escaped, no line breaks. */
function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** Inline code, safe whatever backticks the text holds. */
function code(text: string): string {
  const ticks = "`".repeat(Math.max(0, ...(text.match(/`+/g) ?? []).map((m) => m.length)) + 1);
  return `${ticks}${ticks.length > 1 ? " " : ""}${text}${ticks.length > 1 ? " " : ""}${ticks}`;
}

const SEVERITY_MARK = { error: "🛑", warning: "⚠️", info: "ℹ️" };

/** The diff as a pull-request comment: a summary table, then details per feature and environment. */
export function formatDiffMarkdown(d: RevisionDiff): string {
  const out: string[] = [`### Flaglens: rollout changes`, "", `${code(d.base)} → ${code(d.head)}: ${summaryLine(d)}.`, ""];
  if (d.changes.length > 0) {
    out.push("| Feature | Environment | Before | After | Cause | Largest change |", "| --- | --- | --- | --- | --- | --- |");
    for (const c of d.changes) {
      const shares = c.rules.map((r) => r.changedShare).filter((s): s is number => s !== null);
      const largest = shares.length > 0 ? `${Math.max(...shares)} points` : c.rules.length > 0 ? "who matches changes" : "—";
      out.push(
        `| ${cell(code(c.feature))} | ${cell(scopeName(c))} | ${cell(c.before)} | ${cell(c.after)} | ${cell(causeWords(c))} | ${largest} |`,
      );
    }
    out.push("");
  } else out.push("No feature changes what it serves.", "");
  if (d.risks.length > 0) {
    out.push("#### Risks", "");
    for (const r of d.risks) out.push(`- ${SEVERITY_MARK[r.severity]} **${r.code}** (${r.severity}): ${cell(r.message)}`);
    out.push("");
  }
  if (d.changes.length > 0) {
    out.push("<details><summary>Details per feature and environment</summary>", "");
    for (const c of d.changes) {
      out.push(`#### ${cell(c.feature)}: ${cell(scopeName(c))}`, "", `Changed by ${causeWords(c)}.`, "");
      out.push(`- before: ${cell(c.before)}`, `- after: ${cell(c.after)}`);
      for (const r of c.rules) out.push(`- ${cell(ruleWords(r))}`);
      const contexts = contextsWords(c);
      if (contexts) out.push(`- ${contexts}`);
      out.push("");
    }
    out.push("</details>", "");
  }
  return out.join("\n");
}
