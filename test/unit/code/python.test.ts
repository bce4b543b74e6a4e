import { expectUsages } from "./fixture";

describe("code: Python", () => {
  it("reads snake_case SDK calls, keyword arguments, f-strings and match cases; skips comments, docstrings and other objects", () =>
    expectUsages(
      "/src/app.py",
      `from featurevisor import create_instance
from app.flags import CHECKOUT

f = create_instance({})
BANNER = "top_banner"
#        ^^^^^^^^^^^^ constant top_banner
if f.is_enabled("checkout"):
#               ^^^^^^^^^^ isEnabled checkout
    pass
variation = f.get_variation("pricing", {"country": "nl"})
#                           ^^^^^^^^^ getVariation pricing compared=treatment
if variation == "treatment":
    pass
match f.get_variation("layout"):
#                     ^^^^^^^^ getVariation layout compared=grid,list
    case "grid" | "list":
        pass
color = f.get_variable_string(feature_key="checkout", variable_key="color")
#                                         ^^^^^^^^^^ getVariable checkout variable=color
size = f.get_variable_integer("checkout", "size")
#                             ^^^^^^^^^^ getVariable checkout variable=size
label = f"{f.is_enabled('in_fstring')} done"
#                       ^^^^^^^^^^^^ isEnabled in_fstring
f.is_enabled(BANNER)
#            ^^^^^^ isEnabled top_banner via=BANNER
f.is_enabled(CHECKOUT)
#            ^^^^^^^^ isEnabled (dynamic)
f.is_enabled(key)
#            ^^^ isEnabled (dynamic)
# f.is_enabled("in_comment")
doc = """f.is_enabled("in_docstring")"""
raw = r"f.is_enabled('in_raw')"
log("checkout")
client.is_enabled("other_object")
f.isEnabled("camel_in_python")
def is_enabled(self, feature_key):
    return True
`,
    ));

  it("scopes constants to def bodies by indentation: near misses of shadowing, parameters and reassignment", () =>
    expectUsages(
      "/src/scopes.py",
      `KEY = "module_key"
#     ^^^^^^^^^^^^ constant module_key
def one():
    key = "in_one"
#         ^^^^^^^^ constant in_one
    return f.is_enabled(key)
#                       ^^^ isEnabled in_one via=key
def two():
    key = "in_two"
#         ^^^^^^^^ constant in_two
    if f.is_enabled(key):
#                   ^^^ isEnabled in_two via=key
        return f.is_enabled(KEY)
#                           ^^^ isEnabled module_key via=KEY
f.is_enabled(key)
#            ^^^ isEnabled (dynamic)
def shadowed():
    KEY = compute()
    return f.is_enabled(KEY)
#                       ^^^ isEnabled (dynamic)
def parameter(KEY):
    return f.is_enabled(KEY)
#                       ^^^ isEnabled (dynamic)
def reassigned():
    changing = "first"
    if retry:
        changing = "second"
    return f.is_enabled(changing)
#                       ^^^^^^^^ isEnabled (dynamic)
def steady():
    changing = "steady_key"
#              ^^^^^^^^^^^^ constant steady_key
    return f.is_enabled(changing)
#                       ^^^^^^^^ isEnabled steady_key via=changing
class Flags:
    CHECKOUT = "checkout"
#              ^^^^^^^^^^ constant checkout
    def handler(self):
        local = "from_method"
#               ^^^^^^^^^^^^^ constant from_method
        def nested():
            local = "from_nested"
#                   ^^^^^^^^^^^^^ constant from_nested
            return f.is_enabled(local)
#                               ^^^^^ isEnabled from_nested via=local
        return f.is_enabled(local)
#                           ^^^^^ isEnabled from_method via=local
f.is_enabled(local)
#            ^^^^^ isEnabled (dynamic)
f.is_enabled(KEY)
#            ^^^ isEnabled module_key via=KEY
f.is_enabled(Flags.CHECKOUT)
#            ^^^^^^^^^^^^^^ isEnabled checkout via=CHECKOUT
`,
    ));
});
