// A Featurevisor project: its configuration, its files, and derived symbol tables.

import type { EntityKind, ProjectFormat } from "../types";
import type { ConfigReadResult, StaticConfig } from "./configReader";
import type { EntityLayout, FileEntry } from "./entries";
import type { UnreadFiles } from "./unread";
import { isObject, requiredViews, variableDecls, variationViews } from "./featureView";
import type { ProjectVersion } from "./version";
import { conditionsMatchEveryone } from "./walk";

/** What other files need to know about a feature. */
export interface FeatureInfo {
  key: string;
  entry: FileEntry;
  archived: boolean;
  deprecated: boolean;
  description?: string;
  variations: string[];
  variables: Map<string, { type: unknown; deprecated: boolean }>;
  required: string[];
}

/** What other files need to know about a segment. */
export interface SegmentInfo {
  key: string;
  entry: FileEntry;
  archived: boolean;
  matchesEveryone: boolean;
}

/** What other files need to know about an attribute. */
export interface AttributeInfo {
  key: string;
  entry: FileEntry;
  archived: boolean;
  type: unknown;
}

/** A feature's place in a group. */
export interface GroupSlotRef {
  group: FileEntry;
  slotIndex: number;
  percentage: unknown;
}

/** The configuration as Flaglens understands it, and how it was obtained. */
export interface ProjectConfigInfo {
  config: StaticConfig;
  read: ConfigReadResult;
  /** `static` when read without executing; `executed` when the trusted config was run. */
  source: "static" | "executed";
  /** The text of featurevisor.config.js, for ranges of config findings. */
  text: string;
  /**
   * Whether the config says `environments` at all. Without it, v1 and v2 default to staging and
   * production, and v3 has no environments. Absent: taken as said.
   */
  environmentsGiven?: boolean;
}

/** A loaded project. Entries are replaced, never mutated, so derived info can be cached per entry. */
export class Project {
  readonly files = new Map<string, FileEntry>();
  private readonly byKind = new Map<EntityKind, Map<string, FileEntry>>();
  private readonly infoCache = new WeakMap<FileEntry, unknown>();
  private groupIndex: Map<string, GroupSlotRef[]> | undefined;
  /** The format and version detected once the files are listed, and why (see version.ts). */
  version: ProjectVersion | undefined;
  /** Entity files Flaglens does not read (custom parser, other extension, none found), told on the config. */
  unread: UnreadFiles | undefined;
  /** Bumped on every change, so callers can cache per generation. */
  generation = 0;
  /** The root with symbolic links resolved: what a file's real path must lie under to be read. */
  realRoot: string;
  /** Links to folders outside the project found in its entity folders (relative paths); they are not followed. */
  outsideLinks: string[] = [];

  /**
   * `root` is the folder the entity directories are found in: the config's folder, or for a set of
   * a `sets: true` project (v3.1) the set's own folder, `sets/<set>`, so that every set is a project
   * of its own and no reference crosses sets.
   */
  constructor(
    readonly root: string,
    readonly configPath: string,
    public configInfo: ProjectConfigInfo,
    public format: ProjectFormat,
    readonly set?: string,
  ) {
    this.realRoot = root;
  }

  /** The folder that holds featurevisor.config.js (the root, except for a set). */
  get configRoot(): string {
    return this.configPath.slice(0, this.configPath.lastIndexOf("/")) || "/";
  }

  /** How keys of files in nested folders are written: `/` up to v2; in v3 the config's `namespaceCharacter`, by default `.`. */
  get keySeparator(): string {
    return this.format === "v3" ? (this.config.namespaceCharacter ?? ".") : "/";
  }

  /** Where the entity files are, relative to `root`: a set always uses Featurevisor's fixed folder names. */
  get layout(): EntityLayout {
    if (this.set === undefined) return this.config;
    return { ...this.config, ...SET_LAYOUT };
  }

  get config(): StaticConfig {
    return this.configInfo.config;
  }

  /** The project's environments, or false for a project without environments. */
  get environments(): string[] | false {
    return this.config.environments;
  }

  setFile(entry: FileEntry): void {
    const old = this.files.get(entry.path);
    if (old) this.byKind.get(old.kind)?.delete(old.key + envSuffix(old));
    this.files.set(entry.path, entry);
    let m = this.byKind.get(entry.kind);
    if (!m) this.byKind.set(entry.kind, (m = new Map()));
    m.set(entry.key + envSuffix(entry), entry);
    this.changed();
  }

