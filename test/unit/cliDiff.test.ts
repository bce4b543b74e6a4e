// `flaglens diff`, run as users run it (the bundled dist/cli.js; build first) on git repositories made
// here: a commit before, a commit (or the working tree) after, and the exact JSON expected.

import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { git, GIT_ENV } from "../support/git";
import { requireTool } from "../support/skip";

const CLI = path.resolve(process.cwd(), "dist/cli.js");

type Files = Record<string, string | null>;

function write(dir: string, files: Files): void {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    if (content === null) fs.rmSync(file, { force: true });
    else {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    }
  }
}

function run(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, "diff", ...args], { cwd, env: { ...GIT_ENV, NO_COLOR: "1" } }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const V2_BASE: Files = {
  "featurevisor.config.js": `module.exports = { environments: ["staging", "production"], tags: ["all"] };\n`,
  "attributes/userId.yml": "description: User\ntype: string\n",
  "attributes/deviceId.yml": "description: Device\ntype: string\n",
  "attributes/country.yml": "description: Country\ntype: string\n",
  "segments/nl.yml": "description: NL\nconditions:\n  - attribute: country\n    operator: equals\n    value: nl\n",
  "segments/beta.yml": "description: Beta\nconditions:\n  - attribute: country\n    operator: in\n    value: [nl, be]\n",
  "segments/qa.yml": "description: QA\nconditions:\n  - attribute: userId\n    operator: startsWith\n    value: qa-\n",
};

/** A v2 feature: staging and production rules as YAML list items (indented under the environment). */
function v2(o: { staging?: string; production?: string; force?: string; head?: string; bucketBy?: string }): string {
  const everyone = (p: number) => `    - key: everyone\n      segments: "*"\n      percentage: ${p}\n`;
  return (
    `description: Feature\ntags: [all]\nbucketBy: ${o.bucketBy ?? "userId"}\n${o.head ?? ""}` +
    `rules:\n  staging:\n${o.staging ?? everyone(100)}  production:\n${o.production ?? everyone(100)}` +
    (o.force ? `force:\n  production:\n${o.force}` : "")
  );
}
const everyone = (p: number) => `    - key: everyone\n      segments: "*"\n      percentage: ${p}\n`;
const SPLIT = (a: number, b: number) => `variations:\n  - value: control\n    weight: ${a}\n  - value: treatment\n    weight: ${b}\n`;

