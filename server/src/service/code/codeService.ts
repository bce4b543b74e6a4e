// Flags in application code as the editor sees them: one index of usages kept up to date file by
// file, and what to show for each usage (diagnostics, code lens, hover, definition, completion).

import { describeFeature, describeVariation } from "../authoring/describe";
import { userOutcomes, type NamedContext } from "../authoring/preview";
import { environmentSummary, escapeMarkdown, outcomeInWords, segmentFacts, userLine } from "../authoring/wording";
import type { EvaluationState } from "../evaluation";
import { environmentViews, featureEnvironments, variableDecls, variationViews } from "../project/featureView";
import type { Project } from "../project/project";
import {
  hoverLink,
  type CodeActionResult,
  type CompletionItem,
  type FlaglensDiagnostic,
  type HoverResult,
  type Position,
  type Range,
} from "../types";
import type { SeverityOverrides } from "../validation/codes";
import type { Workspace } from "../workspace";
import { FlagCatalog } from "./catalog";
import { CodeIndex } from "./codeIndex";
import { doCodeDiagnostics } from "./diagnostics";
import { resolveBehaviour, type Keep } from "../fixes/behaviour";
import { loadRewriters } from "../fixes/index";
import { planFlagRemoval, type FlagRemovalPlan } from "../fixes/plan";
import { doRemoveFlagFixes } from "./removeFix";
import { doChangeToFixes } from "./changeToFix";
import { Scanner } from "./scan";
import { featureChangedAt, needsRolloutDate, type StalenessContext } from "./staleness";
import type { CodeScanSettings, FileScan, Usage } from "./usages";
import type { CodeLensMode } from "./settings";

/** Edited code files above this many characters are not scanned: the same 2 MiB as the tree scan's limit on disk (node/codeScanWorker.ts). */
export const MAX_EDITED_CODE_SIZE = 2 * 1024 * 1024;

/** A code lens over a usage. */

export interface UsageLens {
  range: Range;
  title: string;
  /** The flags the lens is about (one, or every flag called on its line). */
  features: string[];
  /** While previewing as a user: why the user gets what the title says, per flag and environment. */
  tooltip?: string;
  /** Where the flags are defined, for the lens to open. */
  locations: { path: string; range: Range }[];
}

function inside(r: Range | undefined, p: Position): boolean {
  if (!r) return false;
  const afterStart = r.start.line < p.line || (r.start.line === p.line && r.start.character <= p.character);
  const beforeEnd = r.end.line > p.line || (r.end.line === p.line && r.end.character >= p.character);
  return afterStart && beforeEnd;
}

/** Whether a proposal matches what is typed, as editors filter: its first character at a word start, the rest in order. */
function matchesTyped(label: string, typed: string): boolean {
  if (typed === "") return true;
  const l = label.toLowerCase();
  const p = typed.toLowerCase();
  for (let start = 0; start < l.length; start++) {
    if (l[start] !== p[0] || !(start === 0 || !/[a-z0-9]/i.test(label[start - 1]) || /[A-Z]/.test(label[start]))) continue;
    let j = 1;
    for (let k = start + 1; k < l.length && j < p.length; k++) if (l[k] === p[j]) j++;
    if (j === p.length) return true;
  }
  return false;
}

/** A flag's rollout on one line: `newCheckout · staging: everyone · production: employees, 50% of netherlands, 5% of everyone else`. */
export function rolloutLine(project: Project, key: string): string {
  const feature = project.entry("feature", key);
  if (!feature?.doc) return key;
  const facts = segmentFacts(project);
  return [key, ...featureEnvironments(project, key).map((env) => environmentSummary(env, facts))].join(" · ");
}

/** Where a flag's file is opened from a lens or hover: its rules (the first environment's), else its top. */
function featureLocation(project: Project, key: string): { path: string; range: Range } | undefined {
  const entry = project.entry("feature", key);
  if (!entry?.doc) return undefined;
  const rulesPath = environmentViews(entry.doc.value, project.format, project.environments).find((e) => e.rulesPath)?.rulesPath;
  const start = rulesPath ? entry.doc.locate(rulesPath, "key").start : { line: 0, character: 0 };
  return { path: entry.path, range: { start, end: start } };
}

