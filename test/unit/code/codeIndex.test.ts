import * as assert from "node:assert/strict";
import { CodeIndex } from "../../../server/src/service/code/codeIndex";
import { definitionCandidates, relativeModule } from "../../../server/src/service/code/definitions";
import { Scanner } from "../../../server/src/service/code/scan";
import { describeUsage, indexOf } from "./fixture";

/** Each file's usages, as `line:character description`. */
function summary(index: CodeIndex): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const u of index.allUsages()) (out[u.file] ??= []).push(`${u.range.start.line}:${u.range.start.character} ${describeUsage(u)}`);
  return out;
}

describe("code index", () => {
  it("resolves a constant imported from a relative module, and reports the constant as a usage", () => {
    const index = indexOf({
      "/src/flags.ts": `export const CHECKOUT = "new_checkout";\nexport const UNUSED = "unused_flag";\n`,
      "/src/app.ts": `import { CHECKOUT } from "./flags";\nf.isEnabled(CHECKOUT);\n`,
    });
    assert.deepEqual(summary(index), {
      "/src/app.ts": ["1:12 isEnabled new_checkout via=CHECKOUT"],
      "/src/flags.ts": ["0:24 constant new_checkout"],
    });
    assert.equal(index.referenceCount("new_checkout"), 2);
    assert.equal(index.referenceCount("unused_flag"), 0);
    assert.deepEqual(index.usagesOf("new_checkout")[0].via, {
      name: "CHECKOUT",
      file: "/src/flags.ts",
      range: { start: { line: 0, character: 24 }, end: { line: 0, character: 38 } },
    });
  });

  it("does not look in other files for a name bound in the file to something else: a parameter, a reassigned variable, another value", () => {
    const index = indexOf({
      "/src/flags.ts": `export const CHECKOUT = "new_checkout";\n`,
      "/src/param.ts": `function run(CHECKOUT) {\n  return f.isEnabled(CHECKOUT);\n}\nf.isEnabled(CHECKOUT);\n`,
      "/src/computed.ts": `const CHECKOUT = pick();\nf.isEnabled(CHECKOUT);\n`,
      "/src/flags.py": `CHECKOUT = "py_checkout"\n`,
      "/src/app.py": `def run():\n    CHECKOUT = "a"\n    CHECKOUT = "b"\n    return f.is_enabled(CHECKOUT)\nf.is_enabled(CHECKOUT)\n`,
    });
    assert.deepEqual(summary(index), {
      "/src/app.py": ["3:24 isEnabled (dynamic)", "4:13 isEnabled py_checkout via=CHECKOUT"],
      "/src/computed.ts": ["1:12 isEnabled (dynamic)"],
      "/src/flags.py": ["0:11 constant py_checkout"],
      "/src/flags.ts": ["0:24 constant new_checkout"],
      "/src/param.ts": ["1:21 isEnabled (dynamic)", "3:12 isEnabled new_checkout via=CHECKOUT"],
    });
  });

  it("picks the declaration the qualifier or import names when a name is declared twice", () => {
    const index = indexOf({
      "/src/Flags.java": `class Flags { static final String BANNER = "banner_v2"; }\n`,
      "/src/Other.java": `class Other { static final String BANNER = "other_banner"; }\n`,
      "/src/App.java": `class App { void run() { featurevisor.isEnabled(Flags.BANNER); } }\n`,
      "/src/app.py": `from pkg.other import BANNER\nf.is_enabled(BANNER)\n`,
      "/src/pkg/other.py": `BANNER = "py_banner"\n`,
      "/src/pkg/flags.py": `BANNER = "not_this_one"\n`,
    });
    const s = summary(index);
    assert.deepEqual(s["/src/App.java"], ["0:48 isEnabled banner_v2 via=BANNER"]);
    assert.deepEqual(s["/src/app.py"], ["1:13 isEnabled py_banner via=BANNER"]);
  });

  it("leaves a name dynamic when its declarations disagree, or when it is a local-looking name", () => {
    const index = indexOf({
      "/src/a.ts": `export const KEY = "a";\n`,
      "/src/b.ts": `export const KEY = "b";\n`,
      "/src/c.ts": `export const key = "c";\n`,
      "/src/app.ts": `f.isEnabled(KEY);\nf.isEnabled(key);\n`,
    });
    assert.deepEqual(summary(index), { "/src/app.ts": ["0:12 isEnabled (dynamic)", "1:12 isEnabled (dynamic)"] });
  });

  it("updates one file incrementally: dependents follow a changed or deleted constant", () => {
    const scanner = new Scanner();
    const index = new CodeIndex();
    const flags = (v: string) => scanner.scan("/src/flags.ts", `export const CHECKOUT = "${v}";\n`, true);
    index.update([
      ["/src/flags.ts", flags("one")],
      ["/src/app.ts", scanner.scan("/src/app.ts", `import { CHECKOUT } from "./flags";\nf.isEnabled(CHECKOUT);\nf.isEnabled("direct");\n`)],
    ]);
    assert.equal(index.referenceCount("one"), 2);

    let changed = index.update([["/src/flags.ts", flags("two")]]);
    assert.deepEqual([...changed].sort(), ["/src/app.ts", "/src/flags.ts"]);
    assert.equal(index.referenceCount("one"), 0);
    assert.equal(index.referenceCount("two"), 2);
    assert.deepEqual(index.filesUsing("two").sort(), ["/src/app.ts", "/src/flags.ts"]);

    // An edit of the call file alone touches it and the constant's file (which loses its usage).
    changed = index.update([["/src/app.ts", scanner.scan("/src/app.ts", `f.isEnabled("direct");\n`)]]);
    assert.deepEqual([...changed].sort(), ["/src/app.ts", "/src/flags.ts"]);
    assert.deepEqual(index.usages("/src/flags.ts"), []);

    index.update([["/src/app.ts", scanner.scan("/src/app.ts", `import { CHECKOUT } from "./flags";\nf.isEnabled(CHECKOUT);\n`)]]);
    assert.equal(index.referenceCount("two"), 2);
    changed = index.update([["/src/flags.ts", undefined]]);
    assert.deepEqual([...changed].sort(), ["/src/app.ts", "/src/flags.ts"]);
    assert.deepEqual(
      index.usages("/src/app.ts").map((u) => u.feature),
      [null],
    );
    assert.deepEqual([...index.referencedKeys()], []);
  });

  it("names the files that may declare unresolved names", () => {
    const index = indexOf({
      "/repo/src/app.ts": `import { CHECKOUT } from "./flags";\nimport { BANNER } from "@/config/keys";\nf.isEnabled(CHECKOUT);\nf.isEnabled(BANNER);\n`,
      "/repo/src/Main.java": `class Main { void run() { featurevisor.isEnabled(FeatureFlags.NEW_UI); } }\n`,
      "/repo/go/app.go": `package app\nfunc run() { f.IsEnabled(Checkout) }\n`,
    });
    const unresolved = index.unresolvedNames().map((r) => r.arg.name);
    assert.deepEqual(unresolved.sort(), ["BANNER", "CHECKOUT", "NEW_UI"]);
    const files = [
      "/repo/src/flags.ts",
      "/repo/src/config/keys.ts",
      "/repo/src/other.ts",
      "/repo/lib/feature_flags.java",
      "/repo/src/FeatureFlags.java",
      "/repo/go/flags.go",
    ];
    assert.deepEqual([...definitionCandidates(index.unresolvedNames(), files)].sort(), [
      "/repo/lib/feature_flags.java",
      "/repo/src/FeatureFlags.java",
      "/repo/src/config/keys.ts",
      "/repo/src/flags.ts",
    ]);
    assert.equal(relativeModule("/repo/src/a/app.py", "..flags"), "/repo/src/flags");
    assert.equal(relativeModule("/repo/src/app.ts", "../lib/keys"), "/repo/lib/keys");
    assert.equal(relativeModule("/repo/src/app.ts", "lodash"), undefined);
  });

  it("finds the usage at a position, on its key or its called name", () => {
    const index = indexOf({ "/src/a.ts": `if (f.isEnabled("checkout")) {}\nf.getVariable("checkout", "color");\n` });
    assert.equal(index.usageAt("/src/a.ts", { line: 0, character: 20 })?.feature, "checkout");
    assert.equal(index.usageAt("/src/a.ts", { line: 0, character: 8 })?.kind, "isEnabled");
    assert.equal(index.usageAt("/src/a.ts", { line: 1, character: 28 })?.variable, "color");
    assert.equal(index.usageAt("/src/a.ts", { line: 0, character: 1 }), undefined);
  });
});
