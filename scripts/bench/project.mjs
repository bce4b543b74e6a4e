// Locating ../shared/bench and generating (once) the synthetic Featurevisor project.
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const GEN_ARGS = [50, 300, 3000];
const GENERATOR = "gen-featurevisor-v1.js";

/** The shared folder's bench directory, or undefined when it is absent. */
export function locateSharedBench() {
  const shared = process.env.FLAGLENS_SHARED ?? path.resolve(process.cwd(), "../shared");
  const bench = path.join(shared, "bench");
  const generator = path.join(bench, GENERATOR);
  return fs.existsSync(generator)
    ? { shared, bench, generator, readme: path.join(bench, "README.md") }
    : { shared, bench, generator: undefined };
}

/** Number of regular files below a folder. */
export function countFiles(dir) {
  let n = 0;
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop();
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) stack.push(path.join(d, e.name));
      else if (e.isFile()) n++;
    }
  }
  return n;
}

function sha1(file) {
  return createHash("sha1").update(fs.readFileSync(file)).digest("hex");
}

function generate(generator, outDir) {
  fs.mkdirSync(path.dirname(outDir), { recursive: true });
  const r = spawnSync(process.execPath, [generator, outDir, ...GEN_ARGS.map(String)], { encoding: "utf8", timeout: 300_000 });
  if (r.error || r.status !== 0) {
    throw new Error(`generator failed (${r.error?.message ?? "exit " + r.status}): ${(r.stderr ?? "").trim().slice(-500)}`);
  }
  return countFiles(outDir);
}

/**
 * Makes sure benchDir/fv holds the reference project. Reuses it when the manifest
 * (benchDir/fv.json) matches the generator and the file count is unchanged.
 * @returns {{ dir: string, files: number, generated: boolean }}
 */
export function ensureProject(generator, benchDir, log) {
  const dir = path.join(benchDir, "fv");
  const manifestPath = path.join(benchDir, "fv.json");
  const want = { generatorSha1: sha1(generator), args: GEN_ARGS };
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8"));
  } catch {
    manifest = undefined;
  }
  const exists = fs.existsSync(path.join(dir, "featurevisor.config.js"));
  const current = exists ? countFiles(dir) : -1;
  const sameRecipe =
    manifest && manifest.generatorSha1 === want.generatorSha1 && JSON.stringify(manifest.args) === JSON.stringify(want.args);

  if (exists && sameRecipe && manifest.files === current) {
    log(`reusing ${path.relative(process.cwd(), dir) || dir} (${current} files)`);
    return { dir, files: current, generated: false };
  }
  if (exists && !manifest) {
    // A project from before the manifest: compare its file count with a fresh generation.
    const tmp = `${dir}.tmp-${process.pid}`;
    fs.rmSync(tmp, { recursive: true, force: true });
    const fresh = generate(generator, tmp);
    if (fresh === current) {
      fs.rmSync(tmp, { recursive: true, force: true });
      log(`reusing ${dir} (${current} files, same count as a fresh generation)`);
    } else {
      log(`${dir} has ${current} files, a fresh generation ${fresh}: replacing it`);
      fs.rmSync(dir, { recursive: true, force: true });
      fs.renameSync(tmp, dir);
    }
    fs.writeFileSync(manifestPath, JSON.stringify({ ...want, files: fresh }, null, 2) + "\n");
    return { dir, files: fresh, generated: fresh !== current };
  }
  log(`generating the benchmark project into ${dir} (${GEN_ARGS.join(" ")})`);
  fs.rmSync(dir, { recursive: true, force: true });
  const files = generate(generator, dir);
  fs.writeFileSync(manifestPath, JSON.stringify({ ...want, files }, null, 2) + "\n");
  log(`generated ${files} files`);
  return { dir, files, generated: true };
}