/** The user being previewed ("Preview as User"), with each project's builder state. */
export interface UserPreviewSource {
  user: NamedContext;
  stateOf: (root: string) => EvaluationState | undefined;
}

/** The code index of a workspace, with what editors show about usages. */
export class CodeService {
  readonly index = new CodeIndex();
  private scanner = new Scanner();
  /** Whether a file is scanned (flaglens.code.include and exclude). */
  private accepts: (path: string) => boolean = () => true;
  /** Whether an edited file is scanned beyond `accepts`: what a tree scan decides itself (.gitignore). */
  private acceptsEdited: (path: string) => boolean = () => true;
  private catalogCache: { projects: Project[]; catalog: FlagCatalog } | undefined;
  private staleness: StalenessContext | undefined;
  /** While previewing as a user, lenses and hovers over flag calls say what that user gets. */
  private preview: UserPreviewSource | undefined;

  constructor(
    private readonly workspace: Workspace,
    private readonly severity: () => SeverityOverrides = () => ({}),
  ) {}

  /** Whether a path is application code Flaglens scans. */
  handles(path: string): boolean {
    return this.scanner.handles(path);
  }

  /**
   * New scan settings (wrapper functions, clients) and which files are scanned: files as they are
   * edited are scanned with these from now on; the host rescans the tree (see `replaceFolder`).
   * `acceptsEdited` also rules on files as they are edited, as a tree scan would (the host reads
   * .gitignore files), so that an editor shows nothing the scan would leave out.
   */
  configure(
    settings: CodeScanSettings,
    accepts: (path: string) => boolean = () => true,
    acceptsEdited: (path: string) => boolean = () => true,
  ): void {
    this.scanner = new Scanner(settings);
    this.accepts = accepts;
    this.acceptsEdited = acceptsEdited;
  }

  /** The features of all loaded projects; rebuilt when the set of projects changes. */
  catalog(): FlagCatalog {
    const projects = [...this.workspace.projects.values()];
    const c = this.catalogCache;
    if (c && c.projects.length === projects.length && c.projects.every((p, i) => p === projects[i])) return c.catalog;
    const catalog = new FlagCatalog(projects, this.staleness);
    this.catalogCache = { projects, catalog };
    return catalog;
  }

  /** Previews flag calls as a user (lenses and hovers say what the user gets), or stops with undefined. */
  setUserPreview(preview: UserPreviewSource | undefined): void {
    this.preview = preview;
  }

  /** Dates and settings for stale-flag (the host reads git); without them no flag is stale for being rolled out. */
  setStaleness(context: StalenessContext): void {
    this.staleness = context;
    this.catalogCache = undefined;
  }

  /** The referenced features with the project that defines each, for looking up their dates. */
  referencedFeatures(): [Project, string][] {
    const catalog = this.catalog();
    return [...this.index.referencedKeys().keys()].flatMap((key) => {
      const ref = catalog.lookup(key);
      return ref ? [[ref.project, key] as [Project, string]] : [];
    });
  }

  /**
   * Whether one of these features (every referenced one without `keys`) is used in code and could
   * be stale for being fully rolled out, but its date was never looked up: it became rolled out
   * through a segment, group or required feature after the dates were read. Then the host reads
   * them again. False until the first dates are in (the startup scan reads them).
   */
  lacksDates(keys?: Iterable<string>): boolean {
    const staleness = this.staleness;
    if (!staleness) return false;
    const catalog = this.catalog();
    for (const key of keys ?? this.index.referencedKeys().keys()) {
      const ref = this.index.filesUsing(key).length > 0 ? catalog.lookup(key) : undefined;
      if (!ref || !needsRolloutDate(ref.project, key, staleness.settings)) continue;
      if (featureChangedAt(ref.project, key, staleness) === undefined) return true;
    }
    return false;
  }

