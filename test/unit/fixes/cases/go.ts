// Before/after cases of Go, near misses included. Tabs are written as \t.

import type { Case } from "../support";

export const GO_CASES: Case[] = [
  {
    name: "if/else on IsEnabled, enabled: the block is unwrapped; an import and a variable left unused go",
    file: "/app/checkout.go",
    key: "fast_checkout",
    keep: "enabled",
    before: `package app

import (
\t"fmt"
\t"log"
)

func Checkout(f *Instance, id string) int {
\tctx := Context{"userId": id}
\t// Which flow?
\tif f.IsEnabled("fast_checkout", ctx) {
\t\t// The new flow.
\t\tfmt.Println("fast")
\t\treturn 1
\t} else {
\t\tlog.Println("slow")
\t}
\treturn 0
}
`,
    after: `package app

import (
\t"fmt"
)

func Checkout(f *Instance, id string) int {
\t// Which flow?
\t// The new flow.
\tfmt.Println("fast")
\treturn 1
}
`,
    notes: ["removed", "removed"],
  },
  {
    name: "if/else on IsEnabled, disabled: the else block is unwrapped",
    file: "/app/checkout.go",
    key: "fast_checkout",
    keep: "disabled",
    before: `package app

import "log"

func Checkout(f *Instance) int {
\tif f.IsEnabled("fast_checkout", nil) {
\t\treturn 1
\t} else {
\t\tlog.Println("slow")
\t\treturn 0
\t}
}
`,
    after: `package app

import "log"

func Checkout(f *Instance) int {
\tlog.Println("slow")
\treturn 0
}
`,
    notes: ["removed"],
  },
  {
    name: "! && || with other conditions keep what still decides",
    file: "/app/logic.go",
    key: "beta",
    keep: "enabled",
    before: `package app

func Run(f *Instance, u User) {
\tif f.IsEnabled("beta", nil) && u.Admin {
\t\tadmin()
\t}
\tif u.Guest || !f.IsEnabled("beta", nil) {
\t\tguest()
\t}
\tok := u.Ok && (f.IsEnabled("beta", nil) || u.Forced)
\tuse(ok)
}
`,
    after: `package app

func Run(f *Instance, u User) {
\tif u.Admin {
\t\tadmin()
\t}
\tif u.Guest {
\t\tguest()
\t}
\tok := u.Ok
\tuse(ok)
}
`,
    notes: ["removed", "removed", "removed"],
  },
  {
    name: "else-if chains: a true else-if becomes the else; a false one without else goes",
    file: "/app/chain.go",
    key: "beta",
    keep: "enabled",
    before: `package app

func Run(f *Instance, u User) {
\tif u.A {
\t\ta()
\t} else if f.IsEnabled("beta", nil) {
\t\tb()
\t} else {
\t\tc()
\t}
\tif u.A {
\t\ta()
\t} else if !f.IsEnabled("beta", nil) {
\t\tb()
\t}
}
`,
    after: `package app

func Run(f *Instance, u User) {
\tif u.A {
\t\ta()
\t} else {
\t\tb()
\t}
\tif u.A {
\t\ta()
\t}
}
`,
    notes: ["removed", "removed"],
  },
  {
    name: "a negated early return that now always happens drops the rest of the block",
    file: "/app/early.go",
    key: "beta",
    keep: "disabled",
    before: `package app

func Handle(f *Instance, r *Request) error {
\tif !f.IsEnabled("beta", nil) {
\t\treturn legacy(r)
\t}
\t// The new flow.
\tdata := parse(r)
\treturn respond(data)
}
`,
    after: `package app

func Handle(f *Instance, r *Request) error {
\treturn legacy(r)
}
`,
    notes: ["removed", "removed"],
  },
  {
    name: "variation comparisons, with the key through a constant; a variable holding the variation is inlined",
    file: "/app/variation.go",
    key: "layout",
    keep: "variation:grid",
    before: `package app

const Layout = "layout"

func Render(f *Instance) {
\tif f.GetVariation(Layout, nil) == "grid" {
\t\tgrid()
\t} else if f.GetVariation(Layout, nil) != "" {
\t\tother()
\t}
\tname := f.GetVariation("layout", nil)
\tprint(name)
}
`,
    after: `package app

const Layout = "layout"

func Render(f *Instance) {
\tgrid()
\tprint("grid")
}
`,
    notes: ["removed", "removed", "replaced-only"],
  },
  {
    name: "a block whose names clash with the function's keeps its braces; an if with an init statement is replaced only",
    file: "/app/clash.go",
    key: "beta",
    keep: "enabled",
    before: `package app

func Run(f *Instance) error {
\terr := setup()
\tif f.IsEnabled("beta", nil) {
\t\terr := migrate()
\t\tlog(err)
\t}
\tif on := f.IsEnabled("beta", nil); on {
\t\tstart()
\t}
\treturn err
}
`,
    after: `package app

func Run(f *Instance) error {
\terr := setup()
\t{
\t\terr := migrate()
\t\tlog(err)
\t}
\tif on := true; on {
\t\tstart()
\t}
\treturn err
}
`,
    notes: ["removed", "replaced-only"],
  },
  {
    name: "variables: numbers and strings are written; objects and missing values are left",
    file: "/app/vars.go",
    key: "banner",
    keep: "enabled",
    variables: { color: "red", size: 3, config: { a: 1 }, missing: null },
    before: `package app

func Paint(f *Instance) {
\tpaint(f.GetVariableString("banner", "color", nil))
\tif f.GetVariableInteger("banner", "size", nil) == 3 {
\t\tthree()
\t}
\tcfg := f.GetVariableObject("banner", "config", nil)
\tm := f.GetVariable("banner", "missing", nil)
\tuse(cfg, m)
}
`,
    after: `package app

func Paint(f *Instance) {
\tpaint("red")
\tthree()
\tcfg := f.GetVariableObject("banner", "config", nil)
\tm := f.GetVariable("banner", "missing", nil)
\tuse(cfg, m)
}
`,
    notes: ["replaced-only", "removed", "not-simplified", "not-simplified"],
  },
  {
    name: "near misses: another key, comments and strings, a dynamic key, effects in arguments",
    file: "/app/near.go",
    key: "beta",
    keep: "enabled",
    before: `package app

// f.IsEnabled("beta") is retired soon.
var message = "f.IsEnabled(\\"beta\\")"

func Run(f *Instance, key string) {
\tif f.IsEnabled("beta_two", nil) {
\t\ta()
\t}
\tif f.IsEnabled(key, nil) {
\t\tb()
\t}
\tif f.IsEnabled("beta", buildContext()) {
\t\tc()
\t}
}
`,
    after: `package app

// f.IsEnabled("beta") is retired soon.
var message = "f.IsEnabled(\\"beta\\")"

func Run(f *Instance, key string) {
\tif f.IsEnabled("beta_two", nil) {
\t\ta()
\t}
\tif f.IsEnabled(key, nil) {
\t\tb()
\t}
\tif f.IsEnabled("beta", buildContext()) {
\t\tc()
\t}
}
`,
    notes: ["not-simplified", "not-simplified"],
  },
  {
    name: "a disabled variation is the empty string",
    file: "/app/variation.go",
    key: "layout",
    keep: "disabled",
    before: `package app

func Render(f *Instance) {
\tif f.GetVariation("layout", nil) == "" {
\t\tnone()
\t} else {
\t\tsome()
\t}
}
`,
    after: `package app

func Render(f *Instance) {
\tnone()
}
`,
    notes: ["removed"],
  },
  {
    name: "a variable holding the flag is inlined and removed; a variable left unused with an effectful value is reported",
    file: "/app/inline.go",
    key: "beta",
    keep: "disabled",
    before: `package app

func Run(f *Instance, u User) int {
\tctx := buildContext(u)
\tenabled := f.IsEnabled("beta", ctx)
\tif enabled && u.Ok {
\t\treturn 1
\t}
\treturn 0
}
`,
    after: `package app

func Run(f *Instance, u User) int {
\tctx := buildContext(u)
\treturn 0
}
`,
    notes: ["not-simplified", "removed"],
  },
  {
    name: "in a switch, code after a return that now always happens goes up to the next case only",
    file: "/app/cases.go",
    key: "beta",
    keep: "enabled",
    before: `package app

func Kind(f *Instance, k string) int {
\tswitch k {
\tcase "a":
\t\tif f.IsEnabled("beta", nil) {
\t\t\treturn 1
\t\t}
\t\tlegacy()
\t\treturn 2
\tcase "b":
\t\treturn 3
\t}
\treturn 0
}
`,
    after: `package app

func Kind(f *Instance, k string) int {
\tswitch k {
\tcase "a":
\t\treturn 1
\tcase "b":
\t\treturn 3
\t}
\treturn 0
}
`,
    notes: ["removed", "removed"],
  },
  {
    name: "a switch on the variation keeps the matching case; a default without a match; fallthrough is left",
    file: "/app/switch.go",
    key: "pricing",
    keep: "variation:b",
    before: `package app

func Price(f *Instance, base int) int {
\tswitch f.GetVariation("pricing", nil) {
\tcase "a", "b":
\t\t// Discounted.
\t\tlog("discount")
\tcase "c":
\t\treturn base
\t}
\tswitch f.GetVariation("pricing", nil) {
\tcase "x":
\t\treturn 1
\tdefault:
\t\tlog("default")
\t\tbreak
\t}
\tswitch f.GetVariation("pricing", nil) {
\tcase "b":
\t\tlog("b")
\t\tfallthrough
\tcase "c":
\t\tlog("c")
\t}
\treturn base
}
`,
    after: `package app

func Price(f *Instance, base int) int {
\t// Discounted.
\tlog("discount")
\tlog("default")
\tswitch "b" {
\tcase "b":
\t\tlog("b")
\t\tfallthrough
\tcase "c":
\t\tlog("c")
\t}
\treturn base
}
`,
    notes: ["removed", "removed", "replaced-only"],
  },
  {
    name: "an else if on the flag holding an if on it, before an else, disabled and enabled (issue #12's shape in Go)",
    file: "/app/chain.go",
    key: "beta",
    keep: "disabled",
    before: `package app

func G(f *Instance, a bool) int {
\tif a {
\t\tx()
\t} else if f.IsEnabled("beta") {
\t\tif f.IsEnabled("beta") && a {
\t\t\ty()
\t\t}
\t} else {
\t\tz()
\t}
\treturn 1
}
`,
    after: `package app

func G(f *Instance, a bool) int {
\tif a {
\t\tx()
\t} else {
\t\tz()
\t}
\treturn 1
}
`,
    notes: ["removed", "removed"],
  },
  {
    name: "an else if on the flag holding an if still decided by another name, enabled: it becomes the else",
    file: "/app/chain.go",
    key: "beta",
    keep: "enabled",
    before: `package app

func G(f *Instance, a bool) int {
\tif a {
\t\tx()
\t} else if f.IsEnabled("beta") {
\t\tif f.IsEnabled("beta") && a {
\t\t\ty()
\t\t}
\t} else {
\t\tz()
\t}
\treturn 1
}
`,
    after: `package app

func G(f *Instance, a bool) int {
\tif a {
\t\tx()
\t} else {
\t\tif a {
\t\t\ty()
\t\t}
\t}
\treturn 1
}
`,
    notes: ["removed", "removed"],
  },
];
