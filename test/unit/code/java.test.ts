import { expectUsages } from "./fixture";

describe("code: Java", () => {
  it("reads camelCase SDK calls, equals comparisons and switch cases; skips text blocks, comments and declarations", () =>
    expectUsages(
      "/src/Checkout.java",
      `package com.acme;

import com.featurevisor.sdk.Featurevisor;
import static com.acme.flags.Flags.BANNER;

public class Checkout {
    public static final String CHECKOUT = "new_checkout";
//                                        ^^^^^^^^^^^^^^ constant new_checkout
    private final Featurevisor featurevisor;

    boolean isEnabled(String featureKey) { return false; }

    void render() {
        if (featurevisor.isEnabled("checkout")) {}
//                                 ^^^^^^^^^^ isEnabled checkout
        String variation = featurevisor.getVariation("pricing");
//                                                   ^^^^^^^^^ getVariation pricing compared=treatment
        if ("treatment".equals(variation)) {}
        switch (featurevisor.getVariation("layout")) {
//                                        ^^^^^^^^ getVariation layout compared=grid,list
            case "grid":
            case "list":
                break;
        }
        Boolean b = featurevisor.getVariableBoolean("checkout", "enabled");
//                                                  ^^^^^^^^^^ getVariable checkout variable=enabled
        featurevisor.isEnabled(CHECKOUT);
//                             ^^^^^^^^ isEnabled new_checkout via=CHECKOUT
        featurevisor.isEnabled(BANNER);
//                             ^^^^^^ isEnabled (dynamic)
        // featurevisor.isEnabled("in_comment")
        String s = "featurevisor.isEnabled(\\"in_string\\")";
        String t = """
            featurevisor.isEnabled("in_text_block")
            """;
        cache.isEnabled("other_object");
    }
}
`,
    ));

  it("scopes constants to methods and lambda bodies: near misses of shadowing, parameters and reassignment", () =>
    expectUsages(
      "/src/Routes.java",
      `class Routes {
  static final String KEY = "module_key";
#                           ^^^^^^^^^^^^ constant module_key
  void routes() {
    list.forEach(item -> {
      String key = "in_lambda";
#                  ^^^^^^^^^^^ constant in_lambda
      f.isEnabled(key);
#                 ^^^ isEnabled in_lambda via=key
      f.isEnabled(KEY);
#                 ^^^ isEnabled module_key via=KEY
    });
    f.isEnabled(key);
#               ^^^ isEnabled (dynamic)
  }
  boolean shadowed() {
    String KEY = compute();
    return f.isEnabled(KEY);
#                      ^^^ isEnabled (dynamic)
  }
  boolean parameter(String KEY) {
    return f.isEnabled(KEY);
#                      ^^^ isEnabled (dynamic)
  }
  boolean reassigned() {
    String changing = "first";
    if (retry) {
      changing = "second";
    }
    return f.isEnabled(changing);
#                      ^^^^^^^^ isEnabled (dynamic)
  }
  boolean steady() {
    String changing = "steady_key";
#                     ^^^^^^^^^^^^ constant steady_key
    return f.isEnabled(changing);
#                      ^^^^^^^^ isEnabled steady_key via=changing
  }
}
`,
    ));
});
