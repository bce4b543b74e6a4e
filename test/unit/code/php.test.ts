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
});
