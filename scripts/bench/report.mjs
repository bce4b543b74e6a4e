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
  completionP50: "yaml-ls: 6.5 ms median",
  completionP95: "yaml-ls: 24 ms p95",
  evaluate: "none (featurevisor lint: 1.7 ms per feature)",
  codeScan: "745 MB / 104k files: rg 2.1 s, cat 1.9 s",
  codeTokenizer: "single-threaded Node tokenizer: 23 s",
};

export const TARGETS = {
  lintSpeedup: 5, // featurevisor median / flaglens median
  warmFirstDiagnosticsMs: 500,
  editP95Ms: 50,
  serverRssMb: 200,
  completionP95Ms: 10,
  evaluateP95Ms: 20, // evaluateAll of every feature, per context
  diffMs: 2000, // flaglens diff, two revisions differing in one segment named by 300 features
  testSpeedup: 10, // `featurevisor test` wall median / `flaglens test` wall median, whole suite
  testEditP95Ms: 50, // a segment edited -> the specs it affects rerun, results available
  // The code scan's targets are decided by scripts/bench/code.mjs (its `targets`); these label them.
  codeRefsVsRipgrep: 2,
  codeRescanP95Ms: 20,
};

const mb = (kb) => (typeof kb === "number" && Number.isFinite(kb) ? Math.round(kb / 102.4) / 10 : null);

/** The `targets` object of the JSON output; `more` holds the other sections ({ evaluate }). */
export function evaluateTargets(lint, lsp, more = {}) {
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
  const completion = lsp.warm?.completion;
  const completionP95 = completion?.latencyMs?.p95 ?? null;
  const evalP95 = more.evaluate?.perContextMs?.p95 ?? null;
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
    // Fast but empty answers do not count: every request must have returned items.
    completionP95Ms: t(
      completionP95,
      `<= ${TARGETS.completionP95Ms}`,
      completionP95 <= TARGETS.completionP95Ms && completion?.emptyResponses === 0,
      {
        emptyResponses: completion?.emptyResponses ?? null,
      },
    ),
    evaluateP95Ms: t(evalP95, `<= ${TARGETS.evaluateP95Ms} per context`, evalP95 <= TARGETS.evaluateP95Ms, {
      featuresPerEvaluation: more.evaluate?.featuresPerEvaluation ?? null,
    }),
    diffMs: t(more.diff?.wallMs?.median ?? null, `<= ${TARGETS.diffMs}`, (more.diff?.wallMs?.median ?? Infinity) <= TARGETS.diffMs, {
      cpuMs: more.diff?.cpuMs?.median ?? null,
    }),
    ...testTargets(more.tests, t),
    ...codeTargets(more.code, t),
  };
}

function testTargets(tests, t) {
  const out = {};
  for (const name of ["v1", "v3"]) {
    const r = tests?.[name];
    if (!r || r.skipped) continue;
    const ratio = r.wallRatio ?? null;
    out[`testSpeedup${name.toUpperCase()}`] = t(
      ratio,
      `>= ${TARGETS.testSpeedup}x (flaglens test <= featurevisor test / 10)`,
      ratio >= TARGETS.testSpeedup,
      {
        na: !r.featurevisor,
        cpuRatio: r.cpuRatio ?? null,
        agree: r.featurevisor ? r.mismatch === undefined : null,
      },
    );
    const p95 = r.edits?.ms?.p95 ?? null;
    out[`testEditP95Ms${name.toUpperCase()}`] = t(
      p95,
      `<= ${TARGETS.testEditP95Ms}`,
      p95 <= TARGETS.testEditP95Ms && r.edits?.consistent === true,
    );
  }
  return out;
}

function codeTargets(code, t) {
  if (!code || code.skipped) return {};
  const ratio = code.ratio ?? null;
  const coldRatio = code.coldDisk?.ratio ?? null;
  const rescan = code.rescan?.p95 ?? null;
  return {
    // The issue's "scanned cold": both tools read the tree from the disk.
    codeRefsVsRipgrep: t(coldRatio, `<= ${TARGETS.codeRefsVsRipgrep}x rg, cold disk`, code.targets?.coldAtMost2xRipgrep ?? null, {
      na: coldRatio === null,
      refsMedianMs: code.coldDisk?.refsMedianMs ?? null,
      ripgrepMedianMs: code.coldDisk?.ripgrepMedianMs ?? null,
    }),
    // The same with the tree in the page cache: CPU-bound, where ripgrep's SIMD search on every core is hard to match.
    codeRefsVsRipgrepPageCache: t(
      ratio,
      `<= ${TARGETS.codeRefsVsRipgrep}x rg, page cache`,
      code.targets?.pageCacheAtMost2xRipgrep ?? null,
      {
        na: ratio === null,
        refsMedianMs: code.refs?.medianMs ?? null,
        ripgrepMedianMs: code.ripgrep?.medianMs ?? null,
      },
    ),
    codeRefsCorrect: t(code.refs?.references ?? null, `= ${code.tree?.expectedReferences ?? "?"} references`, code.refs?.correct === true),
    codeRescanP95Ms: t(rescan, `<= ${TARGETS.codeRescanP95Ms}`, code.targets?.rescanP95AtMost20ms ?? rescan <= TARGETS.codeRescanP95Ms),
  };
}

