import * as vscode from "vscode";
import { registerFlagCommands } from "./flagCommands";
import { FlagsView } from "./flagsView";
import { PreviewController } from "./preview";
import { pickBase, RolloutChangesView } from "./rolloutChangesView";
import { RolloutPanel } from "./rolloutPanel";
import { ServerController } from "./server";
import { StatusBar } from "./statusBar";
import { SpecTests } from "./tests";

let controller: ServerController | undefined;

/**
 * Starts the Flaglens language server for the workspace and wires up the
 * status bar item and the commands.
 */
export function activate(context: vscode.ExtensionContext): FlaglensApi {
  const output = vscode.window.createOutputChannel("Flaglens", { log: true });
  const status = new StatusBar();
  const server = new ServerController(context, output, status);
  controller = server;
  // Before the server starts: it registers for the server's test results.
  const tests = new SpecTests(server);
  const flagsView = new FlagsView(server);
  // Before the server starts too: it registers for the server's preview notifications.
  const preview = new PreviewController(server);
  const rolloutPanel = new RolloutPanel(context, server);
  const rolloutChanges = new RolloutChangesView(server, context.workspaceState);
  context.subscriptions.push(
    tests,
    output,
    status,
    server,
    vscode.commands.registerCommand("flaglens.restartServer", () => server.restart()),
    vscode.commands.registerCommand("flaglens.showOutput", () => output.show()),
    vscode.commands.registerCommand("flaglens.showReferences", showReferences),
    preview,
    // The server only executes featurevisor.config.js in trusted workspaces and
    // learns the trust state when it initialises, so it must start over.
    vscode.workspace.onDidGrantWorkspaceTrust(() => server.restart()),
    flagsView,
    rolloutPanel,
    rolloutChanges,
    vscode.commands.registerCommand("flaglens.compareRollouts", () => pickBase(rolloutChanges)),
    vscode.commands.registerCommand("flaglens.rolloutChanges.refresh", () => rolloutChanges.refresh()),
    ...registerFlagCommands(server, flagsView),
  );
  void server.start();
  return { tests, flagsView, preview, rolloutPanel, rolloutChanges };
}

/**
 * What the extension exports, for the e2e tests: the Test Explorer's items and outcomes, the Flags view's
 * provider, the preview as a user, the rollout panel, the Rollout Changes view's provider.
 */
export interface FlaglensApi {
  tests: SpecTests;
  flagsView: FlagsView;
  preview: PreviewController;
  rolloutPanel: RolloutPanel;
  rolloutChanges: RolloutChangesView;
}

interface WireRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** Opens the references view for a code lens of the server ("used by N features"). */
function showReferences(uri: string, position: WireRange["start"], locations: { uri: string; range: WireRange }[]): Thenable<unknown> {
  const range = (r: WireRange) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
  return vscode.commands.executeCommand(
    "editor.action.showReferences",
    vscode.Uri.parse(uri),
    new vscode.Position(position.line, position.character),
    locations.map((l) => new vscode.Location(vscode.Uri.parse(l.uri), range(l.range))),
  );
}

/** Stops the language server; VS Code waits for the returned promise. */
export function deactivate(): Promise<void> | undefined {
  const server = controller;
  controller = undefined;
  return server?.stop();
}
