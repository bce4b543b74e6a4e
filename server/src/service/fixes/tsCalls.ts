// Maps the code index's usages to calls of the TypeScript compiler's syntax tree, with the value
// each takes or the reason it is left. What is a usage (clients, imports, constants, wrappers) is
// the code index's decision; here a usage's offset only finds its call.

import ts from "typescript";
import { evaluationMember, isEvaluation, relevantSites, usageValue, type UsageValue } from "./callSites";
import { isPure } from "./tsSyntax";
import type { RemoveFlagRequest } from "./types";

/** A call of the retired flag (or one whose key is computed at run time). */
export interface TsUsage {
  index: number;
  /** The call, or the member of an evaluation that holds the value (`f.evaluateFlag("x").enabled`). */
  call: ts.Expression;
  method: string;
  /** The value, or why the call is left as it is. */
  value: UsageValue;
  /** The quote character of the key literal, for writing string values in the same style. */
  quote: string;
  /** The key is computed at run time: it may or may not be the retired flag. */
  dynamic: boolean;
}

/** Receivers that only name the SDK (names, member chains, `this`, calls without arguments), so dropping them loses nothing. */
function isPlainReceiver(node: ts.Expression): boolean {
  if (ts.isIdentifier(node) || node.kind === ts.SyntaxKind.ThisKeyword) return true;
  if (ts.isPropertyAccessExpression(node) || ts.isNonNullExpression(node) || ts.isParenthesizedExpression(node))
    return isPlainReceiver(node.expression);
  if (ts.isCallExpression(node)) return node.arguments.length === 0 && isPlainReceiver(node.expression);
  return false;
}

/** Calls by the start of their called name. */
function callsByName(sf: ts.SourceFile): Map<number, ts.CallExpression> {
  const out = new Map<number, ts.CallExpression>();
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n)) {
      const callee = n.expression;
      if (ts.isIdentifier(callee)) out.set(callee.getStart(sf), n);
      else if (ts.isPropertyAccessExpression(callee) || ts.isPropertyAccessChain(callee)) out.set(callee.name.getStart(sf), n);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** Maps the usages of a request to the calls of a parsed file. */
export function tsCalls(sf: ts.SourceFile, request: RemoveFlagRequest, fuzzyNull: boolean): TsUsage[] {
  const sites = relevantSites(request);
  if (sites.length === 0) return [];
  const calls = callsByName(sf);
  const out: TsUsage[] = [];
  for (const u of sites) {
    const call = calls.get(u.offset);
    const index = out.length;
    if (!call || call.arguments.length === 0) continue;
    const [keyArg, varArg, ...rest] = call.arguments;
    const quote = ts.isStringLiteral(keyArg) ? keyArg.getText(sf)[0] : '"';
    const base = { index, call: call as ts.Expression, method: u.method, quote };
    if (u.feature === null) {
      if (!ts.isSpreadElement(keyArg)) out.push({ ...base, dynamic: true, value: { reason: "its key is computed at run time" } });
      continue;
    }
    let value: UsageValue = usageValue(u, request.behaviour, index, fuzzyNull);
    if (isEvaluation(u.method)) {
      const member = evaluationMember(u, false);
      const parent = call.parent;
      if (ts.isPropertyAccessExpression(parent) && parent.expression === call && parent.name.text === member) base.call = parent;
      else value = { reason: `${u.method} returns an evaluation object: only its .${member} is rewritten` };
    }
    const extra = u.evaluates === "variable" ? rest : [varArg, ...rest].filter((a) => a !== undefined);
    const callee = call.expression;
    const receiver = ts.isPropertyAccessExpression(callee) ? callee.expression : undefined;
    if (extra.some((a) => !isPure(a))) value = { reason: "an argument after the key may have effects (it would be dropped)" };
    else if (receiver && !isPlainReceiver(receiver)) value = { reason: "its receiver may have effects (it would be dropped)" };
    out.push({ ...base, dynamic: false, value });
  }
  return out;
}