const secs = (ms) => (ms === null || ms === undefined ? "n/a" : `${(ms / 1000).toFixed(2)} s`);
const msStr = (ms) => (ms === null || ms === undefined ? "n/a" : `${ms < 100 ? ms.toFixed(1) : Math.round(ms)} ms`);
const mbStr = (kb) => (mb(kb) === null ? "n/a" : `${Math.round(mb(kb))} MB`);
const base = (f) => f.replace(/^features\//, "").replace(/ \(.*\)$/, "");
const cpu = (l) => (l.cpuMs ? `; CPU ${secs(l.cpuMs.median)}` : "");
const verdict = (pass) => (pass === true ? "PASS" : pass === false ? "FAIL" : "-");

const thousands = (n) => (typeof n === "number" ? n.toLocaleString("en-US") : String(n));

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

  const v3 = result.lintV3 ?? {};
  if (v3.flaglens) {
    const s = v3.flaglens.summary;
    rows.push([
      `v3 project: flaglens lint, wall (median of ${v3.flaglens.runs})`,
      `${secs(v3.flaglens.wallMs.median)}${cpu(v3.flaglens)}${s ? `; ${s.errors} errors, ${s.warnings} warnings, ${s.files} files` : ""}`,
      "",
      "",
      "",
    ]);
  }
  if (v3.featurevisor?.skipped) rows.push(["v3 project: featurevisor 3.1 lint", `skipped (${v3.featurevisor.skipped})`, "", "", ""]);
  else if (v3.featurevisor) {
    rows.push([
      `v3 project: featurevisor 3.1 lint, wall (median of ${v3.featurevisor.runs})`,
      `${secs(v3.featurevisor.wallMs.median)}${cpu(v3.featurevisor)}, exit ${v3.featurevisor.exitCodes.join("/")}`,
      "",
      "",
      "",
    ]);
  }
  if (v3.flaglens && v3.featurevisor?.wallMs) {
    const ratio = Math.round((v3.featurevisor.wallMs.median / v3.flaglens.wallMs.median) * 100) / 100;
    const flCpu = v3.flaglens.cpuMs?.median;
    const fvCpu = v3.featurevisor.cpuMs?.median;
    const cpuRatio = flCpu && fvCpu ? ` (CPU time: ${Math.round((fvCpu / flCpu) * 100) / 100}x)` : "";
    rows.push(["v3 lint speed-up (featurevisor 3.1 / flaglens)", `${ratio}x${cpuRatio}`, "", "", ""]);
  }

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
  rows.push(...completionRows(w?.completion, targets.completionP95Ms, w !== undefined));
  rows.push(...evaluateRows(result.evaluate, targets.evaluateP95Ms));
  rows.push(...testRows(result.tests, targets));
  rows.push(...diffRows(result.diff, targets.diffMs));
  rows.push(...codeRows(result.code, targets));
  return rows;
}

