// Facts about TypeScript/JavaScript syntax that the rewrite needs: operator precedence, which
// expressions have no effect, which are certainly booleans, literals, and how to write values.

import ts from "typescript";
import type { Known, Value } from "./simplify";

/** Precedence levels; higher binds tighter. */
export const enum Prec {
  Comma = 0,
  Yield = 1,
  Assignment = 2,
  Conditional = 3,
  Coalesce = 4,
  Or = 5,
  And = 6,
  BitOr = 7,
  BitXor = 8,
  BitAnd = 9,
  Equality = 10,
  Relational = 11,
  Shift = 12,
  Additive = 13,
  Multiplicative = 14,
  Exponent = 15,
  Unary = 16,
  Update = 17,
  Call = 18,
  Primary = 20,
}

const K = ts.SyntaxKind;

function binaryPrec(op: ts.SyntaxKind): Prec {
  switch (op) {
    case K.CommaToken:
      return Prec.Comma;
    case K.QuestionQuestionToken:
      return Prec.Coalesce;
    case K.BarBarToken:
      return Prec.Or;
    case K.AmpersandAmpersandToken:
      return Prec.And;
    case K.BarToken:
      return Prec.BitOr;
    case K.CaretToken:
      return Prec.BitXor;
    case K.AmpersandToken:
      return Prec.BitAnd;
    case K.EqualsEqualsToken:
    case K.EqualsEqualsEqualsToken:
    case K.ExclamationEqualsToken:
    case K.ExclamationEqualsEqualsToken:
      return Prec.Equality;
    case K.LessThanToken:
    case K.GreaterThanToken:
    case K.LessThanEqualsToken:
    case K.GreaterThanEqualsToken:
    case K.InstanceOfKeyword:
    case K.InKeyword:
      return Prec.Relational;
    case K.LessThanLessThanToken:
    case K.GreaterThanGreaterThanToken:
    case K.GreaterThanGreaterThanGreaterThanToken:
      return Prec.Shift;
    case K.PlusToken:
    case K.MinusToken:
      return Prec.Additive;
    case K.AsteriskToken:
    case K.SlashToken:
    case K.PercentToken:
      return Prec.Multiplicative;
    case K.AsteriskAsteriskToken:
      return Prec.Exponent;
    default:
      return Prec.Assignment;
  }
}

/** The precedence of an expression as written. */
export function precOf(node: ts.Node): Prec {
  if (ts.isBinaryExpression(node)) return binaryPrec(node.operatorToken.kind);
  if (ts.isConditionalExpression(node)) return Prec.Conditional;
  if (ts.isArrowFunction(node)) return Prec.Assignment;
  if (ts.isYieldExpression(node) || ts.isSpreadElement(node)) return Prec.Yield;
  if (ts.isPrefixUnaryExpression(node) || ts.isTypeOfExpression(node) || ts.isVoidExpression(node) || ts.isDeleteExpression(node))
    return Prec.Unary;
  if (ts.isAwaitExpression(node) || ts.isTypeAssertionExpression(node)) return Prec.Unary;
  if (ts.isPostfixUnaryExpression(node)) return Prec.Update;
  if (ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) return Prec.Relational;
  if (ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node))
    return Prec.Call;
  if (ts.isNonNullExpression(node) || ts.isTaggedTemplateExpression(node)) return Prec.Call;
  return Prec.Primary;
}

/** Strips parentheses and type-only wrappers (`as`, `!`, `satisfies`, `<T>x`). */
export function unwrapExpr(node: ts.Expression): ts.Expression {
  let n = node;
  for (;;) {
    if (
      ts.isParenthesizedExpression(n) ||
      ts.isAsExpression(n) ||
      ts.isNonNullExpression(n) ||
      ts.isSatisfiesExpression(n) ||
      ts.isTypeAssertionExpression(n)
    ) {
      n = n.expression;
    } else return n;
  }
}

