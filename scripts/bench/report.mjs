// Targets, the human table and the reference figures (quoted from shared/bench/README.md).

/** Reference figures of other tools, from shared/bench/README.md. */
export const REFERENCES = {
  featurevisorLint: "featurevisor 1.11.1: 5.1-6.7 s",
  featurevisorRss: "featurevisor: ~155 MB",
  initialize: "empty LSP server: 220 ms to initialized",
  coldDiagnostics: "yaml-ls: 814 ms spawn->first diags",
  editP50: "yaml-ls: 208 ms median",
  editP95: "yaml-ls: 216 ms p95",
  serverRss: "yaml-ls: 451 MB (1,000 open); empty server 52 MB",
};

export const TARGETS = {
  lintSpeedup: 5, // featurevisor median / flaglens median
  warmFirstDiagnosticsMs: 500,
  editP95Ms: 50,
  serverRssMb: 200,
};

const mb = (kb) => (typeof kb === "number" && Number.isFinite(kb) ? Math.round(kb / 102.4) / 10 : null);

/** The `targets` object of the JSON output. */
export function evaluateTargets(lint, lsp) {
  const fl = lint.flaglens?.wallMs?.median ?? null;
  const fv = lint.featurevisor?.wallMs?.median ?? null;
  const speedup = fl && fv ? Math.round((fv / fl) * 100) / 100 : null;
  const flCpu = lint.flaglens?.cpuMs?.median ?? null;
  const fvCpu = lint.featurevisor?.cpuMs?.median ?? null;
  const cpuSpeedup = flCpu && fvCpu ? Math.round((fvCpu / flCpu) * 100) / 100 : null;
  const warm = lsp.warm?.warmOpen?.cleanFileMs ?? null;
  const warmErr = lsp.warm?.warmOpen?.errorFileMs ?? null;
  const p95 = lsp.warm?.edits?.latencyMs?.p95 ?? null;
  const rss = mb(lsp.warm?.rssIndexedKb);
  const t = (value, target, pass, extra = {}) => ({ value, target, pass: value === null ? (extra.na ? null : false) : pass, ...extra });
  return {
    lintSpeedup: t(
      speedup,
      `>= ${TARGETS.lintSpeedup}x (flaglens <= featurevisor / ${TARGETS.lintSpeedup})`,
      speedup >= TARGETS.lintSpeedup,
      { na: fv === null, flaglensMedianMs: fl, featurevisorMedianMs: fv, cpuSpeedup },
    ),
    warmFirstDiagnosticsMs: t(warm, `<= ${TARGETS.warmFirstDiagnosticsMs}`, warm <= TARGETS.warmFirstDiagnosticsMs),
    warmFirstDiagnosticsErrorFileMs: t(warmErr, `<= ${TARGETS.warmFirstDiagnosticsMs}`, warmErr <= TARGETS.warmFirstDiagnosticsMs),
    editP95Ms: t(p95, `<= ${TARGETS.editP95Ms}`, p95 <= TARGETS.editP95Ms, { editMode: lsp.warm?.edits?.mode ?? null }),
    serverRssMb: t(rss, `<= ${TARGETS.serverRssMb}`, rss <= TARGETS.serverRssMb),
  };
}

