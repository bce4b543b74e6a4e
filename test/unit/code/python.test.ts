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
});
