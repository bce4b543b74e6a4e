// The rollout panel's page: draws the model the extension posts (flaglens/rolloutPanel, computed by
// the language server). No evaluation here. Built with DOM calls only (text is never parsed as HTML);
// sizes and positions are CSS custom properties set through the CSSOM, so the page needs no inline
// style and its Content-Security-Policy allows no 'unsafe-inline'.
(function () {
  "use strict";
  const vscode = acquireVsCodeApi();
  const app = document.getElementById("app");
  /** Variation colours cycle through this many classes (v0 to v5). */
  const COLOURS = 6;
  let colourOf = new Map();

  /** An element with classes, attributes and children (strings become text). */
  function h(tag, props, ...children) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(props || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === "class") el.className = value;
      else if (name === "vars") for (const [v, x] of Object.entries(value)) el.style.setProperty(v, x);
      else if (name === "onclick") el.addEventListener("click", value);
      else el.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === undefined || child === null || child === false) continue;
      el.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return el;
  }

  /** A percentage as the server's wording writes it (3 decimals at most). */
  function pct(n) {
    return `${Math.round(n * 1000) / 1000}%`;
  }

  function variationClass(variation) {
    return variation === undefined ? "on" : `v${colourOf.get(variation) ?? 0}`;
  }

  function badge(text, kind) {
    return h("span", { class: `badge ${kind}` }, text);
  }

  function swatch(variation) {
    return h("span", { class: `swatch ${variationClass(variation)}`, "aria-hidden": "true" });
  }

  /** The bar of one rule: its bucket ranges, enabled ones coloured by variation, and the previewed bucket. */
  function bar(rule, preview) {
    const parts = rule.parts.map((p) =>
      h("span", {
        class: `part ${p.enabled ? variationClass(p.variation) : "off"}`,
        vars: { "--w": `${p.to - p.from}%` },
        title: `${pct(p.from)}–${pct(p.to)}: ${p.enabled ? (p.variation ?? "enabled") : "not enabled"}`,
      }),
    );
    const marker =
      preview && rule.path && rule.path.step === "matched" && preview.bucket !== null
        ? h("span", { class: "marker", vars: { "--at": `${preview.bucket}%` }, title: `bucket ${pct(preview.bucket)}` })
        : null;
    return h("div", { class: "bar", "aria-hidden": "true" }, parts, marker);
  }

  /** One rule; `before` names the revision of a rule as it was before the change (drawn muted, said so). */
  function ruleItem(rule, view, before) {
    const state = rule.path ? ` ${rule.path.step}` : "";
    const muted = rule.unreachable || rule.incomplete ? " muted" : "";
    const split =
      rule.split.length > 0
        ? rule.split.map((s) => h("span", { class: "split-item" }, swatch(s.variation), `${s.variation} ${pct(s.share)}`))
        : [];
    const label = (before ? `Before (${before}): ` : "") + rule.label + (rule.path ? `. Preview: ${rule.path.words}` : "");
    return h(
      "li",
      { class: `rule${state}${muted}${before ? " before" : ""}`, tabindex: "0", "aria-label": label, "data-share": pct(rule.share) },
      h(
        "div",
        { class: "rule-head" },
        h("span", { class: "rule-key" }, rule.key ?? `rule ${rule.index + 1}`),
        h("span", { class: "who" }, rule.who, rule.serves && rule.serves.startsWith("→") ? ` ${rule.serves}` : ""),
        h("span", { class: "share" }, pct(rule.share), rule.grouped ? h("span", { class: "note" }, " group slot") : null),
      ),
      bar(rule, view.preview),
      split.length > 0 ? h("div", { class: "split" }, split) : null,
      rule.path
        ? h(
            "div",
            { class: `path ${rule.path.step}` },
            h("span", { class: "step" }, stepWord(rule.path.step)),
            rule.path.words.replace(/^[a-z -]+: /, ""),
          )
        : null,
    );
  }

  function stepWord(step) {
    return { matched: "matched", skipped: "skipped", "not-reached": "not reached", error: "error" }[step] ?? step;
  }

  function axis() {
    return h(
      "div",
      { class: "axis", "aria-hidden": "true" },
      ["0%", "25%", "50%", "75%", "100%"].map((t) => h("span", {}, t)),
    );
  }

  /** The rules as a table: the same words, for screen readers and copying. */
  function table(view) {
    const rows = view.rules.map((r) =>
      h(
        "tr",
        {},
        h("th", { scope: "row" }, r.key ?? `rule ${r.index + 1}`),
        h("td", {}, r.who),
        h("td", {}, pct(r.share)),
        h("td", {}, r.split.map((s) => `${s.variation} ${pct(s.share)}`).join(" / ") || "—"),
        view.preview ? h("td", {}, r.path ? r.path.words : "—") : null,
      ),
    );
    return h(
      "details",
      { class: "as-table" },
      h("summary", {}, "Rules as a table"),
      h(
        "table",
        {},
        h("caption", { class: "visually-hidden" }, `Rules of ${view.name}${view.target ? `, target ${view.target}` : ""}`),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "col" }, "Rule"),
            h("th", { scope: "col" }, "Who"),
            h("th", { scope: "col" }, "Share"),
            h("th", { scope: "col" }, "Split"),
            view.preview ? h("th", { scope: "col" }, "Preview") : null,
          ),
        ),
        h("tbody", {}, rows),
      ),
    );
  }

  function previewResult(view, name) {
    const p = view.preview;
    if (!p) return null;
    const vars = Object.entries(p.variables)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => `${k} = ${typeof v === "string" ? v : JSON.stringify(v)}`);
    return h(
      "div",
      {
        class: `result ${p.enabled ? "enabled" : "disabled"}`,
        role: "note",
        "aria-label": `${name} gets: ${p.enabled ? "enabled" : "disabled"}${p.variation ? `, variation ${p.variation}` : ""}. ${p.reason}`,
      },
      h(
        "span",
        { class: "result-head" },
        `${name} gets `,
        h("strong", {}, p.enabled ? "enabled" : "disabled"),
        p.variation ? [" · ", swatch(p.variation), h("strong", {}, p.variation)] : null,
        p.bucket !== null ? h("span", { class: "note" }, ` · bucket ${pct(p.bucket)}`) : null,
      ),
      vars.length ? h("span", { class: "vars" }, vars.join(", ")) : null,
      h("span", { class: "reason" }, p.reason),
    );
  }

  /** What changed in a datafile against the compared revision: the change in words, then the rules as they were. */
  function changeBlock(view) {
    const c = view.change;
    if (!c) return null;
    const old = c.before;
    const words = [c.summary, c.cause ? `by ${c.cause}` : null].filter(Boolean).join(" · ");
    const risks = c.risks.map((r) => {
      const [severity, code] = r.split(" ");
      return h("span", { class: `badge risk ${severity}`, title: severity }, code.replace(/-/g, " "));
    });
    const rules =
      !old || old.absent || old.rules.length === 0
        ? h(
            "p",
            { class: "absent" },
            !old ? `Not in ${c.base}: the feature is new.` : old.absent ? `Not in the datafile at ${c.base}.` : "No rules.",
          )
        : h(
            "ol",
            { class: "rules", "aria-label": `Rules of ${view.name} at ${c.base}` },
            old.rules.map((r) => ruleItem(r, old, c.base)),
          );
    return h(
      "div",
      {
        class: "change",
        role: "group",
        "aria-label": `Changed since ${c.base}: ${words}${c.risks.length ? `. Risks: ${c.risks.join(", ")}` : ""}`,
      },
      h(
        "p",
        { class: "change-head" },
        h("span", { class: "change-kind" }, `since ${c.base}`),
        words,
        risks.length ? h("span", { class: "risks" }, risks) : null,
      ),
      c.details.length > 0
        ? h(
            "ul",
            { class: "change-details" },
            c.details.map((d) => h("li", {}, d)),
          )
        : null,
      h(
        "p",
        { class: "before-head" },
        `Before (${c.base}): `,
        h("span", { class: "summary" }, old ? (old.absent ? "not in the datafile" : old.summary) : "no such feature"),
      ),
      rules,
    );
  }

  function viewBody(view, model) {
    if (view.absent)
      return [h("p", { class: "absent" }, `Not in this datafile: ${view.absent.replace(/^feature "[^"]*" /, "")}.`), changeBlock(view)];
    const out = [];
    if (view.forces.length > 0)
      out.push(
        h(
          "ul",
          { class: "facts forces", "aria-label": "Forced" },
          view.forces.map((f) =>
            h(
              "li",
              { class: f.applies ? "applies" : "" },
              h("span", { class: "fact-kind" }, "forced"),
              f.words,
              f.applies ? h("span", { class: "note" }, " (applies to the previewed user)") : null,
            ),
          ),
        ),
      );
    if (view.requirements.length > 0)
      out.push(
        h(
          "ul",
          { class: "facts requirements", "aria-label": "Requirements" },
          view.requirements.map((r) =>
            h(
              "li",
              { class: r.met === false ? "unmet" : "" },
              h("span", { class: "fact-kind" }, "requires"),
              h("strong", {}, r.key),
              r.variation ? ` (variation ${r.variation})` : "",
              `: ${r.words}`,
              r.met === undefined ? null : h("span", { class: "note" }, r.met ? " (met)" : " (not met)"),
            ),
          ),
        ),
      );
    if (view.rules.length === 0) out.push(h("p", { class: "absent" }, "No rules: nobody gets the feature."));
    else
      out.push(
        h(
          "ol",
          { class: "rules", "aria-label": `Rules of ${view.name}` },
          view.rules.map((r) => ruleItem(r, view)),
        ),
        axis(),
      );
    const change = changeBlock(view);
    if (change) out.push(change);
    const result = previewResult(view, model.preview);
    if (result) out.push(result);
    if (view.rules.length > 0) out.push(table(view));
    return out;
  }

  function environment(env, model, index) {
    const id = `env-${index}`;
    const targets = env.targets || [];
    const carried = targets.filter((t) => !t.absent);
    const left = targets.filter((t) => t.absent);
    return h(
      "section",
      { class: "env", "aria-labelledby": id },
      h(
        "details",
        { open: true },
        h(
          "summary",
          { id, class: "env-head" },
          h("span", { class: "env-name" }, env.name),
          h("span", { class: "summary" }, env.absent ? "not in the datafile" : env.summary),
          env.change || targets.some((t) => t.change) ? badge("changed", "changed") : null,
        ),
        viewBody(env, model),
        targets.length > 0
          ? h(
              "details",
              { class: "targets" },
              h("summary", {}, `Targets: ${carried.length} of ${targets.length} carry it`),
              carried.map((t) =>
                h(
                  "div",
                  { class: "target" },
                  h("h4", {}, `target ${t.target}`, h("span", { class: "summary" }, t.summary)),
                  viewBody(t, model),
                ),
              ),
              left.length > 0
                ? h(
                    "p",
                    { class: "absent" },
                    `Not in: ${left.map((t) => `${t.target} (${t.absent.replace(/^feature "[^"]*" /, "")})`).join("; ")}`,
                  )
                : null,
            )
          : null,
      ),
    );
  }

  function render(model) {
    colourOf = new Map(model.variations.map((v, i) => [v.value, i % COLOURS]));
    for (const env of model.environments)
      for (const view of [env, ...(env.targets || [])])
        for (const r of view.rules)
          for (const p of r.parts)
            if (p.variation !== undefined && !colourOf.has(p.variation)) colourOf.set(p.variation, colourOf.size % COLOURS);
    const badges = [
      model.archived ? badge("archived", "archived") : null,
      model.deprecated ? badge("deprecated", "deprecated") : null,
      model.set !== undefined ? badge(`set ${model.set}`, "plain") : null,
      badge(model.format, "plain"),
      model.preview ? badge(`previewing as ${model.preview}`, "preview") : null,
    ];
    const legend =
      model.variations.length > 0
        ? h(
            "ul",
            { class: "legend", "aria-label": "Variations" },
            model.variations.map((v) =>
              h("li", {}, swatch(v.value), v.value, v.weight !== undefined ? h("span", { class: "note" }, ` ${pct(v.weight)}`) : null),
            ),
            h("li", {}, h("span", { class: "swatch off", "aria-hidden": "true" }), "not enabled"),
          )
        : h(
            "ul",
            { class: "legend", "aria-label": "Legend" },
            h("li", {}, swatch(undefined), "enabled"),
            h("li", {}, h("span", { class: "swatch off", "aria-hidden": "true" }), "not enabled"),
          );
    const groups = model.groups.map((g) =>
      h(
        "li",
        {},
        h("span", { class: "fact-kind" }, "group"),
        h("strong", {}, g.key),
        `: slot ${g.slot} of ${g.slots}, ${pct(g.share)} of all users (buckets ${g.ranges.map(([a, b]) => `${pct(a)}–${pct(b)}`).join(", ") || "none"})`,
        g.others.length ? `; never together with ${g.others.join(", ")}` : "",
      ),
    );
    app.replaceChildren(
      h(
        "header",
        {},
        h(
          "h1",
          {},
          h(
            "button",
            { class: "link", type: "button", title: "Open the feature file", onclick: () => vscode.postMessage({ type: "openFile" }) },
            model.feature,
          ),
          h("span", { class: "badges" }, badges),
        ),
        model.description ? h("p", { class: "description" }, model.description) : null,
        model.archived ? h("p", { class: "warning" }, "Archived: no datafile carries this feature, so every SDK answers disabled.") : null,
        model.deprecated ? h("p", { class: "warning" }, "Deprecated: the SDKs still serve it, and warn when it is evaluated.") : null,
        legend,
        groups.length ? h("ul", { class: "facts groups", "aria-label": "Mutually exclusive groups" }, groups) : null,
      ),
      ...model.environments.map((env, i) => environment(env, model, i)),
    );
    const rules = [...app.querySelectorAll(".rule:not(.before)")];
    const before = [...app.querySelectorAll(".rule.before")];
    vscode.postMessage({
      type: "rendered",
      rendered: {
        feature: model.feature,
        environments: model.environments.length,
        rules: rules.length,
        labels: rules.map((r) => r.getAttribute("aria-label")),
        shares: rules.map((r) => r.getAttribute("data-share")),
        changes: [...app.querySelectorAll(".change")].map((c) => c.getAttribute("aria-label")),
        before: before.map((r) => r.getAttribute("aria-label")),
      },
    });
  }

  window.addEventListener("message", (event) => {
    const message = event.data;
    if (!message || typeof message !== "object") return;
    if (message.type === "model") render(message.model);
    else if (message.type === "empty") {
      app.replaceChildren(h("p", { class: "empty" }, message.message));
      vscode.postMessage({
        type: "rendered",
        rendered: { feature: null, environments: 0, rules: 0, labels: [], shares: [], changes: [], before: [] },
      });
    }
  });
  vscode.postMessage({ type: "ready" });
})();
