// Names and scopes in TypeScript/JavaScript, from the syntax tree alone: local variables that
// hold the flag's value (inlined, then removed), whether a block can be unwrapped without a name
// clash, and imports that the rewrite left unused.

import ts from "typescript";
import { removalRange, type OffsetEdit } from "./rope";
import { evalExpr, markPath, type TsCtx } from "./tsExpr";

type RefKind = "ref" | "skip" | "bail";

function declares(p: ts.Node, n: ts.Identifier): boolean {
  const named =
    ts.isVariableDeclaration(p) ||
    ts.isParameter(p) ||
    ts.isBindingElement(p) ||
    ts.isFunctionDeclaration(p) ||
    ts.isFunctionExpression(p) ||
    ts.isClassDeclaration(p) ||
    ts.isClassExpression(p) ||
    ts.isImportSpecifier(p) ||
    ts.isImportClause(p) ||
    ts.isNamespaceImport(p) ||
    ts.isEnumDeclaration(p) ||
    ts.isModuleDeclaration(p) ||
    ts.isTypeParameterDeclaration(p) ||
    ts.isImportEqualsDeclaration(p);
  return named && (p as { name?: ts.Node }).name === n;
}

function isMemberName(p: ts.Node, n: ts.Identifier): boolean {
  if (ts.isPropertyAccessExpression(p)) return p.name === n;
  if (ts.isQualifiedName(p)) return p.right === n;
  if (ts.isBindingElement(p) || ts.isImportSpecifier(p)) return p.propertyName === n;
  const named =
    ts.isPropertyAssignment(p) ||
    ts.isMethodDeclaration(p) ||
    ts.isPropertyDeclaration(p) ||
    ts.isPropertySignature(p) ||
    ts.isMethodSignature(p) ||
    ts.isGetAccessorDeclaration(p) ||
    ts.isSetAccessorDeclaration(p) ||
    ts.isEnumMember(p) ||
    ts.isJsxAttribute(p);
  return named && (p as { name?: ts.Node }).name === n;
}

/** How an identifier with the variable's name uses it: a plain read, something else, or a use that forbids inlining. */
function refKind(n: ts.Identifier): RefKind {
  const p = n.parent;
  if (declares(p, n) || ts.isTypeQueryNode(p) || ts.isExportSpecifier(p)) return "bail";
  if (isMemberName(p, n) || ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p) || ts.isTypeReferenceNode(p)) return "skip";
  if ((ts.isJsxOpeningElement(p) || ts.isJsxSelfClosingElement(p) || ts.isJsxClosingElement(p)) && p.tagName === n) return "bail";
  if (
    ts.isBinaryExpression(p) &&
    p.left === n &&
    p.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
    p.operatorToken.kind <= ts.SyntaxKind.LastAssignment
  ) {
    return "bail";
  }
  const incDec = (op: ts.SyntaxKind): boolean => op === ts.SyntaxKind.PlusPlusToken || op === ts.SyntaxKind.MinusMinusToken;
  if ((ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p)) && incDec(p.operator)) return "bail";
  if ((ts.isForInStatement(p) || ts.isForOfStatement(p)) && p.initializer === n) return "bail";
  if (ts.isDeleteExpression(p)) return "bail";
  if (ts.isShorthandPropertyAssignment(p)) {
    const target = p.parent.parent;
    if (target && ts.isBinaryExpression(target) && target.left === p.parent) return "bail";
  }
  return "ref";
}

/** The reads of a variable in its scope, or undefined when one of its uses forbids inlining (a write, a shadowing, an export). */
function findReferences(scope: ts.Node, decl: ts.VariableDeclaration & { name: ts.Identifier }): ts.Identifier[] | undefined {
  const name = decl.name.text;
  const refs: ts.Identifier[] = [];
  let ok = true;
  const visit = (n: ts.Node): void => {
    if (!ok) return;
    if (ts.isIdentifier(n) && n.text === name && n !== decl.name) {
      const kind = refKind(n);
      if (kind === "ref") refs.push(n);
      else if (kind === "bail") ok = false;
    }
    ts.forEachChild(n, visit);
  };
  visit(scope);
  return ok ? refs : undefined;
}

/** Inlines a `const` (or never reassigned `let`) whose value the flag decides, when every use is a plain read. */
function tryInline(ctx: TsCtx, st: ts.VariableStatement, inlined: Set<number>): void {
  const list = st.declarationList;
  const d = list.declarations[0];
  if (list.declarations.length !== 1 || !ts.isIdentifier(d.name) || !d.initializer) return;
  if ((list.flags & ts.NodeFlags.BlockScoped) === 0) return;
  if (st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword || m.kind === ts.SyntaxKind.DeclareKeyword)) return;
  const parent = st.parent;
  if (!(ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isModuleBlock(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent)))
    return;
  // Top-level declarations of a script are globals that other scripts may read.
  if (ts.isSourceFile(parent) && !ts.isExternalModule(parent)) return;
  const k = evalExpr(ctx, d.initializer, "value").known;
  if (!k || (k.value !== null && typeof k.value === "object")) return;
  const scope = ts.isCaseClause(parent) || ts.isDefaultClause(parent) ? parent.parent : parent;
  const refs = findReferences(scope, d as ts.VariableDeclaration & { name: ts.Identifier });
  if (!refs) return;
  ctx.removedDecls.add(st);
  for (const i of k.sources) inlined.add(i);
  for (const r of refs) {
    ctx.refs.set(r, k);
    markPath(ctx, r);
  }
}

