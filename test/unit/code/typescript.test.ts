import { expectUsages } from "./fixture";

describe("code: TypeScript and JavaScript", () => {
  it("finds SDK calls, their variables and compared variations", () =>
    expectUsages(
      "/src/app.ts",
      `import { createInstance } from "@featurevisor/sdk";
const f = createInstance({});
if (f.isEnabled("checkout")) {}
//              ^^^^^^^^^^ isEnabled checkout
const variation = f.getVariation("pricing");
//                               ^^^^^^^^^ getVariation pricing compared=treatment
if (variation === "treatment") {}
const color = f.getVariable("checkout", "color");
//                          ^^^^^^^^^^ getVariable checkout variable=color
const n = f.getVariableInteger("checkout", "size", { country: "nl" });
//                             ^^^^^^^^^^ getVariable checkout variable=size
if ("b" === f.getVariation('exp')) {}
//                         ^^^^^ getVariation exp compared=b
const on = f?.isEnabled(\`plain\`);
//                      ^^^^^^^ isEnabled plain
f.evaluateFlag("details");
//             ^^^^^^^^^ isEnabled details
`,
    ));

  it("reads switch cases and variables compared later, until reassigned", () =>
    expectUsages(
      "/src/switch.ts",
      `switch (f.getVariation("layout")) {
//                     ^^^^^^^^ getVariation layout compared=grid,list
  case "grid":
  case "list":
    break;
}
let v = f.getVariation("theme");
//                     ^^^^^^^ getVariation theme compared=dark
if (v == "dark") {}
v = other();
if (v == "light") {}
`,
    ));

  it("accepts the documented receivers, bound instances, and any name with featurevisor in it", () =>
    expectUsages(
      "/src/receivers.ts",
      `const flags = createInstance({ datafile });
const child = flags.spawn({ userId: "1" });
flags.isEnabled("a");
//              ^^^ isEnabled a
child.isEnabled("b");
//              ^^^ isEnabled b
this.featurevisor.isEnabled("c");
//                          ^^^ isEnabled c
getFeaturevisor().isEnabled("d");
//                          ^^^ isEnabled d
function check(client: FeaturevisorInstance) { return client.isEnabled("e"); }
//                                                                     ^^^ isEnabled e
sdk.isEnabled("g");
//            ^^^ isEnabled g
`,
    ));

  it("ignores keys in comments and strings, other objects' methods and declarations (near misses)", () =>
    expectUsages(
      "/src/near.ts",
      `// f.isEnabled("in_line_comment")
/* f.isEnabled("in_block_comment") */
const s = 'f.isEnabled("in_string")';
const t = \`f.isEnabled("in_template")\`;
const r = /f.isEnabled("in_regex")/;
log("checkout");
cache.isEnabled("other_object");
unleash.isEnabled("other_sdk");
class Flags {
  isEnabled(key: string) {
    return this.map.has(key);
  }
}
interface Sdk {
  isEnabled(key: string): boolean;
}
function isEnabled(key: string) { return true; }
f.isEnabled;
`,
    ));

  it("reports dynamic keys with a null feature", () =>
    expectUsages(
      "/src/dynamic.ts",
      `f.isEnabled(key);
//          ^^^ isEnabled (dynamic)
f.isEnabled(\`flag_\${name}\`);
//          ^^^^^^^^^^^^^^ isEnabled (dynamic)
f.isEnabled(prefix + "x");
//          ^^^^^^^^^^^^ isEnabled (dynamic)
f.getVariable("f", variableKey);
//            ^^^ getVariable f variable=(dynamic)
`,
    ));

  it("resolves constants in the same file, enums and object literals", () =>
    expectUsages(
      "/src/constants.ts",
      `const CHECKOUT = "new_checkout";
//               ^^^^^^^^^^^^^^ constant new_checkout
enum Flags { Pricing = "pricing_v2" }
//                     ^^^^^^^^^^^^ constant pricing_v2
const KEYS = { banner: "top_banner" } as const;
//                     ^^^^^^^^^^^^ constant top_banner
f.isEnabled(CHECKOUT);
//          ^^^^^^^^ isEnabled new_checkout via=CHECKOUT
f.isEnabled(Flags.Pricing);
//          ^^^^^^^^^^^^^ isEnabled pricing_v2 via=Pricing
f.isEnabled(KEYS.banner);
//          ^^^^^^^^^^^ isEnabled top_banner via=banner
`,
    ));

  it("resolves constants in arrow callbacks, methods and blocks, the innermost first, not reassigned lets", () =>
    expectUsages(
      "/src/scopes.ts",
      `const featureKey = "top";
//                 ^^^^^ constant top
app.get("/", (req, res) => {
  const featureKey = "baz";
//                   ^^^^^ constant baz
  f.isEnabled(featureKey);
//            ^^^^^^^^^^ isEnabled baz via=featureKey
  if (req.ok) {
    const featureKey = "inner";
//                     ^^^^^^^ constant inner
    f.isEnabled(featureKey);
//              ^^^^^^^^^^ isEnabled inner via=featureKey
  }
  f.isEnabled(featureKey);
//            ^^^^^^^^^^ isEnabled baz via=featureKey
});
f.isEnabled(featureKey);
//          ^^^^^^^^^^ isEnabled top via=featureKey
class Handler {
  handle() {
    const methodKey = "from_method";
//                    ^^^^^^^^^^^^^ constant from_method
    return f.isEnabled(methodKey);
//                     ^^^^^^^^^ isEnabled from_method via=methodKey
  }
}
f.isEnabled(methodKey);
//          ^^^^^^^^^ isEnabled (dynamic)
{
  const blockKey = "in_block";
//                 ^^^^^^^^^^ constant in_block
  f.isEnabled(blockKey);
//            ^^^^^^^^ isEnabled in_block via=blockKey
}
let changing = "first";
changing = pick();
f.isEnabled(changing);
//          ^^^^^^^^ isEnabled (dynamic)
let steady = "steady_key";
//           ^^^^^^^^^^^^ constant steady_key
f.isEnabled(steady);
//          ^^^^^^ isEnabled steady_key via=steady
run({ objectKey: "not_a_scope" }, () => f.isEnabled(objectKey));
//                                                  ^^^^^^^^^ isEnabled (dynamic)
`,
    ));

  it("keeps a function's constant to the function, and reads the Express example in JavaScript", () =>
    expectUsages(
      "/src/server.js",
      `function one() {
  const k = "only_one";
//          ^^^^^^^^^^ constant only_one
  return f.isEnabled(k);
//                   ^ isEnabled only_one via=k
}
function two() {
  return f.isEnabled(k);
//                   ^ isEnabled (dynamic)
}
app.get("/", (req, res) => {
  const featureKey = "baz";
//                   ^^^^^ constant baz
  const isEnabled = f.isEnabled(featureKey, { userId: "123" });
//                              ^^^^^^^^^^ isEnabled baz via=featureKey
  res.send(isEnabled);
});
`,
    ));

  it("finds hooks from Featurevisor, local wrappers or no import, not from other libraries", () =>
    expectUsages(
      "/src/App.tsx",
      `import { useFlag, useVariation } from "@featurevisor/react";
import { useVariable } from "./hooks";
import { useFlag as useUnleashFlag } from "@unleash/proxy-client-react";
export function App() {
  const on = useFlag("hero");
//                   ^^^^^^ hook hero
  const v = useVariation("cta");
//                       ^^^^^ hook cta compared=big
  const size = useVariable("cta", "size");
//                         ^^^^^ hook cta variable=size
  const other = useUnleashFlag("not_ours");
  return v === "big" ? <p>Don't {useFlag("inline")} it's</p> : <Foo title="it's" on={f.isEnabled("jsx_attr")} />;
//                                       ^^^^^^^^ hook inline
//                                                                                               ^^^^^^^^^^ isEnabled jsx_attr
}
`,
    ));

  it("does not count a hook imported from another library", () =>
    expectUsages(
      "/src/Other.jsx",
      `import { useFlag } from "@openfeature/react-sdk";
const on = useFlag("theirs", false);
`,
    ));

  it("reads script blocks of Vue files only", () =>
    expectUsages(
      "/src/Banner.vue",
      `<template><p>Don't f.isEnabled("template_text")</p></template>
<script setup lang="ts">
import { useFlag } from "@featurevisor/vue";
const on = useFlag("vue_banner");
//                 ^^^^^^^^^^^^ hook vue_banner
</script>
`,
    ));

  it("accepts configured wrappers and any receiver with clients: *", () => {
    expectUsages(
      "/src/wrappers.js",
      `if (isFeatureOn("wrapped")) {}
//              ^^^^^^^^^ isEnabled wrapped
flagsService.isEnabled("svc");
//                     ^^^^^ isEnabled svc
`,
      { functions: [{ name: "isFeatureOn", evaluates: "flag" }], clients: ["flagsService"] },
    );
    expectUsages(
      "/src/any.js",
      `anything.isEnabled("x");
//                 ^^^ isEnabled x
`,
      { functions: [], clients: ["*"] },
    );
  });

  it("drops a reassigned let in its own scope only; parameters and inner declarations shadow", () =>
    expectUsages(
      "/src/perScope.ts",
      `const key = "module_key";
#           ^^^^^^^^^^^^ constant module_key
function reassignedHere() {
  let key = "first";
  if (retry) key = "second";
  return f.isEnabled(key);
#                    ^^^ isEnabled (dynamic)
}
function notReassignedHere() {
  let key = "steady_key";
#           ^^^^^^^^^^^^ constant steady_key
  return f.isEnabled(key);
#                    ^^^ isEnabled steady_key via=key
}
let outer = "outer_key";
function changesOuter() {
  outer = "changed";
}
f.isEnabled(outer);
#           ^^^^^ isEnabled (dynamic)
function shadowed() {
  const key = compute();
  return f.isEnabled(key);
#                    ^^^ isEnabled (dynamic)
}
function parameter(key: string): boolean {
  return f.isEnabled(key);
#                    ^^^ isEnabled (dynamic)
}
const arrow = (key) => f.isEnabled(key);
#                                  ^^^ isEnabled (dynamic)
const bare = (item) => {
  let key = "in_arrow";
#           ^^^^^^^^^^ constant in_arrow
  return f.isEnabled(key);
#                    ^^^ isEnabled in_arrow via=key
};
function typed(): boolean {
  const typedKey = "in_typed";
#                  ^^^^^^^^^^ constant in_typed
  return f.isEnabled(typedKey);
#                    ^^^^^^^^ isEnabled in_typed via=typedKey
}
f.isEnabled(typedKey);
#           ^^^^^^^^ isEnabled (dynamic)
f.isEnabled(key);
#           ^^^ isEnabled module_key via=key
`,
    ));
});
