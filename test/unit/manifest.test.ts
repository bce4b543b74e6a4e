import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { readSettings } from "../../server/src/settings";

// Checks the extension manifest against what VS Code and the client code expect.
// Mistakes here only show up once the extension is installed (a command that
// "is not found", a setting without a default), so they are caught here instead.

interface ConfigurationProperty {
  description?: string;
  markdownDescription?: string;
  default?: unknown;
}

interface CommandContribution {
  command: string;
  title?: string;
  category?: string;
}

interface Manifest {
  main?: string;
  engines?: { vscode?: string };
  activationEvents?: string[];
  capabilities?: {
    untrustedWorkspaces?: { supported?: boolean | string; restrictedConfigurations?: string[] };
  };
  contributes?: {
    configuration?: { title?: string; properties?: Record<string, ConfigurationProperty> };
    commands?: CommandContribution[];
    walkthroughs?: {
      id: string;
      title: string;
      steps: { id: string; title: string; description: string; completionEvents?: string[] }[];
    }[];
    yamlValidation?: unknown;
    viewsContainers?: Record<string, { id: string; icon: string }[]>;
    views?: Record<string, { id: string; icon?: string }[]>;
    menus?: Record<string, { command: string; when?: string }[]>;
  };
}

const root = process.cwd();
const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as Manifest;
const properties = manifest.contributes?.configuration?.properties ?? {};
const commands = manifest.contributes?.commands ?? [];

