// Finds the calls that evaluate a retired flag in a TypeScript/JavaScript syntax tree, with the
// value each takes, or the reason it is left alone.
//
// A call counts when its name is an SDK method (`isEnabled`, `getVariation`, `getVariable*`,
// the hooks `useFlag`, `useVariation`, `useVariable`, or a configured wrapper), its first argument
// is the key (a string literal, or a `const` or enum member holding it in the same file), and its
// receiver is anything else than another object's own method: `this.isEnabled(...)` inside a class
// that declares `isEnabled`, a bare `isEnabled(...)` that the file declares itself or imports from
// a package that is not Featurevisor's.

import ts from "typescript";
import { sdkMethods, usageValue, type SdkMethod, type UsageValue } from "./methods";
import { isPure } from "./tsSyntax";
import type { RemoveFlagRequest } from "./types";

/** A call of the retired flag (or one whose key is computed at run time). */
export interface TsUsage {
  index: number;
  call: ts.CallExpression;
  method: string;
  /** The value, or why the call is left as it is. */
  value: UsageValue;
  /** The quote character of the key literal, for writing string values in the same style. */
  quote: string;
  /** The key is computed at run time: it may or may not be the retired flag. */
  dynamic: boolean;
}

function isFeaturevisorModule(m: string): boolean {
  return /featurevisor/i.test(m) || /^(\.|\/|@\/|~\/|#)/.test(m);
}

/** Names the file declares or imports from elsewhere, which bare calls must not be taken for the SDK's. */
function foreignNames(sf: ts.SourceFile): Set<string> {
  const out = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionDeclaration(n) && n.name) out.add(n.name.text);
    else if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && !(n.initializer && ts.isCallExpression(n.initializer)))
      out.add(n.name.text);
    else if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier) && !isFeaturevisorModule(n.moduleSpecifier.text)) {
      const clause = n.importClause;
      if (clause?.name) out.add(clause.name.text);
      const b = clause?.namedBindings;
      if (b && ts.isNamedImports(b)) for (const e of b.elements) out.add(e.name.text);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** String constants of the file: `const NAME = "x"`, object literal members and string enum members. */
function stringConstants(sf: ts.SourceFile): Map<string, string | null> {
  const out = new Map<string, string | null>();
  const put = (name: string, value: string | undefined): void => {
    // A name declared twice is ambiguous: null.
    out.set(name, out.has(name) || value === undefined ? null : value);
  };
  const visit = (n: ts.Node): void => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && ts.getCombinedNodeFlags(n) & ts.NodeFlags.Const) {
      const init = n.initializer;
      if (ts.isStringLiteralLike(init)) put(n.name.text, init.text);
      else if (ts.isObjectLiteralExpression(init) || (ts.isAsExpression(init) && ts.isObjectLiteralExpression(init.expression))) {
        const obj = ts.isAsExpression(init) ? (init.expression as ts.ObjectLiteralExpression) : init;
        for (const p of obj.properties) {
          if (
            ts.isPropertyAssignment(p) &&
            (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) &&
            ts.isStringLiteralLike(p.initializer)
          ) {
            put(`${n.name.text}.${p.name.text}`, p.initializer.text);
          }
        }
      }
    } else if (ts.isEnumDeclaration(n)) {
      for (const m of n.members) {
        if (ts.isIdentifier(m.name) && m.initializer && ts.isStringLiteralLike(m.initializer))
          put(`${n.name.text}.${m.name.text}`, m.initializer.text);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** The key an argument names: its text and quote, or undefined when it is computed at run time. */
function keyOf(arg: ts.Expression, constants: Map<string, string | null>): { text: string; quote: string } | undefined {
  if (ts.isStringLiteral(arg)) return { text: arg.text, quote: arg.getText()[0] };
  if (ts.isNoSubstitutionTemplateLiteral(arg)) return { text: arg.text, quote: '"' };
  let name: string | undefined;
  if (ts.isIdentifier(arg)) name = arg.text;
  else if (ts.isPropertyAccessExpression(arg) && ts.isIdentifier(arg.expression)) name = `${arg.expression.text}.${arg.name.text}`;
  const value = name !== undefined ? constants.get(name) : undefined;
  return typeof value === "string" ? { text: value, quote: '"' } : undefined;
}

/** Whether `this.name(...)` calls the class's own method rather than an SDK's. */
function isOwnMethod(call: ts.CallExpression, name: string): boolean {
  for (let n: ts.Node | undefined = call.parent; n; n = n.parent) {
    if (ts.isClassLike(n)) return n.members.some((m) => m.name !== undefined && ts.isIdentifier(m.name) && m.name.text === name);
  }
  return false;
}

/** Receivers that only name the SDK (names, member chains, `this`, calls without arguments), so dropping them loses nothing. */
function isPlainReceiver(node: ts.Expression): boolean {
  if (ts.isIdentifier(node) || node.kind === ts.SyntaxKind.ThisKeyword) return true;
  if (ts.isPropertyAccessExpression(node) || ts.isNonNullExpression(node) || ts.isParenthesizedExpression(node))
    return isPlainReceiver(node.expression);
  if (ts.isCallExpression(node)) return node.arguments.length === 0 && isPlainReceiver(node.expression);
  return false;
}

/** Finds the calls of the retired flag in a parsed file. */
export function findTsUsages(sf: ts.SourceFile, request: RemoveFlagRequest, fuzzyNull: boolean): TsUsage[] {
  const methods = sdkMethods("camel", true, request.functions);
  let foreign: Set<string> | undefined;
  let constants: Map<string, string | null> | undefined;
  const out: TsUsage[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n)) consider(n);
    ts.forEachChild(n, visit);
  };
  const consider = (call: ts.CallExpression): void => {
    const callee = call.expression;
    let name: string;
    let receiver: ts.Expression | undefined;
    if (ts.isIdentifier(callee)) name = callee.text;
    else if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name)) {
      name = callee.name.text;
      receiver = callee.expression;
    } else return;
    const m: SdkMethod | undefined = methods.get(name);
    if (!m || call.arguments.length === 0) return;
    if (!receiver && (foreign ??= foreignNames(sf)).has(name)) return;
    if (receiver?.kind === ts.SyntaxKind.ThisKeyword && isOwnMethod(call, name)) return;
    const [keyArg, varArg, ...rest] = call.arguments;
    const key = keyOf(keyArg, (constants ??= stringConstants(sf)));
    const index = out.length;
    const base = { index, call, method: name, quote: key?.quote ?? '"' };
    if (!key) {
      if (!ts.isSpreadElement(keyArg)) out.push({ ...base, dynamic: true, value: { reason: "its key is computed at run time" } });
      return;
    }
    if (key.text !== request.featureKey) return;
    let variableKey: string | undefined;
    const extra = m.evaluates === "variable" ? rest : [varArg, ...rest].filter((a) => a !== undefined);
    if (m.evaluates === "variable" && varArg) variableKey = keyOf(varArg, constants)?.text;
    let value: UsageValue = usageValue(m, variableKey, request.behaviour, index, fuzzyNull);
    if (extra.some((a) => !isPure(a))) value = { reason: "an argument after the key may have effects (it would be dropped)" };
    else if (receiver && !isPlainReceiver(receiver)) value = { reason: "its receiver may have effects (it would be dropped)" };
    out.push({ ...base, dynamic: false, value });
  };
  visit(sf);
  return out;
}
