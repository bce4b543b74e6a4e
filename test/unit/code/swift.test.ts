import { expectUsages } from "./fixture";

describe("code: Swift", () => {
  it("reads labelled arguments, interpolations and switches; skips raw strings, comments and declarations", () =>
    expectUsages(
      "/src/Render.swift",
      `import Featurevisor

enum Keys {
    static let checkout = "new_checkout"
//                        ^^^^^^^^^^^^^^ constant new_checkout
}

func render(f: Featurevisor) {
    if f.isEnabled("checkout") {}
//                 ^^^^^^^^^^ isEnabled checkout
    let legacy = f.isEnabled(featureKey: "legacy_api", context: ctx)
//                                       ^^^^^^^^^^^^ isEnabled legacy_api
    switch f.getVariation("layout") {
//                        ^^^^^^^^ getVariation layout compared=grid,list
    case "grid", "list": break
    default: break
    }
    let color = f.getVariableString(featureKey: "checkout", variableKey: "color", context: ctx)
//                                              ^^^^^^^^^^ getVariable checkout variable=color
    let label = "\\(f.isEnabled("interpolated")) done"
//                             ^^^^^^^^^^^^^^ isEnabled interpolated
    let raw = #"f.isEnabled("in_raw")"#
    f.isEnabled(Keys.checkout)
//              ^^^^^^^^^^^^^ isEnabled new_checkout via=checkout
    // f.isEnabled("in_comment")
    cache.isEnabled("other_object")
}

func isEnabled(featureKey: String) -> Bool { true }
`,
    ));
});
