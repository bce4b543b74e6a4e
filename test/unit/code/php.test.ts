import { expectUsages } from "./fixture";

describe("code: PHP", () => {
  it("reads -> calls, named arguments and {$interpolation}; skips HTML outside the PHP tags, both comment styles and declarations", () =>
    expectUsages(
      "/src/Checkout.php",
      `<html><p>Don't f->isEnabled("in_html")</p>
<?php

use Featurevisor\\Featurevisor;

class Checkout
{
    const CHECKOUT = 'new_checkout';
//                   ^^^^^^^^^^^^^^ constant new_checkout

    public function render(): void
    {
        if ($this->featurevisor->isEnabled('checkout')) {}
//                                         ^^^^^^^^^^ isEnabled checkout
        $variation = $this->featurevisor->getVariation('pricing');
//                                                     ^^^^^^^^^ getVariation pricing compared=treatment
        if ($variation === 'treatment') {}
        $color = $this->featurevisor->getVariableString(featureKey: 'checkout', variableKey: 'color');
//                                                                  ^^^^^^^^^^ getVariable checkout variable=color
        $label = "{$this->featurevisor->isEnabled('interpolated')} $name";
//                                                ^^^^^^^^^^^^^^ isEnabled interpolated
        $this->featurevisor->isEnabled(self::CHECKOUT);
//                                     ^^^^^^^^^^^^^^ isEnabled new_checkout via=CHECKOUT
        // $this->featurevisor->isEnabled('in_comment')
        # $this->featurevisor->isEnabled('in_hash_comment')
        $this->cache->isEnabled('other_object');
    }

    public function isEnabled(string $featureKey): bool { return true; }
}
?>
<p>it's f->isEnabled("after_php")</p>
`,
    ));

  it("scopes variables to functions and closures (a block's stays in it): near misses of shadowing, parameters and reassignment", () =>
    expectUsages(
      "/src/scopes.php",
      `<?php
$key = "module_key";
#      ^^^^^^^^^^^^ constant module_key
$handler = function () use ($f) {
    $key = "in_closure";
#          ^^^^^^^^^^^^ constant in_closure
    return $f->isEnabled($key);
#                        ^^^^ isEnabled in_closure via=key
};
function shadowed($f) {
    $key = compute();
    return $f->isEnabled($key);
#                        ^^^^ isEnabled (dynamic)
}
function parameter($f, $key) {
    return $f->isEnabled($key);
#                        ^^^^ isEnabled (dynamic)
}
function reassigned($f) {
    $changing = "first";
    if ($retry) {
        $changing = "second";
    }
    return $f->isEnabled($changing);
#                        ^^^^^^^^^ isEnabled (dynamic)
}
function steady($f) {
    $changing = "steady_key";
#               ^^^^^^^^^^^^ constant steady_key
    return $f->isEnabled($changing);
#                        ^^^^^^^^^ isEnabled steady_key via=changing
}
function branches($f) {
    if ($a) {
        $branch = "in_if";
#                 ^^^^^^^ constant in_if
        return $f->isEnabled($branch);
#                            ^^^^^^^ isEnabled in_if via=branch
    }
    return $f->isEnabled($branch);
#                        ^^^^^^^ isEnabled (dynamic)
}
$f->isEnabled($key);
#             ^^^^ isEnabled module_key via=key
`,
    ));
});