  deleteFile(path: string): FileEntry | undefined {
    const old = this.files.get(path);
    if (!old) return undefined;
    this.files.delete(path);
    this.byKind.get(old.kind)?.delete(old.key + envSuffix(old));
    this.changed();
    return old;
  }

  private changed(): void {
    this.generation++;
    this.groupIndex = undefined;
  }

  /** The entry of an entity, by kind and key. */
  entry(kind: EntityKind, key: string, environment?: string): FileEntry | undefined {
    return this.byKind.get(kind)?.get(key + (environment !== undefined ? "@" + environment : ""));
  }

  /** All entries of a kind. */
  entries(kind: EntityKind): FileEntry[] {
    return [...(this.byKind.get(kind)?.values() ?? [])];
  }

  /** All keys of a kind. */
  keys(kind: EntityKind): string[] {
    return this.entries(kind).map((e) => e.key);
  }

  has(kind: EntityKind, key: string): boolean {
    return this.entry(kind, key) !== undefined;
  }

  private cached<T>(entry: FileEntry, make: () => T): T {
    if (this.infoCache.has(entry)) return this.infoCache.get(entry) as T;
    const v = make();
    this.infoCache.set(entry, v);
    return v;
  }

  feature(key: string): FeatureInfo | undefined {
    const entry = this.entry("feature", key);
    if (!entry) return undefined;
    return this.cached(entry, () => {
      const v = entry.doc?.value;
      const o = isObject(v) ? v : {};
      const variables = new Map<string, { type: unknown; deprecated: boolean }>();
      for (const d of variableDecls(v)) variables.set(d.key, { type: d.type, deprecated: d.deprecated });
      return {
        key,
        entry,
        archived: o.archived === true,
        deprecated: o.deprecated === true,
        description: typeof o.description === "string" ? o.description : undefined,
        variations: variationViews(v)
          .map((x) => x.value.value)
          .filter((x): x is string => typeof x === "string"),
        variables,
        required: requiredViews(v)
          .map((r) => r.key.value)
          .filter((x): x is string => typeof x === "string"),
      };
    });
  }

  segment(key: string): SegmentInfo | undefined {
    const entry = this.entry("segment", key);
    if (!entry) return undefined;
    return this.cached(entry, () => {
      const o = isObject(entry.doc?.value) ? (entry.doc!.value as Record<string, unknown>) : {};
      return { key, entry, archived: o.archived === true, matchesEveryone: conditionsMatchEveryone(o.conditions) };
    });
  }

  attribute(key: string): AttributeInfo | undefined {
    const entry = this.entry("attribute", key);
    if (!entry) return undefined;
    return this.cached(entry, () => {
      const o = isObject(entry.doc?.value) ? (entry.doc!.value as Record<string, unknown>) : {};
      return { key, entry, archived: o.archived === true, type: o.type };
    });
  }

  /** The group slots that name a feature. */
  groupsOf(featureKey: string): GroupSlotRef[] {
    if (!this.groupIndex) {
      const index = new Map<string, GroupSlotRef[]>();
      for (const group of this.entries("group")) {
        const v = group.doc?.value;
        if (!isObject(v) || !Array.isArray(v.slots)) continue;
        v.slots.forEach((slot, slotIndex) => {
          if (!isObject(slot) || typeof slot.feature !== "string") return;
          const list = index.get(slot.feature) ?? [];
          list.push({ group, slotIndex, percentage: slot.percentage });
          index.set(slot.feature, list);
        });
      }
      this.groupIndex = index;
    }
    return this.groupIndex.get(featureKey) ?? [];
  }
}

/** The folders of every set, fixed by Featurevisor whatever the config's directory paths say. */
const SET_LAYOUT = {
  attributesDirectoryPath: "attributes",
  segmentsDirectoryPath: "segments",
  featuresDirectoryPath: "features",
  groupsDirectoryPath: "groups",
  testsDirectoryPath: "tests",
  schemasDirectoryPath: "schemas",
  targetsDirectoryPath: "targets",
  splitByEnvironment: false,
};

function envSuffix(e: FileEntry): string {
  return e.environment !== undefined ? "@" + e.environment : "";
}