/** Command ids passed as string literals to `registerCommand` in the client sources. */
function registeredCommands(): string[] {
  const dir = path.join(root, "client", "src");
  const ids: string[] = [];
  for (const file of fs.readdirSync(dir, { recursive: true, encoding: "utf8" })) {
    if (!file.endsWith(".ts")) continue;
    const source = fs.readFileSync(path.join(dir, file), "utf8");
    for (const match of source.matchAll(/registerCommand\(\s*["'`]([^"'`]+)["'`]/g)) ids.push(match[1]);
  }
  return ids;
}

/**
 * The settings paths (`code.functions`) that the server's settings reader reads: it is given a
 * section that records every property read, each read giving another such recorder.
 */
function settingsReadByServer(): Set<string> {
  const paths = new Set<string>();
  const recorder = (prefix: string): object =>
    new Proxy(
      {},
      {
        get(target, key) {
          // Conversions (toString, toJSON) are not settings.
          if (typeof key !== "string" || key in Object.prototype || key === "toJSON" || key === "then") return Reflect.get(target, key);
          const p = prefix ? `${prefix}.${key}` : key;
          paths.add(p);
          return recorder(p);
        },
      },
    );
  readSettings(recorder(""));
  return paths;
}

/** Whether a `^x.y.z` or `>=x.y.z` range (the forms VS Code accepts) admits `major.minor`. */
function rangeAllows(range: string, major: number, minor: number): boolean {
  const match = /^(\^|>=)\s*(\d+)\.(\d+)\.(\d+)$/.exec(range.trim());
  assert.ok(match, `unsupported engines.vscode range "${range}"`);
  const [, operator, wantedMajor, wantedMinor] = match;
  const atLeast = major > Number(wantedMajor) || (major === Number(wantedMajor) && minor >= Number(wantedMinor));
  return operator === ">=" ? atLeast : atLeast && major === Number(wantedMajor);
}

describe("package.json manifest", () => {
  it("points main at the bundled client", () => {
    assert.equal(manifest.main, "./dist/extension.js");
  });

  it("allows VS Code 1.100", () => {
    const range = manifest.engines?.vscode;
    assert.ok(range, "engines.vscode is missing");
    assert.ok(rangeAllows(range, 1, 100), `engines.vscode "${range}" excludes 1.100`);
  });

  it("activates in workspaces holding a Featurevisor project", () => {
    assert.ok(manifest.activationEvents?.includes("workspaceContains:**/featurevisor.config.js"));
  });

  it("supports untrusted workspaces in limited mode", () => {
    assert.equal(manifest.capabilities?.untrustedWorkspaces?.supported, "limited");
  });

  it("restricts only settings it declares", () => {
    const restricted = manifest.capabilities?.untrustedWorkspaces?.restrictedConfigurations ?? [];
    assert.ok(restricted.includes("flaglens.config.execute"), "flaglens.config.execute must be restricted");
    for (const key of restricted) assert.ok(key in properties, `restricted setting ${key} is not declared`);
  });

  it("declares settings with a description and a default", () => {
    assert.equal(manifest.contributes?.configuration?.title, "Flaglens");
    assert.ok(Object.keys(properties).length > 0, "no settings declared");
    for (const [key, property] of Object.entries(properties)) {
      assert.ok(key.startsWith("flaglens."), `${key} is not in the flaglens section`);
      assert.ok(property.description || property.markdownDescription, `${key} has no description`);
      assert.ok("default" in property, `${key} has no default`);
    }
  });

  it("declares every setting the server reads, and the server reads every declared setting but the client's own", () => {
    const read = settingsReadByServer();
    // Guards the recorder itself: it must see nested reads.
    for (const p of ["severity", "config.execute", "code.functions", "stale.days"]) assert.ok(read.has(p), `the recorder missed ${p}`);
    const declared = Object.keys(properties).map((key) => key.replace(/^flaglens\./, ""));
    for (const p of read) {
      // A section read on the way to its settings (`code` for `code.functions`) is no setting itself.
      const isSection = declared.some((d) => d.startsWith(p + "."));
      assert.ok(declared.includes(p) || isSection, `the server reads flaglens.${p}, which package.json does not declare`);
    }
    const clientOnly = ["trace.server"];
    for (const d of declared)
      if (!clientOnly.includes(d)) assert.ok(read.has(d), `package.json declares flaglens.${d}, which the server never reads`);
  });

  for (const file of ["README.md", "EXTENSION.md"]) {
    it(`documents every setting in ${file}`, () => {
      const readme = fs.readFileSync(path.join(root, file), "utf8");
      for (const key of Object.keys(properties)) assert.ok(readme.includes("`" + key + "`"), `${file} does not mention ${key}`);
    });
  }

  it("lists every command of the command palette in the extension's README (EXTENSION.md)", () => {
    const readme = fs.readFileSync(path.join(root, "EXTENSION.md"), "utf8");
    const palette = manifest.contributes?.menus?.commandPalette ?? [];
    const hidden = new Set(palette.filter((m) => m.when === "false").map((m) => m.command));
    for (const command of commands.filter((c) => !hidden.has(c.command)))
      assert.ok(readme.includes(`_Flaglens: ${command.title}_`), `EXTENSION.md does not list ${command.title}`);
  });

  it("has a Getting Started walkthrough whose links and completion events name declared Flaglens commands", () => {
    const walkthroughs = manifest.contributes?.walkthroughs ?? [];
    assert.equal(walkthroughs.length, 1);
    const steps = walkthroughs[0].steps;
    assert.ok(steps.length >= 3 && steps.length <= 5, `${steps.length} steps`);
    assert.equal(new Set(steps.map((s) => s.id)).size, steps.length, "step ids are unique");
    const declared = new Set(commands.map((c) => c.command));
    for (const step of steps) {
      assert.match(step.description, /\]\(command:/, `step ${step.id} has no button`);
      const named = [
        ...[...step.description.matchAll(/\(command:(flaglens\.[\w.]+)/g)].map((m) => m[1]),
        ...(step.completionEvents ?? []).flatMap((e) => (/^onCommand:(flaglens\..+)$/.exec(e) ?? []).slice(1)),
      ];
      for (const command of named) assert.ok(declared.has(command), `step ${step.id} names ${command}, which is not declared`);
    }
  });

  it("declares commands with a title in the Flaglens category", () => {
    assert.ok(commands.length > 0, "no commands declared");
    for (const command of commands) {
      assert.ok(command.title, `${command.command} has no title`);
      assert.equal(command.category, "Flaglens", `${command.command} is not in the Flaglens category`);
    }
  });

  it("declares exactly the commands the client registers", () => {
    const registered = registeredCommands();
    // Guards the grep itself: command ids must stay literals for this check to see them.
    assert.ok(registered.length > 0, 'found no registerCommand("...") in client/src');
    const declared = commands.map((command) => command.command);
    for (const id of registered) assert.ok(declared.includes(id), `${id} is registered but not declared`);
    for (const id of declared) assert.ok(registered.includes(id), `${id} is declared but never registered`);
  });

  it("puts the Flags and Rollout Changes views in a container of their own, with icons that exist, and menus of declared commands", () => {
    const containers = manifest.contributes?.viewsContainers?.activitybar ?? [];
    assert.deepEqual(
      containers.map((c) => c.id),
      ["flaglens"],
    );
    const views = manifest.contributes?.views?.flaglens ?? [];
    assert.deepEqual(
      views.map((v) => v.id),
      ["flaglens.flags", "flaglens.rolloutChanges"],
    );
    for (const icon of [...containers.map((c) => c.icon), ...views.flatMap((v) => v.icon ?? [])])
      assert.ok(fs.existsSync(path.join(root, icon)), `${icon} is missing`);
    const declared = new Set(commands.map((command) => command.command));
    for (const [menu, items] of Object.entries(manifest.contributes?.menus ?? {}))
      for (const item of items) assert.ok(declared.has(item.command), `${menu}: ${item.command} is not declared`);
  });

  it("leaves YAML validation to the language server", () => {
    assert.equal(manifest.contributes?.yamlValidation, undefined);
  });
});
