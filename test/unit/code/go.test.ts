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

  it("scopes constants to functions, func literals and if blocks (not composite literals): near misses of shadowing, parameters and reassigned vars", () =>
    expectUsages(
      "/src/scopes.go",
      `package main

const Key = "module_key"
#           ^^^^^^^^^^^^ constant module_key

func routes() bool {
	go func() {
		key := "in_func_literal"
#        ^^^^^^^^^^^^^^^^^ constant in_func_literal
		f.IsEnabled(key, ctx)
#             ^^^ isEnabled in_func_literal via=key
	}()
	if ready {
		key := "in_if"
#        ^^^^^^^ constant in_if
		f.IsEnabled(key, ctx)
#             ^^^ isEnabled in_if via=key
	}
	cfg := Config{Name: "not_a_scope"}
	f.IsEnabled(key, ctx)
#            ^^^ isEnabled (dynamic)
	return f.IsEnabled(Key, ctx)
#                   ^^^ isEnabled module_key via=Key
}

func shadowed() bool {
	Key := compute()
	return f.IsEnabled(Key, ctx)
#                   ^^^ isEnabled (dynamic)
}

func parameter(Key string) bool {
	return f.IsEnabled(Key, ctx)
#                   ^^^ isEnabled (dynamic)
}

func reassigned() bool {
	var changing = "first"
	if retry {
		changing = "second"
	}
	return f.IsEnabled(changing, ctx)
#                   ^^^^^^^^ isEnabled (dynamic)
}

func steady() bool {
	var changing = "steady_key"
#               ^^^^^^^^^^^^ constant steady_key
	return f.IsEnabled(changing, ctx)
#                   ^^^^^^^^ isEnabled steady_key via=changing
}
`,
    ));
});
