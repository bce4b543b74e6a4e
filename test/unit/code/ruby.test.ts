import { expectUsages } from "./fixture";

describe("code: Ruby", () => {
  it("reads calls without parentheses, symbols, interpolation and case/when; skips comments, =begin blocks and heredocs", () =>
    expectUsages(
      "/src/app.rb",
      `require "featurevisor"

module Flags
  CHECKOUT = "new_checkout".freeze
#            ^^^^^^^^^^^^^^ constant new_checkout
end

f = Featurevisor.create_featurevisor(datafile: datafile)
if f.is_enabled("checkout")
#               ^^^^^^^^^^ isEnabled checkout
  puts "on"
end
show = f.is_enabled "parenless" if user
#                   ^^^^^^^^^^^ isEnabled parenless
variation = f.get_variation(:pricing)
#                           ^^^^^^^^ getVariation pricing compared=control,treatment
case variation
when "control", "treatment"
  nil
end
size = f.get_variable_integer("checkout", "size", {})
#                             ^^^^^^^^^^ getVariable checkout variable=size
label = "#{f.is_enabled('interpolated')} done"
#                       ^^^^^^^^^^^^^^ isEnabled interpolated
f.is_enabled(Flags::CHECKOUT)
#            ^^^^^^^^^^^^^^^ isEnabled new_checkout via=CHECKOUT
# f.is_enabled("in_comment")
=begin
f.is_enabled("in_doc")
=end
text = <<~TEXT
  f.is_enabled("in_heredoc")
TEXT
cache.is_enabled("other_object")
def is_enabled(feature_key)
  true
end
`,
    ));
});
