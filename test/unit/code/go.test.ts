import { expectUsages } from "./fixture";

describe("code: Go", () => {
  it("reads PascalCase SDK calls, typed constants and switches; skips raw strings, comments and method declarations", () =>
    expectUsages(
      "/src/app.go",
      `package app

import (
    "fmt"

    "github.com/featurevisor/featurevisor-go"
    "github.com/acme/app/flags"
)

const Checkout string = "new_checkout"
//                      ^^^^^^^^^^^^^^ constant new_checkout

func run(f *featurevisor.Featurevisor, ctx featurevisor.Context) {
    if f.IsEnabled("checkout") {
//                 ^^^^^^^^^^ isEnabled checkout
        fmt.Println("on")
    }
    v := f.GetVariation("pricing")
//                      ^^^^^^^^^ getVariation pricing compared=treatment
    if v != nil && *v == "treatment" {
    }
    switch *f.GetVariation("layout") {
//                         ^^^^^^^^ getVariation layout compared=grid,list
    case "grid", "list":
    }
    var items []string
    _ = f.GetVariableArrayInto("checkout", "items", ctx, &items)
//                             ^^^^^^^^^^ getVariable checkout variable=items
    f.IsEnabled(Checkout)
//              ^^^^^^^^ isEnabled new_checkout via=Checkout
    f.IsEnabled(flags.Banner)
//              ^^^^^^^^^^^^ isEnabled (dynamic)
    // f.IsEnabled("in_comment")
    raw := \`f.IsEnabled("in_raw_string")\`
    cache.IsEnabled("other_object")
    f.isEnabled("camel_in_go")
}

func (c *Client) IsEnabled(featureKey string) bool { return false }

type Sdk interface {
    IsEnabled(featureKey string) bool
}
`,
    ));
});