const secs = (ms) => (ms === null || ms === undefined ? "n/a" : `${(ms / 1000).toFixed(2)} s`);
const msStr = (ms) => (ms === null || ms === undefined ? "n/a" : `${ms < 100 ? ms.toFixed(1) : Math.round(ms)} ms`);
const mbStr = (kb) => (mb(kb) === null ? "n/a" : `${Math.round(mb(kb))} MB`);
const base = (f) => f.replace(/^features\//, "").replace(/ \(.*\)$/, "");
const cpu = (l) => (l.cpuMs ? `; CPU ${secs(l.cpuMs.median)}` : "");
const verdict = (pass) => (pass === true ? "PASS" : pass === false ? "FAIL" : "-");

/** Rows [metric, value, target, result, reference]. */
export function tableRows(result) {
  const { lint, lsp, targets } = result;
  const rows = [];
  const fl = lint.flaglens;
  if (fl) {
    rows.push([
      `flaglens lint, wall (median of ${fl.runs})`,
      `${secs(fl.wallMs.median)} (min ${secs(fl.wallMs.min)}, max ${secs(fl.wallMs.max)})${cpu(fl)}`,
      "",
      "",
      "",
    ]);
    const s = fl.summary;
    rows.push([
      "flaglens lint, exit code",
      `${fl.exitCodes.join("/")}${s ? ` (${s.errors} errors, ${s.warnings} warnings, ${s.files} files)` : ""}`,
      "0",
      verdict(fl.exitCodes.length === 1 && fl.exitCodes[0] === 0),
      "",
    ]);
    rows.push([
      "flaglens lint, peak RSS",
      fl.maxRssKb === null ? "n/a (no GNU time)" : mbStr(fl.maxRssKb),
      "",
      "",
      REFERENCES.featurevisorRss,
    ]);
  } else rows.push(["flaglens lint", "failed (see errors)", "", "FAIL", ""]);
  const fv = lint.featurevisor;
  if (fv?.skipped) rows.push(["featurevisor lint", `skipped (${fv.skipped})`, "", "", REFERENCES.featurevisorLint]);
  else if (fv) {
    rows.push([
      `featurevisor lint, wall (median of ${fv.runs})`,
      `${secs(fv.wallMs.median)} (min ${secs(fv.wallMs.min)}, max ${secs(fv.wallMs.max)})${cpu(fv)}`,
      "",
      "",
      REFERENCES.featurevisorLint,
    ]);
    rows.push([
      "featurevisor lint, exit code / peak RSS",
      `${fv.exitCodes.join("/")} / ${fv.maxRssKb === null ? "n/a" : mbStr(fv.maxRssKb)}`,
      "",
      "",
      REFERENCES.featurevisorRss,
    ]);
  } else rows.push(["featurevisor lint", "failed (see errors)", "", "", REFERENCES.featurevisorLint]);
  const sp = targets.lintSpeedup;
  rows.push([
    "lint speed-up (featurevisor / flaglens)",
    sp.value === null ? "n/a" : `${sp.value}x${sp.cpuSpeedup ? ` (CPU time: ${sp.cpuSpeedup}x)` : ""}`,
    `>= ${TARGETS.lintSpeedup}x`,
    verdict(sp.pass),
    "",
  ]);

  const w = lsp.warm;
  const c = lsp.cold;
  rows.push(["LSP spawn -> initialize response", w ? msStr(w.initializeMs) : "n/a", "", "", REFERENCES.initialize]);
  rows.push([
    "LSP index cold (spawn -> status ready)",
    w ? `${msStr(w.indexColdMs)}${w.index ? ` (${w.index.files} files)` : ""}` : "n/a",
    "",
    "",
    "",
  ]);
  const none = "none published";
  if (c) {
    rows.push([
      `cold first diagnostics, clean ${base(c.cleanFile)}`,
      c.cleanFileMs === null ? none : msStr(c.cleanFileMs),
      "report",
      "-",
      REFERENCES.coldDiagnostics,
    ]);
    rows.push([`cold first diagnostics, ${base(c.errorFile)} w/ error`, msStr(c.errorFileMs), "report", "-", REFERENCES.coldDiagnostics]);
  } else rows.push(["cold first diagnostics", "failed (see errors)", "report", "FAIL", REFERENCES.coldDiagnostics]);
  if (w?.warmOpen) {
    const o = w.warmOpen;
    rows.push([
      `warm first diagnostics, clean ${base(o.cleanFile)}`,
      o.cleanFileMs === null ? none : msStr(o.cleanFileMs),
      `<= ${TARGETS.warmFirstDiagnosticsMs} ms`,
      verdict(targets.warmFirstDiagnosticsMs.pass),
      "",
    ]);
    rows.push([
      `warm first diagnostics, ${base(o.errorFile)} w/ error`,
      msStr(o.errorFileMs),
      `<= ${TARGETS.warmFirstDiagnosticsMs} ms`,
      verdict(o.errorFileMs <= TARGETS.warmFirstDiagnosticsMs),
      "",
    ]);
  }
  const e = w?.edits;
  if (e) {
    const label = e.mode === "spec" ? `${e.count} edits` : `${e.count} diagnostic-changing edits`;
    rows.push([`edit -> diagnostics p50 (${label})`, msStr(e.latencyMs.p50), "", "", REFERENCES.editP50]);
    rows.push([
      `edit -> diagnostics p95`,
      msStr(e.latencyMs.p95),
      `<= ${TARGETS.editP95Ms} ms`,
      verdict(targets.editP95Ms.pass),
      REFERENCES.editP95,
    ]);
    rows.push([`edit -> diagnostics max`, msStr(e.latencyMs.max), "", "", ""]);
  } else rows.push(["edit -> diagnostics", "failed (see errors)", `p95 <= ${TARGETS.editP95Ms} ms`, "FAIL", REFERENCES.editP95]);
  if (w) {
    rows.push([
      "server RSS, project indexed",
      mbStr(w.rssIndexedKb),
      `<= ${TARGETS.serverRssMb} MB`,
      verdict(targets.serverRssMb.pass),
      REFERENCES.serverRss,
    ]);
    if (w.rssAfterEditsKb !== undefined)
      rows.push(["server RSS after edits / peak (VmHWM)", `${mbStr(w.rssAfterEditsKb)} / ${mbStr(w.rssPeakKb)}`, "", "", ""]);
  }
  return rows;
}

export function renderTable(rows) {
  const head = ["metric", "value", "target", "result", "reference (shared/bench README)"];
  const all = [head, ...rows];
  const widths = head.map((_, i) => Math.max(...all.map((r) => String(r[i]).length)));
  const line = (r) =>
    r
      .map((cell, i) => String(cell).padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
