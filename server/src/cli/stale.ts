// `flaglens stale`: flags that can go, each with its reasons: archived or deprecated but still
// used, fully rolled out and unchanged for N days, defined but never used, used but not defined.

import * as path from "node:path";
import type { WorkerEntry } from "../node/codeScan";
import { doStaleness, isoDate, type StaleFlag } from "../service/code/staleness";
import { relativePath } from "../service/fileSystem";
import { option, UsageError } from "./args";
import { gitStaleness, loadProjects, parseCodeCommand, parseFeatures, scanCode } from "./refs";

/** `flaglens stale`; exits 1 with --fail-on-stale when a flag is stale. */
export async function staleCommand(argv: string[], worker: WorkerEntry | undefined): Promise<number> {
  const cmd = parseCodeCommand(argv, ["format"], ["fail-on-stale", "no-code"]);
  const format = option(cmd.args, "format") ?? "text";
  if (!["text", "json"].includes(format)) throw new UsageError(`--format must be text or json, not "${format}"`);
  const projects = await loadProjects(cmd);
  const withCode = !cmd.args.flags.has("no-code");
  const scanning = withCode ? scanCode(cmd, worker) : undefined;
  await parseFeatures(projects);
  const scan = await scanning;
  const features = projects.flatMap((p) => p.keys("feature").map((k): [typeof p, string] => [p, k]));
  const ctx = await gitStaleness(features, cmd.staleness);
  const stale = doStaleness(projects, scan?.index.referencedKeys(), ctx);
  // Relative to the scanned root when inside it, else to the current folder.
  const rel = (file: string | undefined) =>
    file === undefined ? null : (relativePath(cmd.root, file) ?? path.relative(process.cwd(), file).split(path.sep).join("/"));
  let out: string;
  if (format === "json") {
    out =
      JSON.stringify({
        stale: stale.map((s: StaleFlag) => ({
          feature: s.feature,
          file: rel(s.file),
          reasons: s.reasons.map((r) => ({
            code: r.code,
            message: r.message,
            ...(r.since !== undefined ? { since: isoDate(r.since) } : {}),
            ...(r.outcome ? { outcome: r.outcome } : {}),
          })),
          references: s.references ?? null,
        })),
        summary: { stale: stale.length, features: features.length, codeFiles: scan ? scan.files.length : null },
      }) + "\n";
  } else {
    const lines: string[] = [];
    for (const s of stale) {
      const where = s.file ? ` (${rel(s.file)})` : "";
      for (const r of s.reasons) lines.push(`${s.feature}${where}: ${r.code}: ${r.message}`);
    }
    const scanned = scan ? `; ${scan.files.length} code files scanned under ${cmd.root}` : "; code not scanned";
    lines.push(`${stale.length} stale flag${stale.length === 1 ? "" : "s"} among ${features.length} features${scanned}`);
    out = lines.join("\n") + "\n";
  }
  await new Promise<void>((resolve) => process.stdout.write(out, () => resolve()));
  return stale.length > 0 && cmd.args.flags.has("fail-on-stale") ? 1 : 0;
}
