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
});
