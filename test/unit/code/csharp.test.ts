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
});
