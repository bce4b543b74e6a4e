import { expectUsages } from "./fixture";

describe("code: Kotlin", () => {
  it("reads named arguments, string templates and when branches; skips nested comments and declarations", () =>
    expectUsages(
      "/src/Screen.kt",
      `package com.acme

import com.acme.flags.Flags

object Keys {
    const val CHECKOUT = "new_checkout"
//                       ^^^^^^^^^^^^^^ constant new_checkout
}

class Screen(private val featurevisor: FeaturevisorInstance) {
    fun render() {
        if (featurevisor.isEnabled("checkout")) {}
//                                 ^^^^^^^^^^ isEnabled checkout
        val variation = featurevisor.getVariation(featureKey = "pricing")
//                                                             ^^^^^^^^^ getVariation pricing compared=control,treatment,other
        when (variation) {
            "control" -> println()
            "treatment", "other" -> println()
        }
        val size = featurevisor.getVariableInteger("checkout", "size", emptyMap())
//                                                 ^^^^^^^^^^ getVariable checkout variable=size
        val label = "\${featurevisor.isEnabled("in_template")} and $name"
//                                            ^^^^^^^^^^^^^ isEnabled in_template
        featurevisor.isEnabled(Keys.CHECKOUT)
//                             ^^^^^^^^^^^^^ isEnabled new_checkout via=CHECKOUT
        featurevisor.isEnabled(Flags.BANNER)
//                             ^^^^^^^^^^^^ isEnabled (dynamic)
        /* featurevisor.isEnabled("in_comment") /* nested */ featurevisor.isEnabled("still_comment") */
        cache.isEnabled("other_object")
    }

    fun isEnabled(key: String): Boolean = true
}
`,
    ));

  it("scopes constants to functions, lambdas and trailing lambdas: near misses of shadowing, parameters and reassigned vars", () =>
    expectUsages(
      "/src/Scopes.kt",
      `const val KEY = "module_key"
#               ^^^^^^^^^^^^ constant module_key
fun routes() {
    list.forEach { val key = "in_foreach"; f.isEnabled(key) }
#                            ^^^^^^^^^^^^ constant in_foreach
#                                                      ^^^ isEnabled in_foreach via=key
    app.get("/") { call ->
        val key = "in_route"
#                 ^^^^^^^^^^ constant in_route
        f.isEnabled(key)
#                   ^^^ isEnabled in_route via=key
        f.isEnabled(KEY)
#                   ^^^ isEnabled module_key via=KEY
    }
    f.isEnabled(key)
#               ^^^ isEnabled (dynamic)
}
fun shadowed(): Boolean {
    val KEY = compute()
    return f.isEnabled(KEY)
#                      ^^^ isEnabled (dynamic)
}
fun parameter(KEY: String): Boolean {
    return f.isEnabled(KEY)
#                      ^^^ isEnabled (dynamic)
}
val handler = { KEY: String -> f.isEnabled(KEY) }
#                                          ^^^ isEnabled (dynamic)
fun reassigned(): Boolean {
    var changing = "first"
    if (retry) changing = "second"
    return f.isEnabled(changing)
#                      ^^^^^^^^ isEnabled (dynamic)
}
fun steady(): Boolean {
    var changing = "steady_key"
#                  ^^^^^^^^^^^^ constant steady_key
    return f.isEnabled(changing)
#                      ^^^^^^^^ isEnabled steady_key via=changing
}
object Flags {
    const val CHECKOUT = "checkout"
#                        ^^^^^^^^^^ constant checkout
}
class Service(private val f: Featurevisor) {
    companion object {
        const val BANNER = "banner"
#                          ^^^^^^^^ constant banner
    }
}
fun outside() = f.isEnabled(Flags.CHECKOUT) || f.isEnabled(BANNER)
#                           ^^^^^^^^^^^^^^ isEnabled checkout via=CHECKOUT
#                                                          ^^^^^^ isEnabled banner via=BANNER
`,
    ));
});
