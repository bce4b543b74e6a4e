/**
 * Static evaluation of the literal syntax tree from `jsLiteral.ts`: literals, references to top-level literal
 * bindings, and `path.join`/`path.resolve` of `__dirname`/`process.cwd()` and strings.
 * Nothing is executed; anything else is reported as not static, with a reason a user understands.
 */
import type { JsNode, PropNode } from "./jsLiteral";
import type { ModuleScan } from "./jsModule";

/** A path inside the project: `__dirname`, `process.cwd()`, or one of them joined with more segments. */
export class RootPath {
  /** @param relative posix path relative to the project root, "" for the root itself; may start with "..". */
  constructor(readonly relative: string) {}
}

/** A plain object value; a Map keeps keys such as `__proto__` harmless. */
export class JsObject {
  readonly props = new Map<string, JsValue>();
}

/** A value computed statically. */
export type JsValue = string | number | boolean | null | undefined | RootPath | JsObject | JsValue[];

/** Why a value could not be computed statically, with the span of the expression responsible. */
export interface NotStatic {
  /** A clause that starts with "it", e.g. `it is loaded with require(...) at run time`. */
  reason: string;
  start: number;
  end: number;
}

/** The value of an expression, or why it has none statically. */
export type Evaluated = { ok: true; value: JsValue } | { ok: false; notStatic: NotStatic };

/** One property of an object literal, with the node of its value. */
export type ObjectEntry = Omit<PropNode, "type" | "start" | "end">;

/** The properties of an object literal, following spreads of known objects; `unknownSpreads` lists the others. */
export interface ObjectEntries {
  entries: ObjectEntry[];
  unknownSpreads: JsNode[];
}

const MAX_REFERENCE_DEPTH = 20;
// A budget of evaluation steps bounds the work on pathological input such as references that fan out.
const STEP_BUDGET = 100_000;

/** Evaluates nodes of one module; results of bindings are cached so each is evaluated once. */
export class Evaluator {
  private readonly cache = new Map<string, Evaluated>();
  private readonly resolving: string[] = [];
  private steps = 0;

  constructor(
    private readonly scan: ModuleScan,
    private readonly text: string,
  ) {}

  /** Computes the value of `node`, or says why it cannot be computed statically. */
  evaluate(node: JsNode): Evaluated {
    if (++this.steps > STEP_BUDGET) return this.notStatic(node, "it is too complex to read statically");
    switch (node.type) {
      case "string":
      case "number":
      case "literal":
        return { ok: true, value: node.value };
      case "template":
        return node.value === undefined ? this.notStatic(node, "it is a template literal with ${...}") : { ok: true, value: node.value };
      case "array":
        return this.evaluateArray(node);
      case "object":
        return this.evaluateObject(node);
      case "ident":
        return this.evaluateIdentifier(node);
      case "member":
        return this.evaluateMember(node);
      case "call":
        return this.evaluateCall(node);
      default:
        return this.notStatic(node, "it is computed at run time");
    }
  }

  /** Follows references to top-level bindings, returning the node finally referred to and the names passed through. */
  resolve(node: JsNode): { node: JsNode; names: string[] } {
    const names: string[] = [];
    let current = node;
    while (current.type === "ident" && names.length < MAX_REFERENCE_DEPTH && !names.includes(current.name)) {
      const bound = this.scan.bindings.get(current.name);
      if (!bound) break;
      names.push(current.name);
      current = bound;
    }
    return { node: current, names };
  }

  /** Lists the properties of the object literal `node` refers to, or returns undefined when it is not one. */
  objectEntries(node: JsNode, depth = 0): ObjectEntries | undefined {
    if (++this.steps > STEP_BUDGET) return undefined;
    const target = this.resolve(node).node;
    if (target.type !== "object") return undefined;
    const result: ObjectEntries = { entries: [], unknownSpreads: [] };
    for (const prop of target.props) {
      if (prop.type === "prop") {
        result.entries.push({ key: prop.key, keyStart: prop.keyStart, keyEnd: prop.keyEnd, value: prop.value });
        continue;
      }
      const inner = depth < MAX_REFERENCE_DEPTH ? this.objectEntries(prop.argument, depth + 1) : undefined;
      if (inner) {
        // Spreads of spreads can multiply entries, so copying them counts against the budget too.
        this.steps += inner.entries.length;
        result.entries.push(...inner.entries);
        result.unknownSpreads.push(...inner.unknownSpreads);
      } else result.unknownSpreads.push(prop.argument);
    }
    return result;
  }