describe("flaglens diff", function () {
  this.timeout(30000);
  const temp: string[] = [];
  before(function () {
    requireTool(this, "git", "apt-get install git");
  });
  after(() => temp.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  /** A repository with `before` committed on main, then `after` written (and committed unless `worktree`). */
  function repo(beforeFiles: Files, afterFiles: Files, worktree = false): string {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-diff-")));
    temp.push(dir);
    git(dir, "init", "-q", "-b", "main");
    write(dir, beforeFiles);
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "before");
    write(dir, afterFiles);
    if (!worktree) {
      git(dir, "add", "-A");
      git(dir, "commit", "-qm", "after", "--allow-empty");
    }
    return dir;
  }

  async function diffJson(dir: string, args: string[] = ["HEAD~1", "HEAD"]): Promise<unknown> {
    const r = await run(dir, [...args, "--format", "json"]);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout);
  }

  async function expectDiff(dir: string, expected: unknown, args?: string[]): Promise<void> {
    const actual = await diffJson(dir, args);
    assert.deepEqual(actual, expected);
  }

  it("a percentage change: 5% to 50% of everyone in production is 45 points, an exposure jump", async () => {
    const dir = repo(
      { ...V2_BASE, "features/checkout.yml": v2({ staging: everyone(50), production: everyone(5) }) },
      { "features/checkout.yml": v2({ staging: everyone(50), production: everyone(50) }) },
    );
    await expectDiff(dir, {
      base: "HEAD~1",
      head: "HEAD",
      changes: [
        {
          feature: "checkout",
          environment: "production",
          set: null,
          target: null,
          cause: { kind: "feature", key: "checkout" },
          before: "5% of everyone",
          after: "50% of everyone",
          rules: [{ rule: "everyone", segments: "everyone", percentageBefore: 5, percentageAfter: 50, changedShare: 45 }],
          contextsChanged: null,
        },
      ],
      risks: [
        {
          code: "exposure-jump",
          severity: "warning",
          feature: "checkout",
          environment: "production",
          message: '"checkout" in production: rule "everyone" (everyone) rises by 45 points, more than 25',
        },
      ],
    });
  });

  it("a weight change re-assigns 30 points of the users to another variation", async () => {
    const dir = repo(
      { ...V2_BASE, "features/checkout.yml": v2({ head: SPLIT(50, 50) }) },
      { "features/checkout.yml": v2({ head: SPLIT(80, 20) }) },
    );
    await expectDiff(dir, {
      base: "HEAD~1",
      head: "HEAD",
      changes: [
        {
          feature: "checkout",
          environment: "staging",
          set: null,
          target: null,
          cause: { kind: "feature", key: "checkout" },
          before: "everyone; variations control 50% / treatment 50%",
          after: "everyone; variations control 80% / treatment 20%",
          rules: [{ rule: "everyone", segments: "everyone", percentageBefore: 100, percentageAfter: 100, changedShare: 30 }],
          contextsChanged: null,
        },
        {
          feature: "checkout",
          environment: "production",
          set: null,
          target: null,
          cause: { kind: "feature", key: "checkout" },
          before: "everyone; variations control 50% / treatment 50%",
          after: "everyone; variations control 80% / treatment 20%",
          rules: [{ rule: "everyone", segments: "everyone", percentageBefore: 100, percentageAfter: 100, changedShare: 30 }],
          contextsChanged: null,
        },
      ],
      risks: [
        {
          code: "rebucketing",
          severity: "warning",
          feature: "checkout",
          environment: "staging",
          message: '"checkout" in staging: variation weights change for rule "everyone"; 30 points of its users change their answer',
        },
        {
          code: "rebucketing",
          severity: "warning",
          feature: "checkout",
          environment: "production",
          message: '"checkout" in production: variation weights change for rule "everyone"; 30 points of its users change their answer',
        },
        {
          code: "environment-skipped",
          severity: "info",
          feature: "checkout",
          environment: "production",
          message:
            '"checkout" changes in production to a rollout staging did not have before this change (everyone; variations control 80% / treatment 20%)',
        },
      ],
    });
  });

  it("a segment change reaches the three features that use it", async () => {
    const beta = `    - key: beta\n      segments: beta\n      percentage: 100\n`;
    const dir = repo(
      {
        ...V2_BASE,
        "features/a.yml": v2({ production: beta }),
        "features/b.yml": v2({ production: beta }),
        "features/c.yml": v2({ production: beta }),
        "features/d.yml": v2({}),
      },
      { "segments/beta.yml": "description: Beta\nconditions:\n  - attribute: country\n    operator: in\n    value: [nl, be, lu]\n" },
    );
    await expectDiff(
      dir,
      {
        base: "HEAD~1",
        head: "HEAD",
        changes: [
          {
            feature: "a",
            environment: "production",
            set: null,
            target: null,
            cause: { kind: "segment", key: "beta" },
            before: "beta",
            after: "beta",
            rules: [{ rule: "beta", segments: "beta", percentageBefore: 100, percentageAfter: 100, changedShare: null }],
            contextsChanged: null,
          },
          {
            feature: "b",
            environment: "production",
            set: null,
            target: null,
            cause: { kind: "segment", key: "beta" },
            before: "beta",
            after: "beta",
            rules: [{ rule: "beta", segments: "beta", percentageBefore: 100, percentageAfter: 100, changedShare: null }],
            contextsChanged: null,
          },
          {
            feature: "c",
            environment: "production",
            set: null,
            target: null,
            cause: { kind: "segment", key: "beta" },
            before: "beta",
            after: "beta",
            rules: [{ rule: "beta", segments: "beta", percentageBefore: 100, percentageAfter: 100, changedShare: null }],
            contextsChanged: null,
          },
        ],
        risks: [
          {
            code: "segment-blast-radius",
            severity: "warning",
            feature: null,
            environment: null,
            message: 'segment "beta" changes, and with it 3 features (more than 2): a, b, c',
          },
        ],
      },
      ["HEAD~1", "HEAD", "--blast-radius", "2"],
    );
  });

  it("a bucketBy change re-buckets the users of a partial rollout", async () => {
    const dir = repo(
      { ...V2_BASE, "features/checkout.yml": v2({ production: everyone(50) }) },
      { "features/checkout.yml": v2({ production: everyone(50), bucketBy: "deviceId" }) },
    );
    await expectDiff(dir, {
      base: "HEAD~1",
      head: "HEAD",
      changes: [
        {
          feature: "checkout",
          environment: "production",
          set: null,
          target: null,
          cause: { kind: "feature", key: "checkout" },
          before: '50% of everyone; bucketBy "userId"',
          after: '50% of everyone; bucketBy "deviceId"',
          rules: [{ rule: "everyone", segments: "everyone", percentageBefore: 50, percentageAfter: 50, changedShare: 50 }],
          contextsChanged: null,
        },
      ],
      risks: [
        {
          code: "rebucketing",
          severity: "warning",
          feature: "checkout",
          environment: "production",
          message: '"checkout" in production: bucketBy changes from "userId" to "deviceId", so every user gets a new bucket',
        },
        {
          code: "environment-skipped",
          severity: "info",
          feature: "checkout",
          environment: "production",
          message:
            '"checkout" changes in production to a rollout staging did not have before this change (50% of everyone; bucketBy "deviceId")',
        },
      ],
    });
  });

  it("a removed force entry", async () => {
    const force = `    - segments: qa\n      enabled: true\n`;
    const dir = repo(
      { ...V2_BASE, "features/checkout.yml": v2({ production: everyone(10), force }) },
      { "features/checkout.yml": v2({ production: everyone(10) }) },
    );
    await expectDiff(dir, {
      base: "HEAD~1",
      head: "HEAD",
      changes: [
        {
          feature: "checkout",
          environment: "production",
          set: null,
          target: null,
          cause: { kind: "force", key: "checkout" },
          before: "10% of everyone; forced: qa → on",
          after: "10% of everyone",
          rules: [],
          contextsChanged: null,
        },
      ],
      risks: [
        {
          code: "force-removed",
          severity: "info",
          feature: "checkout",
          environment: "production",
          message: '"checkout" in production: force #1 (segments qa) is removed; whoever it forced gets the rules\' answer now',
        },
      ],
    });
  });

  it("a kill switch: production from 100% to 0%", async () => {
    const dir = repo({ ...V2_BASE, "features/checkout.yml": v2({}) }, { "features/checkout.yml": v2({ production: everyone(0) }) });
    await expectDiff(dir, {
      base: "HEAD~1",
      head: "HEAD",
      changes: [
        {
          feature: "checkout",
          environment: "production",
          set: null,
          target: null,
          cause: { kind: "feature", key: "checkout" },
          before: "everyone",
          after: "nobody",
          rules: [{ rule: "everyone", segments: "everyone", percentageBefore: 100, percentageAfter: 0, changedShare: 100 }],
          contextsChanged: null,
        },
      ],
      risks: [
        {
          code: "kill-switch",
          severity: "warning",
          feature: "checkout",
          environment: "production",
          message: '"checkout" is turned off in production: it was on for some users (everyone)',
        },
      ],
    });
  });

  it("an environment added (qa) and one removed (staging)", async () => {
    const dir = repo(
      { ...V2_BASE, "features/checkout.yml": v2({}) },
      {
        "featurevisor.config.js": `module.exports = { environments: ["production", "qa"], tags: ["all"] };\n`,
        "features/checkout.yml": `description: Feature\ntags: [all]\nbucketBy: userId\nrules:\n  production:\n${everyone(100)}  qa:\n${everyone(30)}`,
      },
    );
    await expectDiff(dir, {
      base: "HEAD~1",
      head: "HEAD",
      changes: [
        {
          feature: "checkout",
          environment: "qa",
          set: null,
          target: null,
          cause: { kind: "feature", key: "checkout" },
          before: 'no environment "qa" yet',
          after: "30% of everyone",
          rules: [{ rule: "everyone", segments: "everyone", percentageBefore: null, percentageAfter: 30, changedShare: null }],
          contextsChanged: null,
        },
        {
          feature: "checkout",
          environment: "staging",
          set: null,
          target: null,
          cause: { kind: "feature", key: "checkout" },
          before: "everyone",
          after: 'no environment "staging" any more',
          rules: [{ rule: "everyone", segments: "everyone", percentageBefore: 100, percentageAfter: null, changedShare: null }],
          contextsChanged: null,
        },
      ],
      risks: [],
    });
  });

  it("a renamed feature: its users get new buckets", async () => {
    const dir = repo(
      { ...V2_BASE, "features/checkout.yml": v2({ production: everyone(40) }) },
      { "features/checkout.yml": null, "features/payment.yml": v2({ production: everyone(40) }) },
    );
    await expectDiff(dir, {
      base: "HEAD~1",
      head: "HEAD",
      changes: [
        {
          feature: "payment",
          environment: "staging",
          set: null,
          target: null,
          cause: { kind: "feature", key: "payment" },
          before: 'as "checkout": everyone',
          after: "everyone",
          rules: [],
          contextsChanged: null,
        },
        {
          feature: "payment",
          environment: "production",
          set: null,
          target: null,
          cause: { kind: "feature", key: "payment" },
          before: 'as "checkout": 40% of everyone',
          after: "40% of everyone",
          rules: [{ rule: "everyone", segments: "everyone", percentageBefore: 40, percentageAfter: 40, changedShare: 48 }],
          contextsChanged: null,
        },
      ],
      risks: [
        {
          code: "rebucketing",
          severity: "warning",
          feature: "payment",
          environment: "production",
          message:
            '"checkout" is renamed "payment" in production: its key is part of the bucket key, so users partly rolled out get new buckets',
        },
      ],
    });
  });

  it("a feature archived while code still uses it; --fail-on error exits 1", async () => {
    const dir = repo(
      { ...V2_BASE, "features/legacy.yml": v2({}), "src/app.ts": `if (sdk.isEnabled("legacy")) run();\n` },
      { "features/legacy.yml": `archived: true\n${v2({})}` },
    );
    await expectDiff(dir, {
      base: "HEAD~1",
      head: "HEAD",
      changes: [
        {
          feature: "legacy",
          environment: "staging",
          set: null,
          target: null,
          cause: { kind: "feature", key: "legacy" },
          before: "everyone",
          after: 'not in the datafile: feature "legacy" is archived',
          rules: [{ rule: "everyone", segments: "everyone", percentageBefore: 100, percentageAfter: null, changedShare: null }],
          contextsChanged: null,
        },
        {
          feature: "legacy",
          environment: "production",
          set: null,
          target: null,
          cause: { kind: "feature", key: "legacy" },
          before: "everyone",
          after: 'not in the datafile: feature "legacy" is archived',
          rules: [{ rule: "everyone", segments: "everyone", percentageBefore: 100, percentageAfter: null, changedShare: null }],
          contextsChanged: null,
        },
      ],
      risks: [
        {
          code: "archived-in-use",
          severity: "error",
          feature: "legacy",
          environment: null,
          message: '"legacy" is archived while application code still uses it; SDKs will answer disabled',
        },
      ],
    });
    const failing = await run(dir, ["HEAD~1", "HEAD", "--format", "json", "--fail-on", "error"]);
    assert.equal(failing.code, 1, failing.stderr);
    const off = await run(dir, ["HEAD~1", "HEAD", "--fail-on", "error", "--severity", "archived-in-use=off"]);
    assert.equal(off.code, 0, off.stderr);
  });

  it("archived-in-use between two revisions reads HEAD's code, not the working tree's", async () => {
    const inUse = async (dir: string, args: string[]) => {
      const r = await run(dir, [...args, "--format", "json"]);
      assert.equal(r.code, 0, r.stderr);
      return (JSON.parse(r.stdout) as { risks: { code: string; feature: string }[] }).risks
        .filter((x) => x.code === "archived-in-use")
        .map((x) => x.feature);
    };
    // HEAD's code uses legacy through a constant declared in another file; the working tree has dropped the call.
    const used = repo(
      {
        ...V2_BASE,
        "features/legacy.yml": v2({}),
        "src/flags.ts": `export const LEGACY = "legacy";\n`,
        "src/app.ts": `import { LEGACY } from "./flags";\nif (sdk.isEnabled(LEGACY)) run();\n`,
      },
      { "features/legacy.yml": `archived: true\n${v2({})}` },
    );
    fs.writeFileSync(path.join(used, "src/app.ts"), "run();\n");
    assert.deepEqual(await inUse(used, ["HEAD~1", "HEAD"]), ["legacy"]);
    // Against the working tree, the working tree's code counts: nothing uses it there.
    assert.deepEqual(await inUse(used, ["HEAD~1"]), []);
    // HEAD's code does not use it; an uncommitted call in the working tree does not count for HEAD.
    const unused = repo(
      { ...V2_BASE, "features/legacy.yml": v2({}), "src/app.ts": "run();\n" },
      { "features/legacy.yml": `archived: true\n${v2({})}` },
    );
    fs.writeFileSync(path.join(unused, "src/app.ts"), `if (sdk.isEnabled("legacy")) run();\n`);
    assert.deepEqual(await inUse(unused, ["HEAD~1", "HEAD"]), []);
    assert.deepEqual(await inUse(unused, ["HEAD~1"]), ["legacy"]);
  });

  it("environment-skipped: production beyond what staging reached, not a ramp behind it", async () => {
    const v1 = (staging: number, production: number) =>
      `description: Feature\ntags: [all]\nbucketBy: userId\nenvironments:\n  staging:\n    rules:\n      - key: everyone\n        segments: "*"\n        percentage: ${staging}\n` +
      `  production:\n    rules:\n      - key: everyone\n        segments: "*"\n        percentage: ${production}\n`;
    const files = {
      "featurevisor.config.js": `module.exports = { environments: ["staging", "production"], tags: ["all"] };\n`,
      "attributes/userId.yml": "description: User\ntype: string\ncapture: true\n",
    };
    const risks = async (before: string, after: string) => {
      const dir = repo({ ...files, "features/checkout.yml": before }, { "features/checkout.yml": after });
      const { stdout, code, stderr } = await run(dir, ["HEAD~1", "HEAD", "--format", "json"]);
      assert.equal(code, 0, stderr);
      return (JSON.parse(stdout) as { risks: { code: string; message: string }[] }).risks.filter((r) => r.code === "environment-skipped");
    };
    // Staging at 30%: production from 20% to 50% goes beyond it.
    assert.deepEqual(
      (await risks(v1(30, 20), v1(30, 50))).map((r) => r.message),
      ['"checkout" changes in production to a rollout staging did not have before this change (50% of everyone)'],
    );
    // From 20% to 30%: as far as staging went, not beyond. Back from 20% to 10%: a rollback.
    assert.deepEqual(await risks(v1(30, 20), v1(30, 30)), []);
    assert.deepEqual(await risks(v1(30, 20), v1(30, 10)), []);
  });

  it("a v1 project: a percentage change", async () => {
    const v1 = (p: number) =>
      `description: Feature\ntags: [all]\nbucketBy: userId\nenvironments:\n  staging:\n    rules:\n      - key: everyone\n        segments: "*"\n        percentage: 100\n` +
      `  production:\n    rules:\n      - key: nl\n        segments: [nl]\n        percentage: 100\n      - key: everyone\n        segments: "*"\n        percentage: ${p}\n`;
    const dir = repo(
      {
        "featurevisor.config.js": `module.exports = { environments: ["staging", "production"], tags: ["all"] };\n`,
        "attributes/userId.yml": "description: User\ntype: string\ncapture: true\n",
        "attributes/country.yml": "description: Country\ntype: string\n",
        "segments/nl.yml": "description: NL\nconditions:\n  - attribute: country\n    operator: equals\n    value: nl\n",
        "features/checkout.yml": v1(20),
      },
      { "features/checkout.yml": v1(25) },
    );
    await expectDiff(dir, {
      base: "HEAD~1",
      head: "HEAD",
      changes: [
        {
          feature: "checkout",
          environment: "production",
          set: null,
          target: null,
          cause: { kind: "feature", key: "checkout" },
          before: "nl, 20% of everyone else",
          after: "nl, 25% of everyone else",
          rules: [{ rule: "everyone", segments: "everyone", percentageBefore: 20, percentageAfter: 25, changedShare: 5 }],
          contextsChanged: null,
        },
      ],
      risks: [],
    });
  });

  it("a v3 project with sets and targets: each change names its set and target", async () => {
    const set = (name: string, p: number) => ({
      [`sets/${name}/attributes/userId.yml`]: "description: User\ntype: string\n",
      [`sets/${name}/attributes/platform.yml`]: "description: Platform\ntype: string\n",
      [`sets/${name}/segments/web.yml`]: "description: Web\nconditions:\n  - attribute: platform\n    operator: equals\n    value: web\n",
      [`sets/${name}/targets/web.yml`]: "description: Web\ntag: web\ncontext:\n  platform: web\n",
      [`sets/${name}/features/banner.yml`]:
        `description: Banner\ntags: [web]\nbucketBy: userId\nrules:\n  production:\n    - key: web\n      segments: web\n      percentage: ${p}\n` +
        `    - key: everyone\n      segments: "*"\n      percentage: 0\n`,
    });
    const dir = repo(
      {
        "featurevisor.config.js": `module.exports = { sets: true, environments: ["production"], tags: ["web"] };\n`,
        ...set("shop", 10),
        ...set("admin", 10),
      },
      set("shop", 60),
    );
    await expectDiff(dir, {
      base: "HEAD~1",
      head: "HEAD",
      changes: [
        {
          feature: "banner",
          environment: "production",
          set: "shop",
          target: "web",
          cause: { kind: "feature", key: "banner" },
          before: "10% of web",
          after: "60% of web",
          rules: [{ rule: "web", segments: "web", percentageBefore: 10, percentageAfter: 60, changedShare: 50 }],
          contextsChanged: null,
        },
      ],
      risks: [
        {
          code: "exposure-jump",
          severity: "warning",
          feature: "banner",
          environment: "production",
          message: '"banner" in production (set "shop", target "web"): rule "web" (web) rises by 50 points, more than 25',
        },
      ],
    });
  });

  it("a group slot change and a required feature: each names its cause", async () => {
    const group = (a: number) =>
      `description: G\nslots:\n  - feature: slotted\n    percentage: ${a}\n  - feature: false\n    percentage: ${100 - a}\n`;
    const dir = repo(
      {
        ...V2_BASE,
        "groups/g.yml": group(50),
        "features/slotted.yml": v2({}),
        "features/child.yml": `description: Child\ntags: [all]\nbucketBy: userId\nrequired: [slotted]\nrules:\n  staging:\n${everyone(100)}  production:\n${everyone(100)}`,
      },
      { "groups/g.yml": group(30) },
    );
    await expectDiff(dir, {
      base: "HEAD~1",
      head: "HEAD",
      changes: [
        {
          feature: "child",
          environment: "staging",
          set: null,
          target: null,
          cause: { kind: "required", key: "slotted" },
          before: "everyone",
          after: "everyone",
          rules: [],
          contextsChanged: null,
        },
        {
          feature: "child",
          environment: "production",
          set: null,
          target: null,
          cause: { kind: "required", key: "slotted" },
          before: "everyone",
          after: "everyone",
          rules: [],
          contextsChanged: null,
        },
        {
          feature: "slotted",
          environment: "staging",
          set: null,
          target: null,
          cause: { kind: "group", key: "g" },
          before: "everyone; in a group slot of 50% of users",
          after: "everyone; in a group slot of 30% of users",
          rules: [{ rule: "everyone", segments: "everyone", percentageBefore: 100, percentageAfter: 100, changedShare: 20 }],
          contextsChanged: null,
        },
        {
          feature: "slotted",
          environment: "production",
          set: null,
          target: null,
          cause: { kind: "group", key: "g" },
          before: "everyone; in a group slot of 50% of users",
          after: "everyone; in a group slot of 30% of users",
          rules: [{ rule: "everyone", segments: "everyone", percentageBefore: 100, percentageAfter: 100, changedShare: 20 }],
          contextsChanged: null,
        },
      ],
      risks: [],
    });
  });

  it("counts the contexts whose answer changes (--contexts, else .flaglens/contexts.yml)", async () => {
    const nl = `    - key: nl\n      segments: nl\n      percentage: 100\n`;
    const dir = repo(
      { ...V2_BASE, "features/checkout.yml": v2({ production: nl }) },
      { "segments/nl.yml": "description: NL\nconditions:\n  - attribute: country\n    operator: equals\n    value: de\n" },
    );
    const contexts = ["nl", "de", "fr"].map((country) => JSON.stringify({ userId: `u-${country}`, country })).join("\n");
    fs.writeFileSync(path.join(dir, "contexts.jsonl"), contexts + "\n");
    const counted = (await diffJson(dir, ["HEAD~1", "HEAD", "--contexts", "contexts.jsonl"])) as { changes: { contextsChanged: number }[] };
    // nl loses the feature, de gets it, fr has it neither before nor after.
    assert.deepEqual(
      counted.changes.map((c) => c.contextsChanged),
      [2],
    );
    write(dir, { ".flaglens/contexts.yml": "- name: Dutch\n  context:\n    userId: u-1\n    country: nl\n" });
    const saved = (await diffJson(dir)) as { changes: { contextsChanged: number }[] };
    assert.deepEqual(
      saved.changes.map((c) => c.contextsChanged),
      [1],
    );
  });

  it("compares with the working tree by default, from the merge base with main", async () => {
    const dir = repo({ ...V2_BASE, "features/checkout.yml": v2({ production: everyone(5) }) }, {}, true);
    git(dir, "checkout", "-q", "-b", "topic");
    write(dir, { "features/checkout.yml": v2({ production: everyone(10) }) });
    git(dir, "commit", "-qam", "topic");
    write(dir, { "features/checkout.yml": v2({ production: everyone(20) }), "features/new.yml": v2({}) });
    const result = (await diffJson(dir, [])) as { base: string; head: string; changes: { feature: string; rules: unknown[] }[] };
    assert.equal(result.base, "main");
    assert.equal(result.head, "worktree");
    assert.deepEqual(
      result.changes.map((c) => [c.feature, c.rules]),
      [
        ["checkout", [{ rule: "everyone", segments: "everyone", percentageBefore: 5, percentageAfter: 20, changedShare: 15 }]],
        ["new", [{ rule: "everyone", segments: "everyone", percentageBefore: null, percentageAfter: 100, changedShare: null }]],
        ["new", [{ rule: "everyone", segments: "everyone", percentageBefore: null, percentageAfter: 100, changedShare: null }]],
      ],
    );
  });

  it("writes a pull-request comment: the summary table, then the details", async () => {
    const dir = repo(
      { ...V2_BASE, "features/checkout.yml": v2({ staging: everyone(50), production: everyone(5) }) },
      { "features/checkout.yml": v2({ staging: everyone(50), production: everyone(50) }) },
    );
    const r = await run(dir, ["HEAD~1", "HEAD", "--format", "markdown"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      `### Flaglens: rollout changes

\`HEAD~1\` → \`HEAD\`: 1 change in 1 feature, 1 risk.

| Feature | Environment | Before | After | Cause | Largest change |
| --- | --- | --- | --- | --- | --- |
| \`checkout\` | production | 5% of everyone | 50% of everyone | its file | 45 points |

#### Risks

- ⚠️ **exposure-jump** (warning): "checkout" in production: rule "everyone" (everyone) rises by 45 points, more than 25

<details><summary>Details per feature and environment</summary>

#### checkout: production

Changed by its file.

- before: 5% of everyone
- after: 50% of everyone
- rule "everyone" (everyone): 5% → 50%, 45 points of its users change

</details>
`,
    );
  });

  it("usage errors exit 2 with a clear message: not a git repository, an unknown revision, a bad option", async () => {
    const plain = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "flaglens-diff-plain-")));
    temp.push(plain);
    write(plain, { ...V2_BASE, "features/checkout.yml": v2({}) });
    const notRepo = await run(plain, ["HEAD"]);
    assert.equal(notRepo.code, 2);
    assert.match(notRepo.stderr, /is not in a git repository/);
    const dir = repo({ ...V2_BASE, "features/checkout.yml": v2({}) }, {});
    const unknown = await run(dir, ["no-such-branch"]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown revision "no-such-branch"/);
    const format = await run(dir, ["HEAD", "--format", "yaml"]);
    assert.equal(format.code, 2);
    assert.match(format.stderr, /--format must be text, markdown or json/);
    const severity = await run(dir, ["HEAD", "--severity", "kill-switch=loud"]);
    assert.equal(severity.code, 2);
  });

  it("a revision with broken YAML: a warning, the feature compared as unreadable, no crash", async () => {
    const dir = repo({ ...V2_BASE, "features/checkout.yml": v2({}) }, { "features/checkout.yml": "description: [broken\n" });
    const r = await run(dir, ["HEAD~1", "HEAD", "--format", "json"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /warning: HEAD: features\/checkout\.yml: .*compared as unreadable/);
    assert.deepEqual(
      (JSON.parse(r.stdout) as { changes: { after: string; rules: unknown[] }[] }).changes.map((c) => c.after),
      ["staging", "production"].map(
        () =>
          "cannot be read: features/checkout.yml has syntax errors (YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ])",
      ),
    );
  });
});