  /**
   * Replaces the scan results of every file below a folder by those of a new tree scan: files
   * below it that the scan did not return, or that the include and exclude globs reject, are
   * dropped. Returns the files whose usages changed.
   */
  replaceFolder(folder: string, results: Iterable<[string, FileScan | undefined]>): Set<string> {
    const prefix = folder.endsWith("/") ? folder : folder + "/";
    const changes = [...results].filter(([p]) => this.accepts(p));
    const found = new Set(changes.map(([p]) => p));
    for (const p of [...this.index.files()]) if (p.startsWith(prefix) && !found.has(p)) changes.push([p, undefined]);
    return this.index.update(changes);
  }

  /**
   * Forgets the files below a folder that is no longer scanned, except those a remaining folder
   * holds (nothing when one holds the folder itself). Returns the files whose usages changed.
   */
  dropFolder(folder: string, remaining: readonly string[]): Set<string> {
    const below = (dir: string, p: string) => p === dir || p.startsWith(dir.endsWith("/") ? dir : dir + "/");
    if (remaining.some((r) => below(r, folder))) return new Set();
    const gone = [...this.index.files()].filter((p) => below(folder, p) && !remaining.some((r) => below(r, p)));
    return this.index.update(gone.map((p): [string, undefined] => [p, undefined]));
  }

  /** An edited or saved file: rescanned with its constants; returns the files whose usages changed. */
  updateFile(path: string, text: string | undefined): Set<string> {
    // An edited file over the limit is dropped from the index, as the tree scan skips such a file on disk.
    const scanned = text !== undefined && text.length <= MAX_EDITED_CODE_SIZE && this.accepts(path) && this.acceptsEdited(path);
    const scan = scanned ? this.scanner.scan(path, text, true) : undefined;
    return this.index.update([[path, scan]]);
  }

  /** The files with usages. */
  filesWithUsages(): string[] {
    return [...this.index.files()].filter((f) => this.index.usages(f).length > 0);
  }

  diagnostics(path: string): FlaglensDiagnostic[] {
    const usages = this.index.usages(path);
    return usages.length ? doCodeDiagnostics(usages, this.catalog(), this.severity()) : [];
  }

  /**
   * Lenses over SDK calls: each flag's rollout, or why it is unknown. One per call, or one per line
   * (the flags called on it, each once, in order; a flag called again on the next line is not told
   * again, so that a block reading one flag's variation and variables gets one lens), or none.
   */
  lenses(path: string, mode: CodeLensMode = "line"): UsageLens[] {
    if (mode === "off") return [];
    const catalog = this.catalog();
    const out: UsageLens[] = [];
    const byLine = new Map<number, UsageLens>();
    const titles = new Map<string, { title: string; tooltip?: string }>();
    const preview = this.preview;
    /** Per flag, the last line it is called on (line mode). */
    const lastLine = new Map<string, number>();
    for (const u of this.index.usages(path)) {
      if (u.feature === null || u.kind === "constant") continue;
      if (mode === "line") {
        const line = u.callRange.start.line;
        const last = lastLine.get(u.feature);
        lastLine.set(u.feature, line);
        if (last !== undefined && line - last === 1) continue;
      }
      const ref = catalog.lookup(u.feature);
      let words = titles.get(u.feature);
      if (words === undefined) {
        const state = ref?.info.archived ? " (archived)" : ref?.info.deprecated ? " (deprecated)" : "";
        if (!ref) words = { title: `${u.feature}: not defined in any project` };
        else if (preview) {
          // What the previewed user gets, instead of who gets the flag.
          const outcomes = userOutcomes(ref.project, u.feature, preview.user, preview.stateOf(ref.project.root));
          words = {
            title: userLine(u.feature, preview.user.name, outcomes) + state,
            tooltip: outcomes.map((o) => `${u.feature} in ${o.environment || "all environments"}: ${o.reason}`).join("\n"),
          };
        } else words = { title: rolloutLine(ref.project, u.feature) + state };
        titles.set(u.feature, words);
      }
      const { title, tooltip } = words;
      const location = ref ? featureLocation(ref.project, u.feature) : undefined;
      const same = mode === "line" ? byLine.get(u.callRange.start.line) : undefined;
      if (same) {
        if (same.features.includes(u.feature)) continue;
        same.features.push(u.feature);
        same.title += `  |  ${title}`;
        if (tooltip) same.tooltip = same.tooltip ? `${same.tooltip}\n${tooltip}` : tooltip;
        if (location) same.locations.push(location);
        continue;
      }
      const lens: UsageLens = {
        range: u.callRange,
        title,
        features: [u.feature],
        locations: location ? [location] : [],
        ...(tooltip ? { tooltip } : {}),
      };
      byLine.set(u.callRange.start.line, lens);
      out.push(lens);
    }
    return out;
  }