  /** The exact source text of a node, for recognising code (such as a parse function) by its shape. */
  rawSourceOf(node: { start: number; end: number }): string {
    return this.text.slice(node.start, node.end);
  }

  /** The source text of a node on one line, shortened, for messages. */
  sourceOf(node: { start: number; end: number }): string {
    const raw = this.text.slice(node.start, node.end).replace(/\s+/g, " ");
    return raw.length > 40 ? `${raw.slice(0, 37)}...` : raw;
  }

  private evaluateArray(node: Extract<JsNode, { type: "array" }>): Evaluated {
    const values: JsValue[] = [];
    for (const element of node.elements) {
      if (element === undefined) values.push(undefined);
      else if (element.type === "spread") {
        const spread = this.evaluate(element.argument);
        if (!spread.ok) return spread;
        if (!Array.isArray(spread.value))
          return this.notStatic(element, `it spreads ${this.sourceOf(element.argument)}, which is not an array`);
        values.push(...spread.value);
      } else {
        const item = this.evaluate(element);
        if (!item.ok) return item;
        values.push(item.value);
      }
    }
    return { ok: true, value: values };
  }

  private evaluateObject(node: Extract<JsNode, { type: "object" }>): Evaluated {
    const object = new JsObject();
    for (const prop of node.props) {
      const result = this.evaluate(prop.type === "prop" ? prop.value : prop.argument);
      if (!result.ok) return result;
      if (prop.type === "prop") object.props.set(prop.key, result.value);
      else if (result.value instanceof JsObject) result.value.props.forEach((value, key) => object.props.set(key, value));
      else if (result.value !== null && result.value !== undefined) {
        return this.notStatic(prop, `it spreads ${this.sourceOf(prop.argument)}, which is not an object`);
      }
    }
    return { ok: true, value: object };
  }

  private evaluateIdentifier(node: Extract<JsNode, { type: "ident" }>): Evaluated {
    const bound = this.scan.bindings.get(node.name);
    if (!bound) {
      if (node.name === "__dirname") return { ok: true, value: new RootPath("") };
      return this.notStatic(node, `it uses ${node.name}, which is not a literal defined in this file`);
    }
    const cached = this.cache.get(node.name);
    if (cached) return cached;
    if (this.resolving.includes(node.name)) return this.notStatic(node, `it uses ${node.name}, which refers to itself`);
    if (this.resolving.length >= MAX_REFERENCE_DEPTH) return this.notStatic(node, "it goes through too many names to read statically");
    this.resolving.push(node.name);
    const inner = this.evaluate(bound);
    this.resolving.pop();
    // Only the outer name and the final cause are named, so that long chains of names keep the message short.
    const cause = inner.ok ? "" : inner.notStatic.reason.replace(/^it (uses \S+, which )*/, "");
    const result: Evaluated = inner.ok
      ? inner
      : { ok: false, notStatic: { ...inner.notStatic, reason: `it uses ${node.name}, which ${cause}` } };
    this.cache.set(node.name, result);
    return result;
  }

  private evaluateMember(node: Extract<JsNode, { type: "member" }>): Evaluated {
    if (
      node.object.type === "member" &&
      node.property === "dirname" &&
      node.object.property === "meta" &&
      this.isGlobal(node.object.object, "import")
    ) {
      return { ok: true, value: new RootPath("") };
    }
    // Reading one property of an object literal evaluates only that property, so `base.tags` works even when
    // `base` also holds plugins that are loaded at run time.
    const entries = this.objectEntries(node.object);
    if (entries && entries.unknownSpreads.length === 0) {
      const entry = entries.entries.filter((e) => e.key === node.property).pop();
      return entry ? this.evaluate(entry.value) : { ok: true, value: undefined };
    }
    const object = this.evaluate(node.object);
    if (object.ok && object.value instanceof JsObject) return { ok: true, value: object.value.props.get(node.property) };
    if (object.ok && Array.isArray(object.value) && /^\d+$/.test(node.property))
      return { ok: true, value: object.value[Number(node.property)] };
    return this.notStatic(node, `it reads ${this.sourceOf(node)} at run time`);
  }

