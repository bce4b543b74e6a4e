// Walking the folders of a tree through the injected FileSystem, without leaving a boundary:
// symbolic links are followed only while their targets stay inside it, and never back up the tree.

import { isWithin } from "../containment";
import { joinPath, type FileSystem, type FileType } from "../fileSystem";

const MAX_DEPTH = 24;

/** What a tree walk does with each directory's entries. */
export interface WalkVisitor {
  /** Called with the entries of each directory reached. */
  directory?(dir: string, entries: [string, FileType][]): void;
  /** Whether to descend into a child directory. */
  descend?(name: string): boolean;
  file?(path: string, name: string): void;
  /** Called when a directory cannot be listed. */
  unlisted?(dir: string, error: unknown): void;
  /** Called for a symbolic link whose target lies outside the walk's boundary; it is not followed. */
  outside?(path: string, name: string, type: FileType): void;
  /** Called for a link to a folder at or above itself: following it would walk the same files again. */
  loop?(path: string): void;
}

/**
 * Walks a tree, following symbolic links whose targets stay within `boundary` (a real path), and
 * each real directory once, so loops end. Links that leave the boundary and links back up the
 * tree are reported to the visitor, never followed.
 */
export async function walkTree(
  fs: FileSystem,
  start: string,
  boundary: string,
  visitor: WalkVisitor,
  seen = new Set<string>(),
): Promise<void> {
  const walk = async (dir: string, real: string, depth: number): Promise<void> => {
    if (depth > MAX_DEPTH || seen.has(real)) return; // A folder reached twice (through a link) is walked once.
    seen.add(real);
    let entries: [string, FileType][];
    try {
      entries = await fs.readDirectory(dir);
    } catch (error) {
      visitor.unlisted?.(dir, error);
      return;
    }
    visitor.directory?.(dir, entries);
    for (const [name, type] of entries) {
      const child = joinPath(dir, name);
      if (type === "symlink") await followLink(child, name, real, depth);
      else if (type === "directory" && (visitor.descend?.(name) ?? true)) await walk(child, joinPath(real, name), depth + 1);
      else if (type === "file") visitor.file?.(child, name);
    }
  };
  const followLink = async (link: string, name: string, parentReal: string, depth: number): Promise<void> => {
    const target = await realPathOf(fs, link);
    const type = target === undefined ? undefined : (await fs.stat(link))?.type;
    if (target === undefined || type === undefined) return; // A dangling link, or a loop of links.
    if (!isWithin(boundary, target)) return visitor.outside?.(link, name, type);
    if (type === "file") return visitor.file?.(link, name);
    if (type !== "directory" || !(visitor.descend?.(name) ?? true)) return;
    if (isWithin(target, parentReal)) return visitor.loop?.(link);
    await walk(link, target, depth + 1);
  };
  const real = await realPathOf(fs, start);
  if (real === undefined) return;
  if (!isWithin(boundary, real)) return visitor.outside?.(start, start.slice(start.lastIndexOf("/") + 1), "directory");
  await walk(start, real, 0);
}

/** The real path, or undefined for a missing path or a loop of links. */
export async function realPathOf(fs: FileSystem, path: string): Promise<string | undefined> {
  try {
    return await fs.realPath(path);
  } catch {
    return undefined;
  }
}
