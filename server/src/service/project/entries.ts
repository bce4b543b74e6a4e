// The files of a project, classified by entity kind and key.

import type { EntityKind } from "../types";
import { parseFlagDocument, type FileParser, type FlagDocument } from "./document";

/** Why a file could not be parsed at all. */
export interface ReadProblem {
  code: "unreadable-file" | "binary-file" | "file-too-large" | "symlink-outside-project";
  message: string;
}

/** One flag file of a project, as currently known (an open editor's text wins over disk). */
export interface FileEntry {
  /** Absolute posix path. */
  readonly path: string;
  /** Path relative to the project root, with `/`. */
  readonly rel: string;
  readonly kind: EntityKind;
  /** The entity key, e.g. `countries/germany` for `segments/countries/germany.yml`. */
  readonly key: string;
  /** The environment of a per-environment file of a `splitByEnvironment` project. */
  readonly environment?: string;
  /** The parsed content; undefined when the file could not be read or parsed at all. */
  readonly doc: FlagDocument | undefined;
  readonly readProblem?: ReadProblem;
  /** Modification time on disk, or the time the editor's text was set. */
  readonly mtime: number;
}

/**
 * An entry whose text is parsed on first use of `doc`. Loading a project reads every file but
 * parses only what is needed, so an opened file is validated before the rest is parsed.
 */
export function textEntry(base: Omit<FileEntry, "doc" | "mtime">, text: string, parser: FileParser, mtime: number): FileEntry {
  let doc: FlagDocument | undefined;
  const entry = { ...base, mtime } as FileEntry;
  Object.defineProperty(entry, "doc", { enumerable: true, get: () => (doc ??= parseFlagDocument(text, parser)) });
  return entry;
}

/** Directory settings that decide which entity a path belongs to. */
export interface EntityLayout {
  attributesDirectoryPath: string;
  segmentsDirectoryPath: string;
  featuresDirectoryPath: string;
  groupsDirectoryPath: string;
  testsDirectoryPath: string;
  schemasDirectoryPath: string;
  targetsDirectoryPath: string;
  environmentsDirectoryPath: string;
  splitByEnvironment: boolean;
  parser: FileParser | "custom";
  /** The extension a parser object names, without its dot; absent for the built-in parsers. */
  parserExtension?: string;
}

/** The file extensions Flaglens reads as entity files; none for a custom parser it cannot read. */
export function extensionsFor(layout: Pick<EntityLayout, "parser" | "parserExtension">): string[] {
  switch (layout.parser) {
    case "json":
      return [".json"];
    case "toml":
      return [".toml"];
    case "custom":
      return [];
    default:
      // A custom YAML parser names one extension; the built-in one is read with both spellings.
      return layout.parserExtension === "yaml" ? [".yaml"] : [".yml", ".yaml"];
  }
}

/** The directories (relative to the root) that hold entity files, with their kinds. */
export function entityDirectories(layout: EntityLayout): [string, EntityKind][] {
  const dirs: [string, EntityKind][] = [
    [layout.attributesDirectoryPath, "attribute"],
    [layout.segmentsDirectoryPath, "segment"],
    [layout.featuresDirectoryPath, "feature"],
    [layout.groupsDirectoryPath, "group"],
    [layout.testsDirectoryPath, "test"],
    [layout.schemasDirectoryPath, "schema"],
    // Only v3 projects have targets; a project with a targets/ folder is taken for v3 (see loader.ts).
    [layout.targetsDirectoryPath, "target"],
  ];
  if (layout.splitByEnvironment) dirs.push([layout.environmentsDirectoryPath, "environment"]);
  // The longest directory wins when one is nested in another.
  return dirs.sort((a, b) => b[0].length - a[0].length);
}

/** Classifies a project-relative path; undefined when it is not a flag file. */
export function classify(
  rel: string,
  layout: EntityLayout,
  keySeparator = "/",
): { kind: EntityKind; key: string; environment?: string } | undefined {
  const ext = extensionsFor(layout).find((e) => rel.endsWith(e));
  if (!ext) return undefined;
  for (const [dir, kind] of entityDirectories(layout)) {
    const prefix = dir === "" || dir === "." ? "" : dir.replace(/\/+$/, "") + "/";
    if (!rel.startsWith(prefix)) continue;
    const inner = rel.slice(prefix.length, rel.length - ext.length);
    if (inner.length === 0) return undefined;
    if (kind === "environment") {
      const slash = inner.indexOf("/");
      if (slash <= 0) return undefined;
      return {
        kind,
        key: inner
          .slice(slash + 1)
          .split("/")
          .join(keySeparator),
        environment: inner.slice(0, slash),
      };
    }
    // v3 writes keys of nested files with dots (`countries.germany`); earlier formats with slashes.
    return { kind, key: keySeparator === "/" ? inner : inner.split("/").join(keySeparator) };
  }
  return undefined;
}