function codeRows(code, targets) {
  if (!code) return [["code scan (flaglens refs)", "failed (see errors)", "", "FAIL", REFERENCES.codeScan]];
  if (code.skipped) return [["code scan (flaglens refs)", `skipped (${code.skipped})`, "", "", REFERENCES.codeScan]];
  const rows = [];
  const tree = code.tree ? `, ${thousands(code.tree.files)} files, ${code.tree.megabytes} MB` : "";
  const runs = (r) => (r.runsMs ? ` (runs ${r.runsMs.map((x) => secs(x)).join(", ")})` : "");
  // code.mjs takes the lower middle value of an even number of runs.
  const of = (r) => `${r.runsMs?.length % 2 === 0 ? "lower median" : "median"} of ${r.runsMs?.length ?? "?"}`;
  const refs = code.refs ?? {};
  const rg = code.ripgrep ?? {};
  const cold = code.coldDisk ?? {};
  const coldRuns = (ms) => (ms?.length ? ` (runs ${ms.map((x) => secs(x)).join(", ")})` : "");
  if (cold.skipped) rows.push(["code scan, cold disk", `skipped (${cold.skipped})`, "", "", REFERENCES.codeScan]);
  else {
    rows.push([
      `flaglens refs, cold disk (${of({ runsMs: cold.refsRunsMs })}${tree})`,
      `${secs(cold.refsMedianMs)}${coldRuns(cold.refsRunsMs)}`,
      "",
      "",
      REFERENCES.codeScan,
    ]);
    if (!rg.skipped)
      rows.push([
        `rg -F -f keys.txt, cold disk (${of({ runsMs: cold.ripgrepRunsMs })})`,
        `${secs(cold.ripgrepMedianMs)}${coldRuns(cold.ripgrepRunsMs)}`,
        "",
        "",
        REFERENCES.codeScan,
      ]);
  }
  const coldRatio = targets.codeRefsVsRipgrep;
  rows.push([
    "refs / rg wall time, cold disk",
    coldRatio.value === null ? "n/a" : `${coldRatio.value}x`,
    `<= ${TARGETS.codeRefsVsRipgrep}x`,
    verdict(coldRatio.pass),
    "",
  ]);
  rows.push([`flaglens refs, page cache (${of(refs)})`, `${secs(refs.medianMs)}${runs(refs)}`, "", "", REFERENCES.codeScan]);
  if (rg.skipped) rows.push(["rg -F -f keys.txt", `skipped (${rg.skipped})`, "", "", REFERENCES.codeScan]);
  else rows.push([`rg -F -f keys.txt, page cache (${of(rg)})`, `${secs(rg.medianMs)}${runs(rg)}`, "", "", REFERENCES.codeScan]);
  const ratio = targets.codeRefsVsRipgrepPageCache;
  rows.push([
    "refs / rg wall time, page cache",
    ratio.value === null ? "n/a" : `${ratio.value}x`,
    `<= ${TARGETS.codeRefsVsRipgrep}x`,
    verdict(ratio.pass),
    "",
  ]);
  rows.push([
    "refs references found",
    `${thousands(refs.references)} of ${thousands(code.tree?.expectedReferences)} generated${refs.error ? " (refs failed)" : ""}`,
    "all, none ignored",
    verdict(targets.codeRefsCorrect.pass),
    "",
  ]);
  const r = code.rescan;
  if (r) {
    rows.push([
      `code re-scan after an edit p95 (${r.n} edits)`,
      `${msStr(r.p95)} (median ${msStr(r.median)}, max ${msStr(r.max)})`,
      `<= ${TARGETS.codeRescanP95Ms} ms`,
      verdict(targets.codeRescanP95Ms.pass),
      "",
    ]);
    if (typeof r.coldInProcessMs === "number")
      rows.push(["code scan in process, one thread", secs(r.coldInProcessMs), "", "", REFERENCES.codeTokenizer]);
  }
  const server = code.server;
  if (server?.error) rows.push(["language server, code indexed", `failed (${server.error.slice(0, 80)})`, "", "", ""]);
  else if (server)
    rows.push([
      "language server RSS with the tree's code indexed",
      `${mbStr(server.rssKb)} (peak ${mbStr(server.peakRssKb)}; indexed ${secs(server.indexedMs)} after spawn)`,
      "reported",
      "",
      REFERENCES.serverRss,
    ]);
  return rows;
}

function completionRows(c, target, ran) {
  const goal = `<= ${TARGETS.completionP95Ms} ms`;
  if (!c) return ran ? [] : [["completion (LSP)", "not run (warm server failed)", goal, "FAIL", REFERENCES.completionP95]];
  if (c.error) return [["completion (LSP)", `failed (${c.error.slice(0, 80)})`, goal, "FAIL", REFERENCES.completionP95]];
  const items = c.sites.map((s) => (s.minItems === s.maxItems ? `${s.minItems}` : `${s.minItems}-${s.maxItems}`)).join(" / ");
  return [
    [
      `completion p50 (${c.count} requests, ${c.sites.length} sites, ${base(c.file)})`,
      msStr(c.latencyMs.p50),
      "",
      "",
      REFERENCES.completionP50,
    ],
    ["completion p95", msStr(c.latencyMs.p95), goal, verdict(target.pass), REFERENCES.completionP95],
    ["completion max", msStr(c.latencyMs.max), "", "", ""],
    [
      "completion items per site",
      `${items}${c.emptyResponses ? ` (${c.emptyResponses} empty answers)` : ""}`,
      "> 0",
      verdict(c.emptyResponses === 0 && c.sites.every((s) => s.minItems > 0)),
      "",
    ],
  ];
}

