// Before/after cases of TypeScript, TSX and JavaScript, near misses included.

import { src, type Case } from "../support";

export const TYPESCRIPT_CASES: Case[] = [
  {
    name: "if/else on isEnabled, enabled: the then block is unwrapped with its comments",
    file: "/app/checkout.ts",
    key: "fastCheckout",
    keep: "enabled",
    before: src(`
      import { f } from "./featurevisor";

      export function checkout(cart: Cart): number {
        // Which flow?
        if (f.isEnabled("fastCheckout")) {
          // The new flow.
          const total = fast(cart); // cached
          return total;
        } else {
          return slow(cart);
        }
      }
    `),
    after: src(`
      export function checkout(cart: Cart): number {
        // Which flow?
        // The new flow.
        const total = fast(cart); // cached
        return total;
      }
    `),
    notes: ["removed"],
  },
  {
    name: "if/else on isEnabled, disabled: the else block is unwrapped",
    file: "/app/checkout.ts",
    key: "fastCheckout",
    keep: "disabled",
    before: src(`
      import { f } from "./featurevisor";

      export function checkout(cart: Cart): number {
        if (f.isEnabled("fastCheckout")) {
          return fast(cart);
        } else {
          log("slow");
          return slow(cart);
        }
      }
    `),
    after: src(`
      export function checkout(cart: Cart): number {
        log("slow");
        return slow(cart);
      }
    `),
    notes: ["removed"],
  },
  {
    name: "a negated early return that now always happens drops the rest of the function",
    file: "/app/early.ts",
    key: "fastCheckout",
    keep: "disabled",
    before: src(`
      export function checkout(cart: Cart, f: Instance): number {
        if (!f.isEnabled("fastCheckout")) {
          return slow(cart);
        }
        // The new flow.
        const total = fast(cart);
        return total;

        function fast(c: Cart) {
          return c.total;
        }
      }
    `),
    after: src(`
      export function checkout(cart: Cart, f: Instance): number {
        return slow(cart);

        function fast(c: Cart) {
          return c.total;
        }
      }
    `),
    notes: ["removed", "removed"],
  },
  {
    name: "a negated early return that never happens goes",
    file: "/app/early.ts",
    key: "fastCheckout",
    keep: "enabled",
    before: src(`
      export function checkout(cart: Cart, f: Instance): number {
        if (!f.isEnabled("fastCheckout")) return slow(cart);
        const total = fast(cart);
        return total;
      }
    `),
    after: src(`
      export function checkout(cart: Cart, f: Instance): number {
        const total = fast(cart);
        return total;
      }
    `),
    notes: ["removed"],
  },
  {
    name: "&& and || with other conditions keep what still decides",
    file: "/app/logic.ts",
    key: "beta",
    keep: "enabled",
    before: src(`
      if (f.isEnabled("beta") && user.isAdmin) {
        showAdmin();
      }
      if (user.isGuest || !f.isEnabled("beta")) {
        showGuest();
      }
      if (user.vip || f.isEnabled("beta")) {
        showVip();
      }
      const canEdit = user.owner && f.isEnabled("beta");
    `),
    after: src(`
      if (user.isAdmin) {
        showAdmin();
      }
      if (user.isGuest) {
        showGuest();
      }
      showVip();
      const canEdit = user.owner && true;
    `),
    notes: ["removed", "removed", "removed", "replaced-only"],
  },
  {
    name: "an else-if that becomes true becomes the else",
    file: "/app/chain.ts",
    key: "beta",
    keep: "enabled",
    before: src(`
      if (user.a) {
        a();
      } else if (f.isEnabled("beta")) {
        b();
      } else {
        c();
      }
    `),
    after: src(`
      if (user.a) {
        a();
      } else {
        b();
      }
    `),
    notes: ["removed"],
  },
  {
    name: "an else-if that becomes false goes, with an else or without",
    file: "/app/chain.ts",
    key: "beta",
    keep: "disabled",
    before: src(`
      if (user.a) {
        a();
      } else if (f.isEnabled("beta")) {
        b();
      }
      if (user.a) {
        a();
      } else if (f.isEnabled("beta")) {
        b();
      } else if (user.c) {
        c();
      }
    `),
    after: src(`
      if (user.a) {
        a();
      }
      if (user.a) {
        a();
      } else if (user.c) {
        c();
      }
    `),
    notes: ["removed", "removed"],
  },
  {
    name: "ternaries in values take their branch",
    file: "/app/ternary.ts",
    key: "beta",
    keep: "disabled",
    before: src(`
      const label = f.isEnabled("beta") ? "New" : "Old";
      const handler = f.isEnabled("beta") ? () => next() : (e: Event) => legacy(e);
      render(f.isEnabled("beta") ? a + b : c * d, x);
    `),
    after: src(`
      const label = "Old";
      const handler = (e: Event) => legacy(e);
      render(c * d, x);
    `),
    notes: ["removed", "removed", "removed"],
  },
  {
    name: "a switch on the variation keeps the matching case, falling through empty cases",
    file: "/app/switch.ts",
    key: "pricing",
    keep: "variation:b",
    before: src(`
      function price(base: number): number {
        switch (f.getVariation("pricing")) {
          case "a":
            return base;
          case "b":
          case "c":
            // Discounted.
            log("discount");
            return base * 0.9;
          default:
            return base * 2;
        }
      }
    `),
    after: src(`
      function price(base: number): number {
        // Discounted.
        log("discount");
        return base * 0.9;
      }
    `),
    notes: ["removed"],
  },
  {
    name: "a switch with block cases and breaks keeps the case's statements without the break",
    file: "/app/switch.ts",
    key: "pricing",
    keep: "variation:control",
    before: src(`
      let price = 0;
      switch (f.getVariation("pricing")) {
        case "treatment": {
          price = 1;
          break;
        }
        case "control": {
          const base = 2;
          price = base;
          break;
        }
      }
      use(price);
    `),
    after: src(`
      let price = 0;
      const base = 2;
      price = base;
      use(price);
    `),
    notes: ["removed"],
  },
  {
    name: "a switch without a matching case or default goes; a disabled variation takes the default",
    file: "/app/switch.ts",
    key: "pricing",
    keep: "disabled",
    before: src(`
      switch (f.getVariation("pricing")) {
        case "a":
          a();
          break;
      }
      switch (f.getVariation("pricing")) {
        case "a":
          a();
          break;
        default:
          fallback();
      }
    `),
    after: src(`
      fallback();
    `),
    notes: ["removed", "removed"],
  },
  {
    name: "comparisons of the variation with strings are decided (a script's top-level const is a global: not inlined)",
    file: "/app/compare.ts",
    key: "layout",
    keep: "variation:grid",
    before: src(`
      const isGrid = f.getVariation("layout") === "grid";
      if (f.getVariation("layout") !== "list" && wide) {
        wideGrid();
      }
      if ("list" == f.getVariation("layout")) {
        list();
      }
      render(isGrid);
    `),
    after: src(`
      const isGrid = true;
      if (wide) {
        wideGrid();
      }
      render(isGrid);
    `),
    notes: ["replaced-only", "removed", "removed"],
  },
  {
    name: "variables: a passed value is replaced only; a property of an object variable and ?? are decided",
    file: "/app/vars.ts",
    key: "banner",
    keep: "enabled",
    variables: { color: "red", config: { title: "Sale", size: 3 }, missing: null },
    before: src(`
      paint(f.getVariableString("banner", "color"));
      const title = f.getVariableObject("banner", "config").title;
      const color = f.getVariable("banner", "missing") ?? "blue";
      const size = f.getVariableInteger("banner", "size");
      show(title, color, size);
    `),
    after: src(`
      paint("red");
      const title = "Sale";
      const color = "blue";
      const size = f.getVariableInteger("banner", "size");
      show(title, color, size);
    `),
    notes: ["replaced-only", "replaced-only", "removed", "not-simplified"],
  },
  {
    name: "a const holding the flag is inlined everywhere and removed",
    file: "/app/inline.ts",
    key: "beta",
    keep: "enabled",
    before: src(`
      import { f } from "./sdk";

      export function page(user: User) {
        const beta = f.isEnabled("beta");
        const showNew = beta && user.ok;
        if (showNew) {
          renderNew();
        }
        if (!beta) {
          renderOld();
        }
        track({ beta });
      }
    `),
    after: src(`
      export function page(user: User) {
        const showNew = user.ok;
        if (showNew) {
          renderNew();
        }
        track({ beta: true });
      }
    `),
    notes: ["replaced-only"],
  },
  {
    name: "a reassigned let and an exported const keep their declaration with the value",
    file: "/app/keep.ts",
    key: "beta",
    keep: "disabled",
    before: src(`
      let on = f.isEnabled("beta");
      on = on || user.forced;
      export const betaOn = f.isEnabled("beta");
    `),
    after: src(`
      let on = false;
      on = on || user.forced;
      export const betaOn = false;
    `),
    notes: ["replaced-only", "replaced-only"],
  },
  {
    name: "an unwrapped block whose names clash with the function's keeps its braces",
    file: "/app/clash.ts",
    key: "beta",
    keep: "enabled",
    before: src(`
      function run() {
        const result = 1;
        if (f.isEnabled("beta")) {
          const result = 2;
          use(result);
        }
        return result;
      }
    `),
    after: src(`
      function run() {
        const result = 1;
        {
          const result = 2;
          use(result);
        }
        return result;
      }
    `),
    notes: ["removed"],
  },
  {
    name: "imports left unused by the change go; others stay",
    file: "/app/imports.ts",
    key: "beta",
    keep: "disabled",
    before: src(`
      import { isEnabled } from "@featurevisor/sdk";
      import { newFlow, oldFlow, shared } from "./flows";
      import Fancy, { helper } from "./fancy";

      shared();
      if (isEnabled("beta")) {
        newFlow(Fancy);
      } else {
        oldFlow(helper);
      }
    `),
    after: src(`
      import { oldFlow, shared } from "./flows";
      import { helper } from "./fancy";

      shared();
      oldFlow(helper);
    `),
    notes: ["removed"],
  },
  {
    name: "nested decisions re-indent once per unwrapped level; template literal lines stay as they are",
    file: "/app/nested.ts",
    key: "beta",
    keep: "enabled",
    before: src(`
      function run(user: User) {
        if (user.a) {
          if (f.isEnabled("beta")) {
            if (user.b) {
              go();
            }
            if (f.isEnabled("beta")) {
              const sql = \`
        SELECT 1
      \`;
              query(sql);
            }
          }
        }
      }
    `),
    after: src(`
      function run(user: User) {
        if (user.a) {
          if (user.b) {
            go();
          }
          const sql = \`
        SELECT 1
      \`;
          query(sql);
        }
      }
    `),
    notes: ["removed", "removed"],
  },
  {
    name: "keys through constants and enum members count",
    file: "/app/keys.ts",
    key: "beta",
    keep: "enabled",
    before: src(`
      const BETA = "beta";
      enum Flags {
        Beta = "beta",
        Other = "other",
      }
      if (f.isEnabled(BETA)) a();
      if (f.isEnabled(Flags.Beta)) b();
      if (f.isEnabled(Flags.Other)) c();
    `),
    after: src(`
      const BETA = "beta";
      enum Flags {
        Beta = "beta",
        Other = "other",
      }
      a();
      b();
      if (f.isEnabled(Flags.Other)) c();
    `),
    notes: ["removed", "removed"],
  },
  {
    name: "a discarded condition call and a loop that never runs go",
    file: "/app/statements.ts",
    key: "beta",
    keep: "disabled",
    before: src(`
      f.isEnabled("beta") && track("beta");
      user.ok && f.isEnabled("beta") && track("both");
      while (f.isEnabled("beta")) {
        poll();
      }
      done();
    `),
    after: src(`
      done();
    `),
    notes: ["removed", "removed", "removed"],
  },
  {
    name: "a returned value and an argument are replaced only, and said so",
    file: "/app/flow.ts",
    key: "beta",
    keep: "enabled",
    before: src(`
      export function isBeta(): boolean {
        return f.isEnabled("beta");
      }
      analytics.track("view", { beta: f.isEnabled("beta") });
    `),
    after: src(`
      export function isBeta(): boolean {
        return true;
      }
      analytics.track("view", { beta: true });
    `),
    notes: ["replaced-only", "replaced-only"],
  },
  {
    name: "near misses: another key, the key in comments and strings, another object's method, a dynamic key",
    file: "/app/near.ts",
    key: "beta",
    keep: "enabled",
    before: src(`
      // isEnabled("beta") is retired soon.
      const message = 'f.isEnabled("beta")';
      if (f.isEnabled("betaTwo")) a();
      if (permissions.isAllowed("beta")) b();
      if (f.isEnabled(\`beta-\${n}\`)) c();
      class Gate {
        isEnabled(key: string) {
          return key === "beta";
        }
        check() {
          return this.isEnabled("beta");
        }
      }
    `),
    after: src(`
      // isEnabled("beta") is retired soon.
      const message = 'f.isEnabled("beta")';
      if (f.isEnabled("betaTwo")) a();
      if (permissions.isAllowed("beta")) b();
      if (f.isEnabled(\`beta-\${n}\`)) c();
      class Gate {
        isEnabled(key: string) {
          return key === "beta";
        }
        check() {
          return this.isEnabled("beta");
        }
      }
    `),
    notes: ["not-simplified"],
  },
  {
    name: "arguments with effects keep the call (they would be dropped); a context object does not",
    file: "/app/args.ts",
    key: "beta",
    keep: "enabled",
    // The instances come from calls: named as clients, as flaglens.code.clients would.
    clients: ["makeSdk", "getSdk"],
    before: src(`
      if (f.isEnabled("beta", buildContext())) a();
      if (f.isEnabled("beta", { userId: user.id, country })) b();
      if (makeSdk(config).isEnabled("beta")) c();
      if (getSdk().isEnabled("beta")) d();
    `),
    after: src(`
      if (f.isEnabled("beta", buildContext())) a();
      b();
      if (makeSdk(config).isEnabled("beta")) c();
      d();
    `),
    notes: ["not-simplified", "removed", "not-simplified", "removed"],
  },
  {
    name: "unknown values are left with a note: a variation not kept, a variable not resolved",
    file: "/app/unknown.ts",
    key: "beta",
    keep: "enabled-unknown",
    before: src(`
      if (f.getVariation("beta") === "b") a();
      const size = f.getVariableInteger("beta", "size");
      if (f.isEnabled("beta")) c();
    `),
    after: src(`
      if (f.getVariation("beta") === "b") a();
      const size = f.getVariableInteger("beta", "size");
      c();
    `),
    notes: ["not-simplified", "not-simplified", "removed"],
  },
  {
    name: "a file that does not parse is not changed",
    file: "/app/broken.ts",
    key: "beta",
    keep: "enabled",
    before: src(`
      if (f.isEnabled("beta")) {
        a(
      }
    `),
    after: src(`
      if (f.isEnabled("beta")) {
        a(
      }
    `),
    notes: ["not-simplified"],
  },
  {
    name: "CRLF line endings are kept",
    file: "/app/crlf.ts",
    key: "beta",
    keep: "enabled",
    before: 'if (f.isEnabled("beta")) {\r\n  a();\r\n  b();\r\n} else {\r\n  c();\r\n}\r\nd();\r\n',
    after: "a();\r\nb();\r\nd();\r\n",
    notes: ["removed"],
  },
  {
    name: "TSX: {flag && <X/>} is unwrapped; {!flag && ...} goes",
    file: "/app/Banner.tsx",
    key: "newBanner",
    keep: "enabled",
    before: src(`
      export function Page() {
        return (
          <main>
            {f.isEnabled("newBanner") && <NewBanner />}
            {!f.isEnabled("newBanner") && <OldBanner />}
            <Content />
          </main>
        );
      }
    `),
    after: src(`
      export function Page() {
        return (
          <main>
            <NewBanner />
            <Content />
          </main>
        );
      }
    `),
    notes: ["removed", "removed"],
  },
  {
    name: "TSX: a ternary between elements keeps one; parenthesized multi-line JSX is dedented",
    file: "/app/Banner.tsx",
    key: "newBanner",
    keep: "disabled",
    before: src(`
      export function Page() {
        return (
          <main>
            {f.isEnabled("newBanner") ? <NewBanner /> : <OldBanner size="l" />}
            {!f.isEnabled("newBanner") && (
              <aside>
                <Legacy />
              </aside>
            )}
          </main>
        );
      }
    `),
    after: src(`
      export function Page() {
        return (
          <main>
            <OldBanner size="l" />
            <aside>
              <Legacy />
            </aside>
          </main>
        );
      }
    `),
    notes: ["removed", "removed"],
  },
  {
    name: "TSX: a hook's variable is inlined, its import and the component it alone used go",
    file: "/app/Header.tsx",
    key: "newHeader",
    keep: "disabled",
    before: src(`
      import { useFlag } from "@featurevisor/react";
      import { NewHeader } from "./NewHeader";
      import { OldHeader } from "./OldHeader";

      export function Header() {
        const showNew = useFlag("newHeader");
        return showNew ? <NewHeader /> : <OldHeader />;
      }
    `),
    after: src(`
      import { OldHeader } from "./OldHeader";

      export function Header() {
        return <OldHeader />;
      }
    `),
    notes: ["removed"],
  },
  {
    name: "TSX: an attribute value is replaced only; a return of JSX with a condition is decided",
    file: "/app/Panel.tsx",
    key: "compact",
    keep: "enabled",
    before: src(`
      export function Panel({ items }: Props) {
        if (!f.isEnabled("compact")) {
          return <Wide items={items} />;
        }
        return <List dense={f.isEnabled("compact")} items={items} />;
      }
    `),
    after: src(`
      export function Panel({ items }: Props) {
        return <List dense={true} items={items} />;
      }
    `),
    notes: ["removed", "replaced-only"],
  },
  {
    name: "JSX: useVariation in a switch of a component",
    file: "/app/Hero.jsx",
    key: "hero",
    keep: "variation:video",
    before: src(`
      import { useVariation } from "@featurevisor/react";

      export function Hero() {
        const variation = useVariation("hero");
        switch (variation) {
          case "image":
            return <ImageHero />;
          case "video":
            return <VideoHero autoplay />;
          default:
            return null;
        }
      }
    `),
    after: src(`
      export function Hero() {
        return <VideoHero autoplay />;
      }
    `),
    notes: ["removed"],
  },
  {
    name: "JS: a bare isEnabled from require counts; one imported from another library does not",
    file: "/app/legacy.js",
    key: "beta",
    keep: "enabled",
    before: src(`
      const { isEnabled } = require("./featurevisor");

      if (isEnabled("beta")) {
        start();
      }
    `),
    after: src(`
      const { isEnabled } = require("./featurevisor");

      start();
    `),
    notes: ["removed"],
  },
  {
    name: "JS: near miss, isEnabled imported from another library",
    file: "/app/other.mjs",
    key: "beta",
    keep: "enabled",
    before: src(`
      import { isEnabled } from "launchdarkly-helpers";

      if (isEnabled("beta")) {
        start();
      }
    `),
    after: src(`
      import { isEnabled } from "launchdarkly-helpers";

      if (isEnabled("beta")) {
        start();
      }
    `),
    notes: [],
  },
  {
    name: "JS: ?? and || defaults of variables, and a variable compared with a number",
    file: "/app/defaults.js",
    key: "limits",
    keep: "enabled",
    variables: { max: 10, label: "" },
    before: src(`
      const max = f.getVariableInteger("limits", "max") ?? 5;
      const label = f.getVariableString("limits", "label") || "none";
      if (f.getVariableInteger("limits", "max") === 10) {
        ten();
      }
      module.exports = { max, label };
    `),
    after: src(`
      const max = 10;
      const label = "none";
      ten();
      module.exports = { max, label };
    `),
    notes: ["replaced-only", "removed", "removed"],
  },
];
