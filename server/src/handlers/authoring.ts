// LSP handlers for completion, hover and code actions, over the language service.

import {
  CodeActionKind,
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CodeAction,
  type CompletionItem,
  type Connection,
  type Diagnostic,
  type Hover,
  type TextDocuments,
  type WorkspaceEdit,
} from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { RuntimeEnvironment } from "../runtime";
import type { LanguageService } from "../service/languageService";
import type { CompletionKind, EntityRef, FlaglensDiagnostic, Severity } from "../service/types";
import { hoverLink } from "../service/types";
import { OPEN_ROLLOUT_PANEL_COMMAND } from "../protocol";
import type { Workspace } from "../service/workspace";
import type { EditSupport } from "./editGuard";
import { loadRewriter } from "../service/fixes/index";
import { removeFlagActions, REMOVE_FLAG_KIND, resolveRemoveFlag } from "./removeFlag";
import { runSafe } from "./runSafe";

const KINDS: Record<CompletionKind, CompletionItemKind> = {
  segment: CompletionItemKind.Reference,
  attribute: CompletionItemKind.Field,
  feature: CompletionItemKind.Module,
  target: CompletionItemKind.File,
  variation: CompletionItemKind.EnumMember,
  variable: CompletionItemKind.Variable,
  environment: CompletionItemKind.Folder,
  tag: CompletionItemKind.Keyword,
  operator: CompletionItemKind.Operator,
  value: CompletionItemKind.Value,
  property: CompletionItemKind.Property,
  snippet: CompletionItemKind.Snippet,
};

const SEVERITIES: Severity[] = ["error", "warning", "information", "hint"];

function fromLsp(d: Diagnostic): FlaglensDiagnostic {
  return {
    range: d.range,
    severity: SEVERITIES[(d.severity ?? 1) - 1] ?? "error",
    code: String(d.code ?? ""),
    message: typeof d.message === "string" ? d.message : d.message.value,
    source: d.source as "flaglens",
    data: d.data as Record<string, unknown> | undefined,
  };
}

/** Registers the authoring handlers; `support` says how the client takes edits, and guards them. */
export function registerAuthoringHandlers(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  runtime: RuntimeEnvironment,
  workspace: Workspace,
  service: LanguageService,
  support: EditSupport,
  /** Whether the client runs `command:` links in hovers (initializationOptions.commandLinks). */
  commandLinks: () => boolean = () => false,
): void {
  connection.onCompletion((params) =>
    runSafe(connection, "completion", [] as CompletionItem[], async () => {
      await workspace.whenIdle();
      const path = runtime.uriToPath(params.textDocument.uri);
      if (!path) return [];
      return service.doComplete(path, params.position).map((c) => ({
        label: c.label,
        kind: KINDS[c.kind],
        detail: c.detail,
        documentation: c.documentation ? { kind: MarkupKind.Markdown, value: c.documentation } : undefined,
        data: c.describe ? { path, ...c.describe } : undefined,
        textEdit: { range: c.range, newText: c.insertText },
        insertTextFormat: c.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        filterText: c.insertText,
      }));
    }),
  );

  connection.onCompletionResolve((item) =>
    runSafe(connection, "completionResolve", item, async () => {
      const data = item.data as (EntityRef & { path: string }) | undefined;
      if (!data || item.documentation) return item;
      await workspace.whenIdle();
      const doc = service.resolveCompletion(data.path, { kind: data.kind, key: data.key });
      return doc ? { ...item, documentation: { kind: MarkupKind.Markdown, value: doc } } : item;
    }),
  );

  connection.onHover((params) =>
    runSafe(connection, "hover", null as Hover | null, async () => {
      await workspace.whenIdle();
      const path = runtime.uriToPath(params.textDocument.uri);
      const h = path ? service.doHover(path, params.position) : undefined;
      if (!h) return null;
      let value = h.contents;
      h.links?.forEach((l, i) => {
        value = value.split(`](${hoverLink(i)})`).join(`](${runtime.pathToUri(l.path)}#L${l.line + 1})`);
      });
      if (h.feature && commandLinks()) {
        const args = encodeURIComponent(
          JSON.stringify([{ type: "feature", feature: { key: h.feature.key }, project: { root: h.feature.root } }]),
        );
        value += `\n\n[Open rollout panel](command:${OPEN_ROLLOUT_PANEL_COMMAND}?${args})`;
      }
      return { contents: { kind: MarkupKind.Markdown, value }, range: h.range };
    }),
  );

  connection.onCodeAction((params) =>
    runSafe(connection, "codeAction", [] as CodeAction[], async () => {
      await workspace.whenIdle();
      const path = runtime.uriToPath(params.textDocument.uri);
      if (!path) return [];
      const document = documents.get(params.textDocument.uri);
      const version = document?.version ?? null;
      const fixes: CodeAction[] = [];
      // A Python or Go quick fix is checked by tree-sitter: its parser is loaded first (once).
      await loadRewriter(path);
      for (const a of service.doCodeActions(path, params.context.diagnostics.map(fromLsp), document?.getText())) {
        const diagnostics = params.context.diagnostics.filter(
          (d) => d.code === a.diagnostic.code && d.range.start.line === a.diagnostic.range.start.line,
        );
        const refused = await support.guard.refusal(a.edits.map((e) => e.path));
        if (refused) {
          // Shown greyed out with the reason where the client can, and left out (with a log line) where it cannot.
          if (support.disabledActions())
            fixes.push({ title: a.title, kind: CodeActionKind.QuickFix, diagnostics, disabled: { reason: refused } });
          else connection.console.warn(refused);
          continue;
        }
        // Edits carry the document version, so a client refuses them once the text has moved on. A fix that
        // asks for confirmation carries a change annotation, so VS Code shows its refactor preview first.
        const annotationId = a.confirm && support.versioned() && support.annotations() ? "flaglens.confirm" : undefined;
        const edit: WorkspaceEdit = support.versioned()
          ? {
              documentChanges: a.edits.map((e) => ({
                textDocument: { uri: runtime.pathToUri(e.path), version },
                edits: annotationId ? e.edits.map((t) => ({ ...t, annotationId })) : e.edits,
              })),
              ...(annotationId && a.confirm ? { changeAnnotations: { [annotationId]: { ...a.confirm, needsConfirmation: true } } } : {}),
            }
          : { changes: Object.fromEntries(a.edits.map((e) => [runtime.pathToUri(e.path), e.edits])) };
        fixes.push({ title: a.title, kind: CodeActionKind.QuickFix, diagnostics, edit, isPreferred: a.isPreferred });
      }
      const wanted = params.context.only;
      const sources =
        service.code && (!wanted || wanted.some((k) => REMOVE_FLAG_KIND.startsWith(k)))
          ? removeFlagActions(path, workspace, service.code)
          : [];
      return [...fixes, ...sources];
    }),
  );

  connection.onCodeActionResolve((action) =>
    runSafe(connection, "codeAction/resolve", action, () =>
      service.code ? resolveRemoveFlag(action, connection, runtime, documents, workspace, service.code, support) : action,
    ),
  );
}
