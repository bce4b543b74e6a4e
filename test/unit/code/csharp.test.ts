import { expectUsages } from "./fixture";

describe("code: C#", () => {
  it("reads PascalCase calls, named arguments and $interpolation; skips verbatim strings, #region lines and declarations", () =>
    expectUsages(
      "/src/Screen.cs",
      `using Featurevisor;

public static class Flags
{
    public const string Checkout = "new_checkout";
//                                 ^^^^^^^^^^^^^^ constant new_checkout
}

public class Screen
{
    private readonly FeaturevisorInstance _featurevisor;

    #region it's a region
    public bool IsEnabled(string featureKey) => false;
    #endregion

    public void Render()
    {
        if (_featurevisor.IsEnabled("checkout")) {}
//                                  ^^^^^^^^^^ isEnabled checkout
        var variation = _featurevisor.GetVariation(featureKey: "pricing");
//                                                             ^^^^^^^^^ getVariation pricing compared=control,treatment
        switch (variation)
        {
            case "control":
            case "treatment":
                break;
        }
        var size = _featurevisor.GetVariableInteger("checkout", "size");
//                                                  ^^^^^^^^^^ getVariable checkout variable=size
        var label = $"{_featurevisor.IsEnabled("interpolated")} {{braces}}";
//                                             ^^^^^^^^^^^^^^ isEnabled interpolated
        var path = @"C:\\temp\\""_featurevisor.IsEnabled(""in_verbatim"")""";
        _featurevisor.IsEnabled(Flags.Checkout);
//                              ^^^^^^^^^^^^^^ isEnabled new_checkout via=Checkout
        // _featurevisor.IsEnabled("in_comment")
        cache.IsEnabled("other_object");
    }
}
`,
    ));

  it("scopes constants to methods and lambda bodies: near misses of shadowing, parameters and reassignment", () =>
    expectUsages(
      "/src/Routes.cs",
      `class Routes {
  const string Key = "module_key";
#                    ^^^^^^^^^^^^ constant module_key
  void Run() {
    items.ForEach((item) => { var key = "in_lambda"; f.IsEnabled(key); });
#                                       ^^^^^^^^^^^ constant in_lambda
#                                                                ^^^ isEnabled in_lambda via=key
    items.ForEach(item => {
      var key = "in_simple_lambda";
#               ^^^^^^^^^^^^^^^^^^ constant in_simple_lambda
      f.IsEnabled(key);
#                 ^^^ isEnabled in_simple_lambda via=key
      f.IsEnabled(Key);
#                 ^^^ isEnabled module_key via=Key
    });
    f.IsEnabled(key);
#               ^^^ isEnabled (dynamic)
  }
  bool Shadowed() {
    var Key = Compute();
    return f.IsEnabled(Key);
#                      ^^^ isEnabled (dynamic)
  }
  bool Parameter(string Key) {
    return f.IsEnabled(Key);
#                      ^^^ isEnabled (dynamic)
  }
  bool Reassigned() {
    var changing = "first";
    if (retry) changing = "second";
    return f.IsEnabled(changing);
#                      ^^^^^^^^ isEnabled (dynamic)
  }
  bool Steady() {
    var changing = "steady_key";
#                  ^^^^^^^^^^^^ constant steady_key
    return f.IsEnabled(changing);
#                      ^^^^^^^^ isEnabled steady_key via=changing
  }
}
`,
    ));
});
