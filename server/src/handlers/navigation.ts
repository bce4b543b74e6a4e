// LSP handlers for definition, references, code lenses (usage, environment summaries) and
// inlay hints (rollout previews of rules).

import {
  InlayHintKind,
  MarkupKind,
  MessageType,
  ShowMessageNotification,
  SymbolKind,
  type DocumentSymbol,
  type SymbolInformation,
  ResponseError,
  type CodeLens,
  type Connection,
  type InlayHint,
  type Location,
  type PrepareRenameResult,
  type WorkspaceEdit,
} from "vscode-languageserver";
import { RenameError } from "../service/authoring/rename";
import type { CodeLensMode } from "../service/code/settings";
import type { ChangeLens } from "../service/rolloutChanges";
import type { EditSupport } from "./editGuard";
import type { PreviewState } from "./preview";
import type { RuntimeEnvironment } from "../runtime";
import type { LanguageService } from "../service/languageService";
import type { Workspace } from "../service/workspace";
import { runSafe } from "./runSafe";

/** The client command that opens a references view; the VS Code client registers it. */
export const SHOW_REFERENCES_COMMAND = "flaglens.showReferences";

/** Registers navigation and preview handlers. */
export function registerNavigationHandlers(
  connection: Connection,
  runtime: RuntimeEnvironment,
  workspace: Workspace,
  service: LanguageService,
  preview: PreviewState,
  edits: Pick<EditSupport, "guard" | "annotations">,
  /** A spec file's lens: its test summary (`12 passed`, `1 of 12 failed`, or `Run`), 0-based line, and the command that runs it. */
  testLens: (path: string, uri: string) => { line: number; title: string; command: string; arguments: unknown[] } | undefined = () =>
    undefined,
  /** flaglens.code.lens: how many lenses flag calls in code get. */
  codeLensMode: () => CodeLensMode = () => "line",
  /** A feature file's rollout changes against the compared revision, one lens per changed environment. */
  changeLenses: (path: string) => Promise<ChangeLens[]> = async () => [],
): void {
  const toLocation = (l: { path: string; range: Location["range"] }): Location => ({ uri: runtime.pathToUri(l.path), range: l.range });

  connection.onDefinition((params) =>
    runSafe(connection, "definition", null as Location | null, async () => {
      await workspace.whenIdle();
      const path = runtime.uriToPath(params.textDocument.uri);
      const l = path ? service.doDefinition(path, params.position) : undefined;
      return l ? toLocation(l) : null;
    }),
  );

  connection.onReferences((params) =>
    runSafe(connection, "references", [] as Location[], async () => {
      await workspace.whenIdle();
      const path = runtime.uriToPath(params.textDocument.uri);
      return path ? service.doReferences(path, params.position, params.context.includeDeclaration).map(toLocation) : [];
    }),
  );

  connection.onCodeLens((params) =>
    runSafe(connection, "codeLens", [] as CodeLens[], async () => {
      await workspace.whenIdle();
      const path = runtime.uriToPath(params.textDocument.uri);
      if (!path) return [];
      const lenses: CodeLens[] = [];
      if (service.code?.handles(path)) {
        // Clicking a lens peeks at the flag's definition (every flag of the line's).
        return service.code.lenses(path, codeLensMode()).map((l) => ({
          range: l.range,
          command: {
            title: l.title,
            ...(l.tooltip ? { tooltip: l.tooltip } : {}),
            command: l.locations.length ? SHOW_REFERENCES_COMMAND : "",
            arguments: [params.textDocument.uri, l.range.start, l.locations.map(toLocation)],
          },
        }));
      }
      const inCode = service.doCodeUsageLens(path);
      if (inCode) {
        const args = [params.textDocument.uri, inCode.range.start, inCode.locations.map(toLocation)];
        lenses.push({
          range: inCode.range,
          command: { title: inCode.title, command: inCode.locations.length ? SHOW_REFERENCES_COMMAND : "", arguments: args },
        });
      }
      const tested = testLens(path, params.textDocument.uri);
      if (tested) {
        const at = { line: tested.line, character: 0 };
        lenses.push({
          range: { start: at, end: at },
          command: { title: tested.title, command: tested.command, arguments: tested.arguments },
        });
      }
      const usage = service.doUsageLens(path);
      if (usage) {
        const args = [params.textDocument.uri, usage.range.start, usage.locations.map(toLocation)];
        lenses.push({
          range: usage.range,
          command: { title: usage.title, command: usage.locations.length ? SHOW_REFERENCES_COMMAND : "", arguments: args },
        });
      }
      for (const h of service.doRolloutHints(path)) {
        if (h.kind !== "environment") continue;
        const range = { start: { line: h.position.line, character: 0 }, end: { line: h.position.line, character: 0 } };
        lenses.push({ range, command: { title: h.label, command: "" } });
      }
      for (const c of await changeLenses(path))
        lenses.push({ range: c.range, command: { title: c.title, command: "", tooltip: c.tooltip } });
      if (preview.user) {
        for (const p of service.doUserPreview(path, preview.user, (root) => preview.states.get(root))) {
          const range = { start: { line: p.position.line, character: 0 }, end: { line: p.position.line, character: 0 } };
          lenses.push({ range, command: { title: p.label, command: "", tooltip: p.reason } });
        }
      }
      return lenses;
    }),
  );

  const outlineKinds = { object: SymbolKind.Object, array: SymbolKind.Array, property: SymbolKind.Property, key: SymbolKind.Key } as const;
  const toSymbol = (s: ReturnType<LanguageService["doDocumentSymbols"]>[number]): DocumentSymbol => ({
    name: s.name,
    detail: s.detail,
    kind: outlineKinds[s.kind],
    range: s.range,
    selectionRange: s.selectionRange,
    children: s.children.map(toSymbol),
  });
  connection.onDocumentSymbol((params) =>
    runSafe(connection, "documentSymbol", [] as DocumentSymbol[], async () => {
      await workspace.whenIdle();
      const path = runtime.uriToPath(params.textDocument.uri);
      return path ? service.doDocumentSymbols(path).map(toSymbol) : [];
    }),
  );

  const entityKinds: Record<string, SymbolKind> = {
    segment: SymbolKind.Class,
    attribute: SymbolKind.Field,
    feature: SymbolKind.Module,
    group: SymbolKind.Namespace,
    schema: SymbolKind.Struct,
    target: SymbolKind.Interface,
  };
  connection.onWorkspaceSymbol((params) =>
    runSafe(connection, "workspaceSymbol", [] as SymbolInformation[], async () => {
      await workspace.whenIdle();
      return service.doWorkspaceSymbols(params.query).map((s) => ({
        name: s.name,
        kind: entityKinds[s.kind] ?? SymbolKind.File,
        containerName: s.detail,
        location: { uri: runtime.pathToUri(s.path), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
      }));
    }),
  );

  connection.onPrepareRename((params) =>
    runSafe(connection, "prepareRename", null as PrepareRenameResult | null, async () => {
      await workspace.whenIdle();
      const path = runtime.uriToPath(params.textDocument.uri);
      return (path && service.prepareRename(path, params.position)) || null;
    }),
  );

  connection.onRenameRequest(async (params) => {
    await workspace.whenIdle();
    const path = runtime.uriToPath(params.textDocument.uri);
    try {
      const edit = path ? service.doRename(path, params.position, params.newName) : undefined;
      if (!edit) return null;
      const refused = await edits.guard.refusal([...edit.edits.map((e) => e.path), ...edit.renames.flatMap((r) => [r.from, r.to])]);
      if (refused) return new ResponseError(1, refused);
      // A rename that re-buckets users asks for confirmation (VS Code shows its refactor preview with the reason);
      // a client without change annotations is told in a message.
      const warning = edit.warnings?.join(" ");
      const annotationId = warning && edits.annotations() ? "flaglens.rename" : undefined;
      const annotated = annotationId ? { annotationId } : {};
      const result: WorkspaceEdit = {
        documentChanges: [
          ...edit.edits.map((e) => ({
            textDocument: { uri: runtime.pathToUri(e.path), version: null },
            edits: e.edits.map((t) => ({ ...t, ...annotated })),
          })),
          ...edit.renames.map((r) => ({
            kind: "rename" as const,
            oldUri: runtime.pathToUri(r.from),
            newUri: runtime.pathToUri(r.to),
            ...annotated,
          })),
        ],
        ...(annotationId
          ? { changeAnnotations: { [annotationId]: { label: "Rename", description: warning, needsConfirmation: true } } }
          : {}),
      };
      if (warning && !annotationId)
        void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: warning });
      return result;
    } catch (error) {
      // A refusal is an answer the user reads (key taken, invalid); anything else is a bug to log.
      if (error instanceof RenameError) return new ResponseError(1, error.message);
      connection.console.error(`rename failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return new ResponseError(1, "Flaglens could not compute this rename; see the Flaglens output for details.");
    }
  });

  connection.languages.inlayHint.on((params) =>
    runSafe(connection, "inlayHint", [] as InlayHint[], async () => {
      await workspace.whenIdle();
      const path = runtime.uriToPath(params.textDocument.uri);
      if (!path) return [];
      return service
        .doRolloutHints(path)
        .filter((h) => h.kind !== "environment" && h.position.line >= params.range.start.line && h.position.line <= params.range.end.line)
        .map((h) => ({
          position: h.position,
          label: h.label,
          kind: InlayHintKind.Parameter,
          paddingLeft: true,
          ...(h.tooltip ? { tooltip: { kind: MarkupKind.Markdown, value: h.tooltip } } : {}),
        }));
    }),
  );
}
