// Rollout previews in feature files: per environment and rule, who gets what, read from the
// rules as written (percentages, variation splits, forced segments, rules that never apply),
// in the one wording of wording.ts.

import type { FileEntry } from "../project/entries";
import { environmentViews } from "../project/featureView";
import type { Project } from "../project/project";
import type { Range } from "../types";
import { environmentSummary, forceHint, ruleHint, rulesInWords, segmentFacts } from "./wording";

/** A preview shown at the end of a line. */
export interface RolloutHint {
  /** Where the hint goes: after the rule's first line, or the environment's key. */
  position: Range["start"];
  /** At most HINT_MAX characters for rules and forces (inlay hints); environments' summaries are code lenses. */
  label: string;
  /** The whole text, as markdown. */
  tooltip?: string;
  /** Hints on environments summarise them; hints on rules explain the rule. */
  kind: "environment" | "rule" | "force";
}

/** Every rollout hint of a feature or per-environment file. */
export function doRolloutHints(project: Project, entry: FileEntry): RolloutHint[] {
  const doc = entry.doc;
  if (!doc || (entry.kind !== "feature" && entry.kind !== "environment")) return [];
  const feature = entry.kind === "feature" ? doc.value : project.entry("feature", entry.key)?.doc?.value;
  const facts = segmentFacts(project);
  const out: RolloutHint[] = [];
  const at = (path: readonly (string | number)[], target: "key" | "value" = "value") => doc.locate(path, target).start;
  for (const env of environmentViews(doc.value, project.format, project.environments, entry.environment)) {
    const anchor = env.rulesPath ?? env.envPath;
    if (anchor) out.push({ position: at(anchor, "key"), label: environmentSummary(env, facts), kind: "environment" });
    const words = rulesInWords(env.rules, facts);
    for (const [i, r] of env.rules.entries()) {
      const hint = ruleHint(feature, r, words[i]);
      if (hint) out.push({ position: at(r.path), ...hint, kind: "rule" });
    }
    for (const f of env.force) {
      const hint = forceHint(f, facts);
      if (hint) out.push({ position: at(f.path), ...hint, kind: "force" });
    }
  }
  return out;
}
