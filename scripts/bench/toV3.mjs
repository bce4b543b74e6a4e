// The v3 benchmark project: the generated v1 project (../shared/bench) rewritten in Featurevisor 3's
// format, with one target, so that `flaglens lint` and the real 3.1 linter can be timed on the same
// 3,000 features. Written once beside the v1 project and reused while the v1 project is unchanged.
//
//   v1 `environments.<env>.{rules,force,expose}`  ->  top-level `rules`/`force`/`expose` by environment
//   v1 `variablesSchema` (a list)                 ->  a map by variable key
//   v1 variation `variables` (a list, overrides)  ->  `variables` (a map) and `variableOverrides`
//   attributes' `capture`                         ->  dropped (v3 has none)
//   tests/<feature>.spec.yml                       ->  tests/features/<feature>.spec.yml (same assertions)
//   targets/web.yml                                ->  a target (tag `web`), which only v3 has
import fs from "node:fs";
import path from "node:path";
import yaml from "yaml";

const isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);

function convertFeature(v1) {
  const out = {};
  for (const [key, value] of Object.entries(v1)) {
    if (key === "environments" || key === "variablesSchema" || key === "variations") continue;
    out[key] = value;
  }
  if (Array.isArray(v1.variablesSchema)) {
    out.variablesSchema = Object.fromEntries(v1.variablesSchema.map(({ key, ...rest }) => [key, rest]));
  }
  if (Array.isArray(v1.variations)) {
    out.variations = v1.variations.map((variation) => {
      const { variables, ...rest } = variation;
      if (!Array.isArray(variables)) return rest;
      const converted = { ...rest, variables: {} };
      for (const v of variables) {
        converted.variables[v.key] = v.value;
        if (Array.isArray(v.overrides)) {
          converted.variableOverrides ??= {};
          converted.variableOverrides[v.key] = v.overrides;
        }
      }
      return converted;
    });
  }
  if (isObject(v1.environments)) {
    for (const part of ["rules", "force", "expose"]) {
      const byEnvironment = {};
      for (const [environment, settings] of Object.entries(v1.environments)) {
        if (isObject(settings) && settings[part] !== undefined) byEnvironment[environment] = settings[part];
      }
      if (Object.keys(byEnvironment).length > 0) out[part] = byEnvironment;
    }
  }
  return out;
}

function copyTree(from, to, convert) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) copyTree(source, path.join(to, entry.name), convert);
    else if (entry.isFile()) {
      const text = fs.readFileSync(source, "utf8");
      fs.writeFileSync(path.join(to, entry.name), convert ? yaml.stringify(convert(yaml.parse(text))) : text);
    }
  }
}

/**
 * Writes the v3 project into `outDir` from the v1 project in `v1Dir`, unless it is already there
 * for the same v1 project (a stamp file names the v1 manifest). Returns the folder.
 */
export function ensureV3Project(v1Dir, outDir, stamp, log) {
  const stampFile = path.join(outDir, ".flaglens-bench-v3.json");
  try {
    if (fs.readFileSync(stampFile, "utf8") === stamp) {
      log(`reusing ${path.relative(process.cwd(), outDir) || outDir}`);
      return outDir;
    }
  } catch {
    // Not there yet.
  }
  log(`writing the v3 benchmark project into ${outDir}`);
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  fs.copyFileSync(path.join(v1Dir, "featurevisor.config.js"), path.join(outDir, "featurevisor.config.js"));
  // v3 attributes have no `capture` (3.1 rejects it as an unrecognised key).
  copyTree(path.join(v1Dir, "attributes"), path.join(outDir, "attributes"), ({ capture: _capture, ...rest }) => rest);
  for (const folder of ["segments", "groups"]) {
    if (fs.existsSync(path.join(v1Dir, folder))) copyTree(path.join(v1Dir, folder), path.join(outDir, folder));
  }
  copyTree(path.join(v1Dir, "features"), path.join(outDir, "features"), convertFeature);
  if (fs.existsSync(path.join(v1Dir, "tests"))) copyTree(path.join(v1Dir, "tests"), path.join(outDir, "tests", "features"));
  fs.mkdirSync(path.join(outDir, "targets"));
  fs.writeFileSync(path.join(outDir, "targets", "web.yml"), "description: Features for the web\ntag: web\n");
  fs.writeFileSync(stampFile, stamp);
  return outDir;
}
