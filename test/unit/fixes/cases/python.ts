// Before/after cases of Python, near misses included.

import { src, type Case } from "../support";

export const PYTHON_CASES: Case[] = [
  {
    name: "if/else on is_enabled, enabled: the body is dedented into place with its comments",
    file: "/app/checkout.py",
    key: "fast_checkout",
    keep: "enabled",
    before: src(`
      def checkout(cart):
          # Which flow?
          if f.is_enabled("fast_checkout"):
              # The new flow.
              total = fast(cart)  # cached
              return total
          else:
              return slow(cart)
    `),
    after: src(`
      def checkout(cart):
          # Which flow?
          # The new flow.
          total = fast(cart)  # cached
          return total
    `),
    notes: ["removed"],
  },
  {
    name: "if/elif/else, disabled: the elif becomes the if",
    file: "/app/checkout.py",
    key: "fast_checkout",
    keep: "disabled",
    before: src(`
      def checkout(cart, user):
          if f.is_enabled("fast_checkout"):
              return fast(cart)
          elif user.beta:
              return beta(cart)
          else:
              return slow(cart)
    `),
    after: src(`
      def checkout(cart, user):
          if user.beta:
              return beta(cart)
          else:
              return slow(cart)
    `),
    notes: ["removed"],
  },
  {
    name: "an elif that becomes true becomes the else, and the clauses after it go",
    file: "/app/chain.py",
    key: "beta",
    keep: "enabled",
    before: src(`
      if user.a:
          a()
      elif f.is_enabled("beta") or user.b:
          b()
      elif user.c:
          c()
      else:
          d()
      done()
    `),
    after: src(`
      if user.a:
          a()
      else:
          b()
      done()
    `),
    notes: ["removed"],
  },
  {
    name: "a negated early return that now always happens drops the rest of the function",
    file: "/app/early.py",
    key: "beta",
    keep: "disabled",
    before: src(`
      def handler(request):
          if not f.is_enabled("beta"):
              return legacy(request)
          # The new flow.
          data = parse(request)
          return respond(data)


      def other():
          pass
    `),
    after: src(`
      def handler(request):
          return legacy(request)


      def other():
          pass
    `),
    notes: ["removed", "removed"],
  },
  {
    name: "and, or, not with other conditions keep what still decides",
    file: "/app/logic.py",
    key: "beta",
    keep: "enabled",
    before: src(`
      if user.admin and f.is_enabled("beta"):
          admin()
      if user.guest or not f.is_enabled("beta"):
          guest()
      while f.is_enabled("beta") and not done():
          step()
    `),
    after: src(`
      if user.admin:
          admin()
      if user.guest:
          guest()
      while not done():
          step()
    `),
    notes: ["removed", "removed", "removed"],
  },
  {
    name: "conditional expressions take their branch",
    file: "/app/ternary.py",
    key: "beta",
    keep: "disabled",
    before: src(`
      label = "new" if f.is_enabled("beta") else "old"
      size = (big if f.is_enabled("beta") and wide else small)
      render(a if not f.is_enabled("beta") else b, x)
    `),
    after: src(`
      label = "old"
      size = small
      render(a, x)
    `),
    notes: ["removed", "removed", "removed"],
  },
  {
    name: "variation comparisons with == and !=, and None with is",
    file: "/app/variation.py",
    key: "layout",
    keep: "disabled",
    before: src(`
      if f.get_variation("layout") == "grid":
          grid()
      elif f.get_variation("layout") is None:
          plain()
      assert f.get_variation("layout") != "list"
    `),
    after: src(`
      plain()
      assert True
    `),
    notes: ["removed", "removed", "replaced-only"],
  },
  {
    name: "a suite left empty gets pass; an inline body is kept as it is",
    file: "/app/empty.py",
    key: "beta",
    keep: "disabled",
    before: src(`
      def only():
          if f.is_enabled("beta"):
              new()

      class Handler:
          def run(self):
              if not f.is_enabled("beta"): old()
    `),
    after: src(`
      def only():
          pass

      class Handler:
          def run(self):
              old()
    `),
    notes: ["removed", "removed"],
  },
  {
    name: "variables: values of the right Python spelling; a dict subscript is decided",
    file: "/app/vars.py",
    key: "banner",
    keep: "enabled",
    variables: { color: "red", config: { title: "Sale", on: true }, tags: ["a", "b"], missing: null },
    before: src(`
      paint(f.get_variable_string("banner", "color"))
      title = f.get_variable_object("banner", "config")["title"]
      tags = f.get_variable_array("banner", "tags")
      extra = f.get_variable("banner", "missing")
      if f.get_variable_object("banner", "config")["on"]:
          show(title, tags, extra)
    `),
    after: src(`
      paint("red")
      title = "Sale"
      tags = ["a", "b"]
      extra = None
      show(title, tags, extra)
    `),
    notes: ["replaced-only", "replaced-only", "replaced-only", "replaced-only", "removed"],
  },
  {
    name: "a triple-quoted string keeps its lines when the block around it is dedented",
    file: "/app/doc.py",
    key: "beta",
    keep: "enabled",
    before: src(`
      def report():
          if f.is_enabled("beta"):
              query = """
          SELECT *
          FROM t
      """
              run(query)
    `),
    after: src(`
      def report():
          query = """
          SELECT *
          FROM t
      """
          run(query)
    `),
    notes: ["removed"],
  },
  {
    name: "near misses: another key, comments and docstrings, self's own method, a dynamic key, effects in arguments",
    file: "/app/near.py",
    key: "beta",
    keep: "enabled",
    before: src(`
      """Calls f.is_enabled("beta") until it is retired."""
      # if f.is_enabled("beta"):
      if f.is_enabled("beta_two"):
          a()
      if f.is_enabled(name):
          b()
      if f.is_enabled("beta", build_context()):
          c()

      class Gate:
          def is_enabled(self, key):
              return key == "beta"

          def check(self):
              return self.is_enabled("beta")
    `),
    after: src(`
      """Calls f.is_enabled("beta") until it is retired."""
      # if f.is_enabled("beta"):
      if f.is_enabled("beta_two"):
          a()
      if f.is_enabled(name):
          b()
      if f.is_enabled("beta", build_context()):
          c()

      class Gate:
          def is_enabled(self, key):
              return key == "beta"

          def check(self):
              return self.is_enabled("beta")
    `),
    notes: ["not-simplified", "not-simplified"],
  },
  {
    name: "a discarded call and a while loop that never runs go; a context dict and keyword arguments are dropped",
    file: "/app/statements.py",
    key: "beta",
    keep: "disabled",
    variables: { size: null },
    before: src(`
      f.is_enabled("beta")
      while f.is_enabled("beta", {"userId": user.id}):
          poll()
      value = f.get_variable("beta", "size", context=ctx) or 3
      done()
    `),
    after: src(`
      value = 3
      done()
    `),
    notes: ["removed", "removed", "removed"],
  },
  {
    name: "a variable holding the flag in a function is inlined and removed; a reassigned one is not",
    file: "/app/inline.py",
    key: "beta",
    keep: "enabled",
    before: src(`
      def page(user):
          beta = f.is_enabled("beta")
          show_new = beta and user.ok
          if not beta:
              return old()
          track(beta=beta)
          return show_new


      def other():
          on = f.is_enabled("beta")
          on = on or forced()
          return on
    `),
    after: src(`
      def page(user):
          show_new = user.ok
          track(beta=True)
          return show_new


      def other():
          on = True
          on = on or forced()
          return on
    `),
    notes: ["replaced-only", "replaced-only"],
  },
  {
    name: "keys and variables as keyword arguments count; a call inside an f-string is reported, not rewritten",
    file: "/app/keywords.py",
    key: "beta",
    keep: "enabled",
    variables: { color: "red" },
    before: src(`
      color = f.get_variable_string(feature_key="beta", variable_key="color", context=ctx)
      if f.is_enabled(feature_key="beta"):
          go()
      print(f"{f.is_enabled('beta')}")
    `),
    after: src(`
      color = "red"
      go()
      print(f"{f.is_enabled('beta')}")
    `),
    notes: ["replaced-only", "removed", "not-simplified"],
  },
  {
    name: "a comment after the if's colon stays first, and the body below it is dedented",
    file: "/app/comment.py",
    key: "beta",
    keep: "enabled",
    before: src(`
      def run():
          if f.is_enabled("beta"):  # New flow.
              go()
              done()
    `),
    after: src(`
      def run():
          # New flow.
          go()
          done()
    `),
    notes: ["removed"],
  },
  {
    name: "imports left unused by the change go; __future__ and names unused before stay",
    file: "/app/imports.py",
    key: "beta",
    keep: "disabled",
    before: src(`
      from __future__ import annotations
      import os, sys
      from app.flows import new_flow, old_flow, shared as common
      from featurevisor import create_instance

      f = create_instance({})


      def run():
          common()
          if f.is_enabled("beta"):
              new_flow(os.environ)
          else:
              old_flow()
    `),
    after: src(`
      from __future__ import annotations
      import sys
      from app.flows import old_flow, shared as common
      from featurevisor import create_instance

      f = create_instance({})


      def run():
          common()
          old_flow()
    `),
    notes: ["removed"],
  },
  {
    name: "an elif on the flag holding an if on it, before an else, disabled: the elif goes and the else stays (issue #12)",
    file: "/app/chain.py",
    key: "beta",
    keep: "disabled",
    before: src(`
      def g(f, a):
          if a:
              x()
          elif f.is_enabled("beta"):
              if f.is_enabled("beta"):
                  y()
          else:
              z()
          return 1
    `),
    after: src(`
      def g(f, a):
          if a:
              x()
          else:
              z()
          return 1
    `),
    notes: ["removed", "removed"],
  },
  {
    name: "an elif on the flag holding an if still decided by another name, before an else, enabled: the elif becomes the else and the old else goes",
    file: "/app/chain.py",
    key: "beta",
    keep: "enabled",
    before: src(`
      def g(f, a):
          if a:
              x()
          elif f.is_enabled("beta"):
              if (f.is_enabled("beta") and a):
                  y()
          else:
              z()
          return 1
    `),
    after: src(`
      def g(f, a):
          if a:
              x()
          else:
              if a:
                  y()
          return 1
    `),
    notes: ["removed", "removed"],
  },
  {
    name: "a comment less indented than the body it sits in stays put, and the body is dedented (found by the remove fuzz)",
    file: "/app/handler.py",
    key: "beta",
    keep: "disabled",
    before: src(`
      def handler(request):
          if not f.is_enabled("beta"):
              legacy(request)
          # The old flow.
              log(request)
          return parse(request)
    `),
    after: src(`
      def handler(request):
          legacy(request)
          # The old flow.
          log(request)
          return parse(request)
    `),
    notes: ["removed"],
  },
];