  private evaluateCall(node: Extract<JsNode, { type: "call" }>): Evaluated {
    const { callee } = node;
    if (callee.type === "member" && callee.property === "cwd" && this.isGlobal(callee.object, "process") && node.args.length === 0) {
      return { ok: true, value: new RootPath("") };
    }
    const fn = this.pathFunction(callee);
    if (!fn) {
      if (this.isGlobal(callee, "require")) return this.notStatic(node, "it is loaded with require(...) at run time");
      return this.notStatic(node, `it calls ${this.sourceOf(callee)}(...) at run time`);
    }
    const parts: (string | RootPath)[] = [];
    for (const arg of node.args) {
      const value = arg.type === "spread" ? undefined : this.evaluate(arg);
      if (value && !value.ok) return value;
      if (!value || !(typeof value.value === "string" || value.value instanceof RootPath)) {
        return this.notStatic(arg, `it passes ${this.sourceOf(arg)}, which is not a string, to ${this.sourceOf(callee)}`);
      }
      parts.push(value.value);
    }
    const joined = fn === "join" ? joinPaths(parts) : resolvePaths(parts);
    return joined === undefined ? this.notStatic(node, "it joins __dirname after other path segments") : { ok: true, value: joined };
  }

  /** Recognises `path.join`, `path.resolve`, `require("path").join`, `path.posix.join` and bare `join`/`resolve`. */
  private pathFunction(callee: JsNode): "join" | "resolve" | undefined {
    const name = callee.type === "member" ? callee.property : callee.type === "ident" ? callee.name : undefined;
    if (name !== "join" && name !== "resolve") return undefined;
    if (callee.type === "ident") return this.scan.bindings.has(name) ? undefined : name;
    return callee.type === "member" && this.isPathModule(callee.object) ? name : undefined;
  }

  private isPathModule(node: JsNode): boolean {
    if (node.type === "member") return node.property === "posix" && this.isPathModule(node.object);
    if (node.type === "call") {
      const [arg] = node.args;
      return this.isGlobal(node.callee, "require") && arg?.type === "string" && (arg.value === "path" || arg.value === "node:path");
    }
    if (node.type !== "ident") return false;
    const bound = this.scan.bindings.get(node.name);
    return bound ? bound.type === "call" && this.isPathModule(bound) : node.name === "path";
  }

  /** True for a name that is not declared in the file, so it refers to the global or module-scope object. */
  private isGlobal(node: JsNode, name: string): boolean {
    return node.type === "ident" && node.name === name && !this.scan.bindings.has(name);
  }

  private notStatic(node: { start: number; end: number }, reason: string): Evaluated {
    return { ok: false, notStatic: { reason, start: node.start, end: node.end } };
  }
}

/** True for `/x`, `\\x` and `C:\x`: paths that do not depend on the project root. */
export function isAbsolutePath(path: string): boolean {
  return /^([A-Za-z]:)?[\\/]/.test(path);
}

/**
 * Normalises a path posix-style: backslashes become slashes, and `.`, `..` and repeated slashes are resolved.
 * With `relative` set, a leading slash is ignored, as `path.join(__dirname, "/x")` stays under `__dirname`.
 */
export function normalizePath(path: string, relative = false): string {
  const unified = path.replace(/\\/g, "/");
  const root = relative ? "" : (/^([A-Za-z]:)?\//.exec(unified)?.[0] ?? "");
  const segments: string[] = [];
  for (const segment of unified.slice(root.length).split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment !== "..") segments.push(segment);
    else if (segments.length > 0 && segments[segments.length - 1] !== "..") segments.pop();
    else if (!root) segments.push("..");
  }
  return root + segments.join("/");
}

/** Like `path.join`: root-based when the first part is the project root; undefined when the root comes later. */
function joinPaths(parts: (string | RootPath)[]): string | RootPath | undefined {
  const [first, ...rest] = parts;
  if (rest.some((part) => part instanceof RootPath)) return undefined;
  if (first instanceof RootPath) return new RootPath(normalizePath([first.relative, ...rest].join("/"), true));
  return normalizePath(parts.join("/"));
}

/** Like `path.resolve`: the last absolute part (or the project root) anchors the parts after it. */
function resolvePaths(parts: (string | RootPath)[]): string | RootPath {
  let anchor = -1;
  for (let i = parts.length - 1; i >= 0 && anchor < 0; i--) {
    const part = parts[i];
    if (part instanceof RootPath || isAbsolutePath(part)) anchor = i;
  }
  const base = parts[anchor];
  const rest = parts.slice(anchor + 1) as string[];
  if (base === undefined || base instanceof RootPath) return new RootPath(normalizePath([base?.relative ?? "", ...rest].join("/"), true));
  return normalizePath([base, ...rest].join("/"));
}