  private usageAt(path: string, position: Position): Usage | undefined {
    return this.index.usages(path).find((u) => inside(u.keyRange ?? u.range, position) || inside(u.callRange, position));
  }

  /** The feature of the flag call at a position in code (its key or anywhere in the call), if it names one. */
  featureAt(path: string, position: Position): string | undefined {
    return this.usageAt(path, position)?.feature ?? undefined;
  }

  hover(path: string, position: Position): HoverResult | undefined {
    const u = this.usageAt(path, position);
    if (!u || u.feature === null) return undefined;
    const ref = this.catalog().lookup(u.feature);
    const status = this.catalog().status(u.feature);
    const body = ref ? describeFeature(ref.project, u.feature) : `**Feature \`${u.feature}\`** is not defined in any Featurevisor project.`;
    const asUser = ref && this.preview ? this.previewHover(ref.project, u.feature, this.preview) + "\n\n---\n\n" : "";
    const location = ref ? featureLocation(ref.project, u.feature) : undefined;
    const file = ref ? `\n\nDefined in [\`${ref.info.entry.rel.replace(/`/g, "'")}\`](${hoverLink(0)}) · status: ${status}` : "";
    const links = location ? [{ path: location.path, line: location.range.start.line }] : [];
    const feature = ref ? { key: u.feature, root: ref.project.root } : undefined;
    return { contents: asUser + (body ?? u.feature) + file, range: u.keyRange ?? u.range, links, ...(feature ? { feature } : {}) };
  }

  /** The top of a flag call's hover while previewing: what the user gets per environment, and why. */
  private previewHover(project: Project, key: string, preview: UserPreviewSource): string {
    const md = escapeMarkdown;
    const lines = userOutcomes(project, key, preview.user, preview.stateOf(project.root)).map(
      (o) => `- ${md(o.environment || "all environments")}: **${md(outcomeInWords(o))}** (${md(o.reason)})`,
    );
    return [`**As ${md(preview.user.name)}** \`${JSON.stringify(preview.user.context).replace(/`/g, "'")}\``, ...lines].join("\n");
  }

  /** The feature file a usage's key refers to. */
  definition(path: string, position: Position): { path: string; range: Range } | undefined {
    const u = this.usageAt(path, position);
    const ref = u?.feature ? this.catalog().lookup(u.feature) : undefined;
    return ref ? { path: ref.info.entry.path, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } } : undefined;
  }

  /**
   * Feature keys inside an SDK call's key literal; variable keys inside its variable literal;
   * variation values inside a string a getVariation result is compared with.
   */
  complete(path: string, position: Position): CompletionItem[] {
    const usages = this.index.usages(path);
    const u = usages.find((x) => inside(x.keyRange, position) || inside(x.variableKeyRange, position));
    if (!u) return this.completeVariation(usages, position);
    const catalog = this.catalog();
    if (inside(u.variableKeyRange, position) && u.feature) {
      const ref = catalog.lookup(u.feature);
      const decls = ref ? variableDecls(ref.info.entry.doc?.value) : [];
      return decls.map((d) => ({
        label: d.key,
        kind: "variable",
        detail: `variable: ${String(d.type)}`,
        range: u.variableKeyRange!,
        insertText: d.key,
      }));
    }
    return catalog.keys().map((key) => ({
      label: key,
      kind: "feature",
      detail: catalog.lookup(key)?.info.archived ? "feature (archived)" : "feature",
      describe: { kind: "feature", key },
      range: u.keyRange!,
      insertText: key,
    }));
  }

  /** The variations of the feature whose getVariation result is compared with the string at `position` (`=== "|"`, `case "|":`). */
  private completeVariation(usages: readonly Usage[], position: Position): CompletionItem[] {
    for (const u of usages) {
      const s = u.comparedVariations?.find((c) => inside(c.valueRange, position));
      if (!s) continue;
      const ref = u.feature === null ? undefined : this.catalog().lookup(u.feature);
      const feature = ref?.info.entry.doc?.value;
      if (!ref || feature === undefined) return [];
      // An unterminated string runs to the end of its line: then only what is typed is replaced.
      const closed = s.range.end.line !== s.valueRange.end.line || s.range.end.character !== s.valueRange.end.character;
      const range = closed ? s.valueRange : { start: s.valueRange.start, end: position };
      const typed =
        position.line === s.valueRange.start.line ? s.value.slice(0, position.character - s.valueRange.start.character) : s.value;
      return variationViews(feature).flatMap((v): CompletionItem[] => {
        const value = v.value.value;
        if (typeof value !== "string" || !matchesTyped(value, typed)) return [];
        const weight = v.weight === undefined ? "" : ` · weight ${String(v.weight.value)}%`;
        const where = `Feature \`${u.feature}\` · \`${ref.info.entry.rel}\``;
        return [
          {
            label: value,
            kind: "variation",
            detail: `variation of ${u.feature}${weight}`,
            documentation: [describeVariation(feature, value), where].filter(Boolean).join("\n\n"),
            range,
            insertText: value,
          },
        ];
      });
    }
    return [];
  }

  /** Quick fixes for the diagnostics of a code file with its current text: changing an unknown key to a close one, removing retired flags. */
  codeActions(path: string, text: string, diagnostics: FlaglensDiagnostic[]): CodeActionResult[] {
    const current = this.diagnostics(path);
    // The server's own diagnostics are used (with their data), matched by code and line.
    const matched = diagnostics.flatMap((d) =>
      current.filter((c) => c.code === d.code && c.range.start.line === d.range.start.line).slice(0, 1),
    );
    return [...doChangeToFixes(path, matched), ...doRemoveFlagFixes(path, text, matched, this.catalog(), this.index)];
  }

  /**
   * The plan of removing a flag from every file that uses it, as `flaglens remove` would (the same
   * planFlagRemoval); with `withFiles`, the feature's own file and its tests are deleted too.
   * `readText` gives a file's current text (an open editor's, or the disk's). Only constants no
   * other file can see are deleted: the index does not hold every file that may use a name.
   */
  async removalEverywhere(
    key: string,
    keep: Keep,
    readText: (path: string) => Promise<string | undefined>,
    withFiles = false,
  ): Promise<FlagRemovalPlan | undefined> {
    const ref = this.catalog().lookup(key);
    if (!ref) return undefined;
    const { behaviour, error } = resolveBehaviour(ref.info.entry.doc?.value, keep, ref.project.format, ref.project.environments);
    if (error) return undefined;
    const texts = new Map<string, string | undefined>();
    for (const path of this.index.filesUsing(key)) texts.set(path, await readText(path));
    await loadRewriters(texts.keys());
    // Without the whole tree (the index holds only files with usages), a constant other files may see stays.
    return planFlagRemoval({
      featureKey: key,
      behaviour,
      index: this.index,
      read: (path) => texts.get(path),
      ...(withFiles ? { withFiles: ref.project } : {}),
    });
  }

  /** Code usages of a feature, for references from its YAML. */
  usagesOf(key: string): Usage[] {
    return this.index.usagesOf(key);
  }
}
