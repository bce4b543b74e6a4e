// Commands over the Flags view's tree and the palette's Flaglens commands, each a thin layer over
// what the server already answers: the tree, a feature's usages, the remove-flag edit.
import * as vscode from "vscode";
import { FeatureUsagesRequest, RemoveFlagEditRequest, type FlagsFeature, type RemoveFlagEditParams } from "../../server/src/protocol";
import type { FlagsNode, FlagsView } from "./flagsView";
import type { ServerController } from "./server";

interface WireLocation {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

const toLocation = (l: WireLocation) =>
  new vscode.Location(
    vscode.Uri.parse(l.uri),
    new vscode.Range(l.range.start.line, l.range.start.character, l.range.end.line, l.range.end.character),
  );

/** Registers the commands; returns their disposables. */
export function registerFlagCommands(server: ServerController, view: FlagsView): vscode.Disposable[] {
  /** Every feature of the tree, with the project it belongs to. */
  const allFeatures = async (): Promise<FlagsFeature[]> => (await view.current())?.projects.flatMap((p) => p.features) ?? [];

  /** The feature a command is about: a view item, a key (palette arguments, tests), or one picked. */
  const featureOf = async (arg: unknown, title: string, filter: (f: FlagsFeature) => boolean = () => true) => {
    if (isNode(arg) && arg.type === "feature") return arg.feature;
    const features = (await allFeatures()).filter(filter);
    if (typeof arg === "string") {
      const found = features.find((f) => f.key === arg);
      if (!found) void vscode.window.showWarningMessage(`Flaglens: no feature "${arg}" in the workspace.`);
      return found;
    }
    const picked = await vscode.window.showQuickPick(
      features.map((f) => ({
        label: f.key,
        description: [statusWord(f), ...f.tags.map((t) => `#${t}`)].join(" · "),
        detail: f.description,
        feature: f,
      })),
      { title, placeHolder: features.length ? "A feature" : "No features in the workspace", matchOnDescription: true, matchOnDetail: true },
    );
    return picked?.feature;
  };

  const open = async (file: string) => {
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: false });
    return editor.document.uri;
  };

  const usages = async (feature: string) =>
    ((await server.request<WireLocation[]>(FeatureUsagesRequest, { feature })) ?? []).map(toLocation);

  return [
    vscode.commands.registerCommand("flaglens.flags.refresh", () => view.refresh()),
    vscode.commands.registerCommand("flaglens.flags.filter", async (text?: string) => {
      const value =
        typeof text === "string"
          ? text
          : await vscode.window.showInputBox({
              title: "Filter flags",
              prompt: "Text in a feature's key or description (empty: no text filter)",
              value: view.filter.text ?? "",
            });
      if (value === undefined) return;
      view.setFilter({ ...view.filter, text: value.trim() === "" ? undefined : value.trim() });
    }),
    vscode.commands.registerCommand("flaglens.flags.filterByTag", async (tag?: string) => {
      let value: string | undefined = tag;
      if (typeof value !== "string") {
        const tags = await view.tags();
        const picked = await vscode.window.showQuickPick(
          [{ label: "$(close) Any tag", tag: undefined as string | undefined }, ...tags.map((t) => ({ label: `#${t}`, tag: t }))],
          { title: "Show the features with a tag", placeHolder: tags.length ? "A tag" : "No feature has a tag" },
        );
        if (!picked) return;
        value = picked.tag;
      }
      // "" (from a caller): any tag.
      view.setFilter({ ...view.filter, tag: value === "" ? undefined : value });
    }),
    vscode.commands.registerCommand("flaglens.flags.clearFilter", () => view.setFilter({})),

    vscode.commands.registerCommand("flaglens.flags.previewRollout", async (arg?: unknown) => {
      const feature = await featureOf(arg, "Preview the rollout of a feature");
      if (!feature) return;
      // The feature file shows each environment's rollout (code lenses and hints); then pick a user to preview as.
      await open(feature.file);
      await vscode.commands.executeCommand("flaglens.previewAsUser");
    }),

    vscode.commands.registerCommand("flaglens.flags.findUsages", async (arg?: unknown) => {
      const feature = await featureOf(arg, "Find the usages of a feature in code");
      if (!feature) return;
      const locations = await usages(feature.key);
      if (locations.length === 0) {
        void vscode.window.showInformationMessage(`Flaglens: "${feature.key}" is not used in the scanned code.`);
        return;
      }
      await vscode.commands.executeCommand(
        "editor.action.showReferences",
        vscode.Uri.file(feature.file),
        new vscode.Position(0, 0),
        locations,
      );
    }),

    vscode.commands.registerCommand("flaglens.removeFlag", async (arg?: unknown, keepArg?: unknown) => {
      const feature = await featureOf(arg, "Remove a flag from the code");
      if (!feature) return false;
      let keep: RemoveFlagEditParams["keep"] | undefined = keepArg === "enabled" || keepArg === "disabled" ? keepArg : undefined;
      if (!keep) {
        const picked = await vscode.window.showQuickPick(
          [
            { label: "Keep the enabled behaviour", description: "the flag's checks become true", keep: "enabled" as const },
            { label: "Keep the disabled behaviour", description: "the flag's checks become false", keep: "disabled" as const },
          ],
          { title: `Remove flag "${feature.key}": which behaviour stays?` },
        );
        if (!picked) return false;
        keep = picked.keep;
      }
      const edit = await server.requestWorkspaceEdit(RemoveFlagEditRequest, { feature: feature.key, keep } satisfies RemoveFlagEditParams);
      if (!edit || edit.size === 0) {
        void vscode.window.showInformationMessage(`Flaglens: nothing to remove for "${feature.key}": it is not used in the scanned code.`);
        return false;
      }
      // The edit asks for confirmation: VS Code shows its refactor preview first; the result is undoable.
      return vscode.workspace.applyEdit(edit, { isRefactoring: true });
    }),

    vscode.commands.registerCommand("flaglens.lintProject", async () => {
      // The server lints every flag file of every project as it loads and as files change: its
      // findings are in the Problems panel already.
      view.refresh();
      await vscode.commands.executeCommand("workbench.actions.view.problems");
    }),

    vscode.commands.registerCommand("flaglens.showStaleFlags", async (arg?: unknown) => {
      const tree = await view.current();
      const features = tree?.projects.flatMap((p) => p.features) ?? [];
      const stale = features.filter(
        (f) =>
          f.status === "stale" ||
          ((f.status === "archived" || f.status === "deprecated") && (f.usages ?? 0) > 0) ||
          (f.usages === 0 && f.status !== "archived"),
      );
      let feature: FlagsFeature | undefined;
      if (typeof arg === "string") feature = stale.find((f) => f.key === arg);
      else {
        const picked = await vscode.window.showQuickPick(
          stale.map((f) => ({
            label: f.key,
            description: f.usages === 0 ? "unused in code" : statusWord(f),
            detail: f.usages === 0 && f.status !== "stale" ? "Defined, but never referenced in code." : f.reason,
            feature: f,
          })),
          {
            title: "Stale flags",
            placeHolder: stale.length
              ? "Open a flag's first usage in code (or its file when unused)"
              : tree?.codeScanned === false
                ? "The code is not scanned yet"
                : "No stale flags",
            matchOnDetail: true,
          },
        );
        feature = picked?.feature;
      }
      if (!feature) return undefined;
      const [first] = await usages(feature.key);
      if (!first) return open(feature.file);
      const editor = await vscode.window.showTextDocument(first.uri, { selection: first.range, preview: false });
      return editor.document.uri;
    }),

    vscode.commands.registerCommand("flaglens.goToFeature", async (arg?: unknown) => {
      const feature = await featureOf(arg, "Go to a feature");
      return feature ? open(feature.file) : undefined;
    }),
  ];
}

function statusWord(f: FlagsFeature): string {
  return { "in-rollout": "in rollout", "fully-on": "fully on", off: "off", stale: "stale", deprecated: "deprecated", archived: "archived" }[
    f.status
  ];
}

function isNode(arg: unknown): arg is FlagsNode {
  return typeof arg === "object" && arg !== null && "type" in arg;
}