/** Whether evaluating the expression has no effect that dropping it would lose (calls and assignments have). */
export function isPure(node: ts.Node, pureCall?: (c: ts.CallExpression) => boolean): boolean {
  const p = (n: ts.Node): boolean => isPure(n, pureCall);
  if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node) || ts.isLiteralExpression(node)) return true;
  switch (node.kind) {
    case K.TrueKeyword:
    case K.FalseKeyword:
    case K.NullKeyword:
    case K.ThisKeyword:
    case K.SuperKeyword:
    case K.ArrowFunction:
    case K.FunctionExpression:
    case K.OmittedExpression:
      return true;
  }
  if (ts.isCallExpression(node)) return pureCall?.(node) ?? false;
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node) || ts.isSatisfiesExpression(node))
    return p(node.expression);
  if (ts.isTypeAssertionExpression(node) || ts.isTypeOfExpression(node) || ts.isVoidExpression(node)) return p(node.expression);
  if (ts.isPropertyAccessExpression(node)) return p(node.expression);
  if (ts.isElementAccessExpression(node)) return p(node.expression) && p(node.argumentExpression);
  if (ts.isPrefixUnaryExpression(node)) return node.operator !== K.PlusPlusToken && node.operator !== K.MinusMinusToken && p(node.operand);
  if (ts.isBinaryExpression(node)) return binaryPrec(node.operatorToken.kind) !== Prec.Assignment && p(node.left) && p(node.right);
  if (ts.isConditionalExpression(node)) return p(node.condition) && p(node.whenTrue) && p(node.whenFalse);
  if (ts.isTemplateExpression(node)) return node.templateSpans.every((s) => p(s.expression));
  if (ts.isArrayLiteralExpression(node)) return node.elements.every((e) => !ts.isSpreadElement(e) && p(e));
  if (ts.isObjectLiteralExpression(node)) {
    return node.properties.every((m) => {
      if (ts.isPropertyAssignment(m)) return (!ts.isComputedPropertyName(m.name) || p(m.name.expression)) && p(m.initializer);
      return ts.isShorthandPropertyAssignment(m) || ts.isMethodDeclaration(m);
    });
  }
  return false;
}

/** Whether the expression is certainly a boolean (from its syntax alone). */
export function isBoolish(node: ts.Node): boolean {
  if (node.kind === K.TrueKeyword || node.kind === K.FalseKeyword) return true;
  if (ts.isParenthesizedExpression(node)) return isBoolish(node.expression);
  if (ts.isPrefixUnaryExpression(node)) return node.operator === K.ExclamationToken;
  if (ts.isBinaryExpression(node)) {
    const p = binaryPrec(node.operatorToken.kind);
    if (p === Prec.Equality || p === Prec.Relational) return true;
    if (p === Prec.And || p === Prec.Or) return isBoolish(node.left) && isBoolish(node.right);
    return false;
  }
  if (ts.isConditionalExpression(node)) return isBoolish(node.whenTrue) && isBoolish(node.whenFalse);
  if (ts.isCallExpression(node)) return ts.isIdentifier(node.expression) && node.expression.text === "Boolean";
  return false;
}

/** The value of a literal written in code (not `undefined`, which a file may shadow). */
export function literalOf(node: ts.Node): Known | undefined {
  const n = ts.isParenthesizedExpression(node) ? unwrapExpr(node) : node;
  const known = (value: Value): Known => ({ value, sources: [] });
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return known(n.text);
  if (ts.isNumericLiteral(n)) return known(Number(n.text));
  if (n.kind === K.TrueKeyword) return known(true);
  if (n.kind === K.FalseKeyword) return known(false);
  if (n.kind === K.NullKeyword) return known(null);
  if (ts.isPrefixUnaryExpression(n) && n.operator === K.MinusToken && ts.isNumericLiteral(n.operand)) return known(-Number(n.operand.text));
  return undefined;
}

/** A string literal in the file's quote style. */
export function quoteString(s: string, quote: string): string {
  const q = quote === "'" ? "'" : '"';
  const body = JSON.stringify(s).slice(1, -1);
  return q === '"' ? `"${body}"` : `'${body.replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/** How a value is written in JavaScript. */
export function renderJs(v: Value, quote: string): string {
  if (typeof v === "string") return quoteString(v, quote);
  if (v === null) return "null";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}
