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

  it("scopes constants to def bodies and do/brace blocks: near misses of shadowing, block parameters and reassignment", () =>
    expectUsages(
      "/src/scopes.rb",
      `KEY = "module_key"
#     ^^^^^^^^^^^^ constant module_key
def one
  key = "in_one"
#       ^^^^^^^^ constant in_one
  f.is_enabled(key)
#              ^^^ isEnabled in_one via=key
end
def two
  key = "in_two"
#       ^^^^^^^^ constant in_two
  f.is_enabled(key) && f.is_enabled(KEY)
#              ^^^ isEnabled in_two via=key
#                                   ^^^ isEnabled module_key via=KEY
end
f.is_enabled(key)
#            ^^^ isEnabled (dynamic)
def parameter(key)
  f.is_enabled(key)
#              ^^^ isEnabled (dynamic)
end
def reassigned
  changing = "first"
  changing = "second" if retry
  f.is_enabled(changing)
#              ^^^^^^^^ isEnabled (dynamic)
end
items.each do |item|
  in_block = "do_block"
#            ^^^^^^^^^^ constant do_block
  f.is_enabled(in_block)
#              ^^^^^^^^ isEnabled do_block via=in_block
end
f.is_enabled(in_block)
#            ^^^^^^^^ isEnabled (dynamic)
items.each { |item| braced = "brace_block"; f.is_enabled(braced) }
#                            ^^^^^^^^^^^^^ constant brace_block
#                                                        ^^^^^^ isEnabled brace_block via=braced
f.is_enabled(braced)
#            ^^^^^^ isEnabled (dynamic)
outer = "outer_key"
items.each do |item|
  outer = "changed_in_block"
end
f.is_enabled(outer)
#            ^^^^^ isEnabled (dynamic)
kept = "kept_key"
#      ^^^^^^^^^^ constant kept_key
items.each { |kept| f.is_enabled(kept) }
#                                ^^^^ isEnabled (dynamic)
f.is_enabled(kept)
#            ^^^^ isEnabled kept_key via=kept
if ready
  in_if = "if_is_no_scope"
#         ^^^^^^^^^^^^^^^^ constant if_is_no_scope
end
f.is_enabled(in_if)
#            ^^^^^ isEnabled if_is_no_scope via=in_if
`,
    ));
});