/** Decides, in document order, which variables are inlined; evaluation state of the planning is then discarded. */
export function planInlining(ctx: TsCtx): void {
  const inlined = new Set<number>();
  const visit = (n: ts.Node): void => {
    if (ts.isVariableStatement(n) && ctx.interesting.has(n)) tryInline(ctx, n, inlined);
    if (ctx.interesting.has(n)) ts.forEachChild(n, visit);
  };
  visit(ctx.sf);
  ctx.memo = [new Map(), new Map()];
  ctx.reindents.length = 0;
  ctx.visited.clear();
  for (const i of inlined) ctx.visited.add(i);
  ctx.extraNotes.length = 0;
}

function bindingNames(name: ts.BindingName, out: Set<string>): void {
  if (ts.isIdentifier(name)) out.add(name.text);
  else for (const e of name.elements) if (ts.isBindingElement(e)) bindingNames(e.name, out);
}

/** Whether the block-scoped names of `stmts` can move into the enclosing scope, which holds no other use of them outside `anchor`. */
export function canUnwrap(ctx: TsCtx, stmts: readonly ts.Statement[], anchor: ts.Node): boolean {
  const names = new Set<string>();
  for (const st of stmts) {
    if (ts.isVariableStatement(st) && st.declarationList.flags & ts.NodeFlags.BlockScoped) {
      for (const d of st.declarationList.declarations) bindingNames(d.name, names);
    } else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isEnumDeclaration(st)) && st.name) names.add(st.name.text);
  }
  if (names.size === 0) return true;
  let container: ts.Node = anchor.parent;
  while (!ts.isFunctionLike(container) && !ts.isSourceFile(container)) container = container.parent;
  const s = anchor.getStart(ctx.sf);
  let clash = false;
  const visit = (n: ts.Node): void => {
    if (clash) return;
    if (ts.isIdentifier(n) && names.has(n.text) && (n.end <= s || n.getStart(ctx.sf) >= anchor.end)) clash = true;
    else ts.forEachChild(n, visit);
  };
  visit(container);
  return !clash;
}

function countNames(sf: ts.SourceFile): { names: Map<string, number>; jsx: boolean } {
  const names = new Map<string, number>();
  let jsx = false;
  const visit = (n: ts.Node): void => {
    if (ts.isImportDeclaration(n)) return;
    if (ts.isIdentifier(n)) names.set(n.text, (names.get(n.text) ?? 0) + 1);
    if (ts.isJsxElement(n) || ts.isJsxSelfClosingElement(n) || ts.isJsxFragment(n)) jsx = true;
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return { names, jsx };
}

/** Edits (of the original text) that remove the import bindings the rewrite left unused. */
export function pruneImports(sf: ts.SourceFile, after: ts.SourceFile): OffsetEdit[] {
  const text = sf.text;
  const b = countNames(sf);
  const a = countNames(after);
  // The classic JSX runtime needs React in scope without naming it.
  const gone = (id: ts.Identifier): boolean => (b.names.get(id.text) ?? 0) > 0 && !a.names.get(id.text) && !(a.jsx && id.text === "React");
  const edits: OffsetEdit[] = [];
  const del = (start: number, end: number): void => void edits.push({ start, end, newText: "" });
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !st.importClause) continue;
    const clause = st.importClause;
    const named = clause.namedBindings;
    const elements = named && ts.isNamedImports(named) ? named.elements : undefined;
    const names = [
      ...(clause.name ? [clause.name] : []),
      ...(named ? (ts.isNamespaceImport(named) ? [named.name] : named.elements.map((e) => e.name)) : []),
    ];
    const dropped = names.filter(gone);
    if (dropped.length === 0) continue;
    if (dropped.length === names.length) {
      const r = removalRange(text, st.getStart(sf), st.end, "//");
      del(r.start, r.end);
      continue;
    }
    if (clause.name && named && gone(clause.name)) del(clause.name.getStart(sf), named.getStart(sf));
    if (!named) continue;
    if (!elements || elements.every((e) => gone(e.name))) {
      if (clause.name) del(clause.name.end, named.end);
      continue;
    }
    // Runs of unused elements go with the comma after them, or before them at the end of the list.
    for (let i = 0; i < elements.length; i++) {
      if (!gone(elements[i].name)) continue;
      let j = i;
      while (j + 1 < elements.length && gone(elements[j + 1].name)) j++;
      if (j + 1 < elements.length) del(elements[i].getStart(sf), elements[j + 1].getStart(sf));
      else del(elements[i - 1].end, elements[j].end);
      i = j;
    }
  }
  return edits.sort((x, y) => x.start - y.start);
}
