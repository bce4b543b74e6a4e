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

  it("scopes constants to functions, closures, trailing closures and if blocks: near misses of shadowing, parameters and reassigned vars", () =>
    expectUsages(
      "/src/Scopes.swift",
      `let KEY = "module_key"
#         ^^^^^^^^^^^^ constant module_key
func routes() {
    items.forEach { item in
        let key = "in_foreach"
#                 ^^^^^^^^^^^^ constant in_foreach
        f.isEnabled(key)
#                   ^^^ isEnabled in_foreach via=key
        f.isEnabled(KEY)
#                   ^^^ isEnabled module_key via=KEY
    }
    DispatchQueue.main.async {
        let key = "in_trailing"
#                 ^^^^^^^^^^^^^ constant in_trailing
        f.isEnabled(key)
#                   ^^^ isEnabled in_trailing via=key
    }
    if ready {
        let key = "in_if"
#                 ^^^^^^^ constant in_if
        f.isEnabled(key)
#                   ^^^ isEnabled in_if via=key
    }
    f.isEnabled(key)
#               ^^^ isEnabled (dynamic)
}
func shadowed() -> Bool {
    let KEY = compute()
    return f.isEnabled(KEY)
#                      ^^^ isEnabled (dynamic)
}
func parameter(KEY: String) -> Bool {
    return f.isEnabled(KEY)
#                      ^^^ isEnabled (dynamic)
}
let handler = { (KEY: String) in f.isEnabled(KEY) }
#                                            ^^^ isEnabled (dynamic)
func reassigned() -> Bool {
    var changing = "first"
    if retry { changing = "second" }
    return f.isEnabled(changing)
#                      ^^^^^^^^ isEnabled (dynamic)
}
func steady() -> Bool {
    var changing = "steady_key"
#                  ^^^^^^^^^^^^ constant steady_key
    return f.isEnabled(changing)
#                      ^^^^^^^^ isEnabled steady_key via=changing
}
enum Flags {
    static let checkout = "checkout"
#                         ^^^^^^^^^^ constant checkout
}
extension Flags {
    static let banner = "banner"
#                       ^^^^^^^^ constant banner
}
func outside() -> Bool { f.isEnabled(Flags.checkout) && f.isEnabled(Flags.banner) }
#                                    ^^^^^^^^^^^^^^ isEnabled checkout via=checkout
#                                                                   ^^^^^^^^^^^^ isEnabled banner via=banner
`,
    ));
});