function diffRows(d, target) {
  const goal = `<= ${TARGETS.diffMs} ms`;
  if (!d) return [["flaglens diff, one segment named by 300 features", "failed (see errors)", goal, "FAIL", ""]];
  return [
    [
      `flaglens diff (segment ${d.segment}, named by ${d.namedBy} features; median of ${d.runs})`,
      `${msStr(d.wallMs.median)} (min ${msStr(d.wallMs.min)}, max ${msStr(d.wallMs.max)})${d.cpuMs ? `; CPU ${msStr(d.cpuMs.median)}` : ""}`,
      goal,
      verdict(target.pass),
      "",
    ],
    ["flaglens diff: changes found", `${thousands(d.changes)} in ${thousands(d.features)} features`, "", "", ""],
  ];
}

function evaluateRows(e, target) {
  const goal = `p95 <= ${TARGETS.evaluateP95Ms} ms`;
  if (!e) return [["evaluate all features, one context", "failed (see errors)", goal, "FAIL", REFERENCES.evaluate]];
  if (e.skipped) return [["evaluate all features, one context", `skipped (${e.skipped})`, goal, "", REFERENCES.evaluate]];
  const n = thousands(e.featuresPerEvaluation);
  const warm = Object.values(e.warmupMs)
    .map((v) => msStr(v))
    .join(" / ");
  return [
    [
      `evaluateAll p50 (${e.contexts} contexts x ${n} features)`,
      `${msStr(e.perContextMs.p50)}${e.perFeatureUs !== null ? ` (${e.perFeatureUs} us per feature)` : ""}`,
      "",
      "",
      REFERENCES.evaluate,
    ],
    ["evaluateAll p95, per context", msStr(e.perContextMs.p95), `<= ${TARGETS.evaluateP95Ms} ms`, verdict(target.pass), ""],
    ["evaluateAll max", msStr(e.perContextMs.max), "", "", ""],
    ["evaluate: project load / first evaluateAll per env", `${msStr(e.loadMs)} / ${warm}`, "", "", ""],
  ];
}

export function testRows(tests, targets) {
  if (!tests) return [];
  const rows = [];
  const totals = (x) =>
    x?.assertionsPassed === undefined || x.assertionsPassed === null
      ? "totals unread"
      : `${thousands(x.assertionsPassed)} passed, ${x.assertionsFailed} failed assertions (${x.specsPassed}/${x.specsFailed} specs)`;
  for (const name of ["v1", "v3"]) {
    const r = tests[name];
    if (!r) {
      rows.push([`${name}: flaglens test`, "failed (see errors)", "", "FAIL", ""]);
      continue;
    }
    if (r.skipped) {
      rows.push([`${name}: test specs`, `not run (${r.skipped})`, "", "", ""]);
      continue;
    }
    const g = r.generated;
    const of = g ? ` (${g.specs} specs, ${thousands(g.assertions)} assertions)` : "";
    rows.push([
      `${name}: flaglens test${of}, wall (median of ${r.flaglens.runs})`,
      `${secs(r.flaglens.wallMs.median)}${cpu(r.flaglens)}; ${totals(r.flaglens.totals)}`,
      "",
      "",
      "",
    ]);
    const target = targets[`testSpeedup${name.toUpperCase()}`];
    if (r.featurevisor) {
      rows.push([
        `${name}: ${r.featurevisor.label}, wall (median of ${r.featurevisor.runs})`,
        `${secs(r.featurevisor.wallMs.median)}${cpu(r.featurevisor)}; ${totals(r.featurevisor.totals)}`,
        "",
        r.mismatch ? "FAIL (totals differ)" : "",
        "",
      ]);
      rows.push([
        `${name}: test speed-up (featurevisor / flaglens)`,
        `${r.wallRatio}x${r.cpuRatio ? ` (CPU time: ${r.cpuRatio}x)` : ""}`,
        `>= ${TARGETS.testSpeedup}x`,
        verdict(target?.pass),
        "",
      ]);
    } else rows.push([`${name}: featurevisor test`, `skipped (${r.featurevisorSkipped})`, "", "", ""]);
    const e = r.edits;
    if (e) {
      const editTarget = targets[`testEditP95Ms${name.toUpperCase()}`];
      rows.push([
        `${name}: edit segment -> affected specs rerun, p95 (${e.edits} edits)`,
        `${msStr(e.ms.p95)} (p50 ${msStr(e.ms.p50)}; CPU p95 ${msStr(e.cpuMs.p95)}; of which the rerun ${msStr(e.rerunMs.p95)}; ${e.assertionsRerun.median} assertions in ${e.specsRerun.median} specs, median)`,
        `<= ${TARGETS.testEditP95Ms} ms`,
        verdict(editTarget?.pass),
        "",
      ]);
    }
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
